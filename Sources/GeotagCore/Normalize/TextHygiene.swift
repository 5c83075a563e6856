import Foundation

/// The clean-up that page text goes through (not plain-text input, which is its own
/// clean text): invisible characters removed, whitespace runs collapsed, NFC.
///
/// Invalid UTF-8 never gets this far: it is replaced with U+FFFD when bytes are decoded.
enum TextHygiene {
    /// Characters that take no space and carry no meaning in news prose but break
    /// matching: the soft hyphen, zero-width space, word joiner, byte-order mark,
    /// direction marks and embeddings (common on Arabic pages), and control characters.
    ///
    /// Zero-width (non-)joiners U+200C/U+200D are kept on purpose: they are part of
    /// the spelling of Persian, Kurdish (Sorani) and Urdu words, and of emoji.
    static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00AD, 0x061C, 0x180E, 0x200B, 0x200E, 0x200F, 0x202A...0x202E, 0x2060...0x2064, 0x2066...0x2069, 0xFEFF:
            return true
        case 0x09...0x0D, 0x85:
            return false  // whitespace controls: collapsed, not removed
        case 0x00...0x1F, 0x7F...0x9F:
            return true
        default:
            return false
        }
    }

    /// Whether `scalar` is whitespace (Unicode's White_Space; ASCII decided without a
    /// property look-up).
    @inline(__always)
    static func isWhitespace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII ? scalar == " " || (0x09...0x0D).contains(scalar.value) : ScalarProperties.isWhitespace(scalar)
    }

    /// `text` without invisible characters, each whitespace run (newlines and no-break
    /// spaces included) made one space, trimmed. Not normalised: see ``finish(_:)``.
    static func collapse(_ text: String) -> String {
        var result = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.unicodeScalars where !isInvisible(scalar) {
            if isWhitespace(scalar) {
                pendingSpace = !result.isEmpty
                continue
            }
            if pendingSpace {
                result.append(" ")
                pendingSpace = false
            }
            result.append(scalar)
        }
        return String(result)
    }

    /// The article text from its collapsed paragraphs: joined with a blank line, in NFC.
    static func finish(_ paragraphs: [String]) -> String {
        nfc(paragraphs.joined(separator: "\n\n"))
    }

    /// `text` in NFC. Below U+0300 every scalar is NFC by itself and none composes with
    /// another (combining marks start there), so text with no UTF-8 byte from 0xCC up,
    /// most news in Latin script, is returned as it is without Foundation's pass.
    static func nfc(_ text: String) -> String {
        text.utf8.contains { $0 >= 0xCC } ? text.precomposedStringWithCanonicalMapping : text
    }

    /// How many invalid sequences decoding `bytes` as UTF-8 replaced: the U+FFFD in
    /// `decoded` that the bytes did not spell out themselves.
    static func replacedSequences(in bytes: [UInt8], decoded: String) -> Int {
        var replacements = 0
        for scalar in decoded.unicodeScalars where scalar == "\u{FFFD}" { replacements += 1 }
        guard replacements > 0 else { return 0 }
        var literal = 0
        var index = 0
        while index + 2 < bytes.count {
            if bytes[index] == 0xEF, bytes[index + 1] == 0xBF, bytes[index + 2] == 0xBD {
                literal += 1
                index += 3
            } else {
                index += 1
            }
        }
        return replacements - literal
    }

    /// The warning a document gets when its bytes were not all valid UTF-8, once per
    /// document however many sequences were replaced.
    static func invalidUTF8Warning(_ count: Int) -> String? {
        guard count > 0 else { return nil }
        return "invalid UTF-8: \(count) byte sequence\(count == 1 ? "" : "s") replaced with U+FFFD"
    }

    /// A metadata value (title, author, ...) cleaned like a paragraph; nil when nothing
    /// is left.
    static func field(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = nfc(collapse(text))
        return cleaned.isEmpty ? nil : cleaned
    }
}
