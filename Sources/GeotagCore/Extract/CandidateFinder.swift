/// A span of an article whose words fold to a gazetteer name.
struct Candidate: Equatable {
    /// The tokens of the span, in ``FoldedText/tokens``.
    var tokens: Range<Int>
    /// The places the name may mean, as indices into the gazetteer, best prior first.
    var places: [Int]
    /// The gazetteer names that matched, one per place.
    var nameRefs: [UInt32]
}

/// Finds every span of a text that folds to a gazetteer name: for each word that can
/// start a name, the longest window of up to ``maxTokens`` words within the sentence
/// whose key the index holds, leftmost first, without overlaps.
struct CandidateFinder {
    let index: GazetteerIndex
    /// The longest name, in words, that is looked for.
    var maxTokens = 7

    func candidates(in text: FoldedText) -> [Candidate] {
        var found: [Candidate] = []
        var key: [UInt8] = []
        key.reserveCapacity(128)
        let tokens = text.tokens
        var i = 0
        while i < tokens.count {
            guard canStart(i, in: text) else { i += 1; continue }
            var limit = i + 1
            while limit < tokens.count, limit - i < maxTokens,
                  tokens[limit].flags.isDisjoint(with: [.sentenceStart, .lineStart]) {
                limit += 1
            }
            var match: Candidate?
            windows: for end in stride(from: limit, to: i, by: -1) where canEnd(end - 1, in: text) {
                for stripped in [false, true] {
                    if stripped, !text.hasArticle(in: i..<end) { continue }
                    key.removeAll(keepingCapacity: true)
                    text.appendKey(i..<end, stripped: stripped, to: &key)
                    if key.isEmpty { continue }
                    let hit = key.withUnsafeBytes { index.postings(hash: NameKey.hash(key), key: $0) }
                    if let hit {
                        let postings = hit.map { index.posting($0) }
                        match = Candidate(tokens: i..<end, places: postings.map(\.place), nameRefs: postings.map(\.nameRef))
                        break windows
                    }
                }
            }
            if let match {
                found.append(match)
                i = match.tokens.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    /// A name starts with a capitalised word, an Arabic-script word, or an article
    /// hyphenated or spaced before a capitalised word ("al-Hasakah").
    private func canStart(_ i: Int, in text: FoldedText) -> Bool {
        let flags = text.tokens[i].flags
        if !flags.isDisjoint(with: [.capitalized, .caseless, .allCaps]) { return !flags.contains(.digit) }
        guard flags.contains(.article), i + 1 < text.tokens.count else { return false }
        return !text.tokens[i + 1].flags.isDisjoint(with: [.capitalized, .caseless])
    }

    /// A name ends with a capitalised or Arabic-script word, never with a lower-case one.
    private func canEnd(_ i: Int, in text: FoldedText) -> Bool {
        !text.tokens[i].flags.isDisjoint(with: [.capitalized, .caseless, .allCaps])
    }
}
