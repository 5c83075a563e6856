/// Writes records of a point layer as RFC 7946 GeoJSON Point features, streamed one
/// feature per line, so the features are never all held in memory: either one
/// FeatureCollection (`.geojson`) or a GeoJSON text sequence (RFC 8142, `.geojsons`),
/// each feature a record of its own (RS, the feature, LF) that line tools and GDAL's
/// GeoJSONSeq driver read one at a time.
///
/// Coordinates are `[lon, lat]` with at most 6 decimals; there is no `crs` member
/// (RFC 7946 is WGS 84 by definition); the properties are the record's
/// ``FeatureRecord/jsonObject``. The same records give byte-identical output.
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
    private let form: Form
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
        let (first, form) = (count == 0, form)
        try output.append { bytes in
            switch form {
            case .collection: if !first { bytes.append(contentsOf: ",\n".utf8) }
            case .sequence: bytes.append(0x1E)  // RS
            }
            Self.appendFeature(record, to: &bytes)
            if form == .sequence { bytes.append(0x0A) }
        }
        count += 1
    }

    /// Writes the end of the collection (nothing for a sequence).
    public func end() throws {
        if form == .collection { try output.write(count == 0 ? "]}\n" : "\n]}\n") }
    }

    /// Appends `record` as one Feature; its geometry is `null` when a coordinate is
    /// not a number.
    public static func appendFeature(_ record: some FeatureRecord, to bytes: inout [UInt8]) {
        var feature = JSONObjectWriter()
        feature.add("type", "Feature")
        feature.add("geometry", json: Array(geometry(record).utf8))
        feature.add("properties", json: record.jsonObject.bytes)
        feature.append(to: &bytes)
    }

    private static func geometry(_ record: some FeatureRecord) -> String {
        guard let lon = DecimalText.rounded(record.longitude, places: 6),
              let lat = DecimalText.rounded(record.latitude, places: 6)
        else { return "null" }
        return "{\"type\":\"Point\",\"coordinates\":[\(lon),\(lat)]}"
    }
}
