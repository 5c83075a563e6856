import Foundation

/// What a page says about itself, each field from the best place that has it:
///
/// | field | first of |
/// |---|---|
/// | ``title`` | `og:title`; `<title>` without a site suffix (" - Site", " | Site"); the first `<h1>` |
/// | ``published`` | `article:published_time`; JSON-LD `datePublished`; microdata `itemprop="datePublished"`; the first `<time datetime>` outside navigation, asides and footers (each normalised by ``PublishedDate``; one that is not a date is passed over) |
/// | ``author`` | `<meta name="author">`; JSON-LD `author` names |
/// | ``site`` | `og:site_name`; JSON-LD `publisher.name` |
/// | ``canonicalURL`` | `<link rel="canonical">`; `og:url` (relative ones resolved against the page's URL, kept only when absolute http(s)) |
/// | ``language`` | `<html lang>` |
///
/// Values are cleaned like article text (``TextHygiene/field(_:)``). Metadata given by
/// the source (JSONL fields, feed items) wins over all of this; the normalizer decides
/// that.
struct HTMLMetadata: Equatable {
    var title: String?
    var published: String?
    var author: String?
    var site: String?
    var canonicalURL: String?
    var language: String?

    /// Reads the metadata of `document`, resolving a relative canonical URL against
    /// `pageURL` when it is an absolute http(s) URL.
    init(document: HTMLDocument, pageURL: String?) {
        var facts = PageFacts()
        if let root = document.root { facts.gather(root, inBoilerplate: false, inSVG: false) }
        let linkedData = LinkedData(scripts: facts.jsonLD)

        site = TextHygiene.field(facts.meta["og:site_name"]) ?? TextHygiene.field(linkedData.publisher)
        title = TextHygiene.field(facts.meta["og:title"]).map { Self.strippingSiteName($0, site: site, guessing: false) }
            ?? TextHygiene.field(facts.titleElement).map { Self.strippingSiteName($0, site: site, guessing: true) }
            ?? TextHygiene.field(facts.firstHeading)
        let dates = [facts.meta["article:published_time"], linkedData.datePublished, facts.meta["itemprop:datepublished"], facts.timeElement]
        published = dates.lazy.compactMap { $0.flatMap(PublishedDate.normalized) }.first
        author = TextHygiene.field(facts.meta["author"]) ?? TextHygiene.field(linkedData.authors.joined(separator: ", "))
        canonicalURL = [facts.canonical, facts.meta["og:url"]].lazy.compactMap { $0.flatMap { Self.absoluteURL($0, base: pageURL) } }.first
        language = TextHygiene.field(facts.language)
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
        let trimmed = href.trimmingCharacters(in: .whitespacesAndNewlines)
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
    /// `<meta>` contents by lower-cased `property` or `name`, and by `itemprop:<name>`
    /// for microdata; the first of each wins.
    var meta: [String: String] = [:]
    var titleElement: String?
    var firstHeading: String?
    var canonical: String?
    var timeElement: String?
    var language: String?
    /// The texts of `<script type="application/ld+json">` elements.
    var jsonLD: [String] = []

    mutating func gather(_ element: HTMLNode, inBoilerplate: Bool, inSVG: Bool) {
        let tag = element.tag
        let inSVG = inSVG || tag == "svg"
        let inBoilerplate = inBoilerplate || ["nav", "aside", "footer"].contains(tag)
        switch tag {
        case "html":
            language = element.attribute("lang") ?? element.attribute("xml:lang")
        case "meta":
            if let content = element.attribute("content") {
                for key in ["property", "name"] {
                    if let name = element.attribute(key)?.lowercased() { remember(name, content) }
                }
            }
        case "link":
            let rel = element.attribute("rel")?.lowercased().split(separator: " ") ?? []
            if rel.contains("canonical"), canonical == nil { canonical = element.attribute("href") }
        case "title" where !inSVG && titleElement == nil:
            titleElement = element.textContent
        case "h1" where !inBoilerplate && firstHeading == nil:
            firstHeading = element.textContent
        case "time" where !inBoilerplate && timeElement == nil:
            timeElement = element.attribute("datetime")
        case "script":
            if element.attribute("type")?.lowercased().trimmingCharacters(in: .whitespaces) == "application/ld+json" {
                jsonLD.append(element.textContent)
            }
        default:
            break
        }
        if let itemprop = element.attribute("itemprop")?.lowercased(), itemprop == "datepublished" {
            remember("itemprop:datepublished", element.attribute("content") ?? element.attribute("datetime") ?? element.textContent)
        }
        for child in element.children where child.isElement {
            gather(child, inBoilerplate: inBoilerplate, inSVG: inSVG)
        }
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

    init(scripts: [String]) {
        var objects: [[String: Any]] = []
        for script in scripts {
            guard let parsed = try? JSONSerialization.jsonObject(with: Data(script.utf8), options: [.fragmentsAllowed]) else { continue }
            Self.flatten(parsed, into: &objects)
        }
        guard let article = objects.first(where: Self.isArticle) ?? objects.first(where: { $0["datePublished"] != nil }) else { return }
        datePublished = article["datePublished"] as? String
        authors = Self.names(article["author"])
        publisher = Self.names(article["publisher"]).first
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
        return types.contains { $0.hasSuffix("Article") || $0 == "BlogPosting" || $0 == "Report" }
    }

    /// The names in a schema.org person or organisation value: a string, an object with
    /// `name`, or an array of these.
    private static func names(_ value: Any?) -> [String] {
        if let name = value as? String { return [name] }
        if let object = value as? [String: Any] { return (object["name"] as? String).map { [$0] } ?? [] }
        if let array = value as? [Any] { return array.flatMap { names($0) } }
        return []
    }
}
