/// Which elements of a page are not the article: the first, rule-based version (a later
/// version adds text density and boilerplate scoring).
///
/// An element is dropped, with everything in it, when
/// - its tag is never article text (``droppedTags``); a `header` only outside an
///   `<article>`, because inside one it holds the headline;
/// - it is hidden (`hidden`, `aria-hidden="true"`) or its ARIA role is a landmark
///   that is not content (navigation, banner, contentinfo, complementary, search);
/// - a word of its `class` or `id` says boilerplate (``boilerplateWords``): words are
///   split at `-`, `_`, spaces, digits and lower-to-upper case changes, and a word
///   matches when it starts with a keyword (`comments`, `navbar`, `relatedPosts`), so
///   `canvas` or `unavailable` do not match `nav`. `html`, `body` and `main` are never
///   dropped for their class: they wrap the article on pages that put `has-sidebar` or
///   `menu-open` on the outermost elements.
enum BoilerplateRules {
    /// Tags whose content is never article text.
    static let droppedTags: Set<String> = [
        "script", "style", "noscript", "template", "head", "nav", "header", "footer", "aside", "form",
        "iframe", "svg", "button", "select", "textarea", "object", "embed", "canvas", "audio", "video", "dialog",
    ]

    /// Keywords in a `class` or `id` that mark boilerplate.
    static let boilerplateWords = ["comment", "related", "share", "cookie", "menu", "sidebar", "footer", "nav"]

    /// Words that start with a keyword but name article content.
    private static let contentWords: Set<String> = ["commentary", "commentator", "commentators"]

    /// ARIA roles of page regions that are not the article.
    private static let boilerplateRoles: Set<String> = ["navigation", "banner", "contentinfo", "complementary", "search"]

    /// Elements whose class or id is not judged.
    private static let wrapperTags: Set<String> = ["html", "body", "main"]

    /// Whether `element` is dropped by its tag alone. `insideArticle` tells whether it
    /// sits in an `<article>`.
    static func isDroppedTag(_ tag: String, insideArticle: Bool) -> Bool {
        if tag == "header" { return !insideArticle }
        return droppedTags.contains(tag)
    }

    /// Whether `element` (named `tag`) and its content are boilerplate.
    static func isBoilerplate(_ element: HTMLNode, tag: String, insideArticle: Bool) -> Bool {
        if isDroppedTag(tag, insideArticle: insideArticle) { return true }
        if element.attribute("hidden") != nil { return true }
        if element.attribute("aria-hidden")?.lowercased() == "true" { return true }
        if let role = element.attribute("role")?.lowercased(), boilerplateRoles.contains(role) { return true }
        guard !wrapperTags.contains(tag) else { return false }
        return saysBoilerplate(element.attribute("class")) || saysBoilerplate(element.attribute("id"))
    }

    /// Whether a `class` or `id` value holds a boilerplate word.
    static func saysBoilerplate(_ value: String?) -> Bool {
        guard let value else { return false }
        return words(of: value).contains { word in
            !contentWords.contains(word) && boilerplateWords.contains { word.hasPrefix($0) }
        }
    }

    /// The lower-case words of an identifier list such as `post-body relatedLinks nav2`.
    static func words(of value: String) -> [String] {
        var words: [String] = []
        var current = ""
        var previousWasLower = false
        for character in value {
            guard character.isLetter else {
                if !current.isEmpty { words.append(current) }
                current = ""
                previousWasLower = false
                continue
            }
            if character.isUppercase, previousWasLower {
                words.append(current)
                current = ""
            }
            current += character.lowercased()
            previousWasLower = character.isLowercase
        }
        if !current.isEmpty { words.append(current) }
        return words
    }
}
