import Foundation

/// A read-only hash table from a word's bytes to its ``WordClass``, looked up without
/// making a `String` of the word: open addressing over 16-byte slots. A word of at
/// most eight bytes (most words of a text) is held in its slot, so that its look-up
/// touches one slot and nothing else; a longer one lies in one buffer of all long
/// words' bytes. ``Lexicon`` asks it once for every word of every text.
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

    init(_ words: [String: WordClass]) {
        var size = 16
        while size < words.count * 2 { size *= 2 }
        slots = [Slot](repeating: Slot(), count: size)
        for (word, kind) in words {
            let utf8 = Array(word.utf8)
            precondition(utf8.count <= Int(UInt16.max), "a word of the lexicon is longer than 65,535 bytes")
            let (hash, packed) = utf8.withUnsafeBufferPointer(Self.hashAndPack)
            var slot = Int(truncatingIfNeeded: hash) & (size - 1)
            while slots[slot].check != 0 { slot = (slot + 1) & (size - 1) }
            let isInline = utf8.count <= Self.inlineBytes
            slots[slot] = Slot(check: Self.check(hash), count: UInt16(utf8.count), classes: kind,
                               word: isInline ? packed : UInt64(bytes.count))
            if !isInline { bytes.append(contentsOf: utf8) }
        }
    }

    /// The classes of the word spelled by `word`, empty for a word of no list.
    subscript(word: UnsafeBufferPointer<UInt8>) -> WordClass {
        let (hash, packed) = Self.hashAndPack(word)
        let check = Self.check(hash)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        let isInline = word.count <= Self.inlineBytes
        return slots.withUnsafeBufferPointer { slots in
            while true {
                let entry = slots[slot]
                if entry.check == 0 { return [] }
                if entry.check == check, Int(entry.count) == word.count {
                    if isInline {
                        if entry.word == packed { return entry.classes }
                    } else if bytes.withUnsafeBufferPointer({
                        Self.equal($0.baseAddress! + Int(entry.word), word.baseAddress!, count: word.count)
                    }) {
                        return entry.classes
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
