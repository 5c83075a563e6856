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
}
