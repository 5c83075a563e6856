import Foundation

/// A map from folded keys (``FoldedKey``) to values, for the few names of one article:
/// open addressing over each key's FNV-1a hash (``NameKey/hash(_:)``), compared byte for
/// byte on a hash match. A `Dictionary` of `FoldedKey` ran SipHash's rounds on top of
/// that hash for every look-up. Keys are never removed.
struct FoldedKeyTable<Value> {
    /// By slot, the entry + 1 of the key there; 0 for an empty slot.
    private var slots: [Int32]
    private var entries: [(key: FoldedKey, hash: UInt64, value: Value)] = []

    /// An empty table with room for `capacity` keys before it grows.
    init(capacity: Int = 0) {
        var slotCount = 8
        while slotCount < capacity * 2 { slotCount <<= 1 }
        slots = Array(repeating: 0, count: slotCount)
        entries.reserveCapacity(capacity)
    }

    /// The number of keys.
    var count: Int { entries.count }

    /// The value of `key`; nil when it was never added.
    subscript(key: FoldedKey) -> Value? {
        entry(of: key, hash: Self.hash(key)).found.map { entries[$0].value }
    }

    /// Whether `key` was added.
    func contains(_ key: FoldedKey) -> Bool { self[key] != nil }

    /// The value of `key`, which `make` gives it first when the key is new.
    @discardableResult
    mutating func value(of key: FoldedKey, addingIfNew make: () -> Value) -> (value: Value, isNew: Bool) {
        let hash = Self.hash(key)
        let (found, slot) = entry(of: key, hash: hash)
        if let found { return (entries[found].value, false) }
        let value = make()
        entries.append((key, hash, value))
        slots[slot] = Int32(entries.count)
        if entries.count * 2 > slots.count { grow() }
        return (value, true)
    }

    /// The entry of `key`, or the empty slot where it would go.
    private func entry(of key: FoldedKey, hash: UInt64) -> (found: Int?, slot: Int) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let stored = Int(slots[slot])
            if stored == 0 { return (nil, slot) }
            if entries[stored - 1].hash == hash, Self.equal(entries[stored - 1].key, key) { return (stored - 1, slot) }
            slot = (slot + 1) & mask
        }
    }

    /// Doubles the slots, at most half of which are ever taken.
    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (n, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(n + 1)
        }
    }

    private static func hash(_ key: FoldedKey) -> UInt64 {
        key.bytes.withUnsafeBufferPointer { NameKey.hash($0) }
    }

    private static func equal(_ a: FoldedKey, _ b: FoldedKey) -> Bool {
        guard a.bytes.count == b.bytes.count else { return false }
        return a.bytes.isEmpty || a.bytes.withUnsafeBufferPointer { a in
            b.bytes.withUnsafeBufferPointer { b in memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 }
        }
    }
}
