/// Plain text and Markdown input.
///
/// Plain text is its own clean text: the bytes are decoded as UTF-8 with invalid
/// sequences replaced by U+FFFD and nothing else changes (no trimming, no line-ending
/// or Unicode normalisation), so mention offsets index the input exactly.
///
/// Markdown is kept deliberately simple in this version: it is treated as plain text
/// (markup characters stay in the clean text, offsets index the file), and its title is
/// the first `# ` heading.
enum PlainText {
    /// A title longer than this is more likely a paragraph.
    static let maximumTitleLength = 200

    /// The text of `bytes`: UTF-8 with invalid sequences replaced, otherwise unchanged.
    static func decode(_ bytes: [UInt8]) -> String {
        String(decoding: bytes, as: UTF8.self)
    }

    /// The title of a plain-text article: its first line, when that line is not empty,
    /// at most ``maximumTitleLength`` characters long and followed by a blank line and
    /// more text (a one-line text has no title).
    static func title(ofText text: String) -> String? {
        var lines = text.split(maxSplits: 2, omittingEmptySubsequences: false, whereSeparator: \.isNewline).makeIterator()
        guard let first = lines.next().map(trimmed), let second = lines.next().map(trimmed),
              !first.isEmpty, first.count <= maximumTitleLength, second.isEmpty,
              let rest = lines.next(), rest.contains(where: { !$0.isWhitespace })
        else { return nil }
        return first
    }

    /// The title of a Markdown article: the text of its first `# ` heading.
    static func title(ofMarkdown text: String) -> String? {
        for line in text.split(whereSeparator: \.isNewline) where line.hasPrefix("# ") {
            var heading = trimmed(line.dropFirst(2))
            while heading.hasSuffix("#") { heading = trimmed(heading.dropLast()) }
            if !heading.isEmpty, heading.count <= maximumTitleLength { return heading }
        }
        return nil
    }

    private static func trimmed(_ text: Substring) -> String {
        String(text.drop { $0.isWhitespace }.reversed().drop { $0.isWhitespace }.reversed())
    }

    private static func trimmed(_ text: String) -> String { trimmed(Substring(text)) }
}
