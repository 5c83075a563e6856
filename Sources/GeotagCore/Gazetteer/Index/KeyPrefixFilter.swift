/// A Bloom filter of the word prefixes of an index's keys: "deir" and "deir al" for the
/// key "deir al zor", each by its ``NameKey/hash(_:)``.
///
/// The matcher builds the keys of ever longer windows of words at a capitalised word and
/// asks the hash table for each. Most such words start no name longer than themselves
/// ("The Iraqi Prime Minister ..."), and each question costs the table two or three
/// cache misses. A window worth growing has a key that is a word prefix of some key, so
/// the matcher stops growing it when this filter says no.
///
/// Blocked: the two bits of a hash lie in one 64-bit word, one cache line per question.
/// A false yes costs a needless look-up, never a missed name. The builder sizes it at 16
/// to 32 bits per prefix: with two bits a prefix in 64-bit blocks, between about one false
/// yes in 300 and one in 70 (a test bounds it at 2% on words that open no name).
struct KeyPrefixFilter {
    /// The filter's words; a power of two of them.
    private(set) var words: [UInt64]

    /// A filter holding `prefixes`, each a ``NameKey/hash(_:)``.
    init(prefixes: [UInt64]) {
        var count = 1
        while count * 64 < prefixes.count * 16 { count <<= 1 }
        words = [UInt64](repeating: 0, count: count)
        for hash in prefixes {
            let (word, mask) = Self.position(of: hash, wordMask: count - 1)
            words[word] |= mask
        }
    }

    /// The word and the two bits a hash sets, for a filter of `wordMask + 1` words.
    @inline(__always)
    static func position(of hash: UInt64, wordMask: Int) -> (word: Int, mask: UInt64) {
        let spread = hash &* 0x9E37_79B9_7F4A_7C15
        let word = Int(truncatingIfNeeded: spread >> 32) & wordMask
        let bits = hash &* 0xC2B2_AE3D_27D4_EB4F
        return (word, 1 << (bits >> 58) | 1 << ((bits >> 52) & 63))
    }

    /// The hashes of the proper word prefixes of `key` (folded words joined by single
    /// spaces), appended to `hashes`: one per space.
    static func appendPrefixHashes(of key: [UInt8], to hashes: inout [UInt64]) {
        var hash = NameKey.emptyHash
        for byte in key {
            if byte == 0x20 { hashes.append(hash) }
            hash = NameKey.step(hash, byte)
        }
    }
}
