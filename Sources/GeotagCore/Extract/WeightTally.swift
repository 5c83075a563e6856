/// Weights summed per key, in the order the keys came (which breaks ties): the
/// countries, provinces and towns of an article's names. An article names a handful of
/// each, so a list that a scan reads costs less than a dictionary, which hashes every
/// key with SipHash (the resolver's focus, the mention features and the loader's
/// document focus make them for every article).
struct WeightTally<Key: Equatable> {
    private var tally: [(key: Key, weight: Double)] = []

    /// No keys, with room for `capacity` of them.
    init(capacity: Int = 0) {
        tally.reserveCapacity(capacity)
    }

    /// Adds `weight` to `key`; true when the key is new.
    @discardableResult
    mutating func add(_ key: Key, _ weight: Double) -> Bool {
        if let i = tally.firstIndex(where: { $0.key == key }) {
            tally[i].weight += weight
            return false
        }
        tally.append((key, weight))
        return true
    }

    /// The weight of `key`; 0 for a key never added.
    subscript(key: Key) -> Double {
        tally.first { $0.key == key }?.weight ?? 0
    }

    /// Where the key with the most weight came among the keys; the first among equals.
    var winnerIndex: Int? {
        var best: Int?
        for i in tally.indices where best == nil || tally[i].weight > tally[best!].weight { best = i }
        return best
    }

    /// The key with the most weight; the first seen among equals.
    var winner: Key? { winnerIndex.map { tally[$0].key } }
}
