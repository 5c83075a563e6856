/// The ``GazetteerIndex/FeatureFacts`` of every feature class and code an index's places
/// have, worked out when the index opens: the resolver and the recognizer ask for them
/// for every option of every name, from every worker at once, and a table that never
/// changes needs no lock.
///
/// Open addressing over a power of two of slots, at most half full, keyed by
/// ``key(featureClass:codeRef:)``: GeoNames has a few hundred codes, so the table stays
/// in the first-level cache.
struct FeatureCodeTable: Sendable {
    private var keys: [UInt64]
    private var facts: [GazetteerIndex.FeatureFacts]
    private var mask: Int
    private var count = 0
    private static let empty = UInt64.max

    /// The key of a feature class (an ASCII letter) and code (a string ref).
    @inline(__always)
    static func key(featureClass: UInt8, codeRef: UInt32) -> UInt64 {
        UInt64(featureClass) << 32 | UInt64(codeRef)
    }

    init() {
        mask = 15
        (keys, facts) = Self.emptySlots(mask + 1)
    }

    private static func emptySlots(_ count: Int) -> ([UInt64], [GazetteerIndex.FeatureFacts]) {
        (Array(repeating: empty, count: count), Array(repeating: .init(kind: .town, codeBonus: 0), count: count))
    }

    /// The facts under `key`, if added.
    @inline(__always)
    subscript(key: UInt64) -> GazetteerIndex.FeatureFacts? {
        var slot = Self.start(of: key, mask: mask)
        while true {
            let stored = keys[slot]
            if stored == key { return facts[slot] }
            if stored == Self.empty { return nil }
            slot = (slot + 1) & mask
        }
    }

    /// Adds the facts of `key`, made by `make` unless the key is in already.
    mutating func add(_ key: UInt64, _ make: () -> GazetteerIndex.FeatureFacts) {
        guard self[key] == nil else { return }
        if (count + 1) * 2 > keys.count { grow() }
        place(key, make())
        count += 1
    }

    private mutating func place(_ key: UInt64, _ value: GazetteerIndex.FeatureFacts) {
        var slot = Self.start(of: key, mask: mask)
        while keys[slot] != Self.empty { slot = (slot + 1) & mask }
        keys[slot] = key
        facts[slot] = value
    }

    private mutating func grow() {
        let (oldKeys, oldFacts) = (keys, facts)
        mask = mask * 2 + 1
        (keys, facts) = Self.emptySlots(mask + 1)
        for (key, value) in zip(oldKeys, oldFacts) where key != Self.empty { place(key, value) }
    }

    @inline(__always)
    private static func start(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }
}
