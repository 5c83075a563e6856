import Foundation
import Testing
@testable import GeotagCore

/// A load into an empty database without the index of the mentions' key until it
/// needs it (``GeotagDatabase/beginBulkLoadIfEmpty()``).
@Suite struct BulkLoadTests {
    private func hasKeyIndex(_ db: GeotagDatabase) throws -> Bool {
        try db.connection.prepare("SELECT 1 FROM sqlite_master WHERE name = 'mentions_key'").step()
    }

    /// The mentions as (doc_id, start, end, place_id, run_id), in key order.
    private func mentions(_ db: GeotagDatabase) throws -> [String] {
        let statement = try db.connection.prepare(
            "SELECT doc_id, start, \"end\", place_id, run_id FROM mentions ORDER BY doc_id, start, \"end\"")
        var rows: [String] = []
        while try statement.step() {
            rows.append((0..<5).map { statement.text(at: $0) ?? "" }.joined(separator: " "))
        }
        return rows
    }

    /// Stores the same batches with and without a bulk load and returns both results.
    private func loadBothWays(_ batches: [[LoadItem]], duplicate: (String, String)? = nil) throws -> (bulk: [String], rowByRow: [String]) {
        try withTemporaryFolder { folder in
            var results: [[String]] = []
            for bulk in [true, false] {
                let db = try GeotagDatabase(path: folder + "/\(bulk).gpkg")
                if bulk { try db.beginRun(LoadFixtures.run("r1")) }
                #expect(try hasKeyIndex(db) == !bulk)
                for (k, batch) in batches.enumerated() {
                    try db.store(batch, runID: "r1", gazetteerVersion: "g")
                    if k == 0, let (copy, original) = duplicate { try db.markDuplicate(copy, of: original) }
                }
                try db.finishRun(LoadFixtures.run("r1", status: .done))
                #expect(try hasKeyIndex(db))
                results.append(try mentions(db))
                try db.close()
            }
            return (results[0], results[1])
        }
    }

    @Test func aNewDatabaseHasItsKeyAsAUniqueIndex() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            #expect(try hasKeyIndex(db))
            try LoadFixtures.storeSamples("d1", in: db, runID: "r1")
            #expect(throws: GeotagError.self) {
                try db.connection.execute("INSERT INTO mentions (doc_id, start, \"end\") SELECT doc_id, start, \"end\" FROM mentions LIMIT 1")
            }
        }
    }

    @Test func newArticlesAreStoredWithoutTheKeyIndex() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            try db.beginRun(LoadFixtures.run("r1"))
            try LoadFixtures.storeSamples("d1", "d2", in: db, runID: "r1")
            #expect(try !hasKeyIndex(db))
            #expect(try rowCount(db, "mentions") == 6)
            try db.finishRun(LoadFixtures.run("r1", status: .done))
            #expect(try hasKeyIndex(db))
        }
    }

    /// The key index built on every core before the exports is the one the end of the
    /// run would build, and the sorter keeps to one thread afterwards.
    @Test func theKeyIndexBuiltOnEveryCoreLeavesTheSorterOnOneThread() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            try db.beginRun(LoadFixtures.run("r1"))
            try LoadFixtures.storeSamples("d1", "d2", in: db, runID: "r1")
            try db.prepareForExport()
            #expect(try hasKeyIndex(db))
            #expect(try db.connection.pragma("threads") == .integer(0))
            try db.finishRun(LoadFixtures.run("r1", status: .done))
            #expect(try mentions(db).count == 6)
        }
    }

    /// A bulk load commits its batches through a rollback journal, durably, and is back
    /// in WAL for the exports; a run into a database that holds mentions keeps the WAL.
    @Test func aBulkLoadCommitsThroughARollbackJournal() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let c = db.connection
            try db.beginRun(LoadFixtures.run("r1"))
            #expect(try c.pragma("journal_mode") == .text("delete"))
            #expect(try c.pragma("synchronous") == .integer(2))
            try LoadFixtures.storeSamples("d1", "d2", in: db, runID: "r1")
            #expect(!FileManager.default.fileExists(atPath: db.path + "-wal"))
            try db.prepareForExport()
            #expect(try c.pragma("journal_mode") == .text("wal"))
            #expect(try c.pragma("synchronous") == .integer(1))
            try db.finishRun(LoadFixtures.run("r1", status: .done))

            try db.beginRun(LoadFixtures.run("r2"))
            #expect(try c.pragma("journal_mode") == .text("wal"))
            try LoadFixtures.storeSamples("d3", in: db, runID: "r2")
            try db.prepareForExport()
            #expect(try c.pragma("journal_mode") == .text("wal"))
            try db.finishRun(LoadFixtures.run("r2", status: .done))
            #expect(try mentions(db).count == 9)
            try db.close()
        }
    }

    /// While another connection has the file open, the journal cannot leave the WAL:
    /// the bulk load goes on in WAL, only slower.
    @Test func aBulkLoadBesideAnotherConnectionKeepsTheWAL() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let reader = try GeotagDatabase(readingFrom: db.path)
            #expect(try rowCount(reader, "runs") == 0)
            try db.beginRun(LoadFixtures.run("r1"))
            #expect(try db.connection.pragma("journal_mode") == .text("wal"))
            try LoadFixtures.storeSamples("d1", in: db, runID: "r1")
            try db.prepareForExport()
            try db.finishRun(LoadFixtures.run("r1", status: .done))
            #expect(try rowCount(reader, "mentions") == 3)
            try reader.close()
            #expect(try mentions(db).count == 3)
            try db.close()
        }
    }

    /// The end of a bulk load commits the run and the places before it creates the
    /// secondary indexes: a reader (the export) sees them meanwhile.
    @Test func readersSeeThePlacesBeforeTheIndexesAreDone() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            try db.beginRun(LoadFixtures.run("r1"))
            try LoadFixtures.storeSamples("d1", in: db, runID: "r1")
            var seen: (places: Int, status: String?, indexed: Bool)?
            try db.finishRun(LoadFixtures.run("r1", status: .done)) {
                seen = try? {
                    let reader = try GeotagDatabase(readingFrom: db.path)
                    defer { try? reader.close() }
                    let status = try reader.connection.prepare("SELECT status FROM runs WHERE run_id = 'r1'")
                    _ = try status.step()
                    return (try rowCount(reader, "places"), status.text(at: 0),
                            try reader.connection.prepare("SELECT 1 FROM sqlite_master WHERE name = 'mentions_place_id'").step())
                }()
            }
            #expect(seen?.places == 3)
            #expect(seen?.status == RunRecord.Status.done.rawValue)
            #expect(seen?.indexed == false)
            #expect(try db.connection.prepare("SELECT 1 FROM sqlite_master WHERE name = 'mentions_place_id'").step())
            #expect(try rowCount(db, "rtree_mentions_geom") == 3)
        }
    }

    @Test func anArticleThatComesAgainCreatesTheKeyIndexAndIsNotDoubled() throws {
        let (d1, m1) = LoadFixtures.sample("d1"), (d2, m2) = LoadFixtures.sample("d2")
        // Again in the same batch, and in a later one with a mention less.
        let (bulk, rowByRow) = try loadBothWays([
            [.article(d1, m1), .article(d2, m2), .article(d1, m1)],
            [.article(d2, Array(m2.dropFirst()))],
        ])
        #expect(bulk.count == 5)
        #expect(bulk == rowByRow)
    }

    @Test func aDuplicateFoundDuringABulkLoadLosesItsMentions() throws {
        let (d1, m1) = LoadFixtures.sample("d1"), (d2, m2) = LoadFixtures.sample("d2"), (d3, m3) = LoadFixtures.sample("d3")
        let (bulk, rowByRow) = try loadBothWays([[.article(d1, m1), .article(d2, m2)], [.article(d3, m3)]], duplicate: ("d1", "d2"))
        #expect(bulk.count == 6)
        #expect(!bulk.contains { $0.hasPrefix("d1 ") })
        #expect(bulk == rowByRow)
    }

    @Test func aDatabaseWithTheKeyAsAConstraintKeepsIt() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/geotag.gpkg"
            do {
                // The mentions table as versions before the key index made it.
                let db = try GeotagDatabase(path: path)
                let definition = try #require(try {
                    let statement = try db.connection.prepare("SELECT sql FROM sqlite_master WHERE name = 'mentions'")
                    return try statement.step() ? statement.text(at: 0) : nil
                }())
                let old = definition.replacingOccurrences(of: "\n)", with: ",\n  UNIQUE (\"doc_id\", \"start\", \"end\")\n)")
                #expect(old != definition)
                // Without its R-tree, which the next open makes again with its triggers.
                try db.connection.execute("DROP TABLE mentions; DROP TABLE rtree_mentions_geom; \(old)")
                try db.close()
            }
            let db = try GeotagDatabase(path: path)
            #expect(try !hasKeyIndex(db))
            #expect(try db.hasMentionKeyIndex())
            try db.beginRun(LoadFixtures.run("r1"))
            let (d1, m1) = LoadFixtures.sample("d1")
            try db.store([.article(d1, m1)], runID: "r1", gazetteerVersion: "g")
            try db.store([.article(d1, Array(m1.prefix(2)))], runID: "r1", gazetteerVersion: "g")
            try db.finishRun(LoadFixtures.run("r1", status: .done))
            #expect(try !hasKeyIndex(db))
            #expect(try rowCount(db, "mentions") == 2)
        }
    }
}
