import Testing
@testable import GeotagCore

@Suite struct BinarySniffTests {
    @Test func textIsTextAndControlBytesAreBinary() {
        #expect(BinarySniff.binaryReason(Array("Clashes in Mosul.\r\n\tMore\u{1B}[0m\u{0C}".utf8)) == nil)
        #expect(BinarySniff.binaryReason([0xFF, 0xFE] + [UInt8](repeating: 0, count: 100)) == nil)
        let binary = (0..<4_096).map { UInt8(truncatingIfNeeded: $0 &* 37) }
        #expect(BinarySniff.binaryReason(binary)?.hasPrefix("binary content") == true)
        // A few stray NULs in a long text are text.
        #expect(BinarySniff.binaryReason(Array(String(repeating: "Mosul, Iraq. ", count: 100).utf8) + [0, 0, 0]) == nil)
    }

    /// Eight bytes at a time, the count is the one a byte-by-byte count makes.
    @Test func controlBytesAreCountedAsOneByOne() {
        var random = SplitMix64(seed: 31)
        for length in [0, 1, 7, 8, 9, 64, 1_000] {
            for _ in 0..<50 {
                // Mostly printable, some controls of every kind.
                let bytes = (0..<length).map { _ -> UInt8 in
                    let r = random.next()
                    return r % 5 == 0 ? UInt8(truncatingIfNeeded: r >> 8) & 0x1F : 0x20 + UInt8(truncatingIfNeeded: r >> 8) % 0x60
                }
                let expected = bytes.count { $0 < 0x20 && ![0x09, 0x0A, 0x0C, 0x0D, 0x1B].contains($0) }
                #expect(bytes.withUnsafeBufferPointer { BinarySniff.controlBytes(in: $0) } == expected)
            }
        }
    }
}
