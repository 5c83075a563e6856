import Foundation

/// A hash table from a word's bytes to its ``WordClass``, filled once and then only
/// read, looked up without making a `String` of the word: open addressing over slots
/// that hold a word's hash (``NameKey/hash(_:)``), classes and place in one buffer of
/// all words' bytes, so that a look-up touches one slot and the word's bytes. ``Lexicon`` asks it once for
/// every word of every text.
///
/// Holding words of up to eight bytes in their slots instead, so that a look-up reads
/// one place, measured no faster (stops 20 and 22): the buffer is small enough to stay
/// in cache, and the misses are the slots'.
struct WordTable: Sendable {
    private struct Slot {
        /// The upper half of the word's hash; 0 marks an empty slot (a word whose half
        /// is 0 stores 1).
        var check: UInt32 = 0
        var classes = WordClass()
        var start: UInt32 = 0
        var count: UInt32 = 0
    }

    private var bytes: [UInt8] = []
    /// A power of two long, at most half full.
    private var slots: [Slot]
    private var count = 0

    /// An empty table with room for `capacity` words before it grows.
    init(capacity: Int = 0) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(), count: size)
    }

    /// Adds `classes` to the classes of `word`, which it gets if it has none yet.
    mutating func add(_ word: some Collection<UInt8>, _ classes: WordClass) {
        let utf8 = Array(word)
        let hash = NameKey.hash(utf8)
        if let slot = utf8.withUnsafeBufferPointer({ find($0, hash: hash) }) {
            slots[slot].classes.formUnion(classes)
            return
        }
        if (count + 1) * 2 > slots.count { grow() }
        place(Slot(check: Self.check(hash), classes: classes, start: UInt32(bytes.count), count: UInt32(utf8.count)), hash: hash)
        bytes.append(contentsOf: utf8)
        count += 1
    }

    /// Puts `slot` in the first free slot from where `hash` points.
    private mutating func place(_ slot: Slot, hash: UInt64) {
        let mask = slots.count - 1
        var at = Int(truncatingIfNeeded: hash) & mask
        while slots[at].check != 0 { at = (at + 1) & mask }
        slots[at] = slot
    }

    /// Twice the slots, every word placed again by the hash of its bytes.
    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.check != 0 {
            place(slot, hash: NameKey.hash(bytes[Int(slot.start)..<Int(slot.start + slot.count)]))
        }
    }

    /// The classes of the word spelled by `word`, empty for a word of no list.
    subscript(word: UnsafeBufferPointer<UInt8>) -> WordClass {
        guard let slot = find(word, hash: NameKey.hash(word)) else { return [] }
        return slots[slot].classes
    }

    /// The slot that holds `word`, whose hash is given, if any.
    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        let check = Self.check(hash)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { bytes in
                while true {
                    let entry = slots[slot]
                    if entry.check == 0 { return nil }
                    if entry.check == check, Int(entry.count) == word.count,
                       word.isEmpty || Self.equal(bytes.baseAddress! + Int(entry.start), word.baseAddress!, count: word.count) {
                        return slot
                    }
                    slot = (slot + 1) & mask
                }
            }
        }
    }

    /// Whether `count` bytes at `a` and `b` are the same: words are short, and a call
    /// to `memcmp` cost more than the comparison.
    @inline(__always)
    private static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        var i = 0
        while i + 8 <= count {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
            i += 8
        }
        while i < count {
            if a[i] != b[i] { return false }
            i += 1
        }
        return true
    }

    private static func check(_ hash: UInt64) -> UInt32 { max(UInt32(truncatingIfNeeded: hash >> 32), 1) }
}
