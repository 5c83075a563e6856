import Foundation
import Testing
@testable import GeotagCore

/// The clean-up of page text: collapsing whitespace, dropping invisible characters,
/// and NFC without Foundation's pass where the scalars alone make text NFC.
@Suite struct TextHygieneTests {
    @Test func collapseMakesEachWhitespaceRunOneSpaceAndDropsInvisibles() {
        #expect(TextHygiene.collapse("  Mosul,\n\t Iraq  ") == "Mosul, Iraq")
        // No-break, ideographic and line-separator spaces are whitespace; the soft hyphen,
        // zero-width space, BOM, direction marks and controls go.
        #expect(TextHygiene.collapse("Deir\u{00A0}ez-\u{00AD}Zor\u{3000}\u{2028}town\u{200B}ship\u{FEFF}") == "Deir ez-Zor township")
        #expect(TextHygiene.collapse("\u{200F}الحسكة\u{200E} \u{061C}مدينة\u{0007}") == "الحسكة مدينة")
        #expect(TextHygiene.collapse("a\u{0085}b\u{2009}c") == "a b c")
        // Joiners stay (Persian spelling, emoji), as do combining marks and astral scalars.
        #expect(TextHygiene.collapse("می\u{200C}خواهم 👩\u{200D}🔬 e\u{0301}") == "می\u{200C}خواهم 👩\u{200D}🔬 e\u{0301}")
        #expect(TextHygiene.collapse(" \n\u{00A0} ") == "")
        #expect(TextHygiene.collapse("") == "")
    }

    /// The byte runs of `collapse` (printable ASCII, and single spaces between) give
    /// what a walk over the scalars gives, on random mixes of every ASCII byte, runs of
    /// spaces and other whitespace, invisibles and other scalars.
    @Test func collapseAnswersAsAScalarWalkDoes() {
        func reference(_ text: String) -> String {
            var out = "", pendingSpace = false
            for scalar in text.unicodeScalars where !TextHygiene.isInvisible(scalar) {
                if TextHygiene.isWhitespace(scalar) {
                    pendingSpace = !out.isEmpty
                    continue
                }
                if pendingSpace { out.unicodeScalars.append(" ") }
                pendingSpace = false
                out.unicodeScalars.append(scalar)
            }
            return out
        }
        var random = SplitMix64(seed: 30)
        let pieces = (0..<128).map { String(UnicodeScalar(UInt8($0))) } + [" ", " ", " ", "  ", "\u{A0}", "\u{200B}", "\u{AD}", "é", "د", "😀"]
        for length in [1, 2, 3, 8, 40, 200] {
            for _ in 0..<100 {
                let text = (0..<length).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
                #expect(TextHygiene.collapse(text) == reference(text), "\(text.unicodeScalars.map(\.value))")
            }
        }
    }

    @Test func nfcComposesWhatNeedsIt() {
        #expect(TextHygiene.nfc("Diya\u{0304}la\u{0301}") == "Diyālá")
        #expect(TextHygiene.nfc("\u{0627}\u{0654}") == "\u{0623}")  // alef + hamza above
        #expect(TextHygiene.nfc("\u{2000}") == "\u{2002}")
        #expect(TextHygiene.nfc("“Mosul” – it’s Erbil…") == "“Mosul” – it’s Erbil…")
        #expect(TextHygiene.isNFCByItsScalars("“Mosul” – Ménaka, Diyālá, Ḩamāh…"))
        #expect(TextHygiene.nfc("H\u{0327}ama") == "\u{1E28}ama")  // H + cedilla
        #expect(!TextHygiene.isNFCByItsScalars("Diya\u{0304}la"))
        #expect(!TextHygiene.isNFCByItsScalars("\u{2001}"))
        #expect(!TextHygiene.isNFCByItsScalars("الحسكة"))
    }

    /// Every scalar the fast path lets through is NFC by itself and next to any other
    /// of them, in either order: Foundation's NFC leaves such text as it is.
    @Test func theFastPathsScalarsAreNFCInAnyOrder() {
        let scalars = (Array(0x20..<0x300) + Array(0x1E00..<0x1F00) + Array(0x2002..<0x2080)).compactMap(Unicode.Scalar.init)
        for first in scalars {
            var view = String.UnicodeScalarView()
            for other in scalars {
                view.append(first)
                view.append(other)
            }
            let text = String(view)
            #expect(TextHygiene.isNFCByItsScalars(text))
            #expect(text.precomposedStringWithCanonicalMapping.unicodeScalars.elementsEqual(text.unicodeScalars), "U+\(String(first.value, radix: 16))")
        }
    }
}
