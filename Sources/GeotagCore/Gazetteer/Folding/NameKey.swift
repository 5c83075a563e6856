/// The keys under which the gazetteer indexes names and the matcher looks them up.
public enum NameKey {
    /// Every key `name` is indexed under: its canonical key and, when it has an article,
    /// the key without it ("Al-Hasakah" → "al hasakah", "hasakah"). Empty for a name
    /// with no letters or digits.
    public static func keys(for name: String) -> [[UInt8]] {
        let folded = FoldedText(name)
        guard !folded.tokens.isEmpty else { return [] }
        let all = 0..<folded.tokens.count
        var canonical: [UInt8] = []
        folded.appendKey(all, stripped: false, to: &canonical)
        guard folded.hasArticle(in: all) else { return [canonical] }
        var stripped: [UInt8] = []
        folded.appendKey(all, stripped: true, to: &stripped)
        return stripped.isEmpty || stripped == canonical ? [canonical] : [canonical, stripped]
    }

    /// The canonical key of `name` (what the matcher computes for the same words in a text).
    public static func canonical(_ name: String) -> [UInt8] {
        let folded = FoldedText(name)
        var key: [UInt8] = []
        folded.appendKey(0..<folded.tokens.count, stripped: false, to: &key)
        return key
    }

    /// 64-bit FNV-1a of a key; the index's hash table is built on it.
    @inline(__always)
    public static func hash(_ key: some Sequence<UInt8>) -> UInt64 {
        var h = emptyHash
        for byte in key { h = step(h, byte) }
        return h
    }

    /// The hash of no bytes (FNV-1a's offset basis), where a running hash starts. A
    /// literal, so reading it needs no one-time set-up.
    public static let emptyHash: UInt64 = 0xcbf2_9ce4_8422_2325

    /// One byte of ``hash(_:)``: the hash of a key with `byte` appended.
    @inline(__always)
    public static func step(_ h: UInt64, _ byte: UInt8) -> UInt64 {
        (h ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
    }
}
