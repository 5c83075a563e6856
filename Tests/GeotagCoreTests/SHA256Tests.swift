import Testing
@testable import GeotagCore

@Suite struct SHA256Tests {
    @Test func fipsVectors() {
        #expect(SHA256.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(SHA256.hex([UInt8]()) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(SHA256.hex(Array(twoBlocks.utf8)) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(SHA256.hex(million) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }
}

@Suite struct SHA256StreamingTests {
    @Test func piecesGiveTheSameDigestAsOneCall() {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var hasher = SHA256()
        var offset = 0
        for size in [1, 63, 64, 65, 200, 607] {
            hasher.update(bytes[offset..<(offset + size)])
            offset += size
        }
        #expect(offset == bytes.count)
        #expect(hasher.finalize() == SHA256.digest(bytes))
    }
}

/// The compression with the CPU's SHA extensions (where it has them) and the plain C
/// one give the same digests.
@Suite struct SHA256KernelTests {
    private func hex(_ bytes: [UInt8], portable: Bool) -> String {
        var hasher = SHA256(portable: portable)
        hasher.update(bytes)
        return Hex.encode(hasher.finalize())
    }

    @Test func thePortableCompressionPassesTheFIPSVectors() {
        #expect(hex(Array("abc".utf8), portable: true) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
        #expect(hex(Array(twoBlocks.utf8), portable: true) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func bothCompressionsAgree() {
        var random = SplitMix64(seed: 256)
        for length in [0, 1, 55, 56, 63, 64, 65, 127, 128, 1000, 65_537] {
            let bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: random.next()) }
            #expect(hex(bytes, portable: false) == hex(bytes, portable: true), "\(length) bytes")
        }
    }
}
