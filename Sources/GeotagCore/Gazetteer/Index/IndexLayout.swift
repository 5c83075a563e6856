/// The on-disk layout of a gazetteer index (`*.gaz`), little-endian throughout.
///
/// ```
/// header     64 bytes: magic "GEOTAGZ1", format version, counts, section sizes, checksum
/// metadata   JSON (GazetteerMetadata), padded to 8 bytes
/// places     placeCount × 40 bytes: id i32, lat i32 and lon i32 in microdegrees,
///            population u32, string refs (name, admin1 code, admin1 name, admin2
///            name, feature code) u32 each, country code 2 bytes, feature class 1 byte, 1 spare
/// keys       (keyCount + 1) × 16 bytes: FNV-1a hash u64, key string ref u32, first
///            posting u32; the extra entry closes the last key's postings
/// buckets    bucketCount × u32: key index + 1, 0 for empty (open addressing, linear probing)
/// prefixes   prefixWords × u64: a Bloom filter of the keys' word prefixes (KeyPrefixFilter)
/// others     otherNameSlots × u64: the postings whose name is an other name of the place
///            (OtherNameTable), place << 32 | name ref, 0 for empty
/// postings   postingCount × 8 bytes: place index u32, ref of the name as written u32
/// strings    u16 length + UTF-8 bytes each; ref 0 is the empty string
/// ```
/// The checksum (``Checksum64``) covers every byte after the header. Places are sorted
/// by id, keys by hash and then bytes (the order the builder's external sort gives), and
/// each key's postings best first (``PlacePrior``), so the same input always gives the
/// same file. A reader finds keys through the buckets and does not rely on their order.
enum IndexLayout {
    static let magic: [UInt8] = Array("GEOTAGZ1".utf8)
    static let formatVersion: UInt32 = 3
    static let headerSize = 64
    static let placeSize = 40
    static let keySize = 16
    static let postingSize = 8

    enum Header {
        static let formatVersion = 8
        static let placeCount = 12
        static let keyCount = 16
        static let bucketCount = 20
        static let postingCount = 24
        static let metadataSize = 28
        static let stringsSize = 32
        static let checksum = 40
        static let prefixWords = 48
        static let otherNameSlots = 52
    }

    enum PlaceField {
        static let id = 0
        static let latitude = 4
        static let longitude = 8
        static let population = 12
        static let name = 16
        static let admin1Code = 20
        static let admin1Name = 24
        static let admin2Name = 28
        static let featureCode = 32
        static let countryCode = 36
        static let featureClass = 38
    }

    static func padded(_ size: Int) -> Int { (size + 7) & ~7 }
}

/// A fast 64-bit checksum over 8-byte words (a multiply-rotate mix), for detecting a
/// truncated or corrupted index file at load time, not for security. Fed in pieces of
/// any size, it gives what one pass over the whole would.
struct Checksum64 {
    private var h: UInt64
    /// Bytes of an unfinished word (fewer than 8).
    private var pending: [UInt8] = []

    /// Starts a checksum over `length` bytes in all.
    init(length: Int) { h = 0x9E37_79B9_7F4A_7C15 ^ UInt64(length) }

    static func of(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        var checksum = Checksum64(length: bytes.count)
        checksum.update(bytes)
        return checksum.finalize()
    }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        var start = 0
        if !pending.isEmpty {
            start = min(8 - pending.count, bytes.count)
            pending.append(contentsOf: bytes[0..<start])
            guard pending.count == 8 else { return }
            pending.withUnsafeBytes { mix($0.loadUnaligned(as: UInt64.self)) }
            pending.removeAll()
        }
        let words = (bytes.count - start) / 8
        var h = self.h
        for i in 0..<words {
            h = (h ^ bytes.loadUnaligned(fromByteOffset: start + i * 8, as: UInt64.self)) &* 0xFF51_AFD7_ED55_8CCD
            h = (h << 31) | (h >> 33)
        }
        self.h = h
        pending.append(contentsOf: bytes[(start + words * 8)...])
    }

    @inline(__always)
    private mutating func mix(_ word: UInt64) {
        h = (h ^ word) &* 0xFF51_AFD7_ED55_8CCD
        h = (h << 31) | (h >> 33)
    }

    func finalize() -> UInt64 {
        var h = self.h
        for byte in pending { h = (h ^ UInt64(byte)) &* 0xC4CE_B9FE_1A85_EC53 }
        return h ^ (h >> 29)
    }
}
