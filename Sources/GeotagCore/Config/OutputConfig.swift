/// The `output:` section: where the dataset is written.
public struct OutputConfig: Sendable, Equatable {
    /// The output folder (default `out`), relative to the configuration's folder.
    public var dir: ConfigPath
    /// The CSV file name (default `mentions.csv`), relative to ``dir``.
    public var csv = "mentions.csv"
    /// The GeoJSON file name (default `mentions.geojson`), relative to ``dir``.
    public var geojson = "mentions.geojson"
    /// The SQLite/GeoPackage file name (default `geotag.gpkg`), relative to ``dir``.
    public var sqlite = "geotag.gpkg"
    /// What the CSV and GeoJSON files hold (default ``ExportMode/full``).
    public var export = ExportMode.full

    /// The defaults, with `dir` resolved against `directory` (the configuration's folder).
    public init(relativeTo directory: String) {
        dir = ConfigPath("out", relativeTo: directory)
    }

    /// The absolute path of the CSV file.
    public var csvPath: String { dir.appending(csv) }
    /// The absolute path of the GeoJSON file.
    public var geojsonPath: String { dir.appending(geojson) }
    /// The absolute path of the SQLite/GeoPackage file.
    public var sqlitePath: String { dir.appending(sqlite) }
}

/// The values of `output.export`.
public enum ExportMode: String, Sendable, CaseIterable {
    /// CSV and GeoJSON hold every mention in the database.
    case full
    /// CSV and GeoJSON hold only the mentions this run added.
    case delta
}
