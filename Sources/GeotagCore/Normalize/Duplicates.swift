import CKernels

/// A MinHash signature of an article's clean text, for finding near-duplicates:
/// syndicated wire copies that another site republished with its own headline,
/// header or footer, or with a sentence changed.
///
/// The text's words (runs of letters and digits, lower-cased) are taken four at a time
/// (shingles); each of ``count`` seeded 64-bit hash functions keeps the smallest hash of
/// any shingle. The share of equal values between two signatures estimates the Jaccard
/// similarity of the two texts' shingle sets. The hashes are fixed (FNV-1a and
/// SplitMix64 with constant seeds), so signatures are the same in every run and can be
/// stored.
public struct TextSignature: Sendable, Equatable {
    /// Values in a signature (``geotag_minhash_fold`` computes this many).
    public static let count = Int(GEOTAG_MINHASH_WIDTH)
    /// Words per shingle.
    public static let shingleWords = 4

    /// The smallest hash of each function, truncated to 32 bits.
    public private(set) var values: [UInt32]
    /// How many shingles the text has (with repeats); a text with fewer than
    /// ``DuplicateIndex/minimumShingles`` is too short to compare this way.
    public private(set) var shingles: Int

    /// The signature of `text`.
    public init(text: String) {
        var text = text
        let words = text.withUTF8(Self.wordHashes)
        let shingleCount = max(0, words.count - Self.shingleWords + 1)
        // A text shorter than a shingle is one shingle of all its words.
        let shingles = shingleCount == 0 && !words.isEmpty
            ? [Self.shingle(words[...])]
            : (0..<shingleCount).map { Self.shingle(words[$0..<$0 + Self.shingleWords]) }
        var minima = [UInt64](repeating: .max, count: Self.count)
        geotag_minhash_fold(shingles, shingles.count, Self.seeds, &minima)
        values = minima.map { UInt32(truncatingIfNeeded: $0 >> 32) }
        self.shingles = shingles.count
    }

    /// The FNV-1a hash of each word of the text: a run of letters and digits,
    /// lower-cased. Walks the bytes, ASCII on a fast path: by `unicodeScalars`, the
    /// walk cost more than the hashing.
    private static func wordHashes(in utf8: UnsafeBufferPointer<UInt8>) -> [UInt64] {
        var words: [UInt64] = []
        words.reserveCapacity(utf8.count / 5)
        var hash: UInt64 = fnvOffset
        var inWord = false
        var i = 0
        while i < utf8.count {
            let byte = utf8[i]
            var value: UInt32
            let isWord: Bool
            if byte < 0x80 {
                i += 1
                value = UInt32(byte)
                if byte &- UInt8(ascii: "A") < 26 { value += 0x20 }
                isWord = value &- UInt32(UInt8(ascii: "a")) < 26 || value &- UInt32(UInt8(ascii: "0")) < 10
            } else {
                let (scalar, length) = ValidUTF8.scalar(in: utf8, at: i)
                i += length
                value = scalar.value
                isWord = ScalarProperties.isAlphanumeric(scalar)
                if isWord, ScalarProperties.isUppercase(scalar), let lower = scalar.properties.lowercaseMapping.unicodeScalars.first {
                    value = lower.value
                }
            }
            if isWord {
                hash = (hash ^ UInt64(value)) &* fnvPrime
                inWord = true
            } else if inWord {
                words.append(hash)
                hash = fnvOffset
                inWord = false
            }
        }
        if inWord { words.append(hash) }
        return words
    }

    /// A signature read back from ``bytes``; nil when they are not one.
    public init?(bytes: [UInt8]) {
        guard bytes.count == 4 * (Self.count + 1) else { return nil }
        func word(_ index: Int) -> UInt32 {
            (0..<4).reduce(0) { $0 | UInt32(bytes[4 * index + $1]) << (8 * UInt32($1)) }
        }
        values = (0..<Self.count).map(word)
        shingles = Int(word(Self.count))
    }

    /// The signature as bytes, to store: the values and the shingle count, each a
    /// little-endian 32-bit number.
    public var bytes: [UInt8] {
        (values + [UInt32(clamping: shingles)]).flatMap { value in (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * UInt32($0))) } }
    }

    /// The estimated Jaccard similarity of the two texts' shingles, 0 to 1.
    public func similarity(to other: TextSignature) -> Double {
        let equal = zip(values, other.values).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        return Double(equal) / Double(Self.count)
    }

    private static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
    private static let fnvPrime: UInt64 = 0x0000_0100_0000_01B3

    private static func shingle(_ words: ArraySlice<UInt64>) -> UInt64 {
        words.reduce(0x9E37_79B9_7F4A_7C15) { mix($0 ^ $1) }
    }

    /// SplitMix64's step and finaliser: a fast, well-mixing bijection on 64 bits.
    private static func mix(_ value: UInt64) -> UInt64 {
        SplitMix64.finalize(value &+ 0x9E37_79B9_7F4A_7C15)
    }

    private static let seeds: [UInt64] = (0..<UInt64(count)).map { mix($0 &* 0xD1B5_4A32_D192_ED03) }
}

/// The articles a run compares new ones against: exact duplicates by the hash of the
/// clean text, near-duplicates by MinHash signatures with locality-sensitive hashing
/// (21 bands of 3 values; two texts whose shingles are half the same meet in a band
/// with a probability of 0.94, at 0.7 almost surely), confirmed when at least
/// ``threshold`` of the signature is the same.
///
/// The index holds the most recent ``capacity`` originals (by when they were indexed):
/// memory stays bounded however many articles a run or a database has, and a copy is
/// found when its original is among them. Wire copies follow their original within
/// days, far inside the default window.
///
/// Only originals are indexed, so a duplicate always points to an original. Which of
/// two copies is the original does not depend on the order they arrive in within a
/// run: the earlier published one (then the smaller `doc_id`) is, and an original of
/// an earlier run stays the original. Two different stories about the same event share
/// names and perhaps a quote, but few runs of four words, far below the threshold.
public struct DuplicateIndex: Sendable {
    /// What ``classify(docID:contentHash:signature:published:)`` decided.
    public enum Decision: Sendable, Equatable {
        /// Not a duplicate of anything indexed; now indexed itself.
        case original
        /// A duplicate of the original with this `doc_id`.
        case duplicate(of: String)
        /// The original of a cluster whose original so far (this run's, with this
        /// `doc_id`) now becomes its duplicate, as do that one's duplicates.
        case replaces(String)
    }

    /// The share of equal signature values from which two texts are near-duplicates.
    public static let threshold = 0.5
    /// Texts with fewer shingles are only compared exactly.
    public static let minimumShingles = 12

    private static let bands = 21
    private static let rows = 3

    private struct Entry: Sendable {
        var docID: String
        var contentHash: String
        var signature: TextSignature?
        var published: Int?
        var fromEarlierRun: Bool
        var removed = false
    }

    /// At most ``capacity`` entries, used as a ring: the next entry takes slot
    /// `next % capacity`, and whatever held it leaves the index.
    private var entries: [Entry] = []
    private var next = 0
    /// How many originals the index holds at most.
    public let capacity: Int
    private var byHash: [String: Int] = [:]
    private var byDocID: [String: Int] = [:]
    /// The band keys of the entries' signatures: band `b` of slot `s` is id
    /// `s * bands + b`.
    private var bandTable: BandTable

    /// The most originals an index holds by default: about 80 MB of signatures, names
    /// and band keys.
    public static let defaultCapacity = 100_000

    /// An empty index that holds at most `capacity` originals.
    public init(capacity: Int = DuplicateIndex.defaultCapacity) {
        precondition(capacity > 0 && capacity <= (BandTable.maximumID + 1) / Self.bands, "too many originals for one index")
        self.capacity = capacity
        bandTable = BandTable(maximumID: capacity * Self.bands - 1)
    }

    /// Indexes an original stored by an earlier run.
    public mutating func addEarlier(docID: String, contentHash: String, signature: TextSignature?, published: String?) {
        insert(Entry(docID: docID, contentHash: contentHash, signature: signature,
                     published: published.flatMap(PublishedDate.instant), fromEarlierRun: true))
    }

    /// Decides whether the article is a duplicate of an indexed original, and indexes
    /// it when it is an original.
    public mutating func classify(docID: String, contentHash: String, signature: TextSignature, published: String?) -> Decision {
        let instant = published.flatMap(PublishedDate.instant)
        var fromEarlierRun = false
        if let existing = byDocID[docID] {
            // The same article again (reprocessed, or changed): it is judged afresh
            // and, as an original of an earlier run, keeps its standing.
            fromEarlierRun = entries[existing].fromEarlierRun
            remove(existing)
        }
        let candidate = Entry(
            docID: docID, contentHash: contentHash, signature: signature, published: instant, fromEarlierRun: fromEarlierRun)
        guard let match = bestMatch(for: candidate) else {
            insert(candidate)
            return .original
        }
        let original = entries[match]
        if !original.fromEarlierRun, Self.precedes(candidate, original) {
            remove(match)
            insert(candidate)
            return .replaces(original.docID)
        }
        return .duplicate(of: original.docID)
    }

    private func bestMatch(for candidate: Entry) -> Int? {
        if let exact = byHash[candidate.contentHash] { return exact }
        guard let signature = candidate.signature, signature.shingles >= Self.minimumShingles else { return nil }
        var best: (index: Int, similarity: Double)?
        var seen = Set<Int>()
        let entries = entries
        for band in 0..<Self.bands {
            bandTable.forEach(under: Self.bandKey(signature, band), keyOf: { Self.bandKey(of: $0, in: entries) }) { id in
                let index = id / Self.bands
                guard seen.insert(index).inserted else { return }
                let entry = entries[index]
                guard !entry.removed, let other = entry.signature, other.shingles >= Self.minimumShingles else { return }
                let similarity = signature.similarity(to: other)
                if similarity >= Self.threshold, similarity > best?.similarity ?? 0 { best = (index, similarity) }
            }
        }
        return best?.index
    }

    private mutating func insert(_ entry: Entry) {
        let index = next % capacity
        next += 1
        if index < entries.count {
            evict(index)
            entries[index] = entry
        } else {
            entries.append(entry)
        }
        if byHash[entry.contentHash] == nil { byHash[entry.contentHash] = index }
        byDocID[entry.docID] = index
        guard let signature = entry.signature else { return }
        // The closure reads the entries while the band table changes: it gets its own
        // reference to them (the storage is not copied).
        let entries = entries
        for band in 0..<Self.bands {
            bandTable.insert(index * Self.bands + band, under: Self.bandKey(signature, band)) { Self.bandKey(of: $0, in: entries) }
        }
    }

    /// Takes the entry in slot `index` out of the index altogether, band keys included,
    /// to make room.
    private mutating func evict(_ index: Int) {
        remove(index)
        guard let signature = entries[index].signature else { return }
        let entries = entries
        for band in 0..<Self.bands {
            bandTable.remove(index * Self.bands + band, under: Self.bandKey(signature, band)) { Self.bandKey(of: $0, in: entries) }
        }
    }

    private mutating func remove(_ index: Int) {
        entries[index].removed = true
        if byHash[entries[index].contentHash] == index { byHash[entries[index].contentHash] = nil }
        if byDocID[entries[index].docID] == index { byDocID[entries[index].docID] = nil }
    }

    /// The key of band `band` of `signature`: its band number and its `rows` values,
    /// hashed together.
    private static func bandKey(_ signature: TextSignature, _ band: Int) -> UInt64 {
        var key = UInt64(band) &* 0x9E37_79B9_7F4A_7C15
        for row in 0..<rows { key = (key ^ UInt64(signature.values[band * rows + row])) &* 0x0000_0100_0000_01B3 }
        return key
    }

    /// The key of band id `id` (see ``bandTable``), from the signature in its slot.
    private static func bandKey(of id: Int, in entries: [Entry]) -> UInt64 {
        // Only entries with a signature have band ids.
        bandKey(entries[id / bands].signature!, id % bands)
    }

    /// Whether `a` is the better original: published earlier (a known date before an
    /// unknown one), then the smaller `doc_id`.
    private static func precedes(_ a: Entry, _ b: Entry) -> Bool {
        switch (a.published, b.published) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.docID < b.docID
        }
    }
}
