/// Which elements of a page are not the article, judged one element at a time from its
/// tag and attributes (``MainText`` adds what needs the text: link density, date lines).
///
/// An element is dropped, with everything in it, when
/// - its tag is never article text (``droppedTags``, and AMP's `amp-*` components
///   other than images); a `header` only outside an `<article>`, because inside one it
///   holds the headline;
/// - it is hidden (`hidden`, `aria-hidden="true"`, `display:none`) or its ARIA role is
///   a landmark that is not content (navigation, banner, contentinfo, complementary,
///   search);
/// - a word of its `class`, `id`, `data-testid` or `data-component` says boilerplate:
///   words are split at `-`, `_`, spaces, digits and lower-to-upper case changes; a
///   word matches when it starts with one of ``prefixWords`` (`comments`, `navbar`,
///   `relatedPosts`) or equals one of ``exactWords`` (`ad`, `date`, `tags`), so
///   `canvas`, `address` or `unavailable` do not match. A word right after `has`,
///   `with` or `no` describes a layout (`has-sidebar`, `with-comments`) and does not
///   count, nor does a BEM modifier (`field--label-hidden`), nor a generated atomic
///   class list (``isAtomicCSS(_:)``).
///   `html`, `body` and `main` are never dropped for their class: they wrap the
///   article on pages that put `has-sidebar` or `menu-open` on them; an `<article>`
///   only for a few words (``articleWords``), as CMSs put tags and categories on it.
enum BoilerplateRules {
    /// Tags whose content is never article text. Figures go with their captions:
    /// a caption describes a picture, and photo credits are noise.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form",
        "iframe", "svg", "button", "select", "textarea", "object", "embed", "canvas", "audio", "video", "dialog",
        "figure", "figcaption", "address", "input", "label", "menu", "picture", "map", "math",
    ]

    /// AMP components whose content is kept (the rest, `amp-ad`, `amp-sidebar`,
    /// `amp-social-share`, `amp-analytics`, ..., are dropped).
    private static let keptAMPTags: Set<String> = ["amp-img", "amp-fit-text", "amp-accordion"]

    /// Keywords that mark boilerplate when a word of a class or id starts with them.
    static let prefixWords = [
        "comment", "related", "share", "sharing", "social", "cookie", "consent", "menu", "sidebar", "footer", "nav",
        "breadcrumb", "byline", "newsletter", "subscri", "signup", "promo", "advert", "sponsor", "outbrain",
        "taboola", "popular", "trending", "recommend", "disqus", "banner", "toolbar", "credit",
        "caption", "pagination", "pager", "standfirst", "author", "masthead", "tweet", "twitter", "instagram",
        "facebook", "whatsapp", "telegram", "signature", "tags", "dateline", "timestamp", "newsticker", "ticker",
        // MediaWiki's furniture: infoboxes, footnote marks and lists, edit links, navigation boxes.
        "infobox", "reference", "reflist", "editsection", "navbox", "catlinks", "noprint",
    ]

    /// Keywords that mark boilerplate only as whole words.
    static let exactWords: Set<String> = [
        "ad", "ads", "adv", "dfp", "gpt", "date", "time", "tag", "topics", "meta", "metadata", "bio", "print",
        "embed", "player", "subtitle", "dek", "kicker", "rubric", "label", "labels", "views", "rating", "hidden",
        "sr", "onward", "rail", "subnav", "modal", "popup", "overlay", "skip", "login", "readtime", "video", "toc", "abstract",
        // Standfirsts in the words of German, French, Spanish and Turkish newsrooms.
        "vorspann", "chapo", "chapeau", "entradilla", "sumario", "spot",
    ]

    /// Words that start with a keyword but name article content.
    private static let contentWords: Set<String> = [
        "commentary", "commentator", "commentators", "authority", "navigable", "sharia", "advertorial",
    ]

    /// Words after which a keyword describes the layout, not the element.
    private static let layoutWords: Set<String> = ["has", "with", "no", "without", "hide", "show"]

    /// ARIA roles of page regions that are not the article.
    private static let boilerplateRoles: Set<String> = [
        "navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog", "menu", "menubar",
    ]

    /// Elements whose class or id is not judged.
    private static let wrapperTags: Set<String> = ["html", "body", "main"]

    /// The only words that make an `<article>` boilerplate: CMSs put their tags and
    /// categories on the article element (`tag-iraq`, `category-news`), and comment
    /// and teaser cards are articles too.
    private static let articleWords = ["comment", "related", "promo", "sponsor", "recommend", "popular", "trending"]

    /// Whether an element named `tag` is dropped by its tag alone. `insideArticle`
    /// tells whether it sits in an `<article>`.
    static func isDroppedTag(_ tag: String, insideArticle: Bool) -> Bool {
        if tag == "header" { return !insideArticle }
        if tag.hasPrefix("amp-") { return !keptAMPTags.contains(tag) }
        return droppedTags.contains(tag)
    }

    /// Whether `element` (named `tag`) and its content are boilerplate.
    static func isBoilerplate(_ element: HTMLNode, tag: String, insideArticle: Bool) -> Bool {
        if isDroppedTag(tag, insideArticle: insideArticle) { return true }
        var verdict = false
        element.forEachAttribute { name, value in
            switch name {
            case "hidden":
                verdict = true
            case "aria-hidden":
                verdict = value().lowercased() == "true"
            case "role":
                verdict = boilerplateRoles.contains(value().lowercased())
            case "style":
                let style = value().lowercased().filter { $0 != " " }
                verdict = style.contains("display:none") || style.contains("visibility:hidden")
            case "class", "id", "data-testid", "data-component":
                if tag == "article" {
                    verdict = identifierWords(value()).contains { word in articleWords.contains { word.hasPrefix($0) } }
                } else {
                    verdict = !wrapperTags.contains(tag) && saysBoilerplate(value())
                }
            default:
                return true
            }
            return !verdict
        }
        return verdict
    }

    /// Whether a `class` or `id` value holds a boilerplate word. One pass over the
    /// bytes, with no intermediate arrays: it runs for every element of a page.
    static func saysBoilerplate(_ value: String?) -> Bool {
        guard let value, !isAtomicCSS(value) else { return false }
        var previous = ""
        var current = ""
        var previousWasLower = false
        var dashes = 0
        var inModifier = false
        func finish() -> Bool {
            defer {
                if !current.isEmpty { previous = current }
                current = ""
            }
            guard !current.isEmpty else { return false }
            if layoutWords.contains(previous) || contentWords.contains(current) { return false }
            if previous == "read", ["more", "next", "also", "time"].contains(current) { return true }
            return exactWords.contains(current) || prefixWords.contains { current.hasPrefix($0) }
        }
        for byte in value.utf8 {
            let isUpper = (0x41...0x5A).contains(byte)
            let isLetter = isUpper || (0x61...0x7A).contains(byte) || byte >= 0x80
            if byte == 0x20 || byte == 0x09 || byte == 0x0A {
                inModifier = false
                dashes = 0
            } else if byte == 0x2D {
                dashes += 1
                // A BEM modifier (`field--label-hidden`) describes the state of the
                // block named before it, not what the block is.
                if dashes == 2 { inModifier = true }
            } else {
                dashes = 0
            }
            if inModifier {
                if finish() { return true }
                previousWasLower = false
                continue
            }
            guard isLetter else {
                if finish() { return true }
                previousWasLower = false
                continue
            }
            if isUpper, previousWasLower, finish() { return true }
            current.unicodeScalars.append(Unicode.Scalar(isUpper ? byte + 0x20 : byte))
            previousWasLower = !isUpper
        }
        return finish()
    }

    /// The words of a class or id list that say what an element is: none for atomic
    /// CSS, and without BEM modifiers (`field--label-hidden`, `node--promoted`), which
    /// describe the state of the block named before them.
    static func identifierWords(_ value: String) -> [String] {
        if isAtomicCSS(value) { return [] }
        let names = value.split(separator: " ").map { name in name.range(of: "--").map { name[..<$0.lowerBound] } ?? name }
        return words(of: names.joined(separator: " "))
    }

    /// Whether a class list is generated atomic CSS (`z ab ac ad ae`, as Medium's):
    /// two or more names of at most three characters each, which say nothing.
    static func isAtomicCSS(_ value: String) -> Bool {
        var names = 0
        var length = 0
        for byte in value.utf8 {
            if byte == 0x20 {
                if length > 0 { names += 1 }
                length = 0
            } else {
                length += 1
                if length > 3 { return false }
            }
        }
        if length > 0 { names += 1 }
        return names >= 2
    }

    /// The lower-case words of an identifier list such as `post-body relatedLinks nav2`.
    static func words(of value: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in value.unicodeScalars {
            let isUpper = ("A"..."Z").contains(character)
            let isLower = ("a"..."z").contains(character)
            guard isUpper || isLower || (character.value >= 0x80 && character.properties.isAlphabetic) else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if isUpper, previousWasLower {
                words.append(current)
                current = ""
            }
            current.unicodeScalars.append(isUpper ? Unicode.Scalar(character.value + 32)! : character)
            previousWasLower = isLower
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
