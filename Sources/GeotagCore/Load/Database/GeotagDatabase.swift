import Foundation

/// The geotag database: an SQLite file that is also an OGC GeoPackage, and the truth
/// the CSV and GeoJSON files are exported from.
///
/// Opening it creates the file and its schema when needed (idempotently), checks that
/// an existing file is a GeoPackage, and switches the journal to WAL for the run;
/// ``close()`` checkpoints and switches back to a rollback journal so the file is
/// again one self-contained file, as GeoPackage readers expect.
///
/// Like its ``SQLite/Connection`` it belongs to one thread: the pipeline's single
/// writer opens it, stores batches, finishes the run and exports from it. It is not
/// `Sendable`.
///
/// Durability: `synchronous = NORMAL` in WAL mode keeps the file consistent through a
/// crash or power loss; a power loss may undo the last committed batches, which the
/// next run simply loads again (their articles are not in ``articleFingerprints()``).
public final class GeotagDatabase {
    /// The database file.
    public let path: String
    /// The connection, for tests and later additions in this module.
    let connection: SQLite.Connection

    /// Opens the database at `path`, creating the file (and its folder) and the schema
    /// when they are missing.
    ///
    /// - Throws: ``GeotagError/io(path:reason:)`` when the file cannot be opened or
    ///   written, is not an SQLite database, or is an SQLite database of something
    ///   other than a GeoPackage.
    public init(path: String) throws {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw GeotagError.io(path: folder, reason: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        connection = try SQLite.Connection(path: path, flags: .writer)
        try connection.pragma("journal_mode", "WAL")
        try connection.pragma("synchronous", "NORMAL")
        try connection.pragma("foreign_keys", "ON")
        try connection.transaction {
            try checkApplicationID()
            try connection.execute(GeoPackageSchema.sql)
            try addMissingArticleColumns()
            try connection.pragma("application_id", String(GeoPackageSchema.applicationID))
            try connection.pragma("user_version", String(GeoPackageSchema.userVersion))
        }
    }

    /// Adds the `articles` columns that a database made by an earlier version lacks
    /// (all of them nullable), and the index the duplicate links are followed by.
    private func addMissingArticleColumns() throws {
        let info = try connection.prepare("SELECT name FROM pragma_table_info('articles')")
        var present = Set<String>()
        while try info.step() { if let name = info.text(at: 0) { present.insert(name) } }
        for column in GeoPackageSchema.articleColumns where !present.contains(column.name) {
            try connection.execute("ALTER TABLE articles ADD COLUMN \(SQLite.quote(column.name)) \(column.declaration)")
        }
        try connection.execute("CREATE INDEX IF NOT EXISTS articles_duplicate_of ON articles (duplicate_of)")
    }

    /// A database released without ``close()`` (a run ending on an error) is
    /// closed the same way, errors aside.
    deinit {
        try? close()
    }

    /// Refuses a database that already belongs to another application.
    private func checkApplicationID() throws {
        let id = try connection.pragma("application_id")
        if id == .integer(GeoPackageSchema.applicationID) { return }
        let tables = try connection.prepare("SELECT count(*) FROM sqlite_master")
        try tables.step()
        if id != .integer(0) || tables.int(at: 0) > 0 {
            throw GeotagError.io(path: path, reason: "not a GeoPackage (application_id \(id.map { "\($0)" } ?? "none")); refusing to write into it")
        }
    }

    /// Checkpoints the WAL into the file, returns to a rollback journal and closes the
    /// connection, even when the checkpoint fails (its error is thrown after; the
    /// committed data is safe in the WAL either way). Calling it again does nothing.
    public func close() throws {
        guard connection.isOpen else { return }
        var checkpointError: (any Error)?
        do {
            try connection.pragma("wal_checkpoint", "TRUNCATE")
            // Stays WAL, harmlessly, when another connection still has the file open.
            _ = try? connection.pragma("journal_mode", "DELETE")
        } catch {
            checkpointError = error
        }
        try connection.close()
        if let checkpointError { throw checkpointError }
    }

    // MARK: Runs

    /// Records the start of a run (or updates the row of a run with the same id).
    public func beginRun(_ run: RunRecord) throws {
        try connection.transaction { try upsert(run) }
    }

    /// Records the end of a run, its counts and status, and refreshes the extent of
    /// the `mentions` layer in `gpkg_contents`.
    public func finishRun(_ run: RunRecord) throws {
        try connection.transaction {
            try upsert(run)
            let q = SQLite.quote
            let (lat, lon) = (q("lat"), q("lon"))
            try connection.prepare("""
                UPDATE gpkg_contents SET
                  min_x = (SELECT min(\(lon)) FROM mentions), max_x = (SELECT max(\(lon)) FROM mentions),
                  min_y = (SELECT min(\(lat)) FROM mentions), max_y = (SELECT max(\(lat)) FROM mentions)
                WHERE table_name = '\(GeoPackageSchema.mentionsTable)'
                """).run()
        }
    }

    private func upsert(_ run: RunRecord) throws {
        let statement = try connection.cachedStatement(
            SQLText.upsert(into: "runs", columns: GeoPackageSchema.runColumns, key: "run_id"))
        try statement.bind(Self.values(of: run))
        try statement.run()
        try touch("runs", at: Date())
    }

    static func values(of run: RunRecord) -> [SQLite.Value] {
        [
            .text(run.runID), .text(Timestamp.string(run.startedAt)), run.endedAt.map { .text(Timestamp.string($0)) } ?? .null,
            .text(run.version), .text(run.gazetteerVersion), .text(run.configHash),
            .integer(run.counts.documents), .integer(run.counts.loaded), .integer(run.counts.unchanged),
            .integer(run.counts.failed), .integer(run.counts.mentions), .text(run.status.rawValue),
        ]
    }

    /// Every run recorded, oldest first.
    public func runs() throws -> [RunRecord] {
        let names = GeoPackageSchema.runColumns.map { SQLite.quote($0.name) }.joined(separator: ", ")
        let statement = try connection.prepare("SELECT \(names) FROM runs ORDER BY id")
        var runs: [RunRecord] = []
        while try statement.step() {
            guard let started = statement.text(at: 1).flatMap(Timestamp.date),
                  let status = statement.text(at: 11).flatMap(RunRecord.Status.init(rawValue:))
            else { throw corrupt("runs", statement.text(at: 0) ?? "?") }
            let counts = RunRecord.Counts(
                documents: statement.int(at: 6), loaded: statement.int(at: 7), unchanged: statement.int(at: 8),
                failed: statement.int(at: 9), mentions: statement.int(at: 10))
            runs.append(RunRecord(
                runID: statement.text(at: 0) ?? "", startedAt: started, endedAt: statement.text(at: 2).flatMap(Timestamp.date),
                version: statement.text(at: 3) ?? "", gazetteerVersion: statement.text(at: 4) ?? "",
                configHash: statement.text(at: 5) ?? "", counts: counts, status: status))
        }
        return runs
    }

    // MARK: Loading

    /// Stores one batch in one transaction: each article is upserted and its mentions
    /// replace the ones it had (deleted by `doc_id`, then inserted), so loading the
    /// same article again never duplicates rows; each failure becomes a `failures`
    /// row, and each fetch record the `fetches` row of its URL. Mentions are stored
    /// under their article's `doc_id` and stamped with `runID` and `gazetteerVersion`.
    ///
    /// Either the whole batch is stored or, on error, none of it.
    @discardableResult
    public func store(_ items: [LoadItem], runID: String, gazetteerVersion: String) throws -> StoreResult {
        try connection.transaction {
            var result = StoreResult()
            let now = Date()
            for item in items {
                switch item {
                case let .article(article, mentions):
                    try store(article, mentions, runID: runID, gazetteerVersion: gazetteerVersion, into: &result)
                case let .failure(failure):
                    try record(failure, runID: runID)
                    result.failures += 1
                case let .fetched(fetch):
                    try record(fetch)
                }
            }
            if result.articles > 0 {
                try touch(GeoPackageSchema.mentionsTable, at: now)
                try touch("articles", at: now)
            }
            if result.failures > 0 { try touch("failures", at: now) }
            return result
        }
    }

    private func store(
        _ article: Article, _ mentions: [Mention], runID: String, gazetteerVersion: String, into result: inout StoreResult
    ) throws {
        let delete = try connection.cachedStatement("DELETE FROM mentions WHERE \(SQLite.quote("doc_id")) = ?")
        try delete.bind(article.docID, at: 1)
        result.replacedMentions += try delete.run()

        let insert = try connection.cachedStatement(Self.insertMentionSQL)
        var inserted = 0
        for mention in mentions {
            var record = MentionRecord(mention: mention, article: article, runID: runID, gazetteerVersion: gazetteerVersion)
            record.docID = article.docID
            try insert.bind(blob: GeoPackagePoint(x: record.longitude, y: record.latitude).blob, at: 1)
            try insert.bind(record.values.map(SQLite.Value.init), from: 2)
            inserted += try insert.run()
        }
        result.mentions += inserted
        result.duplicateMentions += mentions.count - inserted

        let upsert = try connection.cachedStatement(
            SQLText.upsert(into: "articles", columns: GeoPackageSchema.articleColumns, key: "doc_id", keeping: ["first_run_id"]))
        try upsert.bind([
            .text(article.docID), .text(article.url), .text(article.source), .init(article.title),
            .init(article.published), .init(article.author), .init(article.site), .init(article.language),
            .text(article.text), .text(article.contentHash), .text(gazetteerVersion), .integer(inserted),
            .text(runID), .text(runID), .init(article.duplicateOf), article.signature.map { .blob($0.bytes) } ?? .null,
        ])
        try upsert.run()
        result.articles += 1
    }

    /// Inserts a mention: `geom`, then the fields; a second mention with the same
    /// `(doc_id, start, end)` is ignored.
    private static let insertMentionSQL: String = {
        let names = [GeoPackageSchema.geometryColumn] + MentionRecord.fields.map(\.name)
        return SQLText.insert(into: GeoPackageSchema.mentionsTable, columns: names) + " ON CONFLICT DO NOTHING"
    }()

    private func record(_ failure: Failure, runID: String) throws {
        let insert = try connection.cachedStatement(
            SQLText.insert(into: "failures", columns: GeoPackageSchema.failureColumns.map(\.name)))
        try insert.bind([
            .text(runID), .text(failure.source), .text(failure.location), .init(failure.docID),
            .text(failure.stage.rawValue), .text(failure.reason), .text(Timestamp.string(failure.at)),
        ])
        try insert.run()
    }

    /// Sets `gpkg_contents.last_change` of `table`, as GeoPackage asks of every change.
    private func touch(_ table: String, at date: Date) throws {
        let update = try connection.cachedStatement("UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?")
        try update.bind([.text(Timestamp.string(date)), .text(table)])
        try update.run()
    }

    // MARK: Reading

    /// The content hash and gazetteer version of every stored article, by `doc_id`:
    /// what the runner compares against to skip unchanged articles.
    public func articleFingerprints() throws -> [String: ArticleFingerprint] {
        let statement = try connection.prepare("SELECT doc_id, content_hash, gazetteer_version FROM articles")
        var fingerprints: [String: ArticleFingerprint] = [:]
        while try statement.step() {
            guard let docID = statement.text(at: 0), let hash = statement.text(at: 1), let version = statement.text(at: 2)
            else { continue }
            fingerprints[docID] = ArticleFingerprint(contentHash: hash, gazetteerVersion: version)
        }
        return fingerprints
    }

    /// Calls `body` with the `doc_id`, content hash, publication time and MinHash
    /// signature (nil when none was stored) of every stored article that is not a
    /// duplicate: what the runner's ``DuplicateIndex`` starts from.
    public func forEachOriginal(_ body: (String, String, String?, TextSignature?) throws -> Void) throws {
        let statement = try connection.prepare(
            "SELECT doc_id, content_hash, published, minhash FROM articles WHERE duplicate_of IS NULL ORDER BY id")
        while try statement.step() {
            guard let docID = statement.text(at: 0), let hash = statement.text(at: 1) else { continue }
            try body(docID, hash, statement.text(at: 2), statement.blob(at: 3).flatMap(TextSignature.init(bytes:)))
        }
    }

    /// Makes the stored article `docID`, and the duplicates that point to it, duplicates
    /// of `original`, and deletes its mentions: a copy published earlier turned up in
    /// the same run. One transaction; returns how many mentions were deleted.
    @discardableResult
    public func markDuplicate(_ docID: String, of original: String) throws -> Int {
        try connection.transaction {
            let update = try connection.cachedStatement(
                "UPDATE articles SET duplicate_of = ?1 WHERE doc_id = ?2 OR duplicate_of = ?2")
            try update.bind([.text(original), .text(docID)])
            try update.run()
            let count = try connection.cachedStatement("UPDATE articles SET mention_count = 0 WHERE doc_id = ?")
            try count.bind(docID, at: 1)
            try count.run()
            let delete = try connection.cachedStatement("DELETE FROM mentions WHERE \(SQLite.quote("doc_id")) = ?")
            try delete.bind(docID, at: 1)
            return try delete.run()
        }
    }

    /// Calls `body` with every stored mention (or only those written by run `runID`),
    /// ordered by `doc_id`, `start`, `end`, one row at a time: memory stays flat
    /// however many there are. `body` must not write to this database.
    public func forEachMention(runID: String? = nil, _ body: (MentionRecord) throws -> Void) throws {
        let q = SQLite.quote
        let names = MentionRecord.fields.map { q($0.name) }.joined(separator: ", ")
        let filter = runID == nil ? "" : " WHERE \(q("run_id")) = ?"
        let statement = try connection.prepare(
            "SELECT fid, \(names) FROM mentions\(filter) ORDER BY \(q("doc_id")), \(q("start")), \(q("end"))")
        if let runID { try statement.bind(runID, at: 1) }
        let count = MentionRecord.fields.count
        while try statement.step() {
            let values = (1...count).map { MentionRecord.Value(statement.value(at: $0)) }
            guard let record = MentionRecord(values: values) else {
                throw corrupt(GeoPackageSchema.mentionsTable, "fid \(statement.int(at: 0))")
            }
            try body(record)
        }
    }

    /// Every recorded failure (or only run `runID`'s), oldest first.
    public func failures(runID: String? = nil) throws -> [Failure] {
        let names = GeoPackageSchema.failureColumns.map { SQLite.quote($0.name) }.joined(separator: ", ")
        let statement = try connection.prepare(
            "SELECT \(names) FROM failures\(runID == nil ? "" : " WHERE run_id = ?") ORDER BY id")
        if let runID { try statement.bind(runID, at: 1) }
        var failures: [Failure] = []
        while try statement.step() {
            guard let stage = statement.text(at: 4).flatMap(StageName.init(rawValue:)),
                  let at = statement.text(at: 6).flatMap(Timestamp.date)
            else { throw corrupt("failures", statement.text(at: 2) ?? "?") }
            failures.append(Failure(
                source: statement.text(at: 1) ?? "", location: statement.text(at: 2) ?? "", docID: statement.text(at: 3),
                stage: stage, reason: statement.text(at: 5) ?? "", at: at))
        }
        return failures
    }

    private func corrupt(_ table: String, _ row: String) -> GeotagError {
        GeotagError.io(path: path, reason: "unreadable row in \(table) (\(row)); was the database edited by hand?")
    }
}

/// The database belongs to one thread; see ``GeotagDatabase``.
@available(*, unavailable)
extension GeotagDatabase: Sendable {}
