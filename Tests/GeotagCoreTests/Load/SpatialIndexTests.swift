import Foundation
import Testing
@testable import GeotagCore

/// The R-tree spatial index of the point layers, and the SQL functions its triggers call.
@Suite struct SpatialIndexTests {
    /// The R-tree's rows of `table`: fid → (minx, maxx, miny, maxy).
    private func index(_ db: GeotagDatabase, _ table: String = "mentions") throws -> [Int: [Double]] {
        let statement = try db.connection.prepare("SELECT id, minx, maxx, miny, maxy FROM rtree_\(table)_geom")
        var rows: [Int: [Double]] = [:]
        while try statement.step() { rows[statement.int(at: 0)] = (1...4).map(statement.double(at:)) }
        return rows
    }

    /// The stored points of `table`: fid → (lon, lon, lat, lat), as the R-tree should hold them.
    private func points(_ db: GeotagDatabase, _ table: String = "mentions") throws -> [Int: [Double]] {
        let statement = try db.connection.prepare("SELECT fid, lon, lat FROM \(table)")
        var rows: [Int: [Double]] = [:]
        while try statement.step() {
            let (lon, lat) = (statement.double(at: 1), statement.double(at: 2))
            rows[statement.int(at: 0)] = [lon, lon, lat, lat]
        }
        return rows
    }

    /// The R-tree stores 32-bit floats rounded outwards: equal to about 1e-5 degree.
    private func matches(_ index: [Int: [Double]], _ points: [Int: [Double]]) -> Bool {
        index.keys.sorted() == points.keys.sorted() && index.allSatisfy { fid, box in
            zip(box, points[fid]!).allSatisfy { abs($0 - $1) < 1e-5 }
        }
    }

    @Test func followsInsertsUpdatesAndDeletes() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let (d1, m1) = LoadFixtures.sample("d1")
            let (d2, m2) = LoadFixtures.sample("d2")
            try db.store([.article(d1, m1), .article(d2, m2)], runID: "r1", gazetteerVersion: "g")
            #expect(try index(db).count == 6)
            #expect(matches(try index(db), try points(db)))

            // Baghdad moves (a better gazetteer), Madrid and Diyala go.
            var moved = LoadFixtures.baghdad
            moved.latitude = 33.3
            moved.longitude = 44.4
            try db.store([.article(d1, [LoadFixtures.mention("d1", "Baghdad", at: 18, moved)])], runID: "r2", gazetteerVersion: "g2")
            #expect(try index(db).count == 4)
            #expect(matches(try index(db), try points(db)))
            // Another gazetteer that puts it at the same point: the row changes, its point not.
            try db.store([.article(d1, [LoadFixtures.mention("d1", "Baghdad", at: 18, moved)])], runID: "r3", gazetteerVersion: "g3")
            #expect(try allMentions(db).first?.gazetteerVersion == "g3")
            #expect(matches(try index(db), try points(db)))

            // A bounding-box query through the index finds Madrid's mentions (d2's only).
            let query = try db.connection.prepare("""
                SELECT m."doc_id" FROM mentions m JOIN rtree_mentions_geom r ON r.id = m.fid
                WHERE r.minx <= -3.0 AND r.maxx >= -4.0 AND r.miny <= 41.0 AND r.maxy >= 40.0
                """)
            var found: [String] = []
            while try query.step() { found.append(query.text(at: 0)!) }
            #expect(found == ["d2"])

            try db.finishRun(LoadFixtures.run("r2"))
            #expect(try index(db, "places").count == 3)  // d2 still has all three
            #expect(matches(try index(db, "places"), try points(db, "places")))
        }
    }

    /// A batch indexes its new rows at its end (``SpatialIndexBatch``): an article that
    /// comes twice in one batch, its mentions moved or dropped the second time, leaves
    /// no stale box and no box of a deleted row.
    @Test func anArticleTwiceInOneBatchLeavesTheIndexRight() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let (d1, m1) = LoadFixtures.sample("d1")
            let (d2, m2) = LoadFixtures.sample("d2")
            var moved = LoadFixtures.baghdad
            moved.latitude = 33.3
            moved.longitude = 44.4
            let again = [LoadFixtures.mention("d1", "Baghdad", at: 18, moved)]
            try db.store([.article(d1, m1), .article(d2, m2), .article(d1, again)], runID: "r1", gazetteerVersion: "g")
            #expect(try index(db).count == 4)
            #expect(matches(try index(db), try points(db)))
        }
    }

    @Test func mortonCodesInterleaveLongitudeAndLatitude() {
        #expect(SpatialIndexBatch.mortonCode(x: -180, y: -90) == 0)
        #expect(SpatialIndexBatch.mortonCode(x: 180, y: 90) == .max)
        #expect(SpatialIndexBatch.mortonCode(x: 180, y: -90) == 0x5555_5555)
        #expect(SpatialIndexBatch.mortonCode(x: -180, y: 90) == 0xAAAA_AAAA)
        // Out of range counts as the edge; NaN as the lower one.
        #expect(SpatialIndexBatch.mortonCode(x: 500, y: -1000) == 0x5555_5555)
        #expect(SpatialIndexBatch.mortonCode(x: .nan, y: .nan) == 0)
        // Neighbours share a long prefix; the other side of the world does not.
        let mosul = SpatialIndexBatch.mortonCode(x: 43.13, y: 36.34)
        let tallAfar = SpatialIndexBatch.mortonCode(x: 42.45, y: 36.37)
        let lima = SpatialIndexBatch.mortonCode(x: -77.03, y: -12.04)
        #expect((mosul ^ tallAfar).leadingZeroBitCount > (mosul ^ lima).leadingZeroBitCount + 8)
    }

    @Test func anOlderDatabaseGetsItsIndexFilled() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/geotag.gpkg"
            do {
                let db = try GeotagDatabase(path: path)
                try LoadFixtures.storeSamples("d1", in: db, runID: "r1")
                try db.close()
            }
            // What a geotag without spatial indexes wrote.
            let old = try SQLite.Connection(path: path)
            try old.execute("DROP TABLE rtree_mentions_geom; DROP TABLE rtree_places_geom; DELETE FROM gpkg_extensions")
            try old.close()

            let db = try GeotagDatabase(path: path)
            #expect(try index(db).count == 3)
            #expect(matches(try index(db), try points(db)))
            #expect(try rowCount(db, "gpkg_extensions") == 2)
        }
    }

    @Test func functionsReadTheGeometryHeader() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let empty = GeoPackagePoint(x: .nan, y: .nan).blob
            // A big-endian point without an envelope, as some writers make them.
            var bare: [UInt8] = [0x47, 0x50, 0, 0b0000_0000, 0, 0, 0x10, 0xE6, 0]
            bare += [0, 0, 0, 1] + Array(withUnsafeBytes(of: (12.5).bitPattern.bigEndian, Array.init))
                + Array(withUnsafeBytes(of: (-7.25).bitPattern.bigEndian, Array.init))
            let statement = try db.connection.prepare("""
                SELECT ST_IsEmpty(?1), ST_MinX(?1), ST_MaxY(?1), ST_IsEmpty(?2), ST_MinX(?2),
                       ST_IsEmpty(?3), ST_MinX(?3), ST_MaxX(?3), ST_MinY(?3), ST_MaxY(?3), ST_MinX(?4), ST_IsEmpty(NULL)
                """)
            try statement.bind(blob: GeoPackagePoint(x: 44.4, y: 33.3).blob, at: 1)
            try statement.bind(blob: empty, at: 2)
            try statement.bind(blob: bare, at: 3)
            try statement.bind(blob: [1, 2, 3], at: 4)
            try statement.step()
            #expect(statement.value(at: 0) == .integer(0))
            #expect(statement.value(at: 1) == .real(44.4))
            #expect(statement.value(at: 2) == .real(33.3))
            #expect(statement.value(at: 3) == .integer(1))
            #expect(statement.value(at: 4) == .null)
            #expect(statement.value(at: 5) == .integer(0))
            #expect((6...9).map(statement.value(at:)) == [.real(12.5), .real(12.5), .real(-7.25), .real(-7.25)])
            #expect(statement.value(at: 10) == .null)
            #expect(statement.value(at: 11) == .null)
        }
    }
}
