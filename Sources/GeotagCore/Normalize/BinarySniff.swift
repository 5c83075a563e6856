/// Tells binary files (an image or an archive named `.html`, a page served with the
/// wrong type) from text, so they are refused as such instead of being read as text
/// full of U+FFFD that the extractor then finds "places" in.
///
/// The measure is the share of C0 control bytes other than whitespace (NUL among
/// them) in the first 64 KiB: text, HTML and every ASCII-compatible charset have next
/// to none, random bytes about one in ten. Invalid UTF-8 does not count, since a page
/// in windows-1256 is full of it. UTF-16 with a byte-order mark is text.
enum BinarySniff {
    static let sampleSize = 1 << 16

    /// The reason to refuse `bytes`, or nil when they may be text.
    static func binaryReason(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return nil }
        let sampleCount = min(bytes.count, sampleSize)
        let controls = bytes.withUnsafeBufferPointer { controlBytes(in: UnsafeBufferPointer(rebasing: $0[..<sampleCount])) }
        // A few stray NULs in a text file are text (kept, as the spec keeps plain text).
        guard controls >= 32, controls * 20 > sampleCount else { return nil }
        return "binary content, not text or HTML (\(controls * 100 / sampleCount)% control bytes in the first \(sampleCount) bytes)"
    }

    /// The control bytes in `bytes` but tab, LF, FF, CR and ESC: eight bytes at a
    /// time are passed over when none is below 0x20, as in most of a text.
    static func controlBytes(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var index = 0
        while index < bytes.count {
            if index + 8 <= bytes.count, !ByteWords.containsControl(ByteWords.word(bytes, at: index)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte < 0x20, byte != 0x09, byte != 0x0A, byte != 0x0C, byte != 0x0D, byte != 0x1B { count += 1 }
            index += 1
        }
        return count
    }
}
