/// The article's text from a parsed page: the libxml2 tree walk.
///
/// The walk starts from the element that most likely holds the article: an element with
/// `itemprop="articleBody"`, else an `<article>`, else a `<main>` (among several of a
/// kind, the one that yields the most text; comment cards marked up as `<article
/// class="comment">` are not candidates), else `<body>`. Below it, elements that
/// ``BoilerplateRules`` marks are dropped; headings, paragraphs, list items and other
/// blocks each become a paragraph in document order; `<br>` breaks the line inside a
/// paragraph and two in a row end the paragraph; table cells are kept apart by a space.
enum MainText {
    /// The cleaned paragraphs of the article in `document`; empty when it has no text.
    static func paragraphs(of document: HTMLDocument) -> [String] {
        guard let body = document.body else { return [] }
        var found = Candidates()
        found.search(body, insideArticle: false)
        for group in [found.articleBodies, found.articles, found.mains] {
            let best = group.map { paragraphs(below: $0) }.max { characterCount($0) < characterCount($1) }
            if let best, characterCount(best) > 0 { return best }
        }
        return paragraphs(below: body)
    }

    /// Elements that announce the article, by kind, in document order.
    private struct Candidates {
        var articleBodies: [HTMLNode] = []
        var articles: [HTMLNode] = []
        var mains: [HTMLNode] = []

        /// Collects candidates below `node`, skipping what is never content (the `nav`,
        /// `aside` and the like that hold teaser cards) but not class-marked wrappers,
        /// which may enclose the article itself.
        mutating func search(_ node: HTMLNode, insideArticle: Bool) {
            for child in node.children where child.isElement {
                let tag = child.tag
                if BoilerplateRules.isDroppedTag(tag, insideArticle: insideArticle) { continue }
                let itemprop = child.attribute("itemprop")?.lowercased().split(separator: " ") ?? []
                if itemprop.contains("articlebody") { articleBodies.append(child) }
                if tag == "article", !BoilerplateRules.isBoilerplate(child, tag: tag, insideArticle: insideArticle) {
                    articles.append(child)
                }
                if tag == "main" { mains.append(child) }
                search(child, insideArticle: insideArticle || tag == "article")
            }
        }
    }

    /// The paragraphs below `container`, which itself is not judged as boilerplate.
    private static func paragraphs(below container: HTMLNode) -> [String] {
        var collector = ParagraphCollector()
        collect(container, insideArticle: container.tag == "article" || container.hasAncestor("article"), into: &collector)
        collector.endParagraph()
        return collector.paragraphs
    }

    private static func collect(_ node: HTMLNode, insideArticle: Bool, into collector: inout ParagraphCollector) {
        for child in node.children {
            if child.isText {
                collector.append(child.text)
                continue
            }
            guard child.isElement else { continue }
            let tag = child.tag
            if BoilerplateRules.isBoilerplate(child, tag: tag, insideArticle: insideArticle) { continue }
            let inArticle = insideArticle || tag == "article"
            if tag == "br" {
                collector.lineBreak()
            } else if blockTags.contains(tag) {
                collector.endParagraph()
                collect(child, insideArticle: inArticle, into: &collector)
                collector.endParagraph()
            } else if cellTags.contains(tag) {
                collector.append(" ")
                collect(child, insideArticle: inArticle, into: &collector)
                collector.append(" ")
            } else {
                collect(child, insideArticle: inArticle, into: &collector)
            }
        }
    }

    /// Elements that start and end a paragraph.
    private static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "hgroup", "ul", "ol", "li",
        "dl", "dt", "dd", "blockquote", "pre", "table", "thead", "tbody", "tfoot", "tr", "caption", "figure",
        "figcaption", "address", "hr", "details", "summary", "center", "fieldset", "legend", "body", "html",
    ]

    /// Elements whose text is kept apart from its neighbours' by a space.
    private static let cellTags: Set<String> = ["td", "th"]

    private static func characterCount(_ paragraphs: [String]) -> Int {
        paragraphs.reduce(0) { $0 + $1.unicodeScalars.count }
    }
}

/// Gathers text into lines and lines into paragraphs, cleaning each line with
/// ``TextHygiene/collapse(_:)`` as it is finished.
struct ParagraphCollector {
    /// The finished paragraphs, lines joined with `\n`.
    private(set) var paragraphs: [String] = []
    private var lines: [String] = []
    private var line = ""

    /// Adds raw text to the current line.
    mutating func append(_ text: String) { line += text }

    /// Ends the current line (`<br>`); an empty line ends the paragraph.
    mutating func lineBreak() {
        let cleaned = TextHygiene.collapse(line)
        line = ""
        if !cleaned.isEmpty {
            lines.append(cleaned)
        } else if !lines.isEmpty {
            endParagraph()
        }
    }

    /// Ends the current paragraph, if it holds any text.
    mutating func endParagraph() {
        let cleaned = TextHygiene.collapse(line)
        line = ""
        if !cleaned.isEmpty { lines.append(cleaned) }
        if !lines.isEmpty { paragraphs.append(lines.joined(separator: "\n")) }
        lines = []
    }
}
