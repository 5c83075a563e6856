import Testing
@testable import GeotagCore

@Suite struct FoldedKeyTableTests {
    private func key(_ text: String) -> FoldedKey { FoldedKey(bytes: ArraySlice(text.utf8)) }

    /// The table keeps the first value of each key and answers as a dictionary would,
    /// through growth from its smallest size and keys that share a slot.
    @Test func answersAsADictionaryWould() {
        var table = FoldedKeyTable<Int>()
        var dictionary: [String: Int] = [:]
        var generator = SystemRandomNumberGenerator()
        let words = (0..<2_000).map { _ in
            String((0..<Int.random(in: 0...6, using: &generator)).map { _ in "abcdefgh-".randomElement(using: &generator)! })
        }
        for (n, word) in words.enumerated() {
            let (value, isNew) = table.value(of: key(word)) { n }
            #expect(isNew == (dictionary[word] == nil))
            if isNew { dictionary[word] = n }
            #expect(value == dictionary[word])
        }
        #expect(table.count == dictionary.count)
        for word in Set(words) { #expect(table[key(word)] == dictionary[word]) }
        #expect(!table.contains(key("absent word")))
        #expect(table.contains(key("")) == words.contains(""))
    }

    /// Keys are compared by their bytes, wherever the slices come from.
    @Test func slicesOfOtherArraysFindTheSameKey() {
        var table = FoldedKeyTable<String>(capacity: 2)
        let text = Array("deir ez zor and deir ez zor".utf8)
        table.value(of: FoldedKey(bytes: text[0..<11])) { "first" }
        let (value, isNew) = table.value(of: FoldedKey(bytes: text[16..<27])) { "second" }
        #expect(value == "first" && !isNew)
        #expect(table[FoldedKey(bytes: text[0..<4])] == nil)
    }
}
