import Testing
@testable import GeotagCore

struct LexiconTests {
    let lexicon = Lexicon(englishWords: ["snow", "fell", "on", "the"], demonyms: DemonymTable(["iraqi": ["IQ"], "arab": []]))

    @Test func everyTokenGetsTheClassesOfEveryList() {
        let text = FoldedText("Snow fell on Iraqis and an Arab in the province of Nineveh, Layla Hassan said.")
        let classes = WordClasses(lexicon: lexicon, text: text)
        func of(_ word: String) -> WordClass {
            let i = text.tokens.indices.first { String(decoding: text.folded($0), as: UTF8.self) == word }!
            // Looked up the first time, remembered after.
            #expect(classes[i] == lexicon.classes(ofToken: i, in: text) && classes[i] == classes[i])
            return classes[i]
        }
        #expect(of("snow") == [.english])
        #expect(of("on").contains(.english))
        #expect(of("iraqis") == [.demonym])
        #expect(of("arab") == [.demonym])
        #expect(of("the").contains([.english, .the, .connector]))
        #expect(of("and").contains([.andOr, .connector]))
        #expect(of("an").contains(.indefinite))
        #expect(of("province").contains(.provinceNoun))
        #expect(of("province").isAny(.placeNoun) && of("province").isAny(.generic))
        #expect(of("of").contains([.of, .connector]))
        #expect(of("nineveh") == [])
        #expect(of("layla") == [.givenName])
        #expect(of("hassan").contains(.surname) || of("hassan").contains(.givenName))
    }

    @Test func wordListsAreReadLineByLineWhateverTheLineEnds() {
        #expect(Lexicon.lines(of: "snow\nfell\r\n\ncafé\r\nend") == ["snow", "fell", "café", "end"])
        #expect(Lexicon.lines(of: "") == [])
    }

    @Test func aWordTableFindsEveryWordAndNothingElse() {
        var words: [String: WordClass] = [:]
        for i in 0..<5_000 { words["w\(i)"] = WordClass(rawValue: UInt32(i % 7 + 1)) }
        // Words of up to eight bytes and longer, Latin and Arabic.
        for word in ["abcdefgh", "abcdefghi", "reconstruction", "ابوكمال", "الحسكة"] { words[word] = .common }
        words[""] = .english
        // Grown from its smallest size many times over.
        var table = WordTable()
        for (word, kind) in words { table.add(word.utf8, kind) }
        table.add("w1".utf8, .surname)
        words["w1"]!.formUnion(.surname)
        for (word, kind) in words {
            #expect(Array(word.utf8).withUnsafeBufferPointer { table[$0] } == kind)
        }
        for missing in ["w5000", "w", "x1", "w00", "abcdefg", "abcdefgi", "abcdefghij", "reconstructio", "w1\0"] {
            #expect(Array(missing.utf8).withUnsafeBufferPointer { table[$0] } == [])
        }
    }
}
