import Foundation
import Testing
@testable import GeotagCore

/// The `fetches` table: what a run learnt of each URL comes back to the next run.
@Suite struct FetchRecordStoreTests {
    @Test func recordsAreUpsertedByURLAndReadBack() throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/geotag.gpkg"
        let first = FetchRecord(
            url: "https://example.org/a", source: "feed", finalURL: "https://example.org/a2", docID: "d1",
            validators: Validators(etag: "\"1\"", lastModified: "Mon, 01 Jan 2024 00:00:00 GMT"), bodySHA256: "aa",
            fetchedAt: Date(timeIntervalSince1970: 1_700_000_000), checkedAt: Date(timeIntervalSince1970: 1_700_000_000))
        var second = first
        second.checkedAt = Date(timeIntervalSince1970: 1_700_086_400)
        second.validators = Validators(etag: "\"2\"", lastModified: nil)
        let other = FetchRecord(
            url: "https://example.org/b", source: "list", finalURL: "https://example.org/b", docID: "d2", validators: nil,
            bodySHA256: "bb", fetchedAt: Date(timeIntervalSince1970: 1_700_000_000), checkedAt: Date(timeIntervalSince1970: 1_700_000_000))
        do {
            let db = try GeotagDatabase(path: path)
            try db.store([.fetched(first), .fetched(other)], runID: "run-1", gazetteerVersion: "g")
            try db.store([.fetched(second)], runID: "run-2", gazetteerVersion: "g")
            try db.close()
        }
        let records = try GeotagDatabase(path: path).fetchRecords()
        #expect(records == ["https://example.org/a": second, "https://example.org/b": other])
    }
}
