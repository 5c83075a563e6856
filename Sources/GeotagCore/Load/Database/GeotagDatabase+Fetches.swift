import Foundation

/// The `fetches` table: what earlier runs fetched, for incremental runs.
extension GeotagDatabase {
    /// Every URL's record, by canonical URL: what the fetcher compares against to ask
    /// only for what changed.
    public func fetchRecords() throws -> [String: FetchRecord] {
        let names = GeoPackageSchema.fetchColumns.map { SQLite.quote($0.name) }.joined(separator: ", ")
        let statement = try connection.prepare("SELECT \(names) FROM fetches")
        var records: [String: FetchRecord] = [:]
        while try statement.step() {
            guard let url = statement.text(at: 0), let finalURL = statement.text(at: 2), let hash = statement.text(at: 6),
                  let fetchedAt = statement.text(at: 7).flatMap(Timestamp.date),
                  let checkedAt = statement.text(at: 8).flatMap(Timestamp.date)
            else { throw GeotagError.io(path: path, reason: "unreadable row in fetches (\(statement.text(at: 0) ?? "?")); was the database edited by hand?") }
            let etag = statement.text(at: 4), lastModified = statement.text(at: 5)
            records[url] = FetchRecord(
                url: url, source: statement.text(at: 1) ?? "", finalURL: finalURL, docID: statement.text(at: 3),
                validators: etag == nil && lastModified == nil ? nil : Validators(etag: etag, lastModified: lastModified),
                bodySHA256: hash, fetchedAt: fetchedAt, checkedAt: checkedAt)
        }
        return records
    }

    /// Inserts or replaces the record of `fetch.url`.
    func record(_ fetch: FetchRecord) throws {
        let upsert = try connection.cachedStatement(SQLText.upsert(into: "fetches", columns: GeoPackageSchema.fetchColumns, key: "url"))
        try upsert.bind([
            .text(fetch.url), .text(fetch.source), .text(fetch.finalURL), .init(fetch.docID),
            .init(fetch.validators?.etag), .init(fetch.validators?.lastModified), .text(fetch.bodySHA256),
            .text(Timestamp.string(fetch.fetchedAt)), .text(Timestamp.string(fetch.checkedAt)),
        ])
        try upsert.run()
    }
}
