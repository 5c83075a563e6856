/// Writes mention records as an RFC 7946 GeoJSON FeatureCollection of Point features,
/// streamed one feature per line, so the collection is never held in memory.
///
/// Coordinates are `[lon, lat]` with at most 6 decimals; there is no `crs` member
/// (RFC 7946 is WGS 84 by definition); the properties are ``MentionRecord/jsonObject``.
/// The same records give byte-identical output.
///
///     var writer = GeoJSONWriter(output: output)
///     try writer.begin()
///     try writer.write(record)   // as many as there are
///     try writer.end()
public struct GeoJSONWriter {
    private let output: FileOutput
    /// Features written so far.
    public private(set) var count = 0

    /// A writer that streams to `output`.
    public init(output: FileOutput) {
        self.output = output
    }

    /// Writes the opening of the collection.
    public func begin() throws {
        try output.write("{\"type\":\"FeatureCollection\",\"features\":[\n")
    }

    /// Writes one feature.
    public mutating func write(_ record: MentionRecord) throws {
        let first = count == 0
        try output.append { bytes in
            if !first { bytes.append(contentsOf: ",\n".utf8) }
            Self.appendFeature(record, to: &bytes)
        }
        count += 1
    }

    /// Writes the end of the collection.
    public func end() throws {
        try output.write(count == 0 ? "]}\n" : "\n]}\n")
    }

    /// Appends `record` as one Feature; its geometry is `null` when a coordinate is
    /// not a number.
    public static func appendFeature(_ record: MentionRecord, to bytes: inout [UInt8]) {
        var feature = JSONObjectWriter()
        feature.add("type", "Feature")
        feature.add("geometry", json: Array(geometry(record).utf8))
        feature.add("properties", json: record.jsonObject.bytes)
        feature.append(to: &bytes)
    }

    private static func geometry(_ record: MentionRecord) -> String {
        guard let lon = DecimalText.rounded(record.longitude, places: 6),
              let lat = DecimalText.rounded(record.latitude, places: 6)
        else { return "null" }
        return "{\"type\":\"Point\",\"coordinates\":[\(lon),\(lat)]}"
    }
}
