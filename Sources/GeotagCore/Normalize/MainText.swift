/// The article's text from a parsed page.
///
/// Two walks over the libxml2 tree. The first (``Survey``) measures every element: the
/// letters and digits of its text and how many of them are link text, a
/// readability-style score from the paragraphs below it, and the elements that
/// announce an article. From that the container of the article is chosen, the first
/// of:
/// 1. the element with `itemprop="articleBody"` that holds the most text;
/// 2. the `<article>` that holds the most text (comment cards marked up as `<article
///    class="comment">` are not candidates), or the parent of several `<article>`s
///    when none of them holds most of their text: a live blog's posts, a section
///    page's teasers; passed over when a scored block outside it holds more than
///    twice its text;
/// 3. the element with the best paragraph score (each paragraph of at least 25
///    letters scores 1 plus one per 100 letters up to 3, for its parent and half for
///    its grandparent, times one minus the link density; text straight in a block,
///    kept apart by `<br>`s, scores for the block), taken up to its parent while it
///    is the parent's only element, with those of its siblings that score at least a
///    fifth as much or are long paragraphs of plain text;
/// 4. `<main>`, then `<body>`.
///
/// The second walk collects the paragraphs of the container: elements that
/// ``BoilerplateRules`` marks are dropped, and so are blocks (`div`, `ul`, `section`,
/// ...) that are mostly link text, paragraphs that are mostly link text (headings
/// aside: a teaser's title is a link), lines that hold only a date or a reading time,
/// lines with fewer than two letters (counters, separators), runs of two or more
/// short lines (five words at most) at either edge, anything before the headline, a
/// short line near the top that names the author (a byline in any language) and
/// headings that nothing follows. Headings, paragraphs, list items and other blocks each become a paragraph
/// in document order; `<br>` breaks the line inside a paragraph and two in a row end
/// it; table cells are kept apart by a space.
///
/// The page's headline (the heading that the title names, found by ``HTMLMetadata``)
/// comes first when the text does not start with it.
enum MainText {
    /// The cleaned paragraphs of the article in `document`; empty when it has no text.
    /// `headline` is the page's headline element, if known; `authors` the names the
    /// metadata gives.
    static func paragraphs(of document: HTMLDocument, headline: HTMLNode? = nil, authors: [String] = []) -> [String] {
        guard let body = document.body else { return [] }
        var survey = Survey()
        survey.measure(body, insideArticle: false, marked: false, inLink: false)
        let headlineText = headline.flatMap(text(of:))
        for container in survey.containers(body: body) {
            var paragraphs = collect(container, survey: survey)
            guard !paragraphs.isEmpty else { continue }
            // The article starts at its headline: what comes before it in the
            // container is a kicker, a section label or a breadcrumb.
            if let headlineText, let start = paragraphs.firstIndex(where: { $0.text == headlineText }), start > 0 {
                paragraphs.removeFirst(start)
            }
            trimEdges(&paragraphs, after: headlineText)
            dropByline(&paragraphs, authors: authors)
            paragraphs = ParagraphCollector.withoutEmptyHeadings(paragraphs)
            if let headlineText, !paragraphs.prefix(3).contains(where: { $0.text == headlineText }) {
                // The container does not hold the headline, or holds it in a block
                // dropped as boilerplate.
                paragraphs.insert(Paragraph(text: headlineText, headingLevel: 1), at: 0)
            }
            if !paragraphs.isEmpty { return paragraphs.map(\.text) }
        }
        return []
    }

    /// The cleaned text of an element such as the headline.
    private static func text(of element: HTMLNode) -> String? {
        var collector = ParagraphCollector()
        collect(element, insideArticle: true, survey: nil, into: &collector, isRoot: true)
        collector.endParagraph()
        return collector.collected.first?.text
    }

    /// Drops a byline in any language ("Von Jana Richter | 22.09.2024"): a line of at
    /// most twelve words (with a letter or a digit, as ``TextMeasure`` counts them)
    /// among the first four that names an author the metadata names.
    private static func dropByline(_ paragraphs: inout [Paragraph], authors: [String]) {
        let names = authors.filter { $0.count >= 4 }
        guard !names.isEmpty, let index = paragraphs.prefix(4).firstIndex(where: { paragraph in
            // Counted no further than the thirteenth word: an article's first
            // paragraphs are long.
            paragraph.headingLevel == nil && TextMeasure.words(in: paragraph.text, upTo: 13) <= 12
                && names.contains { paragraph.text.contains($0) }
        }) else { return }
        paragraphs.remove(at: index)
    }

    /// Paragraphs of at most this many words are short.
    private static let shortParagraphWords = 5

    /// Drops runs of two or more short paragraphs at either edge of the article (after
    /// its headline) when it has prose: the widgets around a text (a score box, team
    /// names, match statistics), which carry no class that says so. A single short
    /// line at an edge (a source line, a note) stays.
    private static func trimEdges(_ paragraphs: inout [Paragraph], after headline: String?) {
        func words(_ paragraph: Paragraph) -> Int { TextMeasure.words(in: paragraph.text) }
        func isShort(_ paragraph: Paragraph) -> Bool { words(paragraph) <= shortParagraphWords }
        let first = paragraphs.first?.text == headline && headline != nil ? 1 : 0
        // Only around prose: a page of short lines (a list, a notice) is left whole.
        guard paragraphs.count > first, paragraphs[first...].contains(where: { words($0) > 3 * shortParagraphWords }) else { return }
        let trailing = paragraphs[first...].reversed().prefix(while: isShort).count
        if trailing >= 2, trailing < paragraphs.count - first { paragraphs.removeLast(trailing) }
        let leading = paragraphs[first...].prefix(while: isShort).count
        if leading >= 2, leading < paragraphs.count - first { paragraphs.removeSubrange(first..<first + leading) }
    }

    // MARK: Collecting

    private static func collect(_ container: Container, survey: Survey) -> [Paragraph] {
        var collector = ParagraphCollector()
        let insideArticle = container.root.tag == "article" || container.root.hasAncestor("article")
        if let only = container.only {
            for child in only {
                collect(child, insideArticle: insideArticle, survey: survey, into: &collector, isRoot: true)
            }
        } else {
            collect(container.root, insideArticle: insideArticle, survey: survey, into: &collector, isRoot: true)
        }
        collector.endParagraph()
        return collector.collected
    }

    /// Collects `node` itself (when `isRoot`, it is not judged) or its children.
    private static func collect(
        _ node: HTMLNode, insideArticle: Bool, survey: Survey?, into collector: inout ParagraphCollector, isRoot: Bool
    ) {
        if isRoot, node.isElement {
            let tag = node.tag
            collectElement(node, tag: tag, insideArticle: insideArticle || tag == "article", survey: survey, into: &collector)
        } else {
            collect(node, insideArticle: insideArticle, survey: survey, into: &collector)
        }
    }

    private static func collect(_ node: HTMLNode, insideArticle: Bool, survey: Survey?, into collector: inout ParagraphCollector) {
        var child = node.firstChild
        while let current = child {
            child = current.nextSibling
            if current.isText {
                collector.append(current.text)
                continue
            }
            guard current.isElement else { continue }
            let tag = current.tag
            if BoilerplateRules.isBoilerplate(current, tag: tag, insideArticle: insideArticle) { continue }
            if let survey, containerTags.contains(tag), survey.isMostlyLinks(current) { continue }
            collectElement(current, tag: tag, insideArticle: insideArticle || tag == "article", survey: survey, into: &collector)
        }
    }

    private static func collectElement(
        _ element: HTMLNode, tag: String, insideArticle: Bool, survey: Survey?, into collector: inout ParagraphCollector
    ) {
        if tag == "br" {
            collector.lineBreak()
        } else if let level = headingLevels[tag] {
            collector.endParagraph()
            collector.headingLevel = level
            collect(element, insideArticle: insideArticle, survey: survey, into: &collector)
            collector.endParagraph()
        } else if blockTags.contains(tag) {
            collector.endParagraph()
            collect(element, insideArticle: insideArticle, survey: survey, into: &collector)
            collector.endParagraph()
        } else if cellTags.contains(tag) {
            collector.append(" ")
            collect(element, insideArticle: insideArticle, survey: survey, into: &collector)
            collector.append(" ")
        } else if tag == "a" {
            collector.linkDepth += 1
            collect(element, insideArticle: insideArticle, survey: survey, into: &collector)
            collector.linkDepth -= 1
        } else {
            collect(element, insideArticle: insideArticle, survey: survey, into: &collector)
        }
    }

    static let headingLevels: [String: Int] = ["h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6]

    /// Elements that start and end a paragraph (headings aside).
    static let blockTags: Set<String> = [
        "p", "div", "section", "article", "main", "hgroup", "ul", "ol", "li", "dl", "dt", "dd", "blockquote",
        "pre", "table", "thead", "tbody", "tfoot", "tr", "caption", "address", "hr", "details", "summary", "center",
        "fieldset", "legend", "body", "html",
    ]

    /// Blocks that group other blocks: dropped whole when most of their text is links.
    private static let containerTags: Set<String> = [
        "div", "section", "ul", "ol", "dl", "table", "tbody", "center", "span",
    ]

    /// Elements whose text is kept apart from its neighbours' by a space.
    private static let cellTags: Set<String> = ["td", "th"]
}

/// Where the article's paragraphs are collected: an element, or some of its children.
struct Container {
    var root: HTMLNode
    /// The children of `root` to collect, in document order; nil for all of `root`.
    var only: [HTMLNode]?

    /// Whether `node` is inside what is collected.
    func contains(_ node: HTMLNode) -> Bool {
        var current: HTMLNode? = node
        let roots = only ?? [root]
        while let element = current {
            if roots.contains(where: { $0.identity == element.identity }) { return true }
            current = element.parent
        }
        return false
    }
}

/// A finished paragraph; headings remember their level.
struct Paragraph: Equatable {
    var text: String
    var headingLevel: Int?
}

/// Gathers text into lines and lines into paragraphs, cleaning each line with
/// ``TextHygiene/collapse(_:)`` as it is finished, and drops the paragraphs that are
/// not prose (see ``MainText``).
struct ParagraphCollector {
    private var paragraphs: [Paragraph] = []
    private var lines: [String] = []
    private var line = ""
    /// Letters and digits of the current paragraph, and those inside links.
    private var letters = 0
    private var linkLetters = 0
    /// How many `<a>` elements the text being appended is inside.
    var linkDepth = 0
    /// The level of the heading being collected, nil for other blocks.
    var headingLevel: Int?

    /// Adds raw text to the current line.
    mutating func append(_ text: String) {
        line += text
        let count = TextMeasure.letters(in: text)
        letters += count
        if linkDepth > 0 { linkLetters += count }
    }

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

    /// Ends the current paragraph, keeping it if it is prose.
    mutating func endParagraph() {
        let cleaned = TextHygiene.collapse(line)
        line = ""
        if !cleaned.isEmpty { lines.append(cleaned) }
        if !lines.isEmpty {
            let text = lines.joined(separator: "\n")
            let mostlyLinks = headingLevel == nil && linkLetters * 2 > letters
            if !mostlyLinks, !TextMeasure.isNoise(text) {
                paragraphs.append(Paragraph(text: text, headingLevel: headingLevel))
            }
        }
        lines = []
        letters = 0
        linkLetters = 0
        headingLevel = nil
    }

    /// `paragraphs` without headings that head nothing: the last one, or one followed
    /// by a heading of the same or a higher rank.
    static func withoutEmptyHeadings(_ paragraphs: [Paragraph]) -> [Paragraph] {
        var kept: [Paragraph] = []
        for paragraph in paragraphs.reversed() {
            if let level = paragraph.headingLevel {
                guard let next = kept.last else { continue }
                if let nextLevel = next.headingLevel, nextLevel <= level { continue }
            }
            kept.append(paragraph)
        }
        return kept.reversed()
    }

    /// The paragraphs as collected.
    var collected: [Paragraph] { paragraphs }
}
