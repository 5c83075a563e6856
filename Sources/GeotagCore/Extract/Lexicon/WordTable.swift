import Foundation

/// A hash table from a word's bytes to its ``WordClass``, filled once and then only
/// read, looked up without making a `String` of the word: open addressing over 16-byte
/// slots. A word of at most eight bytes (most words of a text) is held in its slot, so
/// that its look-up touches one slot and nothing else; a longer one lies in one buffer
/// of all long words' bytes. ``Lexicon`` asks it once for every word of every text.
struct WordTable: Sendable {
    private struct Slot {
        /// The top 16 bits of the word's hash; 0 marks an empty slot (a word whose
        /// bits are 0 stores 1).
        var check: UInt16 = 0
        var count: UInt16 = 0
        var classes = WordClass()
        /// The word's bytes, zero-padded, when it has at most ``inlineBytes`` of
        /// them; otherwise where they start in ``WordTable/bytes``.
        var word: UInt64 = 0
    }

    /// The longest word held in its slot.
    private static let inlineBytes = 8

    /// The bytes of the words longer than ``inlineBytes``.
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
        precondition(utf8.count <= Int(UInt16.max), "a word of the lexicon is longer than 65,535 bytes")
        let (hash, packed) = utf8.withUnsafeBufferPointer(Self.hashAndPack)
        if let slot = utf8.withUnsafeBufferPointer({ find($0, hash: hash, packed: packed) }) {
            slots[slot].classes.formUnion(classes)
            return
        }
        if (count + 1) * 2 > slots.count { grow() }
        let isInline = utf8.count <= Self.inlineBytes
        place(Slot(check: Self.check(hash), count: UInt16(utf8.count), classes: classes,
                   word: isInline ? packed : UInt64(bytes.count)), hash: hash)
        if !isInline { bytes.append(contentsOf: utf8) }
        count += 1
    }

    /// Puts `slot` in the first free slot from where `hash` points.
    private mutating func place(_ slot: Slot, hash: UInt64) {
        let mask = slots.count - 1
        var at = Int(truncatingIfNeeded: hash) & mask
        while slots[at].check != 0 { at = (at + 1) & mask }
        slots[at] = slot
    }

    /// Twice the slots, every word placed again by its hash.
    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.check != 0 { place(slot, hash: hash(of: slot)) }
    }

    /// The hash of the word a full slot holds, from its bytes.
    private func hash(of slot: Slot) -> UInt64 {
        let count = Int(slot.count)
        if count <= Self.inlineBytes {
            return withUnsafeBytes(of: slot.word.littleEndian) {
                Self.hashAndPack(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[0..<count])).hash
            }
        }
        let start = Int(slot.word)
        return bytes.withUnsafeBufferPointer {
            Self.hashAndPack(UnsafeBufferPointer(rebasing: $0[start..<(start + count)])).hash
        }
    }

    /// The classes of the word spelled by `word`, empty for a word of no list.
    subscript(word: UnsafeBufferPointer<UInt8>) -> WordClass {
        let (hash, packed) = Self.hashAndPack(word)
        guard let slot = find(word, hash: hash, packed: packed) else { return [] }
        return slots[slot].classes
    }

    /// The slot that holds `word`, whose hash and packed bytes are given, if any.
    @inline(__always)
    private func find(_ word: UnsafeBufferPointer<UInt8>, hash: UInt64, packed: UInt64) -> Int? {
        let check = Self.check(hash)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let isInline = word.count <= Self.inlineBytes
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[slot]
                if entry.check == 0 { return nil }
                if entry.check == check, Int(entry.count) == word.count {
                    if isInline {
                        if entry.word == packed { return slot }
                    } else if bytes.withUnsafeBufferPointer({
                        Self.equal($0.baseAddress! + Int(entry.word), word.baseAddress!, count: word.count)
                    }) {
                        return slot
                    }
                }
                slot = (slot + 1) & mask
            }
        }
    }

    /// The word's FNV-1a hash, and its first eight bytes packed little-endian into a
    /// word, zero-padded: one pass over the bytes for both.
    @inline(__always)
    private static func hashAndPack(_ word: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, packed: UInt64) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var packed: UInt64 = 0
        for (i, byte) in word.enumerated() {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
            if i < inlineBytes { packed |= UInt64(byte) << (8 * UInt64(i)) }
        }
        return (hash, packed)
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

    private static func check(_ hash: UInt64) -> UInt16 { max(UInt16(truncatingIfNeeded: hash >> 48), 1) }
}
