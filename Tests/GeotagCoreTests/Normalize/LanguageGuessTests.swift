import Testing
@testable import GeotagCore

@Suite struct LanguageGuessTests {
    /// Letters and Arabic letters as walking the scalars counts them.
    private func scalarCounts(_ text: String) -> (letters: Int, arabic: Int) {
        let letters = text.unicodeScalars.filter(\.properties.isAlphabetic)
        let arabic = letters.filter { (0x0600...0x06FF).contains($0.value) || (0x0750...0x077F).contains($0.value)
            || (0x0870...0x08FF).contains($0.value) || (0xFB50...0xFDFF).contains($0.value) || (0xFE70...0xFEFF).contains($0.value) }
        return (letters.count, arabic.count)
    }

    private func byteCounts(_ text: String) -> (letters: Int, arabic: Int) {
        var text = text
        return text.withUTF8 { LanguageGuess.counts(inUTF8: $0) }
    }

    @Test func mostlyArabicLettersAreArabic() {
        #expect(LanguageGuess.language(of: "اشتباكات في دير الزور ١٢ ISIS") == "ar")
        #expect(LanguageGuess.language(of: "Clashes in Deir ez-Zor (دير الزور)") == nil)
        #expect(LanguageGuess.language(of: "2025 — 12:30") == nil)
        #expect(LanguageGuess.language(of: "") == nil)
    }

    /// Every ASCII byte, in words of eight and in the tail, beside letters of other
    /// scripts, digits and symbols: the word-at-a-time count meets each case.
    @Test func bytesCountAsTheScalarsDo() {
        var random = SplitMix64(seed: 29)
        let pieces = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + ["é", "ḥ", "د", "ﻻ", "ࢠ", "😀", "—", "٣", "\u{64B}"]
        for length in [0, 1, 7, 8, 9, 16, 63, 200] {
            for _ in 0..<50 {
                let text = (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                #expect(byteCounts(text) == scalarCounts(text), "\(text.unicodeScalars.map(\.value))")
            }
        }
    }
}
