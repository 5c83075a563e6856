/// Decoding of UTF-8 known to be valid (a `String`'s own), for the loops that walk a
/// text's bytes themselves and take ASCII on their own fast paths: the tokenizer
/// (``FoldedText``), the whitespace clean-up of page text and the words of a
/// ``TextSignature``.
enum ValidUTF8 {
    /// The scalar whose encoding starts with the lead byte at `i` (0xC0 or more), and
    /// the encoding's length in bytes.
    @inline(__always)
    static func scalar(in utf8: UnsafeBufferPointer<UInt8>, at i: Int) -> (scalar: Unicode.Scalar, length: Int) {
        let lead = utf8[i]
        let length = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2
        var value = UInt32(lead) & (lead >= 0xF0 ? 0x07 : lead >= 0xE0 ? 0x0F : 0x1F)
        for k in 1..<length { value = value << 6 | UInt32(utf8[i + k] & 0x3F) }
        return (Unicode.Scalar(value) ?? "\u{FFFD}", length)
    }
}
