/// A span of an article whose words fold to a gazetteer name.
struct Candidate: Equatable {
    /// The tokens of the span, in ``FoldedText/tokens``.
    var tokens: Range<Int>
    /// The places the name may mean, best prior first, each with the gazetteer name
    /// that matched: one array, so a candidate costs one allocation, not two.
    var options: [Option]
    /// Letters of a clitic at the start of the first token that are not part of the
    /// name (و in والحسكة); the mention starts after them.
    var clitic: Clitic? = nil
    /// Found by its skeleton (a near-miss spelling such as "Deir Ezzor"), not its key.
    var loose = false

    /// A place the name may mean.
    struct Option: Equatable {
        /// The place, as an index into the gazetteer.
        var place: Int
        /// The gazetteer name of it that matched.
        var nameRef: UInt32
    }

    /// Keeps the places whose matched name (its ref) passes `keep`, in order; false,
    /// with nothing changed, when none would be left.
    @inline(__always)
    mutating func keepOptions(matchedBy keep: (UInt32) -> Bool) -> Bool {
        // Mostly every option stays: then nothing is copied. Each name is asked once.
        guard let dropped = options.firstIndex(where: { !keep($0.nameRef) }) else { return true }
        var kept = Array(options[..<dropped])
        kept += options[(dropped + 1)...].filter { keep($0.nameRef) }
        guard !kept.isEmpty else { return false }
        options = kept
        return true
    }
}

extension Candidate.Option {
    /// A posting's place and name (``GazetteerIndex/posting(_:)``).
    init(_ posting: (place: Int, nameRef: UInt32)) {
        self.init(place: posting.place, nameRef: posting.nameRef)
    }
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
        var windows = WindowKeys(maxTokens: maxTokens)
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
            // Only Arabic-script words carry clitics; the word as it stands comes first.
            let clitics = tokens[i].flags.contains(.caseless) ? clitics(of: i, in: text) : []
            // Keys are needed up to the last word a name can end with.
            var lastEnd = limit
            while lastEnd > i, !canEnd(lastEnd - 1, in: text) { lastEnd -= 1 }
            clitics: for way in -1..<clitics.count where lastEnd > i {
                let clitic = way < 0 ? nil : clitics[way]
                let built = windows.build(i..<lastEnd, skippingFirst: clitic?.bytes ?? 0, in: text, index: index)
                for end in stride(from: i + built, to: i, by: -1) where canEnd(end - 1, in: text) {
                    for stripped in [false, true] where !stripped || windows.hasArticle(through: end - i) {
                        guard let hit = windows.postings(tokens: end - i, stripped: stripped, in: index) else { continue }
                        match = Candidate(tokens: i..<end, options: hit.map { Candidate.Option(index.posting($0)) }, clitic: clitic)
                        break clitics
                    }
                }
            }
            // A near-miss spelling of a longer name beats a shorter exact one ("Tal Tamr"
            // is Tell Tamer, not At Tall); only looked for where a name could go on.
            if match == nil || (match!.tokens.upperBound < limit && text.tokens[match!.tokens.upperBound].flags.contains(.capitalized)),
               let loose = looseMatch(at: i, limit: limit, longerThan: match?.tokens.count ?? 0, in: text) {
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

    /// The keys of every window of tokens at one word, plain and stripped of articles
    /// (``FoldedText/appendKey(_:stripped:skippingFirst:to:)``), built in one pass: the
    /// key of a window is a prefix of the next longer one's, and its FNV-1a hash
    /// (``NameKey/hash(_:)``) that prefix's running hash. Only windows that may be names
    /// are built: one grows while its key may be a word prefix of a gazetteer key
    /// (``GazetteerIndex/mayBeKeyPrefix(hash:)``). Reused from word to word.
    private struct WindowKeys {
        var plain = KeyBytes()
        var stripped = KeyBytes()
        /// By window length in tokens (index 1...): the key's length and hash; a
        /// stripped key's only from the first article on.
        var plainEnds: [(length: Int, hash: UInt64)]
        var strippedEnds: [(length: Int, hash: UInt64)]
        var articles: [Bool]

        init(maxTokens: Int) {
            plainEnds = Array(repeating: (0, 0), count: maxTokens + 1)
            strippedEnds = Array(repeating: (0, 0), count: maxTokens + 1)
            articles = Array(repeating: false, count: maxTokens + 1)
        }

        /// Builds the keys of the windows in `range` that start at its first token, and
        /// returns how many tokens the longest of them holds.
        mutating func build(_ range: Range<Int>, skippingFirst skip: Int, in text: FoldedText, index: GazetteerIndex) -> Int {
            plain.removeAll()
            var seenArticle = false
            return text.bytes.withUnsafeBufferPointer { bytes in
                for i in range {
                    let skip = i == range.lowerBound ? skip : 0
                    // Until the first article the stripped key is the plain one, and no
                    // one asks for it (``hasArticle(through:)``): it starts as a copy there.
                    let isArticle = text.hasArticle(in: i..<(i + 1))
                    if isArticle, !seenArticle { stripped.copy(plain) }
                    seenArticle = seenArticle || isArticle
                    plain.append(text.keyPart(i, stripped: false, skippingFirst: skip), of: bytes)
                    let n = i - range.lowerBound + 1
                    plainEnds[n] = (plain.count, plain.hash)
                    if seenArticle {
                        stripped.append(text.keyPart(i, stripped: true, skippingFirst: skip), of: bytes)
                        strippedEnds[n] = (stripped.count, stripped.hash)
                    }
                    articles[n] = seenArticle
                    // The range's last word needs no test: nothing is added after it. (A
                    // capitalised word alone is the commonest range, and the test a cache miss.)
                    guard i + 1 < range.upperBound else { break }
                    // A stripped key still empty ("al" alone) is a prefix of every key.
                    let grows = index.mayBeKeyPrefix(hash: plain.hash)
                        || seenArticle && (stripped.count == 0 || index.mayBeKeyPrefix(hash: stripped.hash))
                    if !grows { return n }
                }
                return range.count
            }
        }

        func hasArticle(through tokens: Int) -> Bool { articles[tokens] }

        /// The postings of the key of the first `tokens` tokens; nil for none or an empty key.
        func postings(tokens: Int, stripped isStripped: Bool, in index: GazetteerIndex) -> Range<Int>? {
            let end = isStripped ? strippedEnds[tokens] : plainEnds[tokens]
            guard end.length > 0 else { return nil }
            return (isStripped ? stripped : plain).bytes.withUnsafeBytes {
                index.postings(hash: end.hash, key: UnsafeRawBufferPointer(rebasing: $0[0..<end.length]))
            }
        }
    }

    /// A key as ``WindowKeys`` builds it, token by token, with its running FNV-1a hash
    /// (``NameKey/hash(_:)``). Each key is written over the last one, so the array is
    /// neither emptied nor grown once it has held the longest; the bytes of a token are
    /// copied and hashed in one loop.
    private struct KeyBytes {
        /// The key in the first ``count`` bytes.
        private(set) var bytes = [UInt8](repeating: 0, count: 128)
        private(set) var count = 0
        private(set) var hash = NameKey.emptyHash

        mutating func removeAll() {
            count = 0
            hash = NameKey.emptyHash
        }

        /// Becomes `other`, written over its own bytes.
        mutating func copy(_ other: KeyBytes) {
            if other.count > bytes.count { bytes.append(contentsOf: repeatElement(0, count: other.count - bytes.count)) }
            bytes.withUnsafeMutableBufferPointer { key in
                other.bytes.withUnsafeBufferPointer { source in
                    for k in 0..<other.count { key[k] = source[k] }
                }
            }
            (count, hash) = (other.count, other.hash)
        }

        /// Appends a token's key part, after a space when the key is not empty.
        @inline(__always)
        mutating func append(_ part: FoldedText.KeyPart?, of text: UnsafeBufferPointer<UInt8>) {
            guard let part else { return }
            switch part {
            case .article:
                FoldedText.articleKey.withUnsafeBufferPointer { append(word: $0) }
            case let .folded(range):
                append(word: UnsafeBufferPointer(rebasing: text[range]))
            }
        }

        private mutating func append(word: UnsafeBufferPointer<UInt8>) {
            let space = count > 0 ? 1 : 0
            let end = count + space + word.count
            if end > bytes.count { bytes.append(contentsOf: repeatElement(0, count: max(end, 2 * bytes.count) - bytes.count)) }
            var (at, hash) = (count, hash)
            bytes.withUnsafeMutableBufferPointer { key in
                if space > 0 {
                    key[at] = 0x20
                    hash = NameKey.step(hash, 0x20)
                    at += 1
                }
                for byte in word {
                    key[at] = byte
                    hash = NameKey.step(hash, byte)
                    at += 1
                }
            }
            (count, self.hash) = (at, hash)
        }
    }

    /// A name starts with a capitalised word, an Arabic-script word, or an article
    /// hyphenated or spaced before a capitalised word ("al-Hasakah").
    private func canStart(_ i: Int, in text: FoldedText) -> Bool {
        let flags = text.tokens[i].flags
        if !flags.isDisjoint(with: [.capitalized, .caseless, .allCaps]) { return !flags.contains(.digit) }
        guard flags.contains(.article), i + 1 < text.tokens.count else { return false }
        return !text.tokens[i + 1].flags.isDisjoint(with: [.capitalized, .caseless])
    }

    /// The longest window at `i`, of more than `shortest` tokens, whose skeleton
    /// (``NameSkeleton``) is that of a notable place's name and whose spelling is a
    /// near miss of it ("Deir Ezzor", "Kamishli", "Hasakeh"); the places are those of
    /// the names it is a near miss of.
    private func looseMatch(at i: Int, limit: Int, longerThan shortest: Int, in text: FoldedText) -> Candidate? {
        // Every word of the window is a name's: the windows are those within the run
        // of such words at `i`.
        var run = i
        var foldedBytes = 0
        while run < limit, !text.tokens[run].flags.isDisjoint(with: [.capitalized, .caseless, .allCaps, .article]) {
            foldedBytes += text.tokens[run].folded.count
            run += 1
        }
        for end in stride(from: run, to: i + shortest, by: -1) {
            defer { foldedBytes -= text.tokens[end - 1].folded.count }
            // A skeleton is never longer than the folded words it is made of: a window
            // shorter than a skeleton must be ("The", "He") has none to look up.
            guard foldedBytes >= NameSkeleton.minimumLength, canEnd(end - 1, in: text) else { continue }
            let window = i..<end
            let near = index.nearMisses(of: text, window)
            guard !near.isEmpty else { continue }
            return Candidate(tokens: window, options: near.map { Candidate.Option($0) }, loose: true)
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

    /// A name ends with a capitalised or Arabic-script word, never with a lower-case one
    /// nor with an article: "Al Hillah, Al Qadisiyah" holds no name "Al Hillah, Al",
    /// whose key without articles would be that of "Al Hillah".
    private func canEnd(_ i: Int, in text: FoldedText) -> Bool {
        let flags = text.tokens[i].flags
        return !flags.isDisjoint(with: [.capitalized, .caseless, .allCaps]) && !flags.contains(.article)
    }
}
