/// A span of an article whose words fold to a gazetteer name.
struct Candidate: Equatable {
    /// The tokens of the span, in ``FoldedText/tokens``.
    var tokens: Range<Int>
    /// The places the name may mean, as indices into the gazetteer, best prior first.
    var places: [Int]
    /// The gazetteer names that matched, one per place.
    var nameRefs: [UInt32]
    /// Letters of a clitic at the start of the first token that are not part of the
    /// name (و in والحسكة); the mention starts after them.
    var clitic: Clitic? = nil
    /// Found by its skeleton (a near-miss spelling such as "Deir Ezzor"), not its key.
    var loose = false
}

/// A clitic written onto an Arabic name: its length, and whether it is a preposition
/// ("in", "to": ب, ل), which says place.
struct Clitic: Equatable {
    /// Length in folded bytes, which for these Arabic letters is also twice their
    /// number of scalars and their UTF-8 length in the text.
    var bytes: Int
    var isPreposition: Bool
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
            clitics: for clitic in [nil] + clitics(of: i, in: text) {
                for end in stride(from: limit, to: i, by: -1) where canEnd(end - 1, in: text) {
                    for stripped in [false, true] {
                        if stripped, !text.hasArticle(in: i..<end) { continue }
                        key.removeAll(keepingCapacity: true)
                        text.appendKey(i..<end, stripped: stripped, skippingFirst: clitic?.bytes ?? 0, to: &key)
                        if key.isEmpty { continue }
                        let hit = key.withUnsafeBytes { index.postings(hash: NameKey.hash(key), key: $0) }
                        if let hit {
                            let postings = hit.map { index.posting($0) }
                            match = Candidate(tokens: i..<end, places: postings.map(\.place), nameRefs: postings.map(\.nameRef), clitic: clitic)
                            break clitics
                        }
                    }
                }
            }
            // A near-miss spelling of a longer name beats a shorter exact one ("Tal Tamr"
            // is Tell Tamer, not At Tall); only looked for where a name could go on.
            if match == nil || (match!.tokens.upperBound < limit && text.tokens[match!.tokens.upperBound].flags.contains(.capitalized)),
               let loose = looseMatch(at: i, limit: limit, in: text), loose.tokens.count > match?.tokens.count ?? 0 {
                match = loose
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

    /// The longest window at `i` whose skeleton (``NameSkeleton``) is that of a notable
    /// place's name and whose spelling is a near miss of it ("Deir Ezzor", "Kamishli",
    /// "Hasakeh"); the places are those of the names it is a near miss of.
    private func looseMatch(at i: Int, limit: Int, in text: FoldedText) -> Candidate? {
        for end in stride(from: limit, to: i, by: -1) where canEnd(end - 1, in: text) {
            let window = i..<end
            guard window.allSatisfy({ !text.tokens[$0].flags.isDisjoint(with: [.capitalized, .caseless, .allCaps, .article]) }) else { continue }
            let near = index.nearMisses(of: text, window)
            guard !near.isEmpty else { continue }
            return Candidate(tokens: window, places: near.map(\.place), nameRefs: near.map(\.nameRef), loose: true)
        }
        return nil
    }

    /// The ways token `i` may carry Arabic clitics before a name: و or ف ("and"),
    /// then ب, ل or ك before the article (وبالموصل, بالحسكة). Only for words written
    /// without diacritics, where folded letters and text scalars correspond one to one.
    private func clitics(of i: Int, in text: FoldedText) -> [Clitic] {
        let token = text.tokens[i]
        guard token.flags.contains(.caseless), token.scalars.count * 2 == token.folded.count else { return [] }
        let word = text.folded(i)
        var found: [Clitic] = []
        var offset = 0
        if ArabicWords.conjunctions.contains(where: { word.dropFirst(offset).starts(with: $0) }) {
            offset += 2
            found.append(Clitic(bytes: offset, isPreposition: false))
        }
        let rest = word.dropFirst(offset)
        if ArabicWords.prepositions.contains(where: { rest.starts(with: $0) }),
           rest.dropFirst(2).starts(with: FoldedText.arabicArticleBytes) {
            found.append(Clitic(bytes: offset + 2, isPreposition: true))
        }
        // The name must keep at least three letters.
        return found.filter { word.count - $0.bytes >= 6 }
    }

    /// A name ends with a capitalised or Arabic-script word, never with a lower-case one.
    private func canEnd(_ i: Int, in text: FoldedText) -> Bool {
        !text.tokens[i].flags.isDisjoint(with: [.capitalized, .caseless, .allCaps])
    }
}
