import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes a gazetteer index file (see ``IndexLayout``) section by section, in constant
/// memory apart from one hash per key and per word prefix of a key, and one number per
/// other name of a place: places, keys, postings and strings go to scratch
/// files as they come, and ``finish(metadata:to:)`` joins them behind the header and the
/// metadata, computing the checksum on the way, into a temporary file that is renamed
/// into place.
final class IndexWriter {
    private let places: SpillWriter
    private let keys: SpillWriter
    private let postings: SpillWriter
    private let strings: SpillWriter
    private var interned: [String: UInt32] = ["": 0]
    private var hashes: [UInt64] = []
    /// The hashes of the keys' word prefixes, for the ``KeyPrefixFilter``.
    private var prefixHashes: [UInt64] = []
    /// The postings whose name is an other name of the place, for the ``OtherNameTable``.
    private var otherNames: Set<UInt64> = []
    private var record = [UInt8](repeating: 0, count: IndexLayout.placeSize)

    private(set) var placeCount = 0
    private(set) var postingCount = 0
    var keyCount: Int { hashes.count }

    init(scratch: ScratchDirectory) throws(GeotagError) {
        places = try SpillWriter(path: scratch.file("places"))
        keys = try SpillWriter(path: scratch.file("keys"))
        postings = try SpillWriter(path: scratch.file("postings"))
        strings = try SpillWriter(path: scratch.file("strings"))
        try strings.appendLittleEndian(UInt16(0)) // ref 0: the empty string
    }

    // MARK: Strings

    /// The ref of `string`, stored once however often it is asked for: for the few
    /// distinct codes and administrative names.
    func intern(_ string: String) throws(GeotagError) -> UInt32 {
        if let ref = interned[string] { return ref }
        let ref = try self.string(Array(string.utf8))
        interned[string] = ref
        return ref
    }

    /// Stores `bytes` (at most 65,535 of them) as a new string and returns its ref.
    func string(_ bytes: some Collection<UInt8>) throws(GeotagError) -> UInt32 {
        let length = min(bytes.count, Int(UInt16.max))
        guard let ref = UInt32(exactly: strings.count), strings.count + 2 + length <= Int(UInt32.max) else {
            throw GeotagError.io(path: strings.path, reason: "the index's strings pass 4 GB, more than its format can address")
        }
        try strings.appendLittleEndian(UInt16(length))
        try strings.append(bytes.prefix(length))
        return ref
    }

    // MARK: Sections

    /// One place record; places must come in index order (by id).
    func addPlace(_ place: Record) throws(GeotagError) {
        typealias F = IndexLayout.PlaceField
        record.store(place.id, at: F.id)
        record.store(place.latitude, at: F.latitude)
        record.store(place.longitude, at: F.longitude)
        record.store(place.population, at: F.population)
        record.store(place.name, at: F.name)
        record.store(place.admin1Code, at: F.admin1Code)
        record.store(place.admin1Name, at: F.admin1Name)
        record.store(place.admin2Name, at: F.admin2Name)
        record.store(place.featureCode, at: F.featureCode)
        record.store(place.countryCode, at: F.countryCode)
        record[F.featureClass] = place.featureClass
        record[F.featureClass + 1] = 0
        try places.append(record)
        placeCount += 1
    }

    /// The fields of a place record, strings as refs.
    struct Record {
        var id: Int32
        /// Microdegrees.
        var latitude: Int32
        var longitude: Int32
        var population: UInt32
        var name: UInt32
        var admin1Code: UInt32
        var admin1Name: UInt32
        var admin2Name: UInt32
        var featureCode: UInt32
        /// The two ASCII bytes of the ISO code, little-endian.
        var countryCode: UInt16
        var featureClass: UInt8
    }

    /// One key with its postings (place index, name ref), best first.
    func addKey(hash: UInt64, key: [UInt8], postings list: [(place: UInt32, name: UInt32)]) throws(GeotagError) {
        try keys.appendLittleEndian(hash)
        try keys.appendLittleEndian(try string(key))
        try keys.appendLittleEndian(UInt32(postingCount))
        for posting in list {
            try postings.appendLittleEndian(posting.place)
            try postings.appendLittleEndian(posting.name)
        }
        postingCount += list.count
        hashes.append(hash)
        KeyPrefixFilter.appendPrefixHashes(of: key, to: &prefixHashes)
        guard postingCount <= Int(UInt32.max) else {
            throw GeotagError.io(path: postings.path, reason: "more postings than the index format can count")
        }
    }

    /// Marks the name at `nameRef` as an other name (``OtherNames``) of place `place`.
    func addOtherName(place: Int, nameRef: UInt32) {
        otherNames.insert(OtherNameTable.key(place: place, nameRef: nameRef))
    }

    // MARK: The file

    /// Fills in `metadata`'s counts and writes the index to `path`, atomically.
    func finish(metadata: inout GazetteerMetadata, to path: String) throws(GeotagError) {
        // The extra key entry closes the last key's postings.
        try keys.appendLittleEndian(UInt64(0))
        try keys.appendLittleEndian(UInt32(0))
        try keys.appendLittleEndian(UInt32(postingCount))
        for writer in [places, keys, postings, strings] { try writer.flush() }

        // Open addressing at load factor <= 1/2.
        var bucketCount = 1
        while bucketCount < max(hashes.count * 2, 2) { bucketCount <<= 1 }
        var buckets = [UInt32](repeating: 0, count: bucketCount)
        for (index, hash) in hashes.enumerated() {
            var slot = Int(hash & UInt64(bucketCount - 1))
            while buckets[slot] != 0 { slot = (slot + 1) & (bucketCount - 1) }
            buckets[slot] = UInt32(index + 1).littleEndian
        }
        let prefixes = KeyPrefixFilter(prefixes: prefixHashes).words.map(\.littleEndian)
        let others = OtherNameTable.slots(holding: otherNames.sorted()).map(\.littleEndian)

        metadata.places = placeCount
        metadata.names = postingCount
        metadata.keys = hashes.count
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var metadataBytes = Array((try? encoder.encode(metadata)) ?? Data())
        metadataBytes.append(contentsOf: repeatElement(0x20, count: IndexLayout.padded(metadataBytes.count) - metadataBytes.count))

        var header = [UInt8](repeating: 0, count: IndexLayout.headerSize)
        header.replaceSubrange(0..<8, with: IndexLayout.magic)
        header.store(IndexLayout.formatVersion, at: IndexLayout.Header.formatVersion)
        header.store(UInt32(placeCount), at: IndexLayout.Header.placeCount)
        header.store(UInt32(hashes.count), at: IndexLayout.Header.keyCount)
        header.store(UInt32(bucketCount), at: IndexLayout.Header.bucketCount)
        header.store(UInt32(postingCount), at: IndexLayout.Header.postingCount)
        header.store(UInt32(metadataBytes.count), at: IndexLayout.Header.metadataSize)
        header.store(UInt64(strings.count), at: IndexLayout.Header.stringsSize)
        header.store(UInt32(prefixes.count), at: IndexLayout.Header.prefixWords)
        header.store(UInt32(others.count), at: IndexLayout.Header.otherNameSlots)

        let bodySize = metadataBytes.count + places.count + keys.count + bucketCount * 4 + prefixes.count * 8 + others.count * 8
            + postings.count + strings.count
        var checksum = Checksum64(length: bodySize)
        let temporary = path + ".tmp-\(getpid())"
        let out = Glibc.open(temporary, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard out >= 0 else { throw GeotagError.io(path: path, reason: "cannot create \(temporary) (\(String(cString: strerror(errno))))") }
        var renamed = false
        defer {
            Glibc.close(out)
            if !renamed { unlink(temporary) }
        }
        func write(_ bytes: UnsafeRawBufferPointer, checked: Bool = true) throws(GeotagError) {
            if checked { checksum.update(bytes) }
            try SpillWriter.write(out, bytes, path: temporary)
        }
        try header.withUnsafeBytes { raw in Result { () throws(GeotagError) in try write(raw, checked: false) } }.get()
        try metadataBytes.withUnsafeBytes { raw in Result { () throws(GeotagError) in try write(raw) } }.get()
        var chunk = [UInt8](repeating: 0, count: 1 << 22)
        for section in [places, keys] { try copy(section.path, through: write, chunk: &chunk) }
        try buckets.withUnsafeBytes { raw in Result { () throws(GeotagError) in try write(raw) } }.get()
        try prefixes.withUnsafeBytes { raw in Result { () throws(GeotagError) in try write(raw) } }.get()
        try others.withUnsafeBytes { raw in Result { () throws(GeotagError) in try write(raw) } }.get()
        for section in [postings, strings] { try copy(section.path, through: write, chunk: &chunk) }

        header.store(checksum.finalize(), at: IndexLayout.Header.checksum)
        let wrote = header.withUnsafeBytes { pwrite(out, $0.baseAddress, $0.count, 0) }
        guard wrote == header.count, fsync(out) == 0 else {
            throw GeotagError.io(path: temporary, reason: "write error (\(String(cString: strerror(errno))))")
        }
        guard rename(temporary, path) == 0 else {
            throw GeotagError.io(path: path, reason: "cannot replace it (\(String(cString: strerror(errno))))")
        }
        renamed = true
    }

    private func copy(_ path: String, through write: (UnsafeRawBufferPointer, Bool) throws(GeotagError) -> Void, chunk: inout [UInt8]) throws(GeotagError) {
        let reader = try SpillReader(path: path)
        while true {
            let n = try chunk.withUnsafeMutableBytes { raw in Result { () throws(GeotagError) in try reader.read(into: raw) } }.get()
            if n == 0 { return }
            try chunk.withUnsafeBytes { raw in Result { () throws(GeotagError) in try write(UnsafeRawBufferPointer(rebasing: raw[..<n]), true) } }.get()
        }
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
