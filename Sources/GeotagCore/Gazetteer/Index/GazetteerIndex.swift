import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A gazetteer index read into memory (``IndexBytes``) and checked against its
/// checksum; immutable, so every thread of a run shares it.
///
/// Lookups work on folded keys (see ``NameKey``) without allocating: the matcher hashes
/// the words of a text window and asks ``postings(hash:key:)`` for the places that bear
/// that name.
public final class GazetteerIndex: Sendable {
    /// Where it was loaded from.
    public let path: String
    public let metadata: GazetteerMetadata
    public let placeCount: Int
    public let keyCount: Int
    public let postingCount: Int

    private let storage: IndexBytes
    private let placesOffset: Int
    private let keysOffset: Int
    private let bucketsOffset: Int
    private let bucketMask: Int
    private let prefixesOffset: Int
    private let prefixWordMask: Int
    private let otherNamesOffset: Int
    private let otherNameMask: Int
    private let postingsOffset: Int
    private let stringsOffset: Int
    /// The bare forms (``NameSkeleton/bare(of:)``) of the names near-miss
    /// lookups have compared a text with, by name: folding a name again for every
    /// skeleton hit cost more than the rest of matching together. Bounded by the names
    /// under skeleton keys; shared by the workers, each look-up one uncontended lock.
    private let bareNames = Mutex<[UInt32: [UInt8]]>([:])
    /// Near-miss look-ups already made, by the hash of what decides them
    /// (``forEachNearMissKeyByte(of:_:skippingFirst:_:)``), with those bytes to tell
    /// look-ups of one hash apart: the same capitalised words come back in article after
    /// article ("Sunday", "Iraqi", "Saleh"), and each look-up folds a skeleton and
    /// compares the text with every name under it, dozens for common skeletons. Cleared
    /// when it holds ``nearMissMemoLimit`` entries, so memory stays flat however long
    /// the run.
    private let nearMissMemo = Mutex<[UInt64: [(key: [UInt8], found: [(place: Int, nameRef: UInt32)])]]>([:])
    static let nearMissMemoLimit = 50_000
    /// The hashes of near-miss look-ups that found nothing, most of them (capitalised
    /// words that are no place: "Prime Minister", "Sunday"), answered without the
    /// memo's lock and key comparison. A look-up whose hash another's took is answered
    /// as that one was: for two given look-ups, a chance of one in 2^64.
    let nearMissesNone = HashCache()
    /// Places ``place(_:)`` made lately, in a slot by their index: an article's places
    /// come back in article after article (Baghdad, Syria, Nineveh), and making one
    /// decodes five strings. A newer place takes the slot of an older one, so memory
    /// stays flat; shared by the workers, each look-up one uncontended lock.
    private let recentPlaces = Mutex([(index: Int, place: Place)?](repeating: nil, count: recentPlaceSlots))
    static let recentPlaceSlots = 8192
    /// Kind and capital bonus by feature class and code (``featureFacts(of:)``): a few
    /// hundred codes, asked for every option of every name.
    private let featureCodes: FeatureCodeTable

    /// Reads and checks the index at `path`.
    public convenience init(path: String) throws(GeotagError) {
        try self.init(storage: IndexBytes(reading: path), path: path)
    }

    /// Checks and opens an index held in memory.
    public convenience init(bytes: [UInt8], path: String) throws(GeotagError) {
        try self.init(storage: IndexBytes(copying: bytes), path: path)
    }

    private init(storage bytes: IndexBytes, path: String) throws(GeotagError) {
        func corrupt(_ reason: String) -> GeotagError {
            .gazetteer(path: path, reason: "\(reason); rebuild it with `make gazetteer` or `geotag gazetteer build`")
        }
        guard bytes.count >= IndexLayout.headerSize, Array(bytes[0..<8]) == IndexLayout.magic else {
            throw corrupt("not a geotag gazetteer index")
        }
        let version: UInt32 = bytes.load(at: IndexLayout.Header.formatVersion)
        guard version == IndexLayout.formatVersion else {
            throw corrupt("index format \(version), this geotag reads format \(IndexLayout.formatVersion)")
        }
        let places = Int(bytes.load(at: IndexLayout.Header.placeCount) as UInt32)
        let keys = Int(bytes.load(at: IndexLayout.Header.keyCount) as UInt32)
        let buckets = Int(bytes.load(at: IndexLayout.Header.bucketCount) as UInt32)
        let postings = Int(bytes.load(at: IndexLayout.Header.postingCount) as UInt32)
        let metadataSize = Int(bytes.load(at: IndexLayout.Header.metadataSize) as UInt32)
        let stringsSize = Int(bytes.load(at: IndexLayout.Header.stringsSize) as UInt64)
        let prefixWords = Int(bytes.load(at: IndexLayout.Header.prefixWords) as UInt32)
        let otherNameSlots = Int(bytes.load(at: IndexLayout.Header.otherNameSlots) as UInt32)
        let expected = IndexLayout.headerSize + metadataSize + places * IndexLayout.placeSize + (keys + 1) * IndexLayout.keySize
            + buckets * 4 + prefixWords * 8 + otherNameSlots * 8 + postings * IndexLayout.postingSize + stringsSize
        let powersOfTwo = [buckets, prefixWords, otherNameSlots].allSatisfy { $0 > 0 && $0 & ($0 - 1) == 0 }
        guard bytes.count == expected, powersOfTwo else {
            throw corrupt("size \(bytes.count) bytes does not match its header (\(expected)); the file is truncated or corrupt")
        }
        let checksum: UInt64 = bytes.load(at: IndexLayout.Header.checksum)
        let actual = Checksum64.of(bytes[IndexLayout.headerSize..<bytes.count])
        guard checksum == actual else { throw corrupt("checksum mismatch; the file is corrupt") }
        let metadataRange = IndexLayout.headerSize..<(IndexLayout.headerSize + metadataSize)
        guard let metadata = try? JSONDecoder().decode(GazetteerMetadata.self, from: Data(bytes[metadataRange])) else {
            throw corrupt("unreadable metadata")
        }
        let placesOffset = metadataRange.upperBound
        let keysOffset = placesOffset + places * IndexLayout.placeSize
        let bucketsOffset = keysOffset + (keys + 1) * IndexLayout.keySize
        let prefixesOffset = bucketsOffset + buckets * 4
        let otherNamesOffset = prefixesOffset + prefixWords * 8
        let postingsOffset = otherNamesOffset + otherNameSlots * 8
        let stringsOffset = postingsOffset + postings * IndexLayout.postingSize
        // One pass over the places' fixed fields: under a millisecond for the bundled index.
        var featureCodes = FeatureCodeTable()
        for place in 0..<places {
            let o = placesOffset + place * IndexLayout.placeSize
            let featureClass: UInt8 = bytes.load(at: o + IndexLayout.PlaceField.featureClass)
            let codeRef: UInt32 = bytes.load(at: o + IndexLayout.PlaceField.featureCode)
            featureCodes.add(FeatureCodeTable.key(featureClass: featureClass, codeRef: codeRef)) {
                Self.featureFacts(featureClass: featureClass, code: Self.string(codeRef, in: bytes, at: stringsOffset))
            }
        }
        self.path = path
        self.metadata = metadata
        self.storage = bytes
        self.placeCount = places
        self.keyCount = keys
        self.postingCount = postings
        self.placesOffset = placesOffset
        self.keysOffset = keysOffset
        self.bucketsOffset = bucketsOffset
        self.bucketMask = buckets - 1
        self.prefixesOffset = prefixesOffset
        self.prefixWordMask = prefixWords - 1
        self.otherNamesOffset = otherNamesOffset
        self.otherNameMask = otherNameSlots - 1
        self.postingsOffset = postingsOffset
        self.stringsOffset = stringsOffset
        self.featureCodes = featureCodes
    }

    /// The version recorded with every mention.
    public var version: String { metadata.version }

    /// The demonyms the index was built with (empty when none).
    public var demonyms: DemonymTable { metadata.demonyms ?? DemonymTable() }

    // MARK: Keys and postings

    /// The postings (indices into the posting table) of the key `key` whose
    /// ``NameKey/hash(_:)`` is `hash`, best place first; nil when no name folds to it.
    @inline(__always)
    public func postings(hash: UInt64, key: UnsafeRawBufferPointer) -> Range<Int>? {
        let raw = storage.base
        var slot = Int(truncatingIfNeeded: hash) & bucketMask
        while true {
            let entry = Int(raw.loadUnaligned(fromByteOffset: bucketsOffset + slot * 4, as: UInt32.self).littleEndian)
            if entry == 0 { return nil }
            let keyOffset = keysOffset + (entry - 1) * IndexLayout.keySize
            if raw.loadUnaligned(fromByteOffset: keyOffset, as: UInt64.self).littleEndian == hash {
                let ref = Int(raw.loadUnaligned(fromByteOffset: keyOffset + 8, as: UInt32.self).littleEndian)
                let length = Int(raw.loadUnaligned(fromByteOffset: stringsOffset + ref, as: UInt16.self).littleEndian)
                if length == key.count, length == 0 || memcmp(raw + stringsOffset + ref + 2, key.baseAddress!, length) == 0 {
                    let first = Int(raw.loadUnaligned(fromByteOffset: keyOffset + 12, as: UInt32.self).littleEndian)
                    let next = Int(raw.loadUnaligned(fromByteOffset: keyOffset + IndexLayout.keySize + 12, as: UInt32.self).littleEndian)
                    return first..<next
                }
            }
            slot = (slot + 1) & bucketMask
        }
    }

    /// Whether the key whose ``NameKey/hash(_:)`` is `hash` may be a word prefix of a
    /// longer key ("deir al" of "deir al zor"): false means surely not
    /// (``KeyPrefixFilter``).
    @inline(__always)
    public func mayBeKeyPrefix(hash: UInt64) -> Bool {
        let (word, mask) = KeyPrefixFilter.position(of: hash, wordMask: prefixWordMask)
        let bits = UInt64(littleEndian: storage.base.loadUnaligned(fromByteOffset: prefixesOffset + word * 8, as: UInt64.self))
        return bits & mask == mask
    }

    /// The postings of a folded key held in an array.
    public func postings(key: [UInt8]) -> Range<Int>? {
        key.withUnsafeBytes { postings(hash: NameKey.hash(key), key: $0) }
    }

    /// The place index and the name (as written in the gazetteer) of posting `i`.
    @inline(__always)
    public func posting(_ i: Int) -> (place: Int, nameRef: UInt32) {
        let offset = postingsOffset + i * IndexLayout.postingSize
        return (Int(storage.load(at: offset) as UInt32), storage.load(at: offset + 4))
    }

    // MARK: Places

    /// The fixed-size facts of place `index`, read without touching its strings.
    @inline(__always)
    public func record(_ index: Int) -> PlaceRecord {
        let o = placesOffset + index * IndexLayout.placeSize
        typealias F = IndexLayout.PlaceField
        return PlaceRecord(
            index: index,
            id: Int(storage.load(at: o + F.id) as Int32),
            latitude: Double(storage.load(at: o + F.latitude) as Int32) / 1_000_000,
            longitude: Double(storage.load(at: o + F.longitude) as Int32) / 1_000_000,
            population: Int(storage.load(at: o + F.population) as UInt32),
            featureClass: storage.load(at: o + F.featureClass),
            featureCodeRef: storage.load(at: o + F.featureCode),
            countryCode: storage.load(at: o + F.countryCode),
            admin1CodeRef: storage.load(at: o + F.admin1Code))
    }

    /// Place `index` with all its names and codes.
    public func place(_ index: Int) -> Place {
        let slot = index & (Self.recentPlaceSlots - 1)
        if let recent = recentPlaces.withLock({ $0[slot] }), recent.index == index { return recent.place }
        let place = makePlace(index)
        recentPlaces.withLock { $0[slot] = (index, place) }
        return place
    }

    private func makePlace(_ index: Int) -> Place {
        let o = placesOffset + index * IndexLayout.placeSize
        typealias F = IndexLayout.PlaceField
        let r = record(index)
        return Place(
            id: r.id, name: string(storage.load(at: o + F.name)),
            featureClass: String(UnicodeScalar(r.featureClass)), featureCode: string(r.featureCodeRef),
            countryCode: r.countryCodeString, admin1Code: string(r.admin1CodeRef),
            admin1Name: string(storage.load(at: o + F.admin1Name)), admin2Name: string(storage.load(at: o + F.admin2Name)),
            latitude: r.latitude, longitude: r.longitude, population: r.population)
    }

    /// The bare form of the name at `ref` (``NameSkeleton/bare(of:)``), computed
    /// once per name.
    func bareName(_ ref: UInt32) -> [UInt8] {
        if let known = bareNames.withLock({ $0[ref] }) { return known }
        let bare = NameSkeleton.bare(of: string(ref))
        bareNames.withLock { $0[ref] = bare }
        return bare
    }

    /// What a place's feature class and code say: its kind and, for a town, its capital
    /// bonus (``PlacePrior``); worked out once per code instead of from two new strings
    /// for every option the resolver weighs.
    public struct FeatureFacts: Sendable, Equatable {
        public var kind: PlaceKind
        public var codeBonus: Double
    }

    /// The facts of the place's feature class and code, from the table made when the
    /// index opened; worked out afresh only for a record of another index.
    @inline(__always)
    public func featureFacts(of record: PlaceRecord) -> FeatureFacts {
        featureCodes[FeatureCodeTable.key(featureClass: record.featureClass, codeRef: record.featureCodeRef)]
            ?? Self.featureFacts(featureClass: record.featureClass, code: string(record.featureCodeRef))
    }

    /// The facts of a feature class (an ASCII letter) and code.
    private static func featureFacts(featureClass: UInt8, code: String) -> FeatureFacts {
        FeatureFacts(kind: PlaceKind(featureClass: String(UnicodeScalar(featureClass)), featureCode: code), codeBonus: PlacePrior.codeBonus(featureCode: code))
    }

    /// The place's kind (``PlaceKind``).
    public func kind(of record: PlaceRecord) -> PlaceKind { featureFacts(of: record).kind }

    /// The place's prior weight (``PlacePrior/weight(featureClass:featureCode:population:)``).
    public func prior(of record: PlaceRecord) -> Double { prior(of: record, facts: featureFacts(of: record)) }

    /// The prior of a place whose ``featureFacts(of:)`` are known.
    func prior(of record: PlaceRecord, facts: FeatureFacts) -> Double {
        PlacePrior.weight(kind: facts.kind, codeBonus: facts.codeBonus, population: record.population)
    }

    /// The ref of place `index`'s own name.
    @inline(__always)
    public func ownNameRef(of index: Int) -> UInt32 {
        storage.load(at: placesOffset + index * IndexLayout.placeSize + IndexLayout.PlaceField.name)
    }

    /// Whether the index marks the name at `nameRef` as an other name of place `index`
    /// (``OtherNameTable``).
    func isMarkedOtherName(_ nameRef: UInt32, of index: Int) -> Bool {
        let key = OtherNameTable.key(place: index, nameRef: nameRef)
        var slot = OtherNameTable.start(of: key, mask: otherNameMask)
        while true {
            let stored = UInt64(littleEndian: storage.base.loadUnaligned(fromByteOffset: otherNamesOffset + slot * 8, as: UInt64.self))
            if stored == key { return true }
            if stored == 0 { return false }
            slot = (slot + 1) & otherNameMask
        }
    }

    /// What was found for the near-miss look-up whose key hashes to `hash` before, if
    /// it was made; `isSameLookUp` tells it from others of the same hash by their keys.
    func rememberedNearMisses(hash: UInt64, isSameLookUp: ([UInt8]) -> Bool) -> [(place: Int, nameRef: UInt32)]? {
        nearMissMemo.withLock { memo in memo[hash]?.first { isSameLookUp($0.key) }?.found }
    }

    func remember(nearMisses: [(place: Int, nameRef: UInt32)], key: [UInt8], hash: UInt64) {
        nearMissMemo.withLock { memo in
            if memo.count >= Self.nearMissMemoLimit { memo.removeAll(keepingCapacity: true) }
            // Two workers may have made the same look-up at once.
            if memo[hash]?.contains(where: { $0.key == key }) != true { memo[hash, default: []].append((key, nearMisses)) }
        }
    }

    /// The UTF-8 bytes of the string at `ref`, read in place.
    public func withStringBytes<R>(_ ref: UInt32, _ body: (UnsafeRawBufferPointer) -> R) -> R {
        let offset = stringsOffset + Int(ref)
        let length = Int(storage.load(at: offset) as UInt16)
        return body(UnsafeRawBufferPointer(start: storage.base + offset + 2, count: length))
    }

    /// The string at `ref` in the string table.
    public func string(_ ref: UInt32) -> String {
        Self.string(ref, in: storage, at: stringsOffset)
    }

    /// The string at `ref` of the string table at `stringsOffset` of `storage`.
    private static func string(_ ref: UInt32, in storage: IndexBytes, at stringsOffset: Int) -> String {
        let offset = stringsOffset + Int(ref)
        let length = Int(storage.load(at: offset) as UInt16)
        return String(decoding: storage[(offset + 2)..<(offset + 2 + length)], as: UTF8.self)
    }
}

/// The fixed-size facts of a place, read straight from the index; what the resolver
/// scores candidates with before it materialises the winner as a ``Place``.
public struct PlaceRecord: Sendable, Equatable {
    /// The place's position in the index.
    public var index: Int
    public var id: Int
    public var latitude: Double
    public var longitude: Double
    public var population: Int
    /// The GeoNames feature class as an ASCII byte (`A`, `P`, ...).
    public var featureClass: UInt8
    public var featureCodeRef: UInt32
    /// The two ASCII bytes of the ISO country code, little-endian; 0 for none.
    public var countryCode: UInt16
    public var admin1CodeRef: UInt32

    public var countryCodeString: String {
        guard countryCode != 0 else { return "" }
        return String(decoding: [UInt8(countryCode & 0xff), UInt8(countryCode >> 8)], as: UTF8.self)
    }

    /// The place's first-level division, as a key: admin1 codes repeat across countries.
    var admin1: Admin1 { Admin1(country: countryCode, code: admin1CodeRef) }

    /// A first-level division: its country and the ref of its admin1 code.
    struct Admin1: Hashable {
        var country: UInt16
        var code: UInt32
    }
}
