/// A text cut into folded tokens, each with its place in the original text.
///
/// The gazetteer folds every name with this same type and the matcher folds the
/// article text with it, so spelling variants meet: case and Latin diacritics
/// ("Diyālá" = "Diyala"), apostrophes and ʿ/ʾ ("Ba'qubah" = "Baqubah"), abbreviations
/// ("U.S." = "US"), the Arabic article in its Latin spellings (al-, el-, ad-, ar-, as-,
/// ash-, az-, at-, ...) and Arabic-script letter variants (alef forms, ta marbuta,
/// alef maqsura, tatweel, diacritics). See ``ScalarFolding`` for the scalar rules and
/// ``Token/Flags/article`` for the article rule.
public struct FoldedText: Sendable {
    /// One word of the text.
    ///
    /// Its offsets are kept as 32-bit integers: a token takes 28 bytes instead of 56,
    /// and the matcher, the recognizer and the resolver walk an article's tokens many
    /// times over. ``FoldedText/init(_:)`` folds at most ``FoldedText/longestText``
    /// bytes of a text, so every offset fits.
    public struct Token: Sendable, Equatable {
        private var foldedBounds: (UInt32, UInt32)
        private var scalarBounds: (UInt32, UInt32)
        private var utf8Bounds: (UInt32, UInt32)
        public var flags: Flags

        init(folded: Range<Int>, scalars: Range<Int>, utf8: Range<Int>, flags: Flags) {
            foldedBounds = Self.bounds(folded)
            scalarBounds = Self.bounds(scalars)
            utf8Bounds = Self.bounds(utf8)
            self.flags = flags
        }

        /// The folded bytes, in ``FoldedText/bytes``.
        public var folded: Range<Int> {
            get { Self.range(foldedBounds) }
            set { foldedBounds = Self.bounds(newValue) }
        }
        /// Where the word stands in the original text, in Unicode scalars.
        public var scalars: Range<Int> {
            get { Self.range(scalarBounds) }
            set { scalarBounds = Self.bounds(newValue) }
        }
        /// Where the word stands in the original text's UTF-8.
        public var utf8: Range<Int> {
            get { Self.range(utf8Bounds) }
            set { utf8Bounds = Self.bounds(newValue) }
        }

        public static func == (a: Token, b: Token) -> Bool {
            a.foldedBounds == b.foldedBounds && a.scalarBounds == b.scalarBounds && a.utf8Bounds == b.utf8Bounds && a.flags == b.flags
        }

        /// Narrowed unchecked: ``FoldedText/init(_:)`` folds at most
        /// ``FoldedText/longestText`` bytes, to at most twice as many, so every offset
        /// fits in 32 bits.
        @inline(__always)
        private static func bounds(_ range: Range<Int>) -> (UInt32, UInt32) {
            assert(range.upperBound <= UInt32.max)
            return (UInt32(truncatingIfNeeded: range.lowerBound), UInt32(truncatingIfNeeded: range.upperBound))
        }

        @inline(__always)
        private static func range(_ bounds: (UInt32, UInt32)) -> Range<Int> {
            Range(uncheckedBounds: (Int(bounds.0), Int(bounds.1)))
        }
    }

    /// What the tokenizer saw of a token's shape and surroundings.
    public struct Flags: OptionSet, Sendable, Equatable {
        public let rawValue: UInt16
        public init(rawValue: UInt16) { self.rawValue = rawValue }

        /// The first letter is upper case.
        public static let capitalized = Flags(rawValue: 1 << 0)
        /// Two or more letters, none lower case ("IRAQ", "U.S.").
        public static let allCaps = Flags(rawValue: 1 << 1)
        /// Holds a digit.
        public static let digit = Flags(rawValue: 1 << 2)
        /// A script without case (Arabic): capitalisation says nothing.
        public static let caseless = Flags(rawValue: 1 << 3)
        /// Letters joined by periods ("U.S.", "W.Va."); the span includes the last period.
        public static let abbreviation = Flags(rawValue: 1 << 4)
        /// A hyphen joins it to the next token.
        public static let hyphenAfter = Flags(rawValue: 1 << 5)
        /// The first token of the text or of a sentence (after `.`, `!`, `?` or a blank line).
        public static let sentenceStart = Flags(rawValue: 1 << 6)
        /// The first token on its line.
        public static let lineStart = Flags(rawValue: 1 << 7)
        /// A Latin spelling of the Arabic article before a noun: "al"/"el" anywhere, the
        /// assimilated forms ("ad", "ar", "ash", "az", "ez", "es", ...) when hyphenated to
        /// the next word or when the next word starts with their consonant ("az Zawr").
        /// Its key form is "al", so "Deir ez-Zor" and "Deir al-Zor" fold alike. English
        /// words ("as", "at", "an", "us", ...) count only when hyphenated ("as-Sukhnah").
        public static let article = Flags(rawValue: 1 << 8)
        /// An Arabic-script word that starts with the article ال.
        public static let arabicArticle = Flags(rawValue: 1 << 9)
        /// Exactly one space stands between it and the previous token, so the two read
        /// as parts of one name ("Dave Allen", not "Chartres/Franklin" or "Nelson-Creston").
        public static let afterSingleSpace = Flags(rawValue: 1 << 10)
        /// A comma stands between it and the previous token ("Mosul, Kirkuk").
        public static let afterComma = Flags(rawValue: 1 << 11)
        /// A full stop directly follows it ("Ill.", "Wash.", or the last word of a
        /// sentence); see ``abbreviation`` for periods inside a word.
        public static let periodAfter = Flags(rawValue: 1 << 12)
    }

    /// The folded bytes of all tokens, back to back.
    public private(set) var bytes: [UInt8] = []
    public private(set) var tokens: [Token] = []

    /// The most UTF-8 bytes of a text that are folded (just under 2 GiB, far beyond
    /// `limits.max_document_bytes`): its folded form, at most twice as long, keeps
    /// every ``Token`` offset within 32 bits. A longer text is folded up to the last
    /// scalar that fits.
    public static let longestText = (1 << 31) - 4

    /// Folds `text`.
    public init(_ text: String) {
        var text = text
        var tokens: [Token] = []
        // Straight over the UTF-8 (valid, as a String's is), into an array made at the
        // size folding can reach: an ASCII scalar folds to at most one byte and any
        // other (two UTF-8 bytes or more) to at most four, and a letter is written as
        // four bytes before its length is counted.
        bytes = text.withUTF8 { whole in
            let utf8 = Self.prefix(whole, upTo: Self.longestText)
            return [UInt8](unsafeUninitializedCapacity: 2 * utf8.count + 4) { output, initialized in
                var builder = Builder(output: output, tokenCapacity: utf8.count / 6 + 1)
                builder.fold(utf8)
                tokens = builder.tokens
                initialized = builder.count
            }
        }
        // Consumed, so that `markArticles` finds the array unshared and marks it in place
        // instead of copying it.
        self.tokens = consume tokens
        markArticles()
    }

    /// The first `limit` bytes of `utf8` or fewer, ending where a scalar ends.
    static func prefix(_ utf8: UnsafeBufferPointer<UInt8>, upTo limit: Int) -> UnsafeBufferPointer<UInt8> {
        guard utf8.count > limit else { return utf8 }
        var end = limit
        // A continuation byte (10xxxxxx) would split a scalar.
        while end > 0, utf8[end] & 0xC0 == 0x80 { end -= 1 }
        return UnsafeBufferPointer(rebasing: utf8[..<end])
    }

    /// The folded bytes of token `i`.
    @inline(__always)
    public func folded(_ i: Int) -> ArraySlice<UInt8> { bytes[tokens[i].folded] }

    /// The folded bytes from the first to the last token of `span`, with what stands
    /// between them: two spans read the same exactly when these are equal.
    public func folded(_ span: Range<Int>) -> ArraySlice<UInt8> {
        bytes[tokens[span.lowerBound].folded.lowerBound..<tokens[span.upperBound - 1].folded.upperBound]
    }

    /// ``folded(_:)-(Range<Int>)`` as a set or dictionary key: the extractor groups an
    /// article's names by how they read.
    func key(_ span: Range<Int>) -> FoldedKey { FoldedKey(bytes: folded(span)) }

    /// Appends the key of the tokens in `range` to `buffer`: their folded forms joined by
    /// single spaces, articles written "al". With `stripped`, articles are left out
    /// instead (Latin article tokens, and ال at the start of Arabic words), so "Hasakah"
    /// finds "Al-Hasakah". Nothing is appended when the stripped key would be empty.
    ///
    /// `skippingFirst` bytes of the first token's folded form are left out (a clitic
    /// written onto an Arabic name: و + الحسكة).
    public func appendKey(_ range: Range<Int>, stripped: Bool, skippingFirst skip: Int = 0, to buffer: inout [UInt8]) {
        let start = buffer.count
        for i in range {
            appendKeyPart(i, stripped: stripped, skippingFirst: i == range.lowerBound ? skip : 0, keyStart: start, to: &buffer)
        }
    }

    /// Token `i`'s part of a key that starts at `keyStart` in `buffer` (see
    /// ``appendKey(_:stripped:skippingFirst:to:)``).
    func appendKeyPart(_ i: Int, stripped: Bool, skippingFirst skip: Int, keyStart start: Int, to buffer: inout [UInt8]) {
        guard let part = keyPart(i, stripped: stripped, skippingFirst: skip) else { return }
        if buffer.count > start { buffer.append(0x20) }
        switch part {
        case .article: buffer.append(contentsOf: Self.articleKey)
        case let .folded(range): buffer.append(contentsOf: bytes[range])
        }
    }

    /// What a token adds to a key after the space that joins it to the words before.
    enum KeyPart {
        /// The article's spelling, "al" (``articleKey``).
        case article
        /// These bytes of ``bytes``.
        case folded(Range<Int>)
    }

    /// Token `i`'s part of a key (``appendKey(_:stripped:skippingFirst:to:)``), nil when
    /// it adds nothing, not even a space (an article in a stripped key): the key of a
    /// window is the key of the window one token shorter with this appended, so the
    /// matcher builds the keys of all windows at a word in one pass.
    @inline(__always)
    func keyPart(_ i: Int, stripped: Bool, skippingFirst skip: Int) -> KeyPart? {
        let token = tokens[i]
        if token.flags.contains(.article) { return stripped ? nil : .article }
        var start = token.folded.lowerBound + min(skip, token.folded.count)
        if stripped, token.flags.contains(.arabicArticle) {
            start = min(start + Self.arabicArticleBytes.count, token.folded.upperBound)
        }
        return .folded(start..<token.folded.upperBound)
    }

    /// Whether any token in `range` is an article, so a stripped key differs.
    public func hasArticle(in range: Range<Int>) -> Bool {
        range.contains { tokens[$0].flags.contains(.article) || tokens[$0].flags.contains(.arabicArticle) }
    }

    static let articleKey: [UInt8] = Array("al".utf8)
    static let arabicArticleBytes: [UInt8] = Array("ال".utf8)

    /// Abbreviations written with a full stop before a name (folded): of place names
    /// ("St. Louis", "Mt. Lebanon", "Ft. Worth", "Pt. Fortin") and of titles ("Gen.
    /// Smith", "Dr. Ahmed"). The stop after one ends no sentence.
    /// None is longer than four bytes; each is ``packed(_:)``.
    static let namePrefixes: [UInt32] = [
        "st", "ste", "mt", "ft", "pt", "mr", "mrs", "ms", "dr", "gen", "lt", "col", "capt", "sgt", "maj", "adm", "cmdr",
        "gov", "sen", "rep", "prof", "rev", "pres", "hon", "supt",
    ].map(packed)

    /// Whether `word` is one of ``namePrefixes``.
    static func isNamePrefix(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        word.count <= 4 && namePrefixes.contains(packed(word))
    }
    /// Latin spellings of the article that may stand alone before a noun with the same
    /// first consonant ("az Zawr", "ash Sham") or always ("al", "el"), each ``packed(_:)``.
    private static let freeArticles: [UInt32] = ["al", "el", "ad", "ar", "ash", "az", "ed", "er", "es", "esh", "ez", "ud", "ur", "uz", "ul", "ech"].map(packed)
    /// Spellings that are also English or French words: an article only when hyphenated.
    private static let hyphenOnlyArticles: [UInt32] = ["as", "at", "an", "en", "et", "us", "un", "ut", "ath", "adh"].map(packed)

    /// A word's first four bytes (or fewer) as one integer, its first byte lowest: the
    /// article test asks it of every short word of every text, and comparing integers
    /// costs less than hashing slices.
    @inline(__always)
    private static func packed(_ word: UnsafeBufferPointer<UInt8>) -> UInt32 {
        if word.count >= 4 { return UInt32(littleEndian: UnsafeRawPointer(word.baseAddress!).loadUnaligned(as: UInt32.self)) }
        var value: UInt32 = 0
        for k in 0..<word.count { value |= UInt32(word[k]) << (8 * k) }
        return value
    }

    private static func packed(_ word: String) -> UInt32 {
        Array(word.utf8).withUnsafeBufferPointer { packed($0) }
    }

    /// The first letters of ``freeArticles`` and ``hyphenOnlyArticles``: bit `k` for
    /// the letter `k` after "a".
    private static let articleInitials: UInt32 = (freeArticles + hyphenOnlyArticles).reduce(0) { $0 | 1 << ($1 & 0xFF &- 0x61) }

    /// Whether `byte` is a letter whose bit `initials` (``articleInitials``) sets.
    @inline(__always)
    private static func isInitial(_ byte: UInt8, of initials: UInt32) -> Bool {
        let letter = UInt32(byte) &- 0x61
        return letter < 26 && initials & (1 << letter) != 0
    }

    private mutating func markArticles() {
        guard tokens.count > 0 else { return }
        // Locals, not statics: a static is checked for its one-time set-up at each use.
        let (free, hyphenOnly, initials) = (Self.freeArticles, Self.hyphenOnlyArticles, Self.articleInitials)
        let arabicArticle = Self.arabicArticleBytes.withUnsafeBufferPointer(Self.packed), arabicArticleLength = Self.arabicArticleBytes.count
        let bytes = self.bytes
        bytes.withUnsafeBufferPointer { bytes in
            tokens.withUnsafeMutableBufferPointer { tokens in
                for i in tokens.indices {
                    let word = UnsafeBufferPointer(rebasing: bytes[tokens[i].folded])
                    if tokens[i].flags.contains(.caseless), word.count > arabicArticleLength + 2, Self.packed(word) == arabicArticle {
                        tokens[i].flags.insert(.arabicArticle)
                        continue
                    }
                    // Most short words ("the", "of", "in") start as no article does.
                    guard i + 1 < tokens.count, word.count <= 3, Self.isInitial(word[0], of: initials), !tokens[i].flags.contains(.digit) else { continue }
                    let next = UnsafeBufferPointer(rebasing: bytes[tokens[i + 1].folded])
                    guard next.count >= 2, !tokens[i + 1].flags.contains(.digit) else { continue }
                    let hyphenated = tokens[i].flags.contains(.hyphenAfter)
                    let packed = Self.packed(word)
                    if free.contains(packed) {
                        let always = word.count == 2 && word[1] == UInt8(ascii: "l")
                        // "az Zawr": the article's consonant (or "sh") is the next word's start.
                        let assimilated = next.starts(with: word.dropFirst())
                        if always || hyphenated || assimilated { tokens[i].flags.insert(.article) }
                    } else if hyphenated, hyphenOnly.contains(packed) {
                        tokens[i].flags.insert(.article)
                    }
                }
            }
        }
    }
}

/// The tokenizer's state machine over Unicode scalars.
private struct Builder {
    enum Pending {
        case none
        /// An apostrophe inside a word; the word so far ends at these offsets.
        case apostrophe(foldedEnd: Int, scalarEnd: Int, utf8End: Int)
        /// "'s" inside a word: an English possessive unless a letter follows.
        case possessive(foldedEnd: Int, scalarEnd: Int, utf8End: Int)
        /// A period after a letter.
        case period
    }

    /// Where the folded bytes go: room for all a text can fold to (see
    /// ``FoldedText/init(_:)``), written without an array's checks on each byte.
    private let output: UnsafeMutableBufferPointer<UInt8>
    /// How many folded bytes ``output`` holds.
    private(set) var count = 0
    private(set) var tokens: [FoldedText.Token] = []

    private var scalarIndex = 0
    private var inToken = false
    /// Not beside ``scalarIndex``: the two are stored apart after every scalar, and
    /// copied together into ``start`` they were read as one 16-byte load, which the
    /// two 8-byte stores cannot forward to (a stall at every token in a profile).
    private var utf8Index = 0
    private var pending = Pending.none
    private var start = (folded: 0, scalar: 0, utf8: 0)
    private var end = (scalar: 0, utf8: 0)
    private var upper = 0
    private var lower = 0
    private var flags: FoldedText.Flags = []
    private var internalPeriod = false
    /// Flags for the next token, from what stands between it and the previous one.
    private var gap: FoldedText.Flags = [.sentenceStart, .lineStart]
    private var newlines = 0
    /// Scalars since the last token ended, and whether they were all spaces.
    private var gapLength = 0
    private var gapIsSpace = true
    /// The gap's sentence start comes only from full stops, which a lower-case word
    /// after them cancels ("Springfield, Ill., with his wife").
    private var startIsFullStop = false

    /// Folds into `output`; English has a word in about six bytes.
    init(output: UnsafeMutableBufferPointer<UInt8>, tokenCapacity: Int) {
        self.output = output
        tokens.reserveCapacity(tokenCapacity)
    }

    /// Folds all of `utf8`: ASCII bytes take the fast path, other scalars are decoded
    /// by ``ValidUTF8``.
    mutating func fold(_ utf8: UnsafeBufferPointer<UInt8>) {
        // A local, not the static: a static is checked for its one-time set-up at each
        // use, here at every space and punctuation mark.
        let asciiRoles = ScalarFolding.asciiRoles
        var i = 0
        while i < utf8.count {
            let lead = utf8[i]
            if lead < 0x80 {
                // A run of ASCII letters and digits, the bulk of most text, goes in at once.
                if Self.isASCIIAlphanumeric(lead), isFree {
                    i = appendASCIIRun(utf8, from: i)
                    continue
                }
                // The space between words, as ``consume(_:role:width:)`` takes it.
                if lead == 0x20 {
                    finishToken()
                    gapLength &+= 1
                    scalarIndex &+= 1
                    utf8Index &+= 1
                    i &+= 1
                    continue
                }
                consume(Unicode.Scalar(lead), role: asciiRoles[Int(lead)], width: 1)
                i += 1
                continue
            }
            let (scalar, length) = ValidUTF8.scalar(in: utf8, at: i)
            consume(scalar)
            i += length
        }
        finishToken()
    }

    /// Nothing pending (an apostrophe, a period): a letter or digit simply starts a
    /// word or extends it.
    var isFree: Bool {
        guard case .none = pending else { return false }
        return true
    }

    /// A–Z, a–z or 0–9.
    @inline(__always)
    static func isASCIIAlphanumeric(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- 0x61 < 26 || byte &- 0x30 < 10
    }

    /// The ASCII letters and digits of `utf8` from `start` on, while nothing is pending
    /// (``isFree``), as ``letter(_:_:width:)`` would take them one by one; returns
    /// where the run ends. The loop counts and writes in locals (the builder's own fields
    /// would be loaded and stored at every byte); setting bit 5 lower-cases a letter and
    /// leaves a digit as it is.
    @inline(__always)
    mutating func appendASCIIRun(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        if !inToken { startToken(Unicode.Scalar(utf8[start])) }
        var (i, runUpper, runLower, digits) = (start, 0, 0, 0)
        // Each byte is written as it is classified: an ASCII byte folds to one byte, so
        // the run fits where the rest of the text would.
        precondition(count + (utf8.count - start) <= output.count)
        let (input, folded) = (utf8.baseAddress!, output.baseAddress!)
        var at = count
        while i < utf8.count {
            let byte = input[i]
            if byte &- 0x61 < 26 {
                runLower &+= 1
            } else if byte &- 0x41 < 26 {
                runUpper &+= 1
            } else if byte &- 0x30 < 10 {
                digits &+= 1
            } else {
                break
            }
            folded[at] = byte | 0x20
            at &+= 1
            i &+= 1
        }
        if digits > 0 { flags.insert(.digit) }
        if runUpper > 0, upper == 0, lower == 0,
           let first = utf8[start..<i].first(where: { $0 &- 0x30 >= 10 }), first &- 0x41 < 26 {
            flags.insert(.capitalized)
        }
        upper += runUpper
        lower += runLower
        let length = i - start
        count += length
        scalarIndex += length
        utf8Index += length
        end = (scalarIndex, utf8Index)
        return i
    }

    mutating func consume(_ scalar: Unicode.Scalar) {
        consume(scalar, role: ScalarFolding.role(of: scalar), width: UTF8.width(scalar))
    }

    mutating func consume(_ scalar: Unicode.Scalar, role: ScalarRole, width: Int) {
        defer {
            scalarIndex += 1
            utf8Index += width
        }
        defer {
            if !inToken {
                gapLength += 1
                if scalar != " " { gapIsSpace = false }
            }
        }
        switch role {
        case let .letter(folded):
            letter(scalar, folded, width: width)
        case .ignorable:
            if inToken, case .none = pending { end = (scalarIndex + 1, utf8Index + width) }
        case .apostrophe:
            if inToken, case .none = pending {
                pending = .apostrophe(foldedEnd: count, scalarEnd: end.scalar, utf8End: end.utf8)
            } else {
                finishToken()
            }
        case .period:
            if inToken, case .none = pending {
                pending = .period
            } else {
                finishToken()
                if !gap.contains(.sentenceStart) { startIsFullStop = true }
                gap.insert(.sentenceStart)
            }
        case .hyphen:
            finishToken(hyphenAfter: true)
        case .separator:
            finishToken()
            separator(scalar)
        }
    }

    /// Opens a token at `scalar`, its first letter, with the flags the gap before it set.
    private mutating func startToken(_ scalar: Unicode.Scalar) {
        inToken = true
        start = (count, scalarIndex, utf8Index)
        upper = 0
        lower = 0
        internalPeriod = false
        flags = gap
        if startIsFullStop, shape(of: scalar) == .lower { flags.remove(.sentenceStart) }
        startIsFullStop = false
        if gapLength == 1, gapIsSpace, !tokens.isEmpty { flags.insert(.afterSingleSpace) }
        gap = []
        newlines = 0
        gapLength = 0
        gapIsSpace = true
        if scalar.value >= 0x600, ScalarFolding.isArabic(scalar) { flags.insert(.caseless) }
    }

    private mutating func letter(_ scalar: Unicode.Scalar, _ folded: FoldedBytes, width: Int) {
        if !inToken { startToken(scalar) }
        switch pending {
        case .none:
            break
        case let .apostrophe(foldedEnd, scalarEnd, utf8End):
            pending = folded.first == UInt8(ascii: "s") && folded.count == 1
                ? .possessive(foldedEnd: foldedEnd, scalarEnd: scalarEnd, utf8End: utf8End) : .none
        case .possessive:
            pending = .none
        case .period:
            internalPeriod = true
            pending = .none
        }
        append(folded)
        end = (scalarIndex + 1, utf8Index + width)
        switch shape(of: scalar) {
        case .digit:
            flags.insert(.digit)
        case .upper:
            if upper == 0, lower == 0 { flags.insert(.capitalized) }
            upper += 1
        case .lower:
            lower += 1
        case .other:
            break
        }
    }

    /// Writes a letter's folded bytes (all four, then counts its own).
    @inline(__always)
    private mutating func append(_ folded: FoldedBytes) {
        precondition(count + 4 <= output.count)
        output[count] = folded.b0
        output[count + 1] = folded.b1
        output[count + 2] = folded.b2
        output[count + 3] = folded.b3
        count += Int(folded.count)
    }

    private enum Shape { case digit, upper, lower, other }

    /// Digit, upper or lower case: for ASCII from the byte, otherwise from the Unicode
    /// properties (``ScalarProperties``, whose look-ups cost more than the rest of
    /// folding a letter; most news text is ASCII).
    @inline(__always)
    private func shape(of scalar: Unicode.Scalar) -> Shape {
        let v = scalar.value
        if v < 0x80 {
            if v >= 0x61, v <= 0x7A { return .lower }
            if v >= 0x41, v <= 0x5A { return .upper }
            if v >= 0x30, v <= 0x39 { return .digit }
            return .other
        }
        if ScalarProperties.isNumeric(scalar) { return .digit }
        if ScalarProperties.isUppercase(scalar) { return .upper }
        if ScalarProperties.isLowercase(scalar) { return .lower }
        return .other
    }

    private mutating func separator(_ scalar: Unicode.Scalar) {
        switch scalar {
        case "!", "?", "\u{061F}", "\u{06D4}":
            gap.insert(.sentenceStart)
            startIsFullStop = false
        case ",", "\u{060C}":
            gap.insert(.afterComma)
        case "\n", "\u{2029}":
            newlines += 1
            gap.insert(.lineStart)
            if newlines >= 2 {
                gap.insert(.sentenceStart)
                startIsFullStop = false
            }
        default:
            break
        }
    }

    mutating func finishToken(hyphenAfter: Bool = false) {
        guard inToken else { return }
        var sentenceEnds = false
        switch pending {
        case .none, .apostrophe:
            if case let .apostrophe(foldedEnd, scalarEnd, utf8End) = pending {
                count = foldedEnd
                end = (scalarEnd, utf8End)
            }
        case let .possessive(foldedEnd, scalarEnd, utf8End):
            count = foldedEnd
            end = (scalarEnd, utf8End)
        case .period:
            if internalPeriod {
                end = (end.scalar + 1, end.utf8 + 1)
            } else {
                // "St. Louis", "Mt. Lebanon", "Gen. Smith": the stop after a short word
                // that opens names ends no sentence.
                sentenceEnds = !(flags.contains(.capitalized) && FoldedText.isNamePrefix(UnsafeBufferPointer(rebasing: output[start.folded..<count])))
                flags.insert(.periodAfter)
            }
        }
        if internalPeriod { flags.insert(.abbreviation) }
        if upper >= 2, lower == 0 { flags.insert(.allCaps) }
        if hyphenAfter { flags.insert(.hyphenAfter) }
        if count > start.folded {
            tokens.append(.init(folded: start.folded..<count, scalars: start.scalar..<end.scalar, utf8: start.utf8..<end.utf8, flags: flags))
        }
        // What the token left out (an apostrophe, "'s", a full stop) is part of the gap.
        gapLength = scalarIndex - end.scalar
        gapIsSpace = gapLength == 0
        inToken = false
        pending = .none
        if sentenceEnds, !gap.contains(.sentenceStart) {
            gap.insert(.sentenceStart)
            startIsFullStop = true
        }
    }
}

/// The folded bytes of a span of tokens, by which the extractor groups an article's
/// names (``FoldedKeyTable``).
struct FoldedKey {
    let bytes: ArraySlice<UInt8>
}
