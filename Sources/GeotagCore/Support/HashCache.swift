import Synchronization

/// A fixed set of 64-bit hashes that threads share without a lock: a direct-mapped
/// cache, each slot holding the last hash stored in it. A hash stored may be forgotten
/// (a later one took its slot), and one never stored is never found; the hash stands
/// for what it was made of, so two things of one hash share an answer.
///
/// 128 KB: small enough to stay in the caches the look-ups it saves would miss.
final class HashCache: Sendable {
    /// 2^14 slots.
    private let slots: InlineArray<16_384, Atomic<UInt64>> = InlineArray { _ in Atomic(0) }

    init() {}

    /// Whether `hash` is held (never for 0, the empty slot).
    @inline(__always)
    func contains(_ hash: UInt64) -> Bool {
        hash != 0 && slots[Self.slot(of: hash)].load(ordering: .relaxed) == hash
    }

    /// Holds `hash`, in place of the hash its slot held.
    @inline(__always)
    func insert(_ hash: UInt64) {
        slots[Self.slot(of: hash)].store(hash, ordering: .relaxed)
    }

    /// The top 14 bits of the hash, mixed, pick the slot.
    @inline(__always)
    private static func slot(of hash: UInt64) -> Int {
        Int(truncatingIfNeeded: (hash &* 0x9E37_79B9_7F4A_7C15) >> (64 - 14))
    }
}
