/// The word classes of a text's tokens, each looked up in the ``Lexicon`` the first time
/// a rule asks for it. A look-up is a cache miss in a table of some 100,000 words, and
/// the rules ask about the words in and around the candidates and the capitalised ones,
/// a fraction of an article's: looking up every token made about a tenth of extraction.
///
/// One text's recognizer owns it, on one thread; it fills itself in as it is read, so
/// its storage is exempt from run-time exclusivity checks (no access overlaps another).
final class WordClasses {
    private let lexicon: Lexicon
    private let text: FoldedText
    /// Each token's classes in the low 32 bits, with ``known`` set once looked up.
    @exclusivity(unchecked) private var slots: [UInt64]
    private static let known: UInt64 = 1 << 32

    init(lexicon: Lexicon, text: FoldedText) {
        self.lexicon = lexicon
        self.text = text
        slots = Array(repeating: 0, count: text.tokens.count)
    }

    /// The classes of token `i`. The rules ask a few hundred times an article, mostly
    /// for a token already looked up: that test is inlined where they ask, the look-up
    /// is not.
    @inline(__always)
    subscript(i: Int) -> WordClass {
        let slot = slots[i]
        if slot & Self.known != 0 { return WordClass(rawValue: UInt32(truncatingIfNeeded: slot)) }
        return lookUp(i)
    }

    @inline(never)
    private func lookUp(_ i: Int) -> WordClass {
        let classes = lexicon.classes(ofToken: i, in: text)
        slots[i] = Self.known | UInt64(classes.rawValue)
        return classes
    }

    /// The classes of the tokens of `span`, indexed by token.
    subscript(span: Range<Int>) -> LazyMapCollection<Range<Int>, WordClass> {
        span.lazy.map { self[$0] }
    }
}
