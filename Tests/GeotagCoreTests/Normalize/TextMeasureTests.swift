import Testing
@testable import GeotagCore

/// The counts the main-text rules judge paragraphs by.
struct TextMeasureTests {
    @Test(arguments: [
        ("", 0),
        ("   ", 0),
        ("Mosul", 1),
        ("Clashes near  Deir ez-Zor\ton Monday.", 6),
        ("Score 3 – 1", 3),
        ("— • |", 0),
        ("\u{00A0}Hama\u{2003}Homs\u{3000}", 2),
        ("اشتباكات في دير الزور", 4),
    ])
    func wordsCountRunsWithALetterOrDigit(text: String, words: Int) {
        #expect(TextMeasure.words(in: text) == words)
        // What the rules counted before: split on whitespace Characters, words with a letter.
        #expect(text.split(whereSeparator: \.isWhitespace).count(where: { TextMeasure.letters(in: String($0)) > 0 }) == words)
    }

    /// A count with a limit stops there, and is the whole count below it.
    @Test func wordsStopAtTheLimit() {
        let byline = "Von Jana Richter | 22.09.2024"
        #expect(TextMeasure.words(in: byline, upTo: 13) == 4)
        let paragraph = String(repeating: "Clashes near Mosul on Monday. ", count: 20)
        #expect(TextMeasure.words(in: paragraph) == 100)
        #expect(TextMeasure.words(in: paragraph, upTo: 13) == 13)
        #expect(TextMeasure.words(in: paragraph, upTo: 100) == 100)
        #expect(TextMeasure.words(in: "", upTo: 1) == 0)
    }

    /// What the ASCII fast paths of `isNoise` and the word counts rest on.
    @Test func asciiFastPathsAnswerAsTheUnicodeProperties() {
        for value in UInt32(0)..<128 {
            let scalar = Unicode.Scalar(value)!
            #expect((value &- 0x30 < 10) == (scalar.properties.numericType != nil), "\(value)")
            #expect(((value | 0x20) &- 0x61 < 26) == scalar.properties.isAlphabetic, "\(value)")
            #expect(TextHygiene.isWhitespace(scalar) == scalar.properties.isWhitespace, "\(value)")
        }
        // A Character is whitespace by its first scalar.
        for text in [" \u{301}", "\r\n", "a\u{301}", "\u{A0}", "\u{2003}", "\u{301}", "x"] {
            let character = Character(text)
            #expect(character.isWhitespace == TextHygiene.isWhitespace(character.unicodeScalars.first!), "\(text.unicodeScalars.map(\.value))")
        }
    }

    @Test func lettersCountAlikeOverAStringAndItsBytes() {
        for text in ["", "Mosul 2025", "Diyālá, Ḥamāh", "اشتباكات في دير الزور ١٢", "— • | 😀 ⅷ"] {
            let scalars = text.unicodeScalars.count { $0.properties.isAlphabetic || $0.properties.numericType != nil }
            #expect(TextMeasure.letters(in: text) == scalars, "\(text)")
            #expect(Array(text.utf8 + [0]).withUnsafeBufferPointer { TextMeasure.letters(inUTF8: $0.baseAddress!) } == scalars)
        }
        // Every ASCII byte value, in words of eight and in the tail, and ASCII beside
        // other scalars, so that the word-at-a-time count meets each case.
        var random = SplitMix64(seed: 28)
        let pieces = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["é", "ḥ", "د", "😀", "—", "٣"]
        for length in [7, 8, 9, 16, 63, 200] {
            for _ in 0..<50 {
                let text = (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                let scalars = text.unicodeScalars.count { $0.properties.isAlphabetic || $0.properties.numericType != nil }
                #expect(TextMeasure.letters(in: text) == scalars, "\(text.unicodeScalars.map(\.value))")
            }
        }
        // Ill-formed: a lone continuation byte and a sequence cut short count nothing.
        let bytes: [UInt8] = [0x41, 0x80, 0x42, 0xD8, 0xA7, 0xE2, 0x80]
        #expect(bytes.withUnsafeBufferPointer { TextMeasure.letters(inUTF8: $0) } == 3)
    }
}

