import CKernels

/// SHA-256 (FIPS 180-4), used for document ids, content hashes and file checksums.
///
/// A small self-contained implementation so that the core library needs no crypto
/// dependency; it is checked against the FIPS test vectors in the tests. Feed it in
/// pieces with ``update(_:)`` to hash a file of any size in constant memory.
public struct SHA256: Sendable {
    private var h: [UInt32] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]
    /// The bytes of an unfinished block.
    private var pending: [UInt8] = []
    private var length: UInt64 = 0
    /// Whether blocks go through the plain C compression even where the CPU has the
    /// SHA extensions: for the tests to compare with.
    private let portable: Bool

    public init() { portable = false }

    init(portable: Bool) { self.portable = portable }

    /// Hashes more bytes. Whole blocks are compressed where they lie; only a last
    /// partial one is kept.
    public mutating func update(_ bytes: some Collection<UInt8>) {
        length &+= UInt64(bytes.count)
        if bytes.withContiguousStorageIfAvailable({ absorb($0) }) == nil {
            Array(bytes).withUnsafeBufferPointer { absorb($0) }
        }
    }

    private mutating func absorb(_ input: UnsafeBufferPointer<UInt8>) {
        guard var next = input.baseAddress else { return }
        var left = input.count
        if !pending.isEmpty {
            let taken = min(64 - pending.count, left)
            pending.append(contentsOf: UnsafeBufferPointer(start: next, count: taken))
            next += taken
            left -= taken
            guard pending.count == 64 else { return }
            compress(blocks: pending.withUnsafeBufferPointer { $0.baseAddress! }, count: 1)
            pending.removeAll(keepingCapacity: true)
        }
        if left >= 64 {
            compress(blocks: next, count: left / 64)
            next += left / 64 * 64
            left %= 64
        }
        pending.append(contentsOf: UnsafeBufferPointer(start: next, count: left))
    }

    /// Compresses `count` 64-byte blocks into the state (``geotag_sha256_compress``,
    /// with the SHA extensions where the CPU has them).
    private mutating func compress(blocks: UnsafePointer<UInt8>, count: Int) {
        let portable = portable
        h.withUnsafeMutableBufferPointer { state in
            if portable {
                geotag_sha256_compress_portable(state.baseAddress, blocks, count)
            } else {
                geotag_sha256_compress(state.baseAddress, blocks, count)
            }
        }
    }

    /// The 32-byte digest of everything hashed so far.
    public func finalize() -> [UInt8] {
        var copy = self
        var tail = [UInt8](arrayLiteral: 0x80)
        while (copy.pending.count + tail.count) % 64 != 56 { tail.append(0) }
        let bits = length &* 8
        for shift in stride(from: 56, through: 0, by: -8) { tail.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
        copy.update(tail)
        return copy.h.flatMap { word in (0..<4).map { UInt8(truncatingIfNeeded: word >> UInt32(24 - $0 * 8)) } }
    }

    /// The 32-byte digest of `bytes`.
    public static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes` as lower-case hex.
    public static func hex(_ bytes: some Collection<UInt8>) -> String {
        Hex.encode(digest(bytes))
    }
}

/// Lower-case hexadecimal encoding.
public enum Hex {
    private static let digits = Array("0123456789abcdef".utf8)

    public static func encode(_ bytes: some Collection<UInt8>) -> String {
        var out = [UInt8]()
        out.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0f)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
