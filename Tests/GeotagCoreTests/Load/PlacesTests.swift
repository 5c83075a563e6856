import Foundation
import Testing
@testable import GeotagCore

/// The `places` layer: one row per place mentioned, refreshed at the end of each run.
@Suite struct PlacesTests {
    private func byName(_ db: GeotagDatabase, runID: String? = nil) throws -> [String: MentionedPlace] {
        Dictionary(uniqueKeysWithValues: try db.places(runID: runID).map { ($0.place.name, $0) })
    }

    @Test func countsTimesAndTheRunThatChangedThem() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let (d1, m1) = LoadFixtures.sample("d1")
            var (d2, m2) = LoadFixtures.sample("d2")
            d2.published = "2025-02-03T10:00:00+03:00"
            var undated = LoadFixtures.article("d3", title: nil)
            undated.published = nil
            var run1 = LoadFixtures.run("run-1")
            try db.beginRun(run1)
            try db.store([.article(d1, m1), .article(d2, m2)], runID: "run-1", gazetteerVersion: "g")
            try db.finishRun(run1)

            var places = try byName(db)
            #expect(places.count == 3)
            let baghdad = try #require(places["Baghdad"])
            #expect([baghdad.mentionCount, baghdad.articleCount] == [Int]([2, 2]))
            #expect(baghdad.firstSeen == "2025-01-31T08:15:00.000Z")
            #expect(baghdad.lastSeen == "2025-02-03T07:00:00.000Z")  // in UTC
            #expect(baghdad.runID == "run-1")
            #expect(baghdad.place.id == 98182)
            #expect([baghdad.place.latitude, baghdad.place.longitude] == [33.34058, 44.40088])
            #expect([baghdad.place.featureCode, baghdad.place.countryCode, baghdad.place.admin1Name] == ["PPLC", "IQ", "Baghdad"])
            #expect(try db.places().map(\.place.name) == ["Baghdad", "Diyala", "Madrid"])  // by count, then place_id

            // Run 2: d2 now mentions Baghdad only; an undated article mentions Baghdad.
            var run2 = LoadFixtures.run("run-2")
            run2.startedAt = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01
            try db.beginRun(run2)
            try db.store([.article(d2, [m2[1]]), .article(undated, [LoadFixtures.mention("d3", "Baghdad", at: 18, LoadFixtures.baghdad)])],
                         runID: "run-2", gazetteerVersion: "g")
            try db.finishRun(run2)
            places = try byName(db)
            #expect(places["Baghdad"]?.mentionCount == 3)
            #expect(places["Baghdad"]?.lastSeen == "2026-01-01T00:00:00.000Z")  // the undated article: its run's start
            #expect(places["Madrid"]?.mentionCount == 1)
            #expect(Set(try byName(db, runID: "run-2").keys) == ["Baghdad", "Diyala", "Madrid"])

            // Run 3 changes nothing: no place takes its id. (And a statement still
            // reading the database does not stand in the way.)
            let reading = try db.connection.prepare("SELECT fid FROM mentions")
            #expect(try reading.step())
            run1.runID = "run-3"
            try db.finishRun(run1)
            try reading.reset()
            #expect(try db.places(runID: "run-3").isEmpty)

            // Madrid is no longer mentioned anywhere: its place goes.
            try db.store([.article(d1, Array(m1.dropFirst())), .article(d2, [])], runID: "run-4", gazetteerVersion: "g")
            try db.finishRun(LoadFixtures.run("run-4"))
            places = try byName(db)
            #expect(places["Madrid"] == nil)
            #expect(places["Diyala"]?.mentionCount == 1)
            #expect(try rowCount(db, "places") == 2)
            #expect(try rowCount(db, "rtree_places_geom") == 2)
        }
    }

    /// The `places` rows, every column, by `place_id`.
    private func placeRows(_ db: GeotagDatabase) throws -> [[SQLite.Value]] {
        let statement = try db.connection.prepare("SELECT * FROM places ORDER BY place_id")
        var rows: [[SQLite.Value]] = []
        while try statement.step() { rows.append((0..<statement.columnCount).map { statement.value(at: $0) }) }
        return rows
    }

    @Test func talliesInArticleOrderGiveWhatSQLGives() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let places = [LoadFixtures.baghdad, LoadFixtures.diyala, LoadFixtures.madrid, LoadFixtures.added]
            var generator = SplitMix64(seed: 20)
            // Three runs over 60 articles: dated in several zones, undated, or dated
            // unreadably; some stored again with other mentions, some with none.
            for (r, start) in [1_700_000_000.0, 1_750_000_000, 1_760_000_000].enumerated() {
                var run = LoadFixtures.run("run-\(r)")
                run.startedAt = Date(timeIntervalSince1970: start)
                try db.beginRun(run)
                var items: [LoadItem] = []
                for a in 0..<60 where (a + r) % 3 != 0 {
                    var article = LoadFixtures.article("doc-\(a % 7)-\(a)")
                    article.published = [nil, "2025-0\(a % 9 + 1)-1\(r)T08:15:00+0\(a % 5):00", "yesterday", "2024-12-31T23:59:59Z"][(a + r) % 4]
                    let mentions = (0..<Int.random(in: 0...6, using: &generator)).map { m in
                        LoadFixtures.mention(article.docID, "Name", at: m * 10, places[Int.random(in: 0..<places.count, using: &generator)])
                    }
                    items.append(.article(article, mentions))
                }
                try db.store(items, runID: run.runID, gazetteerVersion: "g")
                try db.finishRun(run)
                // The other way of counting finds nothing to change.
                #expect(try db.refreshPlaces(runID: "check-\(r)", countingInSQL: true) == 0)
            }
            // Mentions of no stored article, and without an article at all.
            try db.connection.execute("""
                INSERT INTO mentions (doc_id, place_id, place_name, start, "end") VALUES
                  ('doc-gone', 98182, 'Baghdad', 1, 2), (NULL, 98229, 'Diyala', 3, 4), (NULL, 98229, 'Diyala', 5, 6);
                """)
            #expect(try db.refreshPlaces(runID: "tallied") > 0)
            let tallied = try placeRows(db)
            #expect(try db.refreshPlaces(runID: "in-sql", countingInSQL: true) == 0)
            #expect(try placeRows(db) == tallied)
            // Mentions without a doc_id count, but no article.
            let diyala = try #require(try PlaceTallies.count(on: db.connection)?.byPlace[98229])
            let sql = try db.connection.prepare("SELECT count(*), count(DISTINCT doc_id) FROM mentions WHERE place_id = 98229")
            #expect(try sql.step())
            #expect([diyala.mentions, diyala.articles] == [Int]([sql.int(at: 0), sql.int(at: 1)]))
        }
    }

    /// The first refresh of a new database builds the places' R-tree from the rows:
    /// the boxes are those the insert trigger gives, and later changes go through it.
    @Test func theFirstPlacesGetTheRTreeTheTriggerWouldGive() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            try LoadFixtures.storeSamples("d1", in: db, runID: "run-1")
            #expect(try db.refreshPlaces(runID: "run-1") == 3)
            try db.connection.execute("""
                CREATE VIRTUAL TABLE temp.check_rtree USING rtree(id, minx, maxx, miny, maxy);
                INSERT INTO temp.check_rtree SELECT fid, ST_MinX(geom), ST_MaxX(geom), ST_MinY(geom), ST_MaxY(geom) FROM places;
                """)
            let differences = try db.connection.prepare("""
                SELECT (SELECT count(*) FROM (SELECT * FROM rtree_places_geom EXCEPT SELECT * FROM temp.check_rtree))
                     + (SELECT count(*) FROM (SELECT * FROM temp.check_rtree EXCEPT SELECT * FROM rtree_places_geom))
                """)
            #expect(try differences.step())
            #expect(differences.int(at: 0) == 0)
            #expect(try rowCount(db, "rtree_places_geom") == 3)
            // The trigger is back: a place added later is indexed by it.
            let (d2, _) = LoadFixtures.sample("d2")
            try db.store([.article(d2, [LoadFixtures.mention("d2", "Name", at: 5, LoadFixtures.added)])], runID: "run-2", gazetteerVersion: "g")
            #expect(try db.refreshPlaces(runID: "run-2") == 1)
            #expect(try rowCount(db, "rtree_places_geom") == 4)
        }
    }

    @Test func anArticleApartInTheTableIsCountedOnce() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            try LoadFixtures.storeSamples("d1", "d2", in: db, runID: "run-1")
            let together = try #require(try PlaceTallies.count(on: db.connection))
            #expect(try PlaceTallies.count(on: db.connection, order: .key) == together)
            // A mention of d1 after those of d2: in the table's order d1 comes twice.
            try db.connection.execute("""
                INSERT INTO mentions (doc_id, place_id, place_name, start, "end") VALUES ('d1', 98229, 'Diyala', 900, 906)
                """)
            let apart = try #require(try PlaceTallies.count(on: db.connection))
            #expect(try PlaceTallies.count(on: db.connection, order: .key) == apart)
            let sql = try db.connection.prepare("SELECT count(*), count(DISTINCT doc_id) FROM mentions WHERE place_id = 98229")
            #expect(try sql.step())
            let diyala = try #require(apart.byPlace[98229])
            #expect([diyala.mentions, diyala.articles] == [Int]([sql.int(at: 0), sql.int(at: 1)]))
            #expect(diyala.mentions == (together.byPlace[98229]?.mentions ?? 0) + 1)
            #expect(try db.refreshPlaces(runID: "tallied") > 0)
            #expect(try db.refreshPlaces(runID: "in-sql", countingInSQL: true) == 0)
        }
    }

    @Test func aPlaceIDOfAnotherTypeIsCountedInSQL() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            try LoadFixtures.storeSamples("d1", in: db, runID: "run-1")
            #expect(try PlaceTallies.count(on: db.connection) != nil)
            try db.connection.execute("INSERT INTO mentions (doc_id, place_id, start, \"end\") VALUES ('d1', 'by hand', 1, 2)")
            #expect(try PlaceTallies.count(on: db.connection) == nil)
            #expect(try db.refreshPlaces(runID: "run-2") > 0)
            #expect(try rowCount(db, "places") == 4)
        }
    }
}

