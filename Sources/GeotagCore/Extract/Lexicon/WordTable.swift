import Foundation

/// A read-only hash table from a word's bytes to its ``WordClass``, looked up without
/// making a `String` of the word: open addressing over slots that hold a word's hash,
/// classes and place in one buffer of all words' bytes, so that a look-up touches one
/// slot and the word's bytes. ``Lexicon`` asks it once for every word of every text.
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

    init(_ words: [String: WordClass]) {
        var size = 16
        while size < words.count * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(), count: size)
        for (word, kind) in words {
            let utf8 = Array(word.utf8)
            let hash = Self.hash(utf8)
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot].check != 0 { slot = (slot + 1) & (size - 1) }
            slots[slot] = Slot(check: Self.check(hash), classes: kind, start: UInt32(bytes.count), count: UInt32(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    /// The classes of the word spelled by `word`, empty for a word of no list.
    subscript(word: UnsafeBufferPointer<UInt8>) -> WordClass {
        let hash = Self.hash(word)
        let check = Self.check(hash)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBufferPointer { bytes in
                while true {
                    let entry = slots[slot]
                    if entry.check == 0 { return [] }
                    if entry.check == check, Int(entry.count) == word.count,
                       word.isEmpty || Self.equal(bytes.baseAddress! + Int(entry.start), word.baseAddress!, count: word.count) {
                        return entry.classes
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

    private static func hash(_ word: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in word { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        return hash
    }

    private static func check(_ hash: UInt64) -> UInt32 { max(UInt32(truncatingIfNeeded: hash >> 32), 1) }
}
