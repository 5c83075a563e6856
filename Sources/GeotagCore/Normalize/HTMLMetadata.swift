import Foundation

/// What a page says about itself, each field from the best place that has it:
///
/// | field | first of |
/// |---|---|
/// | ``title`` | `og:title`; `twitter:title`; the title metas of Parse.ly, Sailthru and Dublin Core; `<title>`; the first `<h1>`. A title that is a page heading (`h1`–`h3`) plus a separator and more (" \| Site", " - Author") is that heading; otherwise a site's name is cut off as ``strippingSiteName(_:site:guessing:)`` says |
/// | ``published`` | `article:published_time` (as `property` or `name`, or `og:article:published_time`); JSON-LD `datePublished`; microdata `itemprop="datePublished"`; the date metas of common CMSs (Parse.ly, Sailthru, Dublin Core, `pubdate`, `publish-date`, `date`, ...); the first `<time datetime>` outside navigation, asides and footers; a date in the canonical URL (`/2024/05/16/`). Each is normalised by ``PublishedDate``; one that is not a date is passed over. A page whose `og:type` is `website` (a section front) gets no date from `<time>` or its URL |
/// | ``author`` | `<meta name="author">`; `article:author` (all of them; URLs are not names); the author metas of Parse.ly, Sailthru, Dublin Core and `byl`; JSON-LD `author` names; microdata `itemprop="author"`; `<a rel="author">` |
/// | ``site`` | `og:site_name`; JSON-LD `publisher.name`; `application-name`; what `<title>` holds beside the headline |
/// | ``canonicalURL`` | `<link rel="canonical">`; `og:url` (relative ones resolved against the page's URL, kept only when absolute http(s)) |
/// | ``language`` | `<html lang>`; `<meta http-equiv="content-language">` |
///
/// Values are cleaned like article text (``TextHygiene/field(_:)``). Metadata given by
/// the source (JSONL fields, feed items) wins over all of this; the normalizer decides
/// that. ``headline`` is the heading element that the title names, which ``MainText``
/// puts first in the text.
struct HTMLMetadata {
    var title: String?
    var published: String?
    var author: String?
    var site: String?
    var canonicalURL: String?
    var language: String?
    /// The page's headline element; it borrows from the document.
    var headline: HTMLNode?
    /// The article's text as the page's JSON-LD gives it (`articleBody`), raw: what a
    /// page that its scripts fill in holds of the article.
    var linkedArticleBody: String?

    /// Reads the metadata of `document`, resolving a relative canonical URL against
    /// `pageURL` when it is an absolute http(s) URL.
    init(document: HTMLDocument, pageURL: String?) {
        var facts = PageFacts()
        if let root = document.root { facts.gather(root, inBoilerplate: false, inSVG: false) }
        let linkedData = LinkedData(scripts: facts.jsonLD)
        let meta = facts.meta
        let headings = facts.headings.compactMap { node, text in TextHygiene.field(text).map { (node, $0) } }
        let headingTexts = headings.map { (text: $0.1, isMain: $0.0.tag == "h1") }

        let titleElement = TextHygiene.field(facts.titleElement)
        let headlineInTitleElement = titleElement.flatMap { Self.heading(in: $0, among: headingTexts) }
        site = TextHygiene.field(meta["og:site_name"]) ?? TextHygiene.field(linkedData.publisher)
            ?? TextHygiene.field(meta["application-name"])
            ?? headlineInTitleElement.flatMap { Self.siteName(in: titleElement!, beside: $0) }
        author = Self.author(facts: facts, linkedData: linkedData)
        let site = site
        let namedTitle = ["og:title", "twitter:title", "parsely-title", "sailthru.title", "dcterms.title", "dc.title"]
            .lazy.compactMap { TextHygiene.field(meta[$0]) }.first
        if let namedTitle {
            title = Self.heading(in: namedTitle, among: headingTexts)
                ?? Self.strippingSiteName(namedTitle, site: site, guessing: false)
        } else if let titleElement {
            title = headlineInTitleElement ?? Self.strippingSiteName(titleElement, site: site, guessing: true)
        } else {
            title = headings.first { facts.firstHeading == $0.0.identity }?.1
        }
        let title = title
        headline = title.flatMap { title in headings.first { $0.1.lowercased() == title.lowercased() }?.0 }

        canonicalURL = [facts.canonical, meta["og:url"]].lazy.compactMap { $0.flatMap { Self.absoluteURL($0, base: pageURL) } }.first
        var dates = [meta["article:published_time"], meta["og:article:published_time"], linkedData.datePublished,
                     meta["itemprop:datepublished"]]
        dates += Self.cmsDateNames.map { meta[$0] }
        let isSectionPage = meta["og:type"]?.lowercased() == "website"
        if !isSectionPage { dates.append(facts.timeElement) }
        published = dates.lazy.compactMap { $0.flatMap(PublishedDate.normalized) }.first
        if published == nil, !isSectionPage {
            published = [canonicalURL, pageURL].lazy.compactMap { $0.flatMap(PublishedDate.inURL) }.first
        }
        language = TextHygiene.field(facts.language) ?? TextHygiene.field(meta["content-language"])
        linkedArticleBody = linkedData.articleBody
    }

    /// Date metas of common CMSs and analytics tags, most specific first.
    private static let cmsDateNames = [
        "parsely-pub-date", "sailthru.date", "dcterms.date", "dcterms.issued", "dcterms.created", "dc.date.issued",
        "dc.date", "article.published", "published_time", "datepublished", "pubdate", "publishdate", "publish-date",
        "publish_date", "date", "og:published_time", "cxenseparse:recs:publishtime",
    ]

    /// Author metas of analytics tags and Dublin Core, after `author` and `article:author`.
    private static let cmsAuthorNames = ["parsely-author", "sailthru.author", "dcterms.creator", "dc.creator", "byl"]

    private static func author(facts: PageFacts, linkedData: LinkedData) -> String? {
        let isName: (String) -> Bool = { !$0.contains("://") && !$0.hasPrefix("/") && !$0.hasPrefix("@") }
        var groups: [[String]] = []
        groups += (["author", "article:author", "og:article:author"] + cmsAuthorNames).map { facts.authorMetas[$0] ?? [] }
        groups.append(linkedData.authors)
        groups.append(facts.microdataAuthors)
        groups.append(facts.relAuthors)
        for group in groups {
            var names: [String] = []
            for value in group {
                guard var name = TextHygiene.field(value), isName(name) else { continue }
                if name.lowercased().hasPrefix("by ") { name = String(name.dropFirst(3)) }
                if !names.contains(name) { names.append(name) }
            }
            if !names.isEmpty { return names.joined(separator: ", ") }
        }
        return nil
    }

    /// Separators between a headline and a site's or author's name, in titles.
    private static let headlineSeparators: [Character] = ["|", "-", "–", "—", ":", "·", "•", "«", "»", "/"]

    /// The heading that `title` consists of, with a separator and a short addition
    /// before or after it ("Headline | Site", "Blog: Headline"), or that it equals;
    /// the longest such heading (a blog's name can be a heading too). Only an `h1` of
    /// fewer than three words counts ("Mosul Dam - Atlas"): shorter `h2`s and `h3`s
    /// are more often a section's name.
    static func heading(in title: String, among headings: [(text: String, isMain: Bool)]) -> String? {
        let lowerTitle = title.lowercased()
        var best: String?
        for (heading, isMain) in headings {
            let lowerHeading = heading.lowercased()
            if lowerTitle == lowerHeading { return heading }
            guard heading.count > best?.count ?? 0, isMain || heading.split(separator: " ").count >= 3 else { continue }
            if lowerTitle.hasPrefix(lowerHeading),
               lowerTitle.dropFirst(lowerHeading.count).drop(while: \.isWhitespace).first.map(headlineSeparators.contains) == true {
                best = heading
            } else if lowerTitle.hasSuffix(lowerHeading),
               lowerTitle.dropLast(lowerHeading.count).reversed().drop(while: \.isWhitespace).first.map(headlineSeparators.contains) == true {
                best = heading
            }
        }
        return best
    }

    /// The site's name in a `<title>` that holds `headline` and more: the part beside
    /// the headline that is furthest from it ("Headline | Section | Site" gives "Site").
    static func siteName(in title: String, beside headline: String) -> String? {
        let rest: Substring
        let atEnd: Bool
        if title.lowercased().hasPrefix(headline.lowercased()) {
            rest = title.dropFirst(headline.count)
            atEnd = true
        } else if title.lowercased().hasSuffix(headline.lowercased()) {
            rest = title.dropLast(headline.count)
            atEnd = false
        } else {
            return nil
        }
        let parts = rest.split(whereSeparator: headlineSeparators.contains)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let name = atEnd ? parts.last : parts.first, name.split(separator: " ").count <= 6 else { return nil }
        return name
    }

    /// Separators between a title and the site's name, strongest first.
    private static let siteSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " • ", " « ", " » "]

    /// `title` without the site's name at its end (or start). With `guessing`, a short
    /// last part (four words at most, shorter than the rest) counts as a site name even
    /// when the page names no site, as in `<title>`; without it only the named site is
    /// removed, as in `og:title`, where a dash is more often the headline's own.
    static func strippingSiteName(_ title: String, site: String?, guessing: Bool) -> String {
        let lowerSite = site?.lowercased()
        for separator in siteSeparators {
            if let range = title.range(of: separator, options: .backwards) {
                let head = String(title[..<range.lowerBound]).trimmingCharacters(in: .whitespaces)
                let tail = String(title[range.upperBound...]).trimmingCharacters(in: .whitespaces)
                let isSite = tail.lowercased() == lowerSite
                    || (guessing && tail.split(separator: " ").count <= 4 && tail.count < head.count)
                if isSite, !head.isEmpty { return head }
            }
            if let lowerSite, let range = title.range(of: separator), title[..<range.lowerBound].lowercased() == lowerSite {
                let rest = String(title[range.upperBound...]).trimmingCharacters(in: .whitespaces)
                if !rest.isEmpty { return rest }
            }
        }
        return title
    }

    /// `href` as an absolute http(s) URL, resolved against `base` when relative.
    private static func absoluteURL(_ href: String, base: String?) -> String? {
        let trimmed = TextHygiene.trimmingWhitespace(href)
        guard !trimmed.isEmpty else { return nil }
        let baseURL = base.flatMap(URL.init(string:)).flatMap { ["http", "https"].contains($0.scheme?.lowercased()) ? $0 : nil }
        guard let url = URL(string: trimmed, relativeTo: baseURL)?.absoluteURL,
              let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https"
        else { return nil }
        return url.absoluteString
    }
}

/// The raw metadata of a page, gathered in one walk over its tree.
private struct PageFacts {
    /// `<meta>` contents by lower-cased `property`, `name` or `http-equiv`, and by
    /// `itemprop:<name>` for microdata; the first of each wins.
    var meta: [String: String] = [:]
    /// Every value of the author metas (``PageFacts/authorNames``), which pages repeat
    /// for several authors.
    var authorMetas: [String: [String]] = [:]
    var microdataAuthors: [String] = []
    var relAuthors: [String] = []
    var titleElement: String?
    /// `h1`, `h2` and `h3` outside navigation, asides and footers, in document order
    /// (the first few), with their raw text.
    var headings: [(HTMLNode, String)] = []
    var firstHeading: UnsafeMutableRawPointer?
    var canonical: String?
    var timeElement: String?
    var language: String?
    /// The texts of `<script type="application/ld+json">` elements.
    var jsonLD: [String] = []

    private static let maximumHeadings = 24

    /// The metas that name authors, each possibly repeated.
    static let authorNames: Set<String> = [
        "author", "article:author", "og:article:author", "parsely-author", "sailthru.author", "dcterms.creator",
        "dc.creator", "byl",
    ]

    mutating func gather(_ element: HTMLNode, inBoilerplate: Bool, inSVG: Bool) {
        let tag = element.tag
        let inSVG = inSVG || tag == "svg"
        let inBoilerplate = inBoilerplate || tag == "nav" || tag == "aside" || tag == "footer"
        switch tag {
        case "html":
            language = element.attribute("lang") ?? element.attribute("xml:lang")
        case "meta":
            readMeta(element)
        case "link":
            let rel = element.attribute("rel")?.lowercased().split(separator: " ") ?? []
            if rel.contains("canonical"), canonical == nil { canonical = element.attribute("href") }
        case "title" where !inSVG && titleElement == nil:
            titleElement = element.textContent
        case "h1", "h2", "h3":
            if !inBoilerplate, headings.count < Self.maximumHeadings {
                headings.append((element, element.textContent))
                if tag == "h1", firstHeading == nil { firstHeading = element.identity }
            }
        case "time" where !inBoilerplate && timeElement == nil:
            timeElement = element.attribute("datetime")
        case "script":
            if element.attribute("type")?.lowercased().trimmingCharacters(in: .whitespaces) == "application/ld+json" {
                jsonLD.append(element.textContent)
            }
            return
        case "style", "noscript", "template":
            return
        case "a":
            if relAuthors.count < 8, element.attribute("rel")?.lowercased().split(separator: " ").contains("author") == true {
                relAuthors.append(element.textContent)
            }
        default:
            break
        }
        if let itemprop = element.attribute("itemprop")?.lowercased() {
            readMicrodata(element, itemprop: itemprop)
        }
        var child = element.firstChild
        while let current = child {
            child = current.nextSibling
            if current.isElement { gather(current, inBoilerplate: inBoilerplate, inSVG: inSVG) }
        }
    }

    private mutating func readMeta(_ element: HTMLNode) {
        guard let content = element.attribute("content") else { return }
        for key in ["property", "name", "http-equiv"] {
            guard let name = element.attribute(key)?.lowercased() else { continue }
            remember(name, content)
            if Self.authorNames.contains(name) { authorMetas[name, default: []].append(content) }
        }
    }

    private mutating func readMicrodata(_ element: HTMLNode, itemprop: String) {
        let names = itemprop.split(separator: " ")
        if names.contains("datepublished") {
            let value = element.attribute("content") ?? element.attribute("datetime") ?? element.attribute("title")
            remember("itemprop:datepublished", value ?? element.textContent)
        }
        if names.contains("author"), microdataAuthors.count < 8 {
            if let content = element.attribute("content") {
                microdataAuthors.append(content)
            } else if let name = Self.descendant(of: element, itemprop: "name") {
                microdataAuthors.append(name.attribute("content") ?? name.textContent)
            } else {
                microdataAuthors.append(element.textContent)
            }
        }
    }

    /// The first element below `element` with the microdata property `name`.
    private static func descendant(of element: HTMLNode, itemprop name: String) -> HTMLNode? {
        var child = element.firstChild
        while let current = child {
            child = current.nextSibling
            guard current.isElement else { continue }
            if current.attribute("itemprop")?.lowercased().split(separator: " ").contains(Substring(name)) == true { return current }
            if let found = descendant(of: current, itemprop: name) { return found }
        }
        return nil
    }

    private mutating func remember(_ key: String, _ value: String) {
        if meta[key] == nil { meta[key] = value }
    }
}

/// The article facts in a page's JSON-LD blocks (schema.org), from the first object
/// whose `@type` is an article (`NewsArticle`, `Article`, `BlogPosting`, ...), else the
/// first object that has a `datePublished`. Objects are looked for at the top level,
/// in arrays and in `@graph`.
private struct LinkedData {
    var datePublished: String?
    var authors: [String] = []
    var publisher: String?
    var articleBody: String?

    init(scripts: [String]) {
        var objects: [[String: Any]] = []
        for script in scripts {
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(script.utf8), options: [.fragmentsAllowed]) else { continue }
            Self.flatten(parsed, into: &objects)
        }
        guard let article = objects.first(where: Self.isArticle) ?? objects.first(where: { $0["datePublished"] != nil }) else { return }
        datePublished = article["datePublished"] as? String
        articleBody = article["articleBody"] as? String
        let byID = Dictionary(objects.compactMap { object in (object["@id"] as? String).map { ($0, object) } }) { first, _ in first }
        authors = Self.names(article["author"], byID: byID)
        publisher = Self.names(article["publisher"], byID: byID).first
    }

    private static func flatten(_ value: Any, into objects: inout [[String: Any]]) {
        if let array = value as? [Any] {
            for element in array { flatten(element, into: &objects) }
        } else if let object = value as? [String: Any] {
            objects.append(object)
            if let graph = object["@graph"] { flatten(graph, into: &objects) }
        }
    }

    private static func isArticle(_ object: [String: Any]) -> Bool {
        let types = (object["@type"] as? [Any] ?? [object["@type"] as Any]).compactMap { $0 as? String }
        return types.contains { $0.hasSuffix("Article") || $0.hasSuffix("Posting") || $0 == "Report" }
    }

    /// The names in a schema.org person or organisation value: a string, an object with
    /// `name` (or an `@id` that names such an object elsewhere in the page), or an
    /// array of these.
    private static func names(_ value: Any?, byID: [String: [String: Any]]) -> [String] {
        if let name = value as? String { return [name] }
        if let object = value as? [String: Any] {
            if let name = object["name"] as? String { return [name] }
            if let id = object["@id"] as? String, let named = byID[id]?["name"] as? String { return [named] }
            return []
        }
        if let array = value as? [Any] { return array.flatMap { names($0, byID: byID) } }
        return []
    }
}
