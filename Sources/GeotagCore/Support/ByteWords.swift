/// Tests on eight bytes at once, in one 64-bit word, for the loops that copy or read
/// text and stop only at the few bytes that need escaping, quoting or decoding: a word
/// without any of them is passed over whole.
enum ByteWords {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080

    /// The eight bytes of `utf8` from `offset` on; when fewer are left, those and
    /// then `A`s, which no test here looks for.
    @inline(__always)
    static func word(_ utf8: UnsafeBufferPointer<UInt8>, at offset: Int) -> UInt64 {
        if offset + 8 <= utf8.count {
            return UnsafeRawPointer(utf8.baseAddress!).loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        }
        var word = ones &* UInt64(UInt8(ascii: "A"))
        withUnsafeMutableBytes(of: &word) { bytes in
            for k in offset..<utf8.count { bytes[k - offset] = utf8[k] }
        }
        return word
    }

    /// Whether a byte of `word` is zero: subtracting one from each byte borrows into
    /// its high bit only where the byte was zero (or, after such a borrow, in a byte
    /// above it), and bytes whose high bit was set already are masked out.
    @inline(__always)
    static func hasZeroByte(_ word: UInt64) -> Bool {
        (word &- ones) & ~word & highBits != 0
    }

    /// Whether a byte of `word` is `byte`.
    @inline(__always)
    static func contains(_ byte: UInt8, in word: UInt64) -> Bool {
        hasZeroByte(word ^ (ones &* UInt64(byte)))
    }

    /// Whether a byte of `word` is 0x80 or above: part of a non-ASCII scalar.
    @inline(__always)
    static func containsNonASCII(_ word: UInt64) -> Bool {
        word & highBits != 0
    }

    /// How many bytes of `word`, all ASCII, are letters or digits.
    @inline(__always)
    static func asciiAlphanumerics(_ word: UInt64) -> Int {
        (letterMarks(word) | between(word, 0x2F, 0x3A)).nonzeroBitCount
    }

    /// How many bytes of `word`, all ASCII, are letters.
    @inline(__always)
    static func asciiLetters(_ word: UInt64) -> Int {
        letterMarks(word).nonzeroBitCount
    }

    /// The high bit of each byte of `word`, all ASCII, that is a letter.
    @inline(__always)
    private static func letterMarks(_ word: UInt64) -> UInt64 {
        between(word, 0x60, 0x7B) | between(word, 0x40, 0x5B)
    }

    /// The high bit of each byte `b` of `word` with `above < b < below`, for bytes
    /// below 0x80: the "has between" trick of Sean Anderson's Bit Twiddling Hacks, in
    /// which no byte's sum or difference reaches the next.
    @inline(__always)
    private static func between(_ word: UInt64, _ above: UInt64, _ below: UInt64) -> UInt64 {
        (ones &* (127 + below) &- word) & (word &+ ones &* (127 - above)) & highBits
    }

    /// Whether a byte of `word` is below 0x20, an ASCII control character.
    @inline(__always)
    static func containsControl(_ word: UInt64) -> Bool {
        hasZeroByte(word & 0xE0E0_E0E0_E0E0_E0E0)
    }
}
