import Foundation

/// The first walk of ``MainText``: what every element of a page holds, and where the
/// article most likely is.
struct Survey {
    /// Letters and digits below an element, and how many of them are link text. Text
    /// in dropped or boilerplate elements is not counted for their ancestors.
    struct Measure {
        var text = 0
        var links = 0

        /// The share of link text, 0 when there is no text.
        var linkDensity: Double { text == 0 ? 0 : Double(links) / Double(text) }
    }

    private var measures: [UnsafeMutableRawPointer: Measure] = [:]
    private var scores: [UnsafeMutableRawPointer: (node: HTMLNode, score: Double)] = [:]
    /// Elements with `itemprop="articleBody"`, `<article>`s that are not boilerplate
    /// themselves, and `<main>`s, in document order.
    private(set) var articleBodies: [HTMLNode] = []
    private(set) var articles: [HTMLNode] = []
    private(set) var mains: [HTMLNode] = []

    /// A paragraph shorter than this (letters and digits) scores nothing.
    static let minimumParagraph = 25

    /// Measures `node` and everything below it; `marked` tells whether an ancestor is
    /// boilerplate, `inLink` whether one is an `<a>`.
    @discardableResult
    mutating func measure(_ node: HTMLNode, insideArticle: Bool, marked: Bool, inLink: Bool) -> Measure {
        var total = Measure()
        var direct = 0
        var child = node.firstChild
        while let current = child {
            child = current.nextSibling
            if current.isText {
                let count = current.textLetters
                total.text += count
                if inLink { total.links += count } else { direct += count }
                continue
            }
            guard current.isElement else { continue }
            let tag = current.tag
            if BoilerplateRules.isDroppedTag(tag, insideArticle: insideArticle) { continue }
            let isBoilerplate = BoilerplateRules.isBoilerplate(current, tag: tag, insideArticle: insideArticle)
            if !isBoilerplate { noteCandidate(current, tag: tag) }
            let measure = measure(
                current, insideArticle: insideArticle || tag == "article", marked: marked || isBoilerplate,
                inLink: inLink || tag == "a")
            guard !isBoilerplate else { continue }
            total.text += measure.text
            total.links += measure.links
            if !marked, Self.paragraphTags.contains(tag), measure.text >= Self.minimumParagraph {
                let score = Self.paragraphScore(measure)
                addScore(score, to: node)
                if let grandparent = node.parent { addScore(score / 2, to: grandparent) }
            }
        }
        if !marked, direct >= Self.minimumParagraph, Self.directTextTags.contains(node.tag) {
            // Text straight in a block, paragraphs kept apart by <br>s (Blogger, old sites).
            let score = Self.paragraphScore(Measure(text: direct, links: 0))
            addScore(score, to: node)
            if let parent = node.parent { addScore(score / 2, to: parent) }
        }
        measures[node.identity] = total
        return total
    }

    private mutating func noteCandidate(_ element: HTMLNode, tag: String) {
        if tag == "article" { articles.append(element) }
        if tag == "main" { mains.append(element) }
        if let itemprop = element.attribute("itemprop"), itemprop.lowercased().split(separator: " ").contains("articlebody") {
            articleBodies.append(element)
        }
    }

    private mutating func addScore(_ score: Double, to element: HTMLNode) {
        scores[element.identity, default: (element, 0)].score += score
    }

    /// Blocks whose own text, kept apart by `<br>`s rather than in paragraphs, scores
    /// (not headings: a long subtitle is no article).
    private static let directTextTags: Set<String> = ["div", "section", "article", "main", "td", "body", "center", "font"]

    /// Elements whose own paragraphs score.
    private static let paragraphTags: Set<String> = ["p", "pre", "blockquote", "td", "li", "dd"]

    private static func paragraphScore(_ measure: Measure) -> Double {
        (1 + min(3, Double(measure.text) / 100)) * (1 - measure.linkDensity)
    }

    /// What was measured below `element`.
    func measure(of element: HTMLNode) -> Measure {
        measures[element.identity] ?? Measure()
    }

    /// Whether most of the text below `element` is link text.
    func isMostlyLinks(_ element: HTMLNode) -> Bool {
        let measure = measure(of: element)
        return measure.text > 0 && measure.links * 2 > measure.text
    }

    /// The element with the best paragraph score, its link text discounted.
    private var bestScored: HTMLNode? {
        var best: (node: HTMLNode, score: Double)?
        for (_, entry) in scores {
            let score = entry.score * (1 - measure(of: entry.node).linkDensity)
            if score > best?.score ?? 0 { best = (entry.node, score) }
        }
        return best?.node
    }

    /// Where to collect the article from, best first (see ``MainText``).
    func containers(body: HTMLNode) -> [Container] {
        var result: [Container] = []
        if let best = mostText(articleBodies) { result.append(Container(root: best)) }
        let top = bestScored
        if let best = mostText(articles) {
            var container = Container(root: best)
            if let parent = best.parent {
                let siblings = articles.filter { $0.parent?.identity == parent.identity }
                let total = siblings.reduce(0) { $0 + measure(of: $1).text }
                if siblings.count >= 2, measure(of: best).text * 5 < total * 3 { container = Container(root: parent) }
            }
            let elsewhere = top.map { !container.contains($0) && !Container(root: $0).contains(container.root) } ?? false
            if !(elsewhere && measure(of: top!).text > 2 * measure(of: container.root).text) { result.append(container) }
        }
        if let top { result.append(withSiblings(top)) }
        if let main = mostText(mains) { result.append(Container(root: main)) }
        result.append(Container(root: body))
        return result
    }

    /// `top` with those of its siblings that belong to the same article: blocks that
    /// score at least a fifth as much, and long paragraphs of plain text.
    private func withSiblings(_ top: HTMLNode) -> Container {
        var top = top
        // A block that is its parent's only element stands for the parent, whose
        // siblings may hold the rest of the article (columns split by an ad).
        while let parent = top.parent, parent.tag != "body", Self.isOnlyElement(top, of: parent) { top = parent }
        guard let parent = top.parent else { return Container(root: top) }
        let threshold = (scores[top.identity]?.score ?? 0) / 5
        var kept: [HTMLNode] = []
        var child = parent.firstChild
        while let current = child {
            child = current.nextSibling
            guard current.isElement else { continue }
            if current.identity == top.identity {
                kept.append(current)
                continue
            }
            let score = scores[current.identity]?.score ?? 0
            let measure = measure(of: current)
            if score > 0, score >= threshold {
                kept.append(current)
            } else if current.tag == "p", measure.text >= 80, measure.links * 4 < measure.text {
                kept.append(current)
            }
        }
        return Container(root: parent, only: kept)
    }

    private static func isOnlyElement(_ element: HTMLNode, of parent: HTMLNode) -> Bool {
        var child = parent.firstChild
        while let current = child {
            child = current.nextSibling
            if current.isElement, current.identity != element.identity { return false }
            if current.isText, current.text.contains(where: { !$0.isWhitespace }) { return false }
        }
        return true
    }

    private func mostText(_ elements: [HTMLNode]) -> HTMLNode? {
        var best: (node: HTMLNode, text: Int)?
        for element in elements {
            let text = measure(of: element).text
            if text > best?.text ?? 0 { best = (element, text) }
        }
        return best?.node
    }
}

/// Counting letters, and recognising lines that are not prose.
enum TextMeasure {
    /// Letters and digits in `text`, counted over its UTF-8 (``letters(inUTF8:)``).
    static func letters(in text: String) -> Int {
        var text = text
        return text.withUTF8 { letters(inUTF8: $0) }
    }

    /// Words of `text` (runs between whitespace) that hold a letter or a digit, counted
    /// scalar by scalar: no `Character`, no substring. Counting stops at `limit`.
    static func words(in text: String, upTo limit: Int = .max) -> Int {
        var count = 0
        var inWord = false, counted = false
        for scalar in text.unicodeScalars {
            if TextHygiene.isWhitespace(scalar) {
                inWord = false
                continue
            }
            if !inWord { (inWord, counted) = (true, false) }
            if !counted, isLetterOrDigit(scalar) {
                (counted, count) = (true, count + 1)
                if count == limit { break }
            }
        }
        return count
    }

    @inline(__always)
    private static func isLetterOrDigit(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            let value = scalar.value
            return (0x61...0x7A).contains(value) || (0x41...0x5A).contains(value) || (0x30...0x39).contains(value)
        }
        return ScalarProperties.isAlphanumeric(scalar)
    }

    /// Letters and digits in the NUL-terminated UTF-8 text at `bytes`.
    static func letters(inUTF8 bytes: UnsafePointer<UInt8>) -> Int {
        letters(inUTF8: UnsafeBufferPointer(start: bytes, count: strlen(bytes)))
    }

    /// Letters and digits in the UTF-8 `bytes`: ASCII eight bytes at a time
    /// (``ByteWords/asciiAlphanumerics(_:)``) or byte by byte, other scalars decoded
    /// (``UTF8Scan``; an ill-formed sequence counts nothing). Walking a `String`'s
    /// scalars instead took a fifth more of the normalize stage's samples.
    static func letters(inUTF8 bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        UTF8Scan.scan(
            bytes, asciiWord: { count += ByteWords.asciiAlphanumerics($0) },
            asciiByte: { if (0x61...0x7A).contains($0) || (0x41...0x5A).contains($0) || (0x30...0x39).contains($0) { count += 1 } },
            scalar: { if ScalarProperties.isAlphanumeric($0) { count += 1 } })
        return count
    }

    /// Whether a paragraph is not prose: fewer than two letters (a counter, a
    /// separator); only a date, a time, a reading time or a count of views or
    /// comments ("Updated 14:05 BST", "6 min read", "112 comments"); or mostly digits
    /// with a time or date in figures (`08:45`, `03.07.2025`) and at most one other
    /// word, in whatever language ("03.07.2025 - 08:45 Güncelleme: 10:12"). Such lines
    /// are short: longer text is prose without looking.
    static func isNoise(_ text: String) -> Bool {
        if text.utf8.count > 120 { return false }
        var alphabetic = 0
        var digits = 0
        var otherWords = 0
        var figuresWithSeparator = false
        var lastWasDigit = false
        var separatorAfterDigit = false
        var word = ""
        func endWord() {
            guard !word.isEmpty else { return }
            if !noiseWords.contains(word.lowercased()) { otherWords += 1 }
            word = ""
        }
        for scalar in text.unicodeScalars {
            // ASCII decided here: among its scalars only 0-9 have a numeric type and only
            // A-Z and a-z are alphabetic, and the property look-ups cost more than the rest.
            if scalar.isASCII ? scalar.value &- 0x30 < 10 : ScalarProperties.isNumeric(scalar) {
                digits += 1
                if separatorAfterDigit { figuresWithSeparator = true }
                separatorAfterDigit = false
                lastWasDigit = true
                endWord()
            } else if scalar.isASCII ? (scalar.value | 0x20) &- 0x61 < 26 : ScalarProperties.isAlphabetic(scalar) {
                alphabetic += 1
                word.unicodeScalars.append(scalar)
                lastWasDigit = false
                separatorAfterDigit = false
            } else {
                separatorAfterDigit = lastWasDigit && (scalar == ":" || scalar == "." || scalar == "/")
                lastWasDigit = false
                endWord()
            }
        }
        endWord()
        if alphabetic < 2 { return true }
        if digits > 0, otherWords == 0 { return true }
        return figuresWithSeparator && otherWords <= 1 && digits >= alphabetic
    }

    /// Words of dates, times, reading times and counters.
    private static let noiseWords: Set<String> = [
        "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
        "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
        "am", "pm", "a", "p", "m", "h", "st", "nd", "rd", "th",
        "utc", "gmt", "bst", "cet", "cest", "eet", "eest", "est", "edt", "cst", "cdt", "pst", "pdt", "mst", "mdt",
        "ist", "et", "pt", "ast", "msk", "trt", "pkt", "gst",
        "updated", "update", "published", "posted", "last", "modified", "on", "at", "ago", "hours", "hour", "hrs",
        "minutes", "minute", "min", "mins", "seconds", "days", "day", "weeks", "week", "read", "reading", "time",
        "views", "view", "comments", "comment", "likes", "shares", "replies",
        "publié", "le", "à", "mis", "jour", "janvier", "février", "mars", "avril", "mai", "juin", "juillet",
        "août", "septembre", "octobre", "novembre", "décembre",
    ]
}
