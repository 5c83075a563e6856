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
    ///
    /// Walks the UTF-8 and copies bytes: a scalar at a time into a scalar view cost
    /// a third of normalising a page.
    static func collapse(_ text: String) -> String {
        var text = text
        return text.withUTF8 { utf8 in
            var out: [UInt8] = []
            out.reserveCapacity(utf8.count)
            var pendingSpace = false
            var i = 0
            while i < utf8.count {
                let lead = utf8[i]
                // Printable ASCII, the bulk of any text, in runs that go on over a
                // single space between two printable bytes: the space it stays.
                if lead &- 0x21 < 0x5E {
                    if pendingSpace {
                        out.append(0x20)
                        pendingSpace = false
                    }
                    var end = i + 1
                    while end < utf8.count {
                        if utf8[end] &- 0x21 < 0x5E {
                            end += 1
                        } else if utf8[end] == 0x20, end + 1 < utf8.count, utf8[end + 1] &- 0x21 < 0x5E {
                            end += 2
                        } else {
                            break
                        }
                    }
                    out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<end]))
                    i = end
                    continue
                }
                let (scalar, length) = lead < 0x80 ? (Unicode.Scalar(lead), 1) : ValidUTF8.scalar(in: utf8, at: i)
                defer { i += length }
                if isInvisible(scalar) { continue }
                if isWhitespace(scalar) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace {
                    out.append(0x20)
                    pendingSpace = false
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[i..<(i + length)]))
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// The article text from its collapsed paragraphs: joined with a blank line, in NFC.
    static func finish(_ paragraphs: [String]) -> String {
        nfc(paragraphs.joined(separator: "\n\n"))
    }

    /// `text` in NFC, without Foundation's pass when it is NFC already by
    /// ``isNFCByItsScalars(_:)``, as most news in Latin script is.
    static func nfc(_ text: String) -> String {
        isNFCByItsScalars(text) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// Whether every scalar of `text` is below U+0300, in U+1E00–U+1EFF (the
    /// precomposed letters of Latin Extended Additional: the "Ḩ" and "ṣ" of GeoNames'
    /// romanisations, Vietnamese) or in U+2002–U+207F (the general punctuation of
    /// news: curly quotes, dashes, the ellipsis, and the super- and subscripts after
    /// it). Each of these is NFC by itself, and none composes with another:
    /// composition needs a combining mark (from U+0300 on), a Hangul jamo or one of a
    /// few Indic vowel signs. (U+2000 and U+2001 become U+2002 and U+2003 in NFC.)
    ///
    /// In UTF-8, every byte from 0xCC up starts a scalar of U+0300 or more; those of
    /// U+1E00–U+1EFF start E1 B8…E1 BB, those of U+2002–U+207F E2 80 82…E2 81 BF.
    static func isNFCByItsScalars(_ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            var i = 0
            while i < utf8.count {
                if utf8[i] >= 0xCC {
                    guard i + 2 < utf8.count else { return false }
                    let (lead, second) = (utf8[i], utf8[i + 1])
                    let latinAdditional = lead == 0xE1 && second &- 0xB8 < 4
                    let punctuation = lead == 0xE2 && (second == 0x81 || (second == 0x80 && utf8[i + 2] >= 0x82))
                    guard latinAdditional || punctuation else { return false }
                    i += 3
                } else {
                    i += 1
                }
            }
            return true
        }
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

    /// `text` without white space at either end. Most texts have none there (a URL, a
    /// date), and are returned as they are: Foundation's trimming bridges through UTF-16,
    /// and with a plain article's URL and date trimmed so, it took 1.5% of a run's CPU.
    static func trimmingWhitespace(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last,
              first.properties.isWhitespace || last.properties.isWhitespace
        else { return text }
        return text.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A metadata value (title, author, ...) cleaned like a paragraph; nil when nothing
    /// is left.
    static func field(_ text: String?) -> String? {
        guard let text else { return nil }
        let cleaned = nfc(collapse(text))
        return cleaned.isEmpty ? nil : cleaned
    }
}
