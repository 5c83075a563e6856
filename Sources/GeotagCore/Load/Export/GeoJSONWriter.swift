/// Writes records of a point layer as RFC 7946 GeoJSON Point features, streamed one
/// feature per line, so the features are never all held in memory: either one
/// FeatureCollection (`.geojson`) or a GeoJSON text sequence (RFC 8142, `.geojsons`),
/// each feature a record of its own (RS, the feature, LF) that line tools and GDAL's
/// GeoJSONSeq driver read one at a time.
///
/// Coordinates are `[lon, lat]` with at most 6 decimals; there is no `crs` member
/// (RFC 7946 is WGS 84 by definition); the properties are the record's
/// ``FeatureRecord/appendJSONObject(to:)``. The same records give byte-identical output.
///
///     var writer = GeoJSONWriter(output: output)
///     try writer.begin()
///     try writer.write(record)   // as many as there are
///     try writer.end()
public struct GeoJSONWriter {
    /// A FeatureCollection or a text sequence of features.
    public enum Form: Sendable {
        case collection, sequence
    }

    private let output: FileOutput
    /// A collection or a sequence.
    public let form: Form
    /// Features written so far.
    public private(set) var count = 0

    /// A writer that streams to `output`.
    public init(output: FileOutput, form: Form = .collection) {
        self.output = output
        self.form = form
    }

    /// Writes the opening of the collection (nothing for a sequence).
    public func begin() throws {
        if form == .collection { try output.write("{\"type\":\"FeatureCollection\",\"features\":[\n") }
    }

    /// Writes one feature.
    public mutating func write(_ record: some FeatureRecord) throws {
        try write(FeatureRows(record))
    }

    /// Writes a feature for each of `rows`.
    mutating func write<Record>(_ rows: FeatureRows<Record>) throws {
        let formatted = Self.formatted(rows, first: count == 0, sequence: form == .sequence)
        try output.write(form == .collection ? formatted.collection : formatted.sequence)
        count += rows.count
    }

    /// Writes `count` features made by ``formatted(_:first:sequence:)``, perhaps on another
    /// thread, with this writer's form and `first` true when it had written none.
    public mutating func write(formatted features: [UInt8], count: Int) throws {
        try output.write(features)
        self.count += count
    }

    /// The features of `rows` as a collection writer would write their records one by
    /// one, `first` when they begin the collection, and, with `sequence`, as a text
    /// sequence writer would (else empty): each feature is formatted once, and the
    /// sequence copies its bytes.
    static func formatted<Record>(_ rows: FeatureRows<Record>, first: Bool, sequence: Bool) -> (collection: [UInt8], sequence: [UInt8]) {
        let keys = Record.jsonKeys
        var (collection, lines): ([UInt8], [UInt8]) = ([], [])
        // Room for every feature, so the bytes are not copied as the array grows: the
        // texts, the keys, a number's longest form for every field, and the rest.
        let capacity = rows.text.count + rows.count * (keys.reduce(0) { $0 + $1.count } + keys.count * 24 + 128)
        collection.reserveCapacity(capacity)
        if sequence { lines.reserveCapacity(capacity) }
        var first = first
        rows.forEachRow { row in
            var feature = 0..<0
            append(form: .collection, first: first, to: &collection) { bytes in
                let start = bytes.count
                appendFeature(row, keys: keys, to: &bytes)
                feature = start..<bytes.count
            }
            if sequence { append(form: .sequence, first: false, to: &lines) { $0.append(contentsOf: collection[feature]) } }
            first = false
        }
        return (collection, lines)
    }

    /// Appends one feature, which `feature` appends, with what separates it from the
    /// one before in `form`.
    @inline(__always)
    private static func append(form: Form, first: Bool, to bytes: inout [UInt8], feature: (inout [UInt8]) -> Void) {
        switch form {
        case .collection: if !first { bytes.append(contentsOf: ",\n".utf8) }
        case .sequence: bytes.append(0x1E)  // RS
        }
        feature(&bytes)
        if form == .sequence { bytes.append(0x0A) }
    }

    /// Writes the end of the collection (nothing for a sequence).
    public func end() throws {
        if form == .collection { try output.write(count == 0 ? "]}\n" : "\n]}\n") }
    }

    /// Appends `record` as one Feature; its geometry is `null` when a coordinate is
    /// not a number.
    public static func appendFeature<Record: FeatureRecord>(_ record: Record, to bytes: inout [UInt8]) {
        FeatureRows(record).forEachRow { appendFeature($0, keys: Record.jsonKeys, to: &bytes) }
    }

    /// ``appendFeature(_:to:)`` of a row, with the property keys of
    /// ``FeatureRecord/jsonKeys``.
    private static func appendFeature<Record>(_ row: FeatureRows<Record>.Row, keys: [[UInt8]], to bytes: inout [UInt8]) {
        bytes.append(contentsOf: #"{"type":"Feature","geometry":"#.utf8)
        if row.point.longitude.isFinite, row.point.latitude.isFinite {
            bytes.append(contentsOf: #"{"type":"Point","coordinates":["#.utf8)
            _ = DecimalText.appendRounded(row.point.longitude, places: 6, to: &bytes)
            bytes.append(UInt8(ascii: ","))
            _ = DecimalText.appendRounded(row.point.latitude, places: 6, to: &bytes)
            bytes.append(contentsOf: "]}".utf8)
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
        bytes.append(contentsOf: #","properties":"#.utf8)
        JSONText.appendObject(row, keys: keys, to: &bytes)
        bytes.append(UInt8(ascii: "}"))
    }
}
