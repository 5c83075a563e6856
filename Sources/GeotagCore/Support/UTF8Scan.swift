/// A walk over UTF-8 bytes for counters that look at ASCII most of the time: eight
/// ASCII bytes at once where they start a word of eight, other scalars decoded one by
/// one. Walking a `String`'s scalars instead decodes every byte.
enum UTF8Scan {
    /// Calls `asciiWord` with every eight ASCII bytes in a row (as one word,
    /// ``ByteWords/word(_:at:)``), `asciiByte` with each other ASCII byte and `scalar`
    /// with each other scalar, in order. An ill-formed sequence (a lone continuation
    /// byte, a sequence cut short) is skipped a byte at a time and calls nothing.
    @inline(__always)
    static func scan(
        _ bytes: UnsafeBufferPointer<UInt8>, asciiWord: (UInt64) -> Void, asciiByte: (UInt8) -> Void,
        scalar: (Unicode.Scalar) -> Void
    ) {
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count {
                let word = ByteWords.word(bytes, at: index)
                if !ByteWords.containsNonASCII(word) {
                    asciiWord(word)
                    index += 8
                    continue
                }
            }
            let byte = bytes[index]
            if byte < 0x80 {
                asciiByte(byte)
                index += 1
                continue
            }
            let length = byte >= 0xF0 ? 4 : byte >= 0xE0 ? 3 : 2
            var value = UInt32(byte) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
            var valid = index + length <= bytes.count
            for offset in 1..<length where valid {
                let next = bytes[index + offset]
                guard next & 0xC0 == 0x80 else { valid = false; break }
                value = value << 6 | UInt32(next & 0x3F)
            }
            guard valid else { index += 1; continue }
            if let decoded = Unicode.Scalar(value) { scalar(decoded) }
            index += length
        }
    }
}
