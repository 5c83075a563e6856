import Foundation
import Testing
@testable import GeotagCore

@Suite struct GeotagDatabaseTests {
    @Test func newDatabaseIsAGeoPackage() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/sub/geotag.gpkg"
            let db = try GeotagDatabase(path: path)
            do {  // statements released before close
                let c = db.connection
                #expect(try c.pragma("application_id") == .integer(0x4750_4B47))
                #expect(try c.pragma("user_version") == .integer(10300))
                #expect(try c.pragma("journal_mode") == .text("wal"))
                #expect(try c.pragma("page_size") == .integer(16384))

                let srs = try c.prepare("SELECT srs_id, organization, organization_coordsys_id FROM gpkg_spatial_ref_sys ORDER BY srs_id")
                var rows: [String] = []
                while try srs.step() { rows.append("\(srs.int(at: 0)) \(srs.text(at: 1)!) \(srs.int(at: 2))") }
                #expect(rows == ["-1 NONE -1", "0 NONE 0", "4326 EPSG 4326"])

                let contents = try c.prepare("SELECT table_name, data_type, srs_id FROM gpkg_contents ORDER BY table_name")
                var tables: [String] = []
                while try contents.step() { tables.append("\(contents.text(at: 0)!) \(contents.text(at: 1)!) \(contents.text(at: 2) ?? "-")") }
                #expect(tables == ["articles attributes -", "failures attributes -", "fetches attributes -",
                                   "mentions features 4326", "places features 4326", "runs attributes -"])

                let geometry = try c.prepare("SELECT table_name, column_name, geometry_type_name, srs_id, z, m FROM gpkg_geometry_columns ORDER BY table_name")
                for table in ["mentions", "places"] {
                    #expect(try geometry.step())
                    #expect([geometry.text(at: 0), geometry.text(at: 1), geometry.text(at: 2)] == [table, "geom", "POINT"])
                    #expect([geometry.int(at: 3), geometry.int(at: 4), geometry.int(at: 5)] == [Int]([4326, 0, 0]))
                }

                let extensions = try c.prepare("SELECT table_name, column_name, extension_name, scope FROM gpkg_extensions ORDER BY table_name")
                var registered: [String] = []
                while try extensions.step() { registered.append((0..<4).map { extensions.text(at: $0) ?? "-" }.joined(separator: " ")) }
                #expect(registered == ["mentions geom gpkg_rtree_index write-only", "places geom gpkg_rtree_index write-only"])
                let triggers = try c.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'mentions' ORDER BY name")
                var names: [String] = []
                while try triggers.step() { names.append(triggers.text(at: 0)!) }
                #expect(names == ["delete", "insert", "update1", "update2", "update3", "update4"].map { "rtree_mentions_geom_\($0)" })

                let info = try c.prepare("SELECT name, type FROM pragma_table_info('mentions') ORDER BY cid")
                var columns: [String] = []
                while try info.step() { columns.append("\(info.text(at: 0)!) \(info.text(at: 1)!)") }
                let expected = ["fid INTEGER", "geom POINT"] + MentionRecord.fields.map { field in
                    switch field.type {
                    case .text: "\(field.name) TEXT"
                    case .integer: "\(field.name) INTEGER"
                    case .real: "\(field.name) REAL"
                    case .datetime: "\(field.name) DATETIME"
                    }
                }
                #expect(columns == expected)
                #expect(try c.pragma("integrity_check") == .text("ok"))
                #expect(try c.pragma("foreign_key_check") == nil)
            }
            try db.close()
            let reader = try SQLite.Connection(path: path, flags: .reader)
            #expect(try reader.pragma("journal_mode") == .text("delete"))
            #expect(!FileManager.default.fileExists(atPath: path + "-wal"))
        }
    }

    /// Statements over whole tables (the refresh of `places`, the exports) sort and
    /// materialise in files, whatever the loader's batches switched on for themselves.
    @Test func temporaryStorageIsInFilesOutsideTheLoadersBatches() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let file = SQLite.Value.integer(1)
            #expect(try db.connection.pragma("temp_store") == file)
            let (article, mentions) = LoadFixtures.sample("d1")
            try db.store([.article(article, mentions)], runID: "run-1", gazetteerVersion: "gaz-1")
            #expect(try db.connection.pragma("temp_store") == file)
            var run = RunRecord(runID: "run-1", startedAt: Date(), version: "test", gazetteerVersion: "gaz-1", configHash: "")
            run.endedAt = Date()
            try db.finishRun(run)
            #expect(try db.connection.pragma("temp_store") == file)
            // Stored again after the refresh made its temporary table: still stored.
            try db.store([.article(article, [])], runID: "run-2", gazetteerVersion: "gaz-1")
            #expect(try rowCount(db, "mentions") == 0)
            #expect(try db.connection.pragma("temp_store") == file)
            try db.close()
        }
    }

    @Test func storedMentionsComeBackEqualInDocAndStartOrder() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let (a, am) = LoadFixtures.sample("doc-b")
            let (b, bm) = LoadFixtures.sample("doc-a")
            var c = LoadFixtures.article("doc-c", title: nil)
            c.author = "Reporter"
            let cm = [LoadFixtures.mention("doc-c", "Camp", at: 0, LoadFixtures.added)]
            let result = try db.store([.article(a, am), .article(b, bm), .article(c, cm)], runID: "run-1", gazetteerVersion: "gaz-1")
            #expect(result.articles == 3)
            #expect(result.mentions == 7)
            #expect(result.addedMentions == 7)
            #expect(result.removedMentions == 0)

            let expected = [(b, bm), (a, am), (c, cm)].flatMap { article, mentions in
                mentions.sorted { $0.start < $1.start }.map { LoadFixtures.record($0, in: article) }
            }
            #expect(try allMentions(db) == expected)

            let blob = try db.connection.prepare("SELECT geom FROM mentions WHERE \"doc_id\" = 'doc-c'")
            try blob.step()
            #expect(GeoPackagePoint(blob: blob.blob(at: 0)!) == GeoPackagePoint(x: -3.7, y: -12.5))
        }
    }

    @Test func storingAgainReplacesInsteadOfDuplicating() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let (article, mentions) = LoadFixtures.sample("d1")
            try db.store([.article(article, mentions)], runID: "run-1", gazetteerVersion: "gaz-1")
            let fids = try mentionFIDs(db)
            let again = try db.store([.article(article, mentions)], runID: "run-2", gazetteerVersion: "gaz-1")
            #expect(again.mentions == 3)
            #expect([again.addedMentions, again.changedMentions, again.removedMentions] == [Int]([0, 0, 0]))
            #expect(try rowCount(db, "mentions") == 3)
            #expect(try rowCount(db, "articles") == 1)
            // Unchanged rows keep their fid and the run that wrote them.
            #expect(try mentionFIDs(db) == fids)
            #expect(Set(try allMentions(db).map(\.runID)) == ["run-1"])

            // Reprocessed with another gazetteer: Baghdad again (so changed), a new span,
            // Madrid and Diyala gone.
            let changed = [LoadFixtures.mention("d1", "Baghdad", at: 18, LoadFixtures.baghdad),
                           LoadFixtures.mention("d1", "Troops", at: 0, LoadFixtures.diyala)]
            let result = try db.store([.article(article, changed)], runID: "run-3", gazetteerVersion: "gaz-2")
            #expect([result.mentions, result.addedMentions, result.changedMentions, result.removedMentions] == [Int]([2, 1, 1, 2]))
            let records = try allMentions(db)
            #expect(records.map(\.mention) == ["Troops", "Baghdad"])
            #expect(Set(records.map(\.runID)) == ["run-3"])
            #expect(Set(records.map(\.gazetteerVersion)) == ["gaz-2"])
            #expect(try rowCount(db, "articles") == 1)
            #expect(try mentionFIDs(db)["Baghdad"] == fids["Baghdad"])

            let row = try db.connection.prepare("SELECT first_run_id, last_run_id, mention_count, gazetteer_version FROM articles")
            try row.step()
            #expect([row.text(at: 0), row.text(at: 1)] == ["run-1", "run-3"])
            #expect(row.int(at: 2) == 2)
            let fingerprints = try db.articleFingerprints(gazetteerVersion: "gaz-2")
            #expect(fingerprints.count == 1)
            #expect(fingerprints.contains(docID: "d1", contentHash: article.contentHash))
            #expect(!fingerprints.contains(docID: "d1", contentHash: String(repeating: "0", count: 64)))
            #expect(!fingerprints.contains(docID: "d2", contentHash: article.contentHash))
            #expect(try db.articleFingerprints(gazetteerVersion: "gaz-1").count == 0)
        }
    }

    @Test func spatialIndexHoldsEveryMentionAfterEachBatch() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            // The R-tree as a reader sees it: each mention's id and box, and the box of
            // its point, which must agree.
            func indexed() throws -> [Int: [Double]] {
                let rows = try db.connection.prepare("SELECT id, minx, maxx, miny, maxy FROM rtree_mentions_geom")
                var boxes: [Int: [Double]] = [:]
                while try rows.step() { boxes[rows.int(at: 0)] = (1...4).map { rows.double(at: $0) } }
                return boxes
            }
            func expected() throws -> [Int: [Double]] {
                var boxes: [Int: [Double]] = [:]
                try db.forEach(MentionRecord.self, in: "mentions") { fid, record in
                    boxes[fid] = [record.longitude, record.longitude, record.latitude, record.latitude].map { Double(Float($0)) }
                }
                return boxes
            }
            let (a, am) = LoadFixtures.sample("d1"), (b, bm) = LoadFixtures.sample("d2")
            try db.store([.article(a, am), .article(b, bm)], runID: "run-1", gazetteerVersion: "gaz-1")
            #expect(try indexed().count == 6)
            #expect(try indexed().keys.sorted() == expected().keys.sorted())
            // A moved point, a new mention and two removed ones in the next batch.
            var moved = LoadFixtures.madrid
            moved.latitude = 41.0
            let changed = [LoadFixtures.mention("d1", "Madrid", at: 40, moved), LoadFixtures.mention("d1", "Troops", at: 0, LoadFixtures.added)]
            try db.store([.article(a, changed)], runID: "run-2", gazetteerVersion: "gaz-1")
            let boxes = try indexed()
            #expect(boxes.count == 5)
            for (fid, box) in try expected() {
                let stored = try #require(boxes[fid])
                // R-tree boxes are 32-bit floats rounded outwards.
                #expect(zip(stored, box).allSatisfy { abs($0 - $1) < 1e-4 }, "fid \(fid)")
            }
            // The per-row trigger is back for every other writer (GDAL, QGIS).
            let trigger = try db.connection.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = 'rtree_mentions_geom_insert'")
            try trigger.step()
            #expect(trigger.int(at: 0) == 1)
        }
    }

    /// The `fid` of each stored mention, by its text.
    private func mentionFIDs(_ db: GeotagDatabase) throws -> [String: Int] {
        var fids: [String: Int] = [:]
        try db.forEach(MentionRecord.self, in: "mentions") { fids[$1.mention] = $0 }
        return fids
    }

    @Test func aRepeatedSpanIsStoredOnce() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let article = LoadFixtures.article("d1")
            let twice = [LoadFixtures.mention("d1", "Baghdad", at: 18, LoadFixtures.baghdad),
                         LoadFixtures.mention("d1", "Baghdad", at: 18, LoadFixtures.madrid)]
            let result = try db.store([.article(article, twice)], runID: "r", gazetteerVersion: "g")
            #expect(result.mentions == 1)
            #expect(result.duplicateMentions == 1)
            #expect(try allMentions(db).map(\.placeID) == [LoadFixtures.baghdad.id])
        }
    }

    @Test func failuresAndRunsAreRecorded() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            var run = LoadFixtures.run("run-1")
            try db.beginRun(run)
            #expect(try db.runs() == [run])
            let started = try db.connection.prepare("SELECT started_at, ended_at, status FROM runs")
            try started.step()
            #expect(started.text(at: 0) == "2025-01-31T08:15:00.125Z")  // GeoPackage DATETIME form
            #expect(started.isNull(at: 1))
            #expect(started.text(at: 2) == "running")

            let at = Date(timeIntervalSince1970: 1_738_311_400.5)
            let failures = [
                Failure(source: "feed", location: "https://example.org/a", stage: .fetch, reason: "HTTP 404", at: at),
                Failure(source: "seeds", location: "seeds/x.jsonl#L3", docID: "dx", stage: .normalize, reason: "no text, \"empty\"", at: at),
            ]
            let (article, mentions) = LoadFixtures.sample("d1")
            let result = try db.store(failures.map(LoadItem.failure) + [.article(article, mentions)], runID: "run-1", gazetteerVersion: "gaz-1")
            #expect(result.failures == 2)
            #expect(try db.failures() == failures)
            #expect(try db.failures(runID: "run-1") == failures)
            #expect(try db.failures(runID: "other").isEmpty)

            run.endedAt = Date(timeIntervalSince1970: 1_738_311_500)
            run.counts = RunRecord.Counts(documents: 3, loaded: 1, unchanged: 0, failed: 2, mentions: 3)
            run.status = .doneWithFailures
            try db.finishRun(run)
            #expect(try db.runs() == [run])

            let extent = try db.connection.prepare("SELECT min_x, min_y, max_x, max_y FROM gpkg_contents WHERE table_name = 'mentions'")
            try extent.step()
            #expect((0..<4).map(extent.double(at:)) == [-3.70256, 33.34058, 45.0, 40.4165])
        }
    }

    @Test func reopeningKeepsDataAndAppliesTheSchemaIdempotently() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/geotag.gpkg"
            let (article, mentions) = LoadFixtures.sample("d1")
            do {
                let db = try GeotagDatabase(path: path)
                try db.store([.article(article, mentions)], runID: "run-1", gazetteerVersion: "gaz-1")
                try db.close()
            }
            let db = try GeotagDatabase(path: path)
            #expect(try rowCount(db, "mentions") == 3)
            #expect(try rowCount(db, "gpkg_spatial_ref_sys") == 3)
            #expect(try rowCount(db, "gpkg_contents") == 6)
            #expect(try rowCount(db, "gpkg_geometry_columns") == 2)
            #expect(try rowCount(db, "gpkg_extensions") == 2)
            #expect(try rowCount(db, "rtree_mentions_geom") == 3)
        }
    }

    @Test func refusesFilesThatAreNotItsOwn() throws {
        try withTemporaryFolder { folder in
            let other = try LoadFixtures.foreignDatabase(in: folder)
            #expect(throws: GeotagError.self) { _ = try GeotagDatabase(path: other) }

            let garbage = folder + "/garbage.gpkg"
            try Data(repeating: 0x41, count: 4096).write(to: URL(fileURLWithPath: garbage))
            do {
                _ = try GeotagDatabase(path: garbage)
                Issue.record("opening a non-database should fail")
            } catch let error as GeotagError {
                #expect(error.exitCode == 4)
                #expect(error.description.contains("not a database"))
            }
        }
    }

    @Test func aFailedBatchLeavesNothingBehind() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            try db.connection.execute("CREATE TRIGGER no_failures BEFORE INSERT ON failures BEGIN SELECT RAISE(ABORT, 'disk on fire'); END")
            let (article, mentions) = LoadFixtures.sample("d1")
            let failure = Failure(source: "s", location: "l", stage: .extract, reason: "r")
            #expect(throws: GeotagError.self) {
                try db.store([.article(article, mentions), .failure(failure)], runID: "r", gazetteerVersion: "g")
            }
            #expect(try rowCount(db, "mentions") == 0)
            #expect(try rowCount(db, "articles") == 0)
            #expect(db.connection.isAutocommit)
        }
    }
}
