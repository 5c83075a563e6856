/// The postings of an index whose name is an *other* name of the place (``OtherNames``:
/// "Salisbury" for Harare), as an open-addressing set of `place << 32 | nameRef`
/// (0 marks an empty slot; no other name has ref 0, the empty string).
///
/// Deciding it folds both names and compares their letters and skeletons, thousands of
/// instructions; the resolver asks it for every option of every name. So the builder
/// decides it once for every posting and the index carries the answer: a look-up is a
/// probe or two, with no lock and no memo.
enum OtherNameTable {
    /// The key of a place and a name ref.
    @inline(__always)
    static func key(place: Int, nameRef: UInt32) -> UInt64 { UInt64(UInt32(truncatingIfNeeded: place)) << 32 | UInt64(nameRef) }

    /// Where probing for `key` starts in a table of `mask + 1` slots.
    @inline(__always)
    static func start(of key: UInt64, mask: Int) -> Int { Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask }

    /// The slots of a table holding `keys` (none 0), a power of two of them and at most
    /// half full.
    static func slots(holding keys: some Collection<UInt64>) -> [UInt64] {
        var count = 2
        while count < keys.count * 2 { count <<= 1 }
        var slots = [UInt64](repeating: 0, count: count)
        for key in keys {
            var slot = start(of: key, mask: count - 1)
            while slots[slot] != 0, slots[slot] != key { slot = (slot + 1) & (count - 1) }
            slots[slot] = key
        }
        return slots
    }
}
