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
}
