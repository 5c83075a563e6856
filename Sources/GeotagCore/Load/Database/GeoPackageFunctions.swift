/// The SQL functions that the GeoPackage R-tree spatial index triggers call
/// (`ST_IsEmpty`, `ST_MinX`, `ST_MaxX`, `ST_MinY`, `ST_MaxY`; GeoPackage 1.3, Annex
/// F.3). SQLite has none of them: every connection that writes to a feature table
/// with a spatial index must define them first, as GDAL does on its own connections.
///
/// Each takes a geometry blob and reads its header's envelope (or the point itself);
/// a NULL or unreadable argument gives NULL.
enum GeoPackageFunctions {
    static func define(on connection: SQLite.Connection) throws {
        try connection.defineBlobFunction("ST_IsEmpty") { blob in
            GeoPackagePoint.envelope(of: blob).map { .integer($0.isEmpty ? 1 : 0) } ?? .null
        }
        let bounds: [(String, KeyPath<GeoPackagePoint.Envelope, Double>)] =
            [("ST_MinX", \.minX), ("ST_MaxX", \.maxX), ("ST_MinY", \.minY), ("ST_MaxY", \.maxY)]
        for (name, bound) in bounds {
            try connection.defineBlobFunction(name) { blob in
                guard let envelope = GeoPackagePoint.envelope(of: blob), !envelope.isEmpty else { return .null }
                return .real(envelope[keyPath: bound])
            }
        }
    }
}
