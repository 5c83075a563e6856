/// The tables of a geotag database, as SQL: the GeoPackage core tables (OGC
/// GeoPackage 1.3, Annex C), the R-tree spatial index extension (Annex F.3) and
/// geotag's own layers `mentions` and `places` and attribute tables `articles`, `runs`
/// and `failures`.
///
/// Every statement is idempotent (`IF NOT EXISTS`, `INSERT OR IGNORE`), so applying
/// the schema to an existing database changes nothing; a database made before a table
/// or an index existed gets it.
enum GeoPackageSchema {
    /// `PRAGMA application_id` of a GeoPackage: ASCII "GPKG".
    static let applicationID = 0x4750_4B47
    /// `PRAGMA user_version` of GeoPackage 1.3.0. The tables are those of 1.4 too, but
    /// GDAL up to 3.6 (Debian 12, and the QGIS built on it) warns that a 1.4 file "may
    /// only be partially supported"; a 1.3 file opens without a warning everywhere.
    static let userVersion = 10300
    /// The `srs_id` of WGS 84 longitude/latitude (EPSG:4326).
    static let wgs84: Int32 = 4326

    /// The feature table of mentions, the one of places, and their geometry column.
    static let mentionsTable = "mentions"
    static let placesTable = "places"
    static let geometryColumn = "geom"
    /// The point layers, each with a spatial index.
    static let featureTables = [mentionsTable, placesTable]

    /// The OGC WKT 1 definition of EPSG:4326 that GeoPackage readers expect.
    static let wgs84Definition = """
        GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],\
        AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],\
        UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]
        """

    /// A column of one of geotag's own tables: its name and its declaration.
    struct Column: ExpressibleByStringLiteral {
        var name: String
        var declaration: String

        init(name: String, declaration: String) {
            self.name = name
            self.declaration = declaration
        }

        /// A column from its definition, `"name TYPE CONSTRAINTS"`.
        init(stringLiteral definition: String) {
            let parts = definition.split(separator: " ", maxSplits: 1)
            self.init(name: String(parts[0]), declaration: parts.count > 1 ? String(parts[1]) : "")
        }
    }

    /// The columns of `articles` after its integer primary key, in the order the
    /// loader binds them. `doc_id` is the key the loader upserts on. `duplicate_of`
    /// is the `doc_id` of the original of a duplicate, `minhash` the signature its
    /// text is compared by (``TextSignature``); a database made before they existed
    /// gets them when it is opened.
    static let articleColumns: [Column] = [
        "doc_id TEXT NOT NULL UNIQUE", "url TEXT", "source TEXT", "title TEXT", "published TEXT",
        "author TEXT", "site TEXT", "language TEXT", "text TEXT NOT NULL", "content_hash TEXT NOT NULL",
        "gazetteer_version TEXT NOT NULL", "mention_count INTEGER NOT NULL", "first_run_id TEXT",
        "last_run_id TEXT", "duplicate_of TEXT", "minhash BLOB",
        "focus_country TEXT", "focus_admin1 TEXT", "focus_town TEXT", "focus_town_id INTEGER",
    ]

    /// The columns of `runs` after its integer primary key, in bind order; `run_id`
    /// is the key.
    static let runColumns: [Column] = [
        "run_id TEXT NOT NULL UNIQUE", "started_at DATETIME NOT NULL", "ended_at DATETIME",
        "version TEXT NOT NULL", "gazetteer_version TEXT NOT NULL", "config_hash TEXT NOT NULL",
        "documents INTEGER NOT NULL", "loaded INTEGER NOT NULL", "unchanged INTEGER NOT NULL",
        "failed INTEGER NOT NULL", "mentions INTEGER NOT NULL", "status TEXT NOT NULL",
    ]

    /// The columns of `failures` after its integer primary key, in bind order.
    static let failureColumns: [Column] = [
        "run_id TEXT NOT NULL", "source TEXT NOT NULL", "location TEXT NOT NULL", "doc_id TEXT",
        "stage TEXT NOT NULL", "reason TEXT NOT NULL", "at DATETIME NOT NULL",
    ]

    /// The columns of `fetches` after its integer primary key, in bind order: what the
    /// last run that fetched a URL learnt of it (``FetchRecord``); `url`, the canonical
    /// URL, is the key.
    static let fetchColumns: [Column] = [
        "url TEXT NOT NULL UNIQUE", "source TEXT NOT NULL", "final_url TEXT NOT NULL", "doc_id TEXT",
        "etag TEXT", "last_modified TEXT", "body_sha256 TEXT NOT NULL", "fetched_at DATETIME NOT NULL",
        "checked_at DATETIME NOT NULL",
    ]

    /// The `mentions` columns after `fid` and `geom`: one per ``MentionRecord/fields``.
    static let mentionColumns = columns(MentionRecord.fields)

    /// The `places` columns after `fid` and `geom`: one per ``MentionedPlace/fields``;
    /// `place_id` is the key the places are refreshed on.
    static let placeColumns = columns(MentionedPlace.fields, constraints: ["place_id": "NOT NULL UNIQUE"])

    /// Columns declared with the GeoPackage type of each field.
    private static func columns(_ fields: [(name: String, type: FieldType)], constraints: [String: String] = [:]) -> [Column] {
        fields.map { field in
            let type = switch field.type {
            case .text: "TEXT"
            case .integer: "INTEGER"
            case .real: "REAL"
            case .datetime: "DATETIME"
            }
            return Column(name: field.name, declaration: constraints[field.name].map { "\(type) \($0)" } ?? type)
        }
    }

    /// `CREATE TABLE` for a table whose first column is the integer primary key
    /// GeoPackage requires of feature and attribute tables.
    static func createTable(_ name: String, key: String, columns: [Column]) -> String {
        let definitions = ["\(key) INTEGER PRIMARY KEY AUTOINCREMENT"]
            + columns.map { "\(SQLite.quote($0.name)) \($0.declaration)" }
        return "CREATE TABLE IF NOT EXISTS \(name) (\n  " + definitions.joined(separator: ",\n  ") + "\n);"
    }

    /// The whole schema, ready for ``SQLite/Connection/execute(_:)``.
    static var sql: String {
        let q = SQLite.quote
        return """
            CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
              srs_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL PRIMARY KEY,
              organization TEXT NOT NULL,
              organization_coordsys_id INTEGER NOT NULL,
              definition TEXT NOT NULL,
              description TEXT
            );
            CREATE TABLE IF NOT EXISTS gpkg_contents (
              table_name TEXT NOT NULL PRIMARY KEY,
              data_type TEXT NOT NULL,
              identifier TEXT UNIQUE,
              description TEXT DEFAULT '',
              last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
              min_x DOUBLE,
              min_y DOUBLE,
              max_x DOUBLE,
              max_y DOUBLE,
              srs_id INTEGER,
              CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id)
            );
            CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
              table_name TEXT NOT NULL,
              column_name TEXT NOT NULL,
              geometry_type_name TEXT NOT NULL,
              srs_id INTEGER NOT NULL,
              z TINYINT NOT NULL,
              m TINYINT NOT NULL,
              CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
              CONSTRAINT uk_gc_table_name UNIQUE (table_name),
              CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
              CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id)
            );
            INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES
              ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
              ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
              ('WGS 84 geodetic', \(wgs84), 'EPSG', 4326, '\(wgs84Definition)',
               'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');

            CREATE TABLE IF NOT EXISTS gpkg_extensions (
              table_name TEXT,
              column_name TEXT,
              extension_name TEXT NOT NULL,
              definition TEXT NOT NULL,
              scope TEXT NOT NULL,
              CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name)
            );

            \(createTable(mentionsTable, key: "fid", columns: [Column(name: geometryColumn, declaration: "POINT")] + mentionColumns))
            \(mentionIndexesSQL)
            \(createTable(placesTable, key: "fid", columns: [Column(name: geometryColumn, declaration: "POINT")] + placeColumns))
            CREATE INDEX IF NOT EXISTS places_country_code ON places (\(q("country_code")));
            CREATE INDEX IF NOT EXISTS places_run_id ON places (\(q("run_id")));
            \(createTable("articles", key: "id", columns: articleColumns))
            CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
            \(createTable("runs", key: "id", columns: runColumns))
            \(createTable("failures", key: "id", columns: failureColumns))
            CREATE INDEX IF NOT EXISTS failures_run_id ON failures (run_id);
            \(createTable("fetches", key: "id", columns: fetchColumns))

            INSERT OR IGNORE INTO gpkg_contents (table_name, data_type, identifier, description, srs_id) VALUES
              ('\(mentionsTable)', 'features', 'mentions', 'Place mentions found in news articles, one point each', \(wgs84)),
              ('\(placesTable)', 'features', 'places', 'Places mentioned, one point each, with mention and article counts', \(wgs84)),
              ('articles', 'attributes', 'articles', 'Articles with their clean text and metadata', NULL),
              ('runs', 'attributes', 'runs', 'Pipeline runs: times, versions, counts', NULL),
              ('failures', 'attributes', 'failures', 'Documents that failed a stage, and why', NULL),
              ('fetches', 'attributes', 'fetches', 'URLs fetched, when, and their validators, for incremental runs', NULL);
            INSERT OR IGNORE INTO gpkg_geometry_columns VALUES
              ('\(mentionsTable)', '\(geometryColumn)', 'POINT', \(wgs84), 0, 0),
              ('\(placesTable)', '\(geometryColumn)', 'POINT', \(wgs84), 0, 0);
            """
    }

    /// The secondary indexes of `mentions`, by name and column: for queries by place,
    /// publication date and run. A bulk load creates them at its end
    /// (``GeotagDatabase/beginBulkLoadIfEmpty()``).
    static let mentionIndexes: [(name: String, column: String)] = [
        ("mentions_place_id", "place_id"), ("mentions_published", "published"), ("mentions_run_id", "run_id"),
    ]

    /// The unique index of a mention's key, `(doc_id, start, end)`, by which the
    /// loader finds an article's stored mentions and the exports read them in order.
    /// A database made before it existed has the same key as a `UNIQUE` constraint of
    /// the table instead, whose index SQLite names `sqlite_autoindex_mentions_1`; only
    /// this one can be dropped for a bulk load (``GeotagDatabase/beginBulkLoadIfEmpty()``).
    static let mentionKeyIndex = "mentions_key"

    /// Creates ``mentionKeyIndex`` if missing.
    static var mentionKeyIndexSQL: String {
        let q = SQLite.quote
        return "CREATE UNIQUE INDEX IF NOT EXISTS \(q(mentionKeyIndex)) ON \(mentionsTable) (\(q("doc_id")), \(q("start")), \(q("end")))"
    }

    /// Creates the indexes of ``mentionIndexes`` that are missing.
    static var mentionIndexesSQL: String {
        mentionIndexes.map { index in
            "CREATE INDEX IF NOT EXISTS \(SQLite.quote(index.name)) ON \(mentionsTable) (\(SQLite.quote(index.column)));"
        }.joined(separator: "\n")
    }

    /// The name of the R-tree of `table`'s geometry column.
    static func spatialIndex(of table: String) -> String {
        "rtree_\(table)_\(geometryColumn)"
    }

    /// The R-tree spatial index extension for `table` (GeoPackage 1.3, Annex F.3): the
    /// virtual table, its registration in `gpkg_extensions`, the triggers that keep it
    /// in step with the table (replacing any left over), and the statement that fills
    /// it from the rows already there. The triggers are the 1.3 set, which GDAL 3.6 writes and checks; they call
    /// the functions of ``GeoPackageFunctions``.
    static func spatialIndexSQL(of table: String) -> String {
        let index = spatialIndex(of: table)
        let (i, g) = (SQLite.quote(index), SQLite.quote(geometryColumn))
        let fid = SQLite.quote("fid")
        let present = "(NEW.\(g) NOTNULL AND NOT ST_IsEmpty(NEW.\(g)))"
        let absent = "(NEW.\(g) ISNULL OR ST_IsEmpty(NEW.\(g)))"
        func trigger(_ suffix: String, _ event: String, when: String, _ body: String) -> String { spatialTrigger(of: table, suffix, event, when: when, body) }
        let insert = insertIntoSpatialIndex(of: table)
        return """
            \(createSpatialIndexSQL(of: table))
            INSERT OR IGNORE INTO gpkg_extensions (table_name, column_name, extension_name, definition, scope)
              VALUES ('\(table)', '\(geometryColumn)', 'gpkg_rtree_index', 'http://www.geopackage.org/spec130/#extension_rtree', 'write-only');
            \(insertTriggerSQL(of: table))
            \(trigger("update1", "UPDATE OF \(g)", when: "OLD.\(fid) = NEW.\(fid) AND \(present)", insert))
            \(trigger("update2", "UPDATE OF \(g)", when: "OLD.\(fid) = NEW.\(fid) AND \(absent)",
                       "DELETE FROM \(i) WHERE id = OLD.\(fid);"))
            \(trigger("update3", "UPDATE", when: "OLD.\(fid) != NEW.\(fid) AND \(present)",
                       "DELETE FROM \(i) WHERE id = OLD.\(fid); \(insert)"))
            \(trigger("update4", "UPDATE", when: "OLD.\(fid) != NEW.\(fid) AND \(absent)",
                       "DELETE FROM \(i) WHERE id IN (OLD.\(fid), NEW.\(fid));"))
            \(trigger("delete", "DELETE", when: "OLD.\(g) NOT NULL", "DELETE FROM \(i) WHERE id = OLD.\(fid);"))
            \(indexRowsSQL(of: table));
            """
    }

    /// Creates the R-tree of `table`, empty, unless it exists.
    static func createSpatialIndexSQL(of table: String) -> String {
        "CREATE VIRTUAL TABLE IF NOT EXISTS \(SQLite.quote(spatialIndex(of: table))) USING rtree(id, minx, maxx, miny, maxy);"
    }

    /// The name of the trigger that puts each new row of `table` into its R-tree.
    static func insertTrigger(of table: String) -> String {
        "\(spatialIndex(of: table))_insert"
    }

    /// (Re)creates the trigger ``insertTrigger(of:)``, GeoPackage 1.3's.
    static func insertTriggerSQL(of table: String) -> String {
        let g = SQLite.quote(geometryColumn)
        return spatialTrigger(of: table, "insert", "INSERT", when: "(NEW.\(g) NOTNULL AND NOT ST_IsEmpty(NEW.\(g)))",
                              insertIntoSpatialIndex(of: table))
    }

    /// Puts the rows of `table` that have a point into its R-tree.
    static func indexRowsSQL(of table: String) -> String {
        let g = SQLite.quote(geometryColumn)
        return """
            INSERT OR REPLACE INTO \(SQLite.quote(spatialIndex(of: table)))
              SELECT \(SQLite.quote("fid")), ST_MinX(\(g)), ST_MaxX(\(g)), ST_MinY(\(g)), ST_MaxY(\(g)) FROM \(SQLite.quote(table))
              WHERE \(g) NOTNULL AND NOT ST_IsEmpty(\(g))
            """
    }

    /// `DROP` and `CREATE` of one of the R-tree triggers of `table`.
    private static func spatialTrigger(of table: String, _ suffix: String, _ event: String, when: String, _ body: String) -> String {
        let name = SQLite.quote("\(spatialIndex(of: table))_\(suffix)")
        return "DROP TRIGGER IF EXISTS \(name); CREATE TRIGGER \(name) AFTER \(event) ON \(SQLite.quote(table)) WHEN \(when) BEGIN \(body) END;"
    }

    /// The trigger body that puts `NEW` into the R-tree of `table`.
    private static func insertIntoSpatialIndex(of table: String) -> String {
        let g = SQLite.quote(geometryColumn)
        return spatialIndexInsertSQL(of: table, values: "NEW.\(SQLite.quote("fid")), ST_MinX(NEW.\(g)), ST_MaxX(NEW.\(g)), ST_MinY(NEW.\(g)), ST_MaxY(NEW.\(g))") + ";"
    }

    /// Puts one row into the R-tree of `table`: `values` are its id, min x, max x,
    /// min y and max y (SQL; five `?` for a loader that binds them).
    static func spatialIndexInsertSQL(of table: String, values: String = "?, ?, ?, ?, ?") -> String {
        "INSERT OR REPLACE INTO \(SQLite.quote(spatialIndex(of: table))) VALUES (\(values))"
    }
}
