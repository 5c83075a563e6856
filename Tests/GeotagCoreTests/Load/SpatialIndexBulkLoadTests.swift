import Foundation
import Testing
@testable import GeotagCore

/// The R-tree built in one go from a table's rows (``SpatialIndexBulkLoad``), checked
/// against the R-tree SQLite builds row by row from the same rows, and a run into an
/// empty database, which builds its R-tree that way at its end.
@Suite struct SpatialIndexBulkLoadTests {
    /// A point layer `pts` (`fid`, `geom`) with its empty R-tree, on 16 KiB pages as
    /// geotag's databases are (51 cells a node), and `ref`, an R-tree for the rows as
    /// SQLite's own inserts index them. `nil` is a row without geometry.
    private func layer(_ folder: String, _ points: [(x: Double, y: Double)?]) throws -> SQLite.Connection {
        let c = try SQLite.Connection(path: folder + "/points.db")
        try c.pragma("page_size", "16384")
        try GeoPackageFunctions.define(on: c)
        try c.execute("""
            CREATE TABLE pts (fid INTEGER PRIMARY KEY, geom BLOB);
            \(GeoPackageSchema.createSpatialIndexSQL(of: "pts"))
            CREATE VIRTUAL TABLE ref USING rtree(id, minx, maxx, miny, maxy);
            """)
        try insert(points, into: c)
        return c
    }

    /// Inserts the rows in one transaction (one by one, each would wait for the disk).
    private func insert(_ points: [(x: Double, y: Double)?], into c: SQLite.Connection) throws {
        let row = try c.prepare("INSERT INTO pts (geom) VALUES (?)")
        try c.transaction {
            for point in points {
                if let point { try row.bind(blob: GeoPackagePoint(x: point.x, y: point.y).blob, at: 1) } else { try row.bindNull(at: 1) }
                try row.run()
            }
        }
    }

    /// Fills `ref` row by row, as the GeoPackage insert trigger would.
    private func fillReference(_ c: SQLite.Connection) throws {
        try c.execute("""
            DELETE FROM ref;
            INSERT INTO ref SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) FROM pts
              WHERE geom NOTNULL AND NOT ST_IsEmpty(geom);
            """)
    }

    /// Builds the R-tree of `pts` in a transaction, as a run does (row by row outside
    /// one, each link written would wait for the disk).
    @discardableResult
    private func rebuild(_ c: SQLite.Connection, leavesPerRun: Int = SpatialIndexBulkLoad.leavesPerRun) throws -> Int {
        try c.transaction { try SpatialIndexBulkLoad.rebuild("pts", on: c, leavesPerRun: leavesPerRun) }
    }

    private func int(_ c: SQLite.Connection, _ sql: String) throws -> Int {
        let statement = try c.prepare(sql)
        try statement.step()
        return statement.int(at: 0)
    }

    private func text(_ c: SQLite.Connection, _ sql: String) throws -> String? {
        let statement = try c.prepare(sql)
        try statement.step()
        return statement.text(at: 0)
    }

    /// SQLite's own check of the R-tree's structure, and the rows the built R-tree and
    /// the reference hold only one of (both must be none).
    private func expectSameAsReference(_ c: SQLite.Connection, sourceLocation: SourceLocation = #_sourceLocation) throws {
        #expect(try text(c, "SELECT rtreecheck('rtree_pts_geom')") == "ok", sourceLocation: sourceLocation)
        #expect(try int(c, "SELECT count(*) FROM (SELECT * FROM rtree_pts_geom EXCEPT SELECT * FROM ref)") == 0, sourceLocation: sourceLocation)
        #expect(try int(c, "SELECT count(*) FROM (SELECT * FROM ref EXCEPT SELECT * FROM rtree_pts_geom)") == 0, sourceLocation: sourceLocation)
    }

    /// Random points anywhere, with coordinates no float holds exactly (so the boxes
    /// round outwards), points repeated, rows without geometry and empty points.
    private func points(_ count: Int, seed: UInt64) -> [(x: Double, y: Double)?] {
        var random = SplitMix64(seed: seed)
        var points: [(x: Double, y: Double)?] = []
        for i in 0..<count {
            switch i % 50 {
            case 7: points.append(nil)
            case 13: points.append((.nan, .nan))
            case 21, 22, 23: points.append(points[i - 20])
            default: points.append((Double.random(in: -180...180, using: &random), Double.random(in: -90...90, using: &random)))
            }
        }
        return points
    }

    @Test func theBuiltTreeHoldsWhatRowByRowInsertsWould() throws {
        try withTemporaryFolder { folder in
            let all = points(6_000, seed: 7)
            let c = try layer(folder, all)
            let indexed = all.filter { $0 != nil && !$0!.x.isNaN }.count
            #expect(try rebuild(c) == indexed)
            try fillReference(c)
            try expectSameAsReference(c)
            // 5,760 rows: 113 leaves of 51 cells, 3 nodes above them, then the root.
            #expect(try int(c, "SELECT count(*) FROM rtree_pts_geom_node") == 117)
            #expect(try text(c, "SELECT hex(substr(data, 1, 2)) FROM rtree_pts_geom_node WHERE nodeno = 1") == "0002")
            // Window queries through either R-tree find the same rows.
            for (x, y) in [(-10.0, 30.0), (40.0, 33.0), (170.0, -80.0)] {
                let window = "minx <= \(x + 20) AND maxx >= \(x) AND miny <= \(y + 10) AND maxy >= \(y)"
                let found = try int(c, "SELECT count(*) FROM rtree_pts_geom WHERE \(window)")
                #expect(found > 0)
                #expect(try int(c, "SELECT count(*) FROM (SELECT id FROM rtree_pts_geom WHERE \(window) EXCEPT SELECT id FROM ref WHERE \(window))") == 0)
                #expect(try int(c, "SELECT count(*) FROM ref WHERE \(window)") == found)
            }
        }
    }

    /// The R-tree's tables, row by row, as text.
    private func dump(_ c: SQLite.Connection) throws -> [String] {
        var rows: [String] = []
        for sql in ["SELECT nodeno, hex(data) FROM rtree_pts_geom_node ORDER BY 1", "SELECT * FROM rtree_pts_geom_rowid ORDER BY 1",
                    "SELECT * FROM rtree_pts_geom_parent ORDER BY 1"] {
            let statement = try c.prepare(sql)
            while try statement.step() { rows.append("\(statement.value(at: 0)) \(statement.value(at: 1))") }
        }
        return rows
    }

    @Test func rowIDsWaitingInFilesGiveTheSameTree() throws {
        try withTemporaryFolder { folder in
            let c = try layer(folder, points(3_000, seed: 3))
            try rebuild(c)
            let inMemory = try dump(c)
            // Two leaves (102 rows) a run: all but the first run go through files.
            try rebuild(c, leavesPerRun: 2)
            #expect(try dump(c) == inMemory)
            // 2,880 rows in 57 leaves, under 2 nodes and the root: links, nodes, parents.
            #expect(inMemory.count == 2_880 + 60 + 59)
            try fillReference(c)
            try expectSameAsReference(c)
            let left = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix(".geotag-build-") }
            #expect(left.isEmpty, "the scratch folder is removed")
        }
    }

    @Test func sqliteGoesOnChangingTheBuiltTree() throws {
        try withTemporaryFolder { folder in
            let c = try layer(folder, points(3_000, seed: 11))
            try rebuild(c)
            try fillReference(c)
            // Inserts, moves and deletes, as the GeoPackage triggers make them, on both.
            for tree in ["rtree_pts_geom", "ref"] {
                try c.execute("""
                    INSERT INTO \(tree) VALUES (100001, 44.4, 44.4, 33.3, 33.3), (100003, -77.0, -77.0, -12.0, -12.0);
                    INSERT OR REPLACE INTO \(tree) VALUES (5, 10.5, 10.5, -5.25, -5.25);
                    DELETE FROM \(tree) WHERE id % 3 = 0;
                    """)
            }
            try expectSameAsReference(c)
            #expect(try int(c, "SELECT count(*) FROM rtree_pts_geom WHERE id IN (5, 100001, 100003)") == 3)
        }
    }

    @Test func anEmptyTableOneLeafAndTwoLeaves() throws {
        // 51 rows fit the root as its only leaf; 52 need two leaves under it.
        for (count, nodes, depth) in [(0, 1, 0), (1, 1, 0), (51, 1, 0), (52, 3, 1)] {
            try withTemporaryFolder { folder in
                let row: (Int) -> (x: Double, y: Double)? = { (x: Double($0) * 0.37 - 9, y: Double($0) * 0.11 + 30) }
                let c = try layer(folder, (0..<count).map(row))
                #expect(try rebuild(c) == count)
                try fillReference(c)
                try expectSameAsReference(c)
                #expect(try int(c, "SELECT count(*) FROM rtree_pts_geom_node") == nodes, "\(count) rows")
                #expect(try int(c, "SELECT count(*) FROM rtree_pts_geom_parent") == nodes - 1, "\(count) rows")
                #expect(try text(c, "SELECT hex(substr(data, 1, 2)) FROM rtree_pts_geom_node WHERE nodeno = 1") == "000\(depth)", "\(count) rows")
            }
        }
    }

    @Test func boxNumbersFindEveryBoxAddedAndNoOther() {
        var numbers = SpatialIndexBulkLoad.BoxNumbers()
        // Enough boxes to grow the table a few times; points on a grid, as mentions'.
        func box(_ x: Double, _ y: Double) -> RTreeNodeWriter.Box {
            RTreeNodeWriter.Box(.init(minX: x, maxX: x, minY: y, maxY: y, isEmpty: false))
        }
        let boxes = (0..<5_000).map { (i: Int) in box(Double(i % 71) * 0.5, Double(i / 71)) }
        for (number, box) in boxes.enumerated() {
            #expect(numbers.number(of: box) == nil)
            numbers.add(box)
            #expect(numbers.number(of: box) == number)
        }
        #expect(numbers.boxes == boxes)
        #expect(boxes.indices.allSatisfy { numbers.number(of: boxes[$0]) == $0 })
        #expect(numbers.number(of: box(0.25, 0)) == nil)
    }

    // MARK: A run into an empty database

    private func hasInsertTrigger(_ db: GeotagDatabase) throws -> Bool {
        try int(db.connection, "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'rtree_mentions_geom_insert'") == 1
    }

    /// The secondary indexes of `mentions` that the database has.
    private func mentionIndexes(_ db: GeotagDatabase) throws -> Set<String> {
        let statement = try db.connection.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions' AND sql NOTNULL")
        var names = Set<String>()
        while try statement.step() { names.insert(statement.text(at: 0) ?? "") }
        return names
    }

    private let allMentionIndexes: Set = ["mentions_key", "mentions_place_id", "mentions_published", "mentions_run_id"]

    /// The R-tree of `mentions` checked by SQLite, and the same as the rows it indexes.
    private func expectCompleteIndex(_ db: GeotagDatabase, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let c = db.connection
        #expect(try text(c, "SELECT rtreecheck('rtree_mentions_geom')") == "ok", sourceLocation: sourceLocation)
        #expect(try int(c, "SELECT count(*) FROM rtree_mentions_geom") == int(c, "SELECT count(*) FROM mentions"), sourceLocation: sourceLocation)
        #expect(try int(c, "SELECT count(*) FROM rtree_mentions_geom r JOIN mentions m ON m.fid = r.id WHERE r.minx > m.lon OR r.maxx < m.lon OR r.miny > m.lat OR r.maxy < m.lat") == 0, sourceLocation: sourceLocation)
        #expect(try hasInsertTrigger(db), sourceLocation: sourceLocation)
    }

    @Test func aRunIntoAnEmptyDatabaseBuildsTheIndexAtItsEnd() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let (d1, m1) = LoadFixtures.sample("d1"), (d2, m2) = LoadFixtures.sample("d2")
            try db.beginRun(LoadFixtures.run("r1"))
            #expect(try !hasInsertTrigger(db))
            try db.store([.article(d1, m1)], runID: "r1", gazetteerVersion: "g")
            try db.store([.article(d2, m2)], runID: "r1", gazetteerVersion: "g")
            // Until the run ends, the batches leave the R-tree alone.
            #expect(try rowCount(db, "rtree_mentions_geom") == 0)
            #expect(try !hasInsertTrigger(db))
            #expect(try mentionIndexes(db).isEmpty)
            try db.finishRun(LoadFixtures.run("r1", status: .done))
            #expect(try rowCount(db, "rtree_mentions_geom") == 6)
            try expectCompleteIndex(db)
            #expect(try mentionIndexes(db) == allMentionIndexes)
            let plan = try db.connection.prepare("EXPLAIN QUERY PLAN SELECT fid FROM mentions WHERE place_id = 1")
            #expect(try plan.step() && plan.text(at: 3)?.contains("mentions_place_id") == true)

            // The next run finds an R-tree and keeps it up to date batch by batch.
            let (d3, m3) = LoadFixtures.sample("d3")
            try db.beginRun(LoadFixtures.run("r2"))
            #expect(try hasInsertTrigger(db))
            #expect(try mentionIndexes(db) == allMentionIndexes)
            try db.store([.article(d3, m3)], runID: "r2", gazetteerVersion: "g")
            #expect(try rowCount(db, "rtree_mentions_geom") == 9)
            try expectCompleteIndex(db)
        }
    }

    @Test func theBuildCountsThePlacesOnItsWay() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            try db.beginRun(LoadFixtures.run("r1"))
            try LoadFixtures.storeSamples("d1", "d2", in: db, runID: "r1")
            try LoadFixtures.storeSamples("d3", in: db, runID: "r1")
            // A mention without a point counts, though the R-tree leaves it out.
            try db.connection.execute("""
                INSERT INTO mentions (doc_id, place_id, place_name, start, "end") VALUES ('d4', 98229, 'Diyala', 3, 9)
                """)
            let counted = try #require(try db.connection.transaction { try db.finishBulkLoad() })
            #expect(try counted == #require(try PlaceTallies.count(on: db.connection)))
            #expect(counted.byPlace[98229]?.mentions == 4)
            #expect(try rowCount(db, "rtree_mentions_geom") == 9)
            try expectCompleteIndexButForRowsWithoutPoints(db)
        }
    }

    @Test func aBuildThatCannotCountInTableOrderLeavesTheCountToTheRefresh() throws {
        for finishing in [false, true] {
            try withTemporaryFolder { folder in
                let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
                try db.beginRun(LoadFixtures.run("r1"))
                try LoadFixtures.storeSamples("d1", "d2", in: db, runID: "r1")
                // A mention of d1 after those of d2: in the table's order d1 comes twice.
                try db.connection.execute("""
                    INSERT INTO mentions (doc_id, place_id, place_name, start, "end") VALUES ('d1', 98229, 'Diyala', 900, 906)
                    """)
                if finishing {
                    // The run's end counts again, in the key's order, and gets what SQL gets.
                    try db.finishRun(LoadFixtures.run("r1", status: .done))
                    #expect(try rowCount(db, "places") == 3)
                    #expect(try db.refreshPlaces(runID: "in-sql", countingInSQL: true) == 0)
                } else {
                    #expect(try db.connection.transaction { try db.finishBulkLoad() } == nil)
                }
            }
        }
    }

    /// ``expectCompleteIndex(_:)`` for a table some of whose rows have no point.
    private func expectCompleteIndexButForRowsWithoutPoints(_ db: GeotagDatabase) throws {
        let c = db.connection
        #expect(try text(c, "SELECT rtreecheck('rtree_mentions_geom')") == "ok")
        #expect(try int(c, "SELECT count(*) FROM rtree_mentions_geom") == int(c, "SELECT count(*) FROM mentions WHERE geom NOTNULL"))
        #expect(try hasInsertTrigger(db))
    }

    @Test func theNextRunFinishesABulkLoadThatStopped() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/geotag.gpkg"
            do {
                // A run that ended without finishing (killed): its batches are stored.
                let db = try GeotagDatabase(path: path)
                try db.beginRun(LoadFixtures.run("r1"))
                let (d1, m1) = LoadFixtures.sample("d1")
                try db.store([.article(d1, m1)], runID: "r1", gazetteerVersion: "g")
                try db.close()
            }
            // Opened again, the database has its indexes, but for the R-tree.
            let db = try GeotagDatabase(path: path)
            #expect(try !hasInsertTrigger(db))
            #expect(try mentionIndexes(db) == allMentionIndexes)
            try db.beginRun(LoadFixtures.run("r2"))
            #expect(try mentionIndexes(db).isEmpty)
            let (d2, m2) = LoadFixtures.sample("d2")
            try db.store([.article(d2, m2)], runID: "r2", gazetteerVersion: "g")
            #expect(try rowCount(db, "rtree_mentions_geom") == 0)
            try db.finishRun(LoadFixtures.run("r2", status: .done))
            #expect(try rowCount(db, "rtree_mentions_geom") == 6)
            try expectCompleteIndex(db)
            #expect(try mentionIndexes(db) == allMentionIndexes)
        }
    }
}
