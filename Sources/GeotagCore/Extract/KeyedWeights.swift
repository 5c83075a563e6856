/// Weights summed by key over an article's names: their countries or provinces. An
/// article's names have a few distinct keys, so a list searched from the front costs
/// less than a dictionary, which hashes every key with SipHash.
struct KeyedWeights<Key: Equatable> {
    private var entries: [(key: Key, weight: Double)] = []

    /// No keys, with room for `capacity` of them.
    init(capacity: Int = 0) {
        entries.reserveCapacity(capacity)
    }

    /// Adds `weight` to the weight of `key`.
    mutating func add(_ weight: Double, to key: Key) {
        if let i = entries.firstIndex(where: { $0.key == key }) { entries[i].weight += weight } else { entries.append((key, weight)) }
    }

    /// The weight of `key`; 0 for a key never added.
    subscript(key: Key) -> Double {
        entries.first { $0.key == key }?.weight ?? 0
    }
}
