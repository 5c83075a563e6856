import Foundation

/// Writes a gazetteer index file (see ``IndexLayout``) from places with their names.
struct IndexWriter {
    /// A place ready to be written, with its administrative names resolved.
    struct Entry {
        var place: GeoNamesPlace
        var admin1Name: String
        var admin2Name: String
        /// Every name of the place, the canonical one first, deduplicated.
        var names: [String]
    }

    /// Lays out `entries` and returns the file's bytes; `metadata`'s counts are filled in.
    static func bytes(entries unsorted: [Entry], metadata: inout GazetteerMetadata) -> [UInt8] {
        let entries = unsorted.sorted { $0.place.id < $1.place.id }
        var strings = StringTable()

        // Postings by key, and each place's record.
        var postingsByKey: [[UInt8]: [(place: UInt32, name: UInt32)]] = [:]
        var places = [UInt8]()
        places.reserveCapacity(entries.count * IndexLayout.placeSize)
        var byClass: [String: Int] = [:]
        var byCountry: [String: Int] = [:]
        var nameCount = 0
        for (index, entry) in entries.enumerated() {
            let p = entry.place
            byClass[p.featureClass, default: 0] += 1
            byCountry[p.countryCode.isEmpty ? "-" : p.countryCode, default: 0] += 1
            var record = [UInt8](repeating: 0, count: IndexLayout.placeSize)
            record.store(Int32(truncatingIfNeeded: p.id), at: IndexLayout.PlaceField.id)
            record.store(Int32((p.latitude * 1_000_000).rounded()), at: IndexLayout.PlaceField.latitude)
            record.store(Int32((p.longitude * 1_000_000).rounded()), at: IndexLayout.PlaceField.longitude)
            record.store(UInt32(clamping: p.population), at: IndexLayout.PlaceField.population)
            record.store(strings.ref(p.name), at: IndexLayout.PlaceField.name)
            record.store(strings.ref(p.admin1Code), at: IndexLayout.PlaceField.admin1Code)
            record.store(strings.ref(entry.admin1Name), at: IndexLayout.PlaceField.admin1Name)
            record.store(strings.ref(entry.admin2Name), at: IndexLayout.PlaceField.admin2Name)
            record.store(strings.ref(p.featureCode), at: IndexLayout.PlaceField.featureCode)
            let country = Array(p.countryCode.utf8.prefix(2))
            for (i, byte) in country.enumerated() { record[IndexLayout.PlaceField.countryCode + i] = byte }
            record[IndexLayout.PlaceField.featureClass] = p.featureClass.utf8.first ?? 0
            places.append(contentsOf: record)

            for name in entry.names {
                let nameRef = strings.ref(name)
                for key in NameKey.keys(for: name) {
                    if postingsByKey[key]?.contains(where: { $0.place == UInt32(index) }) == true { continue }
                    postingsByKey[key, default: []].append((UInt32(index), nameRef))
                    nameCount += 1
                }
            }
        }

        // Keys in byte order; each key's places best first.
        let weights = entries.map { PlacePrior.weight(featureClass: $0.place.featureClass, featureCode: $0.place.featureCode, population: $0.place.population) }
        let keys = postingsByKey.keys.sorted { $0.lexicographicallyPrecedes($1) }
        var keyTable = [UInt8]()
        var postings = [UInt8]()
        var hashes = [UInt64]()
        keyTable.reserveCapacity((keys.count + 1) * IndexLayout.keySize)
        var postingCount: UInt32 = 0
        for key in keys {
            let list = postingsByKey[key]!.sorted { a, b in
                let (wa, wb) = (weights[Int(a.place)], weights[Int(b.place)])
                return wa != wb ? wa > wb : a.place < b.place
            }
            let hash = NameKey.hash(key)
            hashes.append(hash)
            keyTable.appendLittleEndian(hash)
            keyTable.appendLittleEndian(strings.ref(bytes: key))
            keyTable.appendLittleEndian(postingCount)
            for posting in list {
                postings.appendLittleEndian(posting.place)
                postings.appendLittleEndian(posting.name)
            }
            postingCount += UInt32(list.count)
        }
        keyTable.appendLittleEndian(UInt64(0))
        keyTable.appendLittleEndian(UInt32(0))
        keyTable.appendLittleEndian(postingCount)

        // Open addressing at load factor <= 1/2.
        var bucketCount = 1
        while bucketCount < max(keys.count * 2, 2) { bucketCount <<= 1 }
        var buckets = [UInt32](repeating: 0, count: bucketCount)
        for (index, hash) in hashes.enumerated() {
            var slot = Int(hash & UInt64(bucketCount - 1))
            while buckets[slot] != 0 { slot = (slot + 1) & (bucketCount - 1) }
            buckets[slot] = UInt32(index + 1)
        }
        var bucketBytes = [UInt8]()
        bucketBytes.reserveCapacity(bucketCount * 4)
        for bucket in buckets { bucketBytes.appendLittleEndian(bucket) }

        metadata.places = entries.count
        metadata.names = nameCount
        metadata.keys = keys.count
        metadata.byFeatureClass = byClass
        metadata.byCountryCode = byCountry
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var metadataBytes = Array((try? encoder.encode(metadata)) ?? Data())
        metadataBytes.append(contentsOf: repeatElement(0x20, count: IndexLayout.padded(metadataBytes.count) - metadataBytes.count))

        var body = metadataBytes
        body.append(contentsOf: places)
        body.append(contentsOf: keyTable)
        body.append(contentsOf: bucketBytes)
        body.append(contentsOf: postings)
        body.append(contentsOf: strings.bytes)

        var header = [UInt8](repeating: 0, count: IndexLayout.headerSize)
        header.replaceSubrange(0..<8, with: IndexLayout.magic)
        header.store(IndexLayout.formatVersion, at: IndexLayout.Header.formatVersion)
        header.store(UInt32(entries.count), at: IndexLayout.Header.placeCount)
        header.store(UInt32(keys.count), at: IndexLayout.Header.keyCount)
        header.store(UInt32(bucketCount), at: IndexLayout.Header.bucketCount)
        header.store(postingCount, at: IndexLayout.Header.postingCount)
        header.store(UInt32(metadataBytes.count), at: IndexLayout.Header.metadataSize)
        header.store(UInt64(strings.bytes.count), at: IndexLayout.Header.stringsSize)
        header.store(body.withUnsafeBytes { Checksum64.of($0) }, at: IndexLayout.Header.checksum)
        return header + body
    }
}

/// Interned strings, each stored once as a u16 length and its UTF-8 bytes.
private struct StringTable {
    var bytes: [UInt8] = [0, 0]
    private var refs: [[UInt8]: UInt32] = [[]: 0]

    mutating func ref(_ string: String) -> UInt32 { ref(bytes: Array(string.utf8)) }

    mutating func ref(bytes value: [UInt8]) -> UInt32 {
        let value = Array(value.prefix(Int(UInt16.max)))
        if let existing = refs[value] { return existing }
        let ref = UInt32(bytes.count)
        bytes.appendLittleEndian(UInt16(value.count))
        bytes.append(contentsOf: value)
        refs[value] = ref
        return ref
    }
}

extension [UInt8] {
    /// Appends `value` little-endian.
    mutating func appendLittleEndian<T: FixedWidthInteger>(_ value: T) {
        Swift.withUnsafeBytes(of: value.littleEndian) { append(contentsOf: $0) }
    }

    /// Writes `value` little-endian at `offset`.
    mutating func store<T: FixedWidthInteger>(_ value: T, at offset: Int) {
        Swift.withUnsafeBytes(of: value.littleEndian) { raw in
            for (i, byte) in raw.enumerated() { self[offset + i] = byte }
        }
    }
}
