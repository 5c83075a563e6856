import Testing
@testable import GeotagCore

@Suite struct NameSpellingsTests {
    /// Names whose folded words are equal share a spelling, whatever their case or
    /// diacritics; spellings count from 0 in the order they first appear.
    @Test func namesThatReadTheSameShareASpelling() {
        let text = FoldedText("TRIPOLI, Lebanon. Fighting in Tripoli spread to Deir ez-Zor and Trípoli, Lebanon.")
        func tokens(_ word: String) -> [Int] {
            text.tokens.indices.filter { text.folded($0).elementsEqual(word.utf8) }
        }
        func name(_ span: Range<Int>) -> Resolver.Name {
            Resolver.Name(candidate: Candidate(tokens: span, options: []), confidence: 1, hint: .none, parent: nil)
        }
        let (tripoli, lebanon, deir) = (tokens("tripoli"), tokens("lebanon"), tokens("deir"))
        #expect(tripoli.count == 3 && lebanon.count == 2 && deir.count == 1)
        let names = [tripoli[0], lebanon[0], tripoli[1], deir[0], tripoli[2], lebanon[1]].map { name($0..<($0 + 1)) }
            + [name(deir[0]..<(deir[0] + 3))]
        let spellings = NameSpellings(names, in: text)
        #expect(names.indices.map { spellings[$0] } == [0, 1, 0, 2, 0, 1, 3])
        #expect(spellings.count == 4)
        #expect(spellings.namesPerSpelling == [3, 2, 1, 1])
        var alike: [Int] = []
        spellings.forEachName(spelledLike: 4) { alike.append($0) }
        #expect(alike == [0, 2, 4])
        alike = []
        spellings.forEachName(spelledLike: 6) { alike.append($0) }
        #expect(alike == [6])
    }
}
