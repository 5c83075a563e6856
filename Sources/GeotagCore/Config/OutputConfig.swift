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
    /// Whether the CSV starts with a UTF-8 byte-order mark, which Excel needs to read
    /// UTF-8 (default false).
    public var csvBOM = false
    /// The GeoJSON text sequence file (RFC 8142) of the mentions, relative to ``dir``;
    /// nil (the default) writes none.
    public var geojsonseq: String?
    /// The GeoJSON file of the places layer (default `places.geojson`), relative to ``dir``.
    public var places = "places.geojson"
    /// Whether to draw `map.svg` and `report.html` (default true).
    public var map = true
    /// The country outlines the map is drawn over (default `data/map/countries.txt`,
    /// relative to the configuration's folder, like the gazetteer).
    public var mapOutlines: ConfigPath

    /// The name `geojsonseq: true` stands for.
    public static let defaultGeoJSONSeq = "mentions.geojsons"
    /// The map and the report, in ``dir``.
    public static let mapFile = "map.svg"
    public static let reportFile = "report.html"

    /// The defaults, with `dir` resolved against `directory` (the configuration's folder).
    public init(relativeTo directory: String) {
        dir = ConfigPath("out", relativeTo: directory)
        mapOutlines = ConfigPath("data/map/countries.txt", relativeTo: directory)
    }

    /// The absolute path of the CSV file.
    public var csvPath: String { dir.appending(csv) }
    /// The absolute path of the GeoJSON file.
    public var geojsonPath: String { dir.appending(geojson) }
    /// The absolute path of the SQLite/GeoPackage file.
    public var sqlitePath: String { dir.appending(sqlite) }
    /// The absolute path of the GeoJSON text sequence file, when there is one.
    public var geojsonseqPath: String? { geojsonseq.map(dir.appending) }
    /// The absolute path of the places GeoJSON file.
    public var placesPath: String { dir.appending(places) }
    /// The absolute paths of the map and the report, when they are drawn.
    public var mapPaths: (map: String, report: String)? {
        map ? (dir.appending(Self.mapFile), dir.appending(Self.reportFile)) : nil
    }
}

/// The values of `output.export`.
public enum ExportMode: String, Sendable, CaseIterable {
    /// CSV and GeoJSON hold every mention in the database.
    case full
    /// CSV and GeoJSON hold only the mentions this run added or changed, and
    /// `places.geojson` only the places it changed.
    case delta
}
