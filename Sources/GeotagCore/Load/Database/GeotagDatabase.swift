import Foundation

/// The geotag database: an SQLite file that is also an OGC GeoPackage, and the truth
/// the CSV and GeoJSON files are exported from.
///
/// Opening it creates the file and its schema when needed (idempotently), checks that
/// an existing file is a GeoPackage, and switches the journal to WAL for the run
/// (a bulk load commits its batches through a rollback journal and returns to WAL
/// for the exports: ``useRollbackJournal()``); ``close()`` checkpoints and switches
/// back to a rollback journal so the file is again one self-contained file, as
/// GeoPackage readers expect.
///
/// Like its ``SQLite/Connection`` it belongs to one thread: the pipeline's single
/// writer opens it, stores batches, finishes the run and exports from it. It is not
/// `Sendable`.
///
/// Durability: `synchronous = NORMAL` in WAL mode (`FULL` with the rollback journal)
/// keeps the file consistent through a crash or power loss; a power loss may undo the
/// last committed batches, which the next run simply loads again (their articles are not in ``articleFingerprints(gazetteerVersion:)``).
public final class GeotagDatabase {
    /// The database file.
    public let path: String
    /// The connection, for tests and later additions in this module.
    let connection: SQLite.Connection
    /// Opened by ``init(readingFrom:)``: it only reads, and closing it leaves the journal alone.
    private let isReader: Bool

    /// Opens the database at `path`, creating the file (and its folder) and the schema
    /// when they are missing.
    ///
    /// - Throws: ``GeotagError/io(path:reason:)`` when the file cannot be opened or
    ///   written, is not an SQLite database, or is an SQLite database of something
    ///   other than a GeoPackage.
    public init(path: String) throws {
        self.path = path
        isReader = false
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            } catch {
                throw GeotagError.io(path: folder, reason: "cannot create the folder: \(error.localizedDescription)")
            }
        }
        connection = try SQLite.Connection(path: path, flags: .writer)
        // 16 KiB pages for a new file (an existing one keeps its own): a mention row
        // with its sentence is about 900 bytes, and the loader fills five B-trees and
        // an R-tree with them. Against SQLite's 4 KiB, loading 2,000 corpus articles
        // took 11% less time and a 10k-article run 10% less; 64 KiB gained nothing
        // more, and every changed row rewrites a whole page.
        try connection.pragma("page_size", "16384")
        try connection.pragma("journal_mode", "WAL")
        try connection.pragma("synchronous", "NORMAL")
        // Sorts, GROUP BY, DISTINCT and materialised subqueries over whole tables (the
        // refresh of `places`, the exports) spill to files in runs of the page cache's
        // size; in memory, 24 million mentions' worth would stay in the heap. The
        // loader keeps its statement journals in memory (`store(_:runID:gazetteerVersion:)`).
        try connection.pragma("temp_store", "FILE")
        try connection.pragma("cache_size", "-16384")
        try connection.pragma("foreign_keys", "ON")
        try GeoPackageFunctions.define(on: connection)
        try connection.transaction {
            try checkApplicationID()
            try connection.execute(GeoPackageSchema.sql)
            try addMissingArticleColumns()
            try indexMentionKeys()
            for table in GeoPackageSchema.featureTables where try !exists(GeoPackageSchema.spatialIndex(of: table)) {
                try connection.execute(GeoPackageSchema.spatialIndexSQL(of: table))
            }
            try connection.pragma("application_id", String(GeoPackageSchema.applicationID))
            try connection.pragma("user_version", String(GeoPackageSchema.userVersion))
        }
    }

    /// Opens the database at `path` for reading only, beside the writer that has it
    /// open: in WAL mode each read sees the batches the writer had committed when it
    /// began, and never waits for the writer (``BackgroundExport``).
    ///
    /// - Throws: ``GeotagError/io(path:reason:)`` when the file cannot be opened or is
    ///   not a GeoPackage.
    init(readingFrom path: String) throws {
        self.path = path
        isReader = true
        connection = try SQLite.Connection(path: path, flags: .reader)
        try connection.pragma("cache_size", "-16384")
        guard try connection.pragma("application_id") == .integer(GeoPackageSchema.applicationID) else {
            throw GeotagError.io(path: path, reason: "not a GeoPackage")
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

    /// Whether the schema has a table (or virtual table, index or trigger) of that name.
    func exists(_ table: String) throws -> Bool {
        let statement = try connection.prepare("SELECT 1 FROM sqlite_master WHERE name = ?")
        try statement.bind(table, at: 1)
        return try statement.step()
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
    /// committed data is safe in the WAL either way); a reader (``init(readingFrom:)``)
    /// only closes its connection. Calling it again does nothing.
    public func close() throws {
        guard connection.isOpen else { return }
        if isReader { return try connection.close() }
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
    ///
    /// When the R-tree of `mentions` is empty (a new database), the run is a bulk load
    /// that indexes its mentions only at its end (``beginBulkLoadIfEmpty()``) and
    /// commits its batches through a rollback journal (``useRollbackJournal()``).
    public func beginRun(_ run: RunRecord) throws {
        try connection.transaction {
            try upsert(run)
            try beginBulkLoadIfEmpty()
        }
        if try isBulkLoading() { try useRollbackJournal() }
    }

    /// Records the end of a run, its counts and status, refreshes the `places` layer
    /// (``refreshPlaces(runID:tallies:countingInSQL:)``) and the extents of both layers in
    /// `gpkg_contents`, and indexes the mentions of a bulk load.
    ///
    /// Three transactions, so that readers see the run's record and the places before
    /// the indexes are done: the R-tree of a bulk load (``finishBulkLoad()``); then
    /// the run, the places and the extents, after which `placesCommitted` is called
    /// (``BackgroundExport`` goes on to the places file, the map and the report while
    /// the writer works on); then the secondary indexes of a bulk load
    /// (``createMissingMentionIndexes()``). A run killed between them leaves a
    /// database that is whole but for what was still to come, which the next run, or
    /// opening the database, puts right.
    public func finishRun(_ run: RunRecord, placesCommitted: () -> Void = {}) throws {
        let tallies = try connection.transaction { try finishBulkLoad() }
        try connection.transaction {
            try upsert(run)
            if try refreshPlaces(runID: run.runID, tallies: tallies) > 0 { try touch(GeoPackageSchema.placesTable, at: Date()) }
            try updateExtents()
        }
        placesCommitted()
        try connection.transaction { try createMissingMentionIndexes() }
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
    /// brought in line with the ones given (see below); each failure becomes a
    /// `failures` row, and each fetch record the `fetches` row of its URL. Mentions are
    /// stored under their article's `doc_id` and stamped with `runID` and `gazetteerVersion`.
    ///
    /// A mention's key is (`doc_id`, `start`, `end`). A stored mention whose key the
    /// article no longer has is deleted; a new key is inserted; a mention whose fields
    /// changed (another place, score, sentence, gazetteer version, ...) is updated in
    /// place and takes `runID`; a mention that is the same in every field but the run
    /// is left alone, with its `fid` and the run that wrote it. Loading the same
    /// article again therefore never duplicates rows, and a reprocess that finds what
    /// was there before changes nothing: `output.export: delta` then writes only what
    /// really changed.
    ///
    /// Either the whole batch is stored or, on error, none of it.
    @discardableResult
    public func store(_ items: [LoadItem], runID: String, gazetteerVersion: String) throws -> StoreResult {
        // Temporary storage in memory for the batch: the R-tree triggers and foreign keys
        // make every insert keep a statement journal, and in a file each costs a write
        // (1.85 million for 4,000 articles); in memory none. Only a speed-up: where SQLite
        // refuses the change (inside another transaction with temporary tables open), the
        // batch is stored with the storage as it is.
        _ = try? connection.pragma("temp_store", "MEMORY")
        defer { _ = try? connection.pragma("temp_store", "FILE") }
        return try connection.transaction {
            var result = StoreResult()
            // A bulk load (``beginRun(_:)``) builds the R-tree at its end instead.
            let bulkLoad = try isBulkLoading()
            var spatial = SpatialIndexBatch(bulkLoad: bulkLoad)
            // Without the key index (a bulk load), only a stored article has stored mentions.
            var keyed = try hasMentionKeyIndex()
            let now = Date()
            try suspendInsertTrigger(of: GeoPackageSchema.mentionsTable)
            let statements = try BatchStatements(connection)
            for item in items {
                switch item {
                case let .article(article, mentions):
                    if !keyed, try statements.isStored(article.docID) {
                        try indexMentionKeys()
                        keyed = true
                    }
                    try store(article, mentions, runID: runID, gazetteerVersion: gazetteerVersion, lookUp: keyed,
                              with: statements, into: &result, spatial: &spatial)
                case let .failure(failure):
                    try record(failure, runID: runID)
                    result.failures += 1
                case let .fetched(fetch):
                    try record(fetch)
                }
            }
            if !bulkLoad {
                try spatial.insert(with: connection.cachedStatement(Self.spatialInsertSQL))
                try restoreInsertTrigger(of: GeoPackageSchema.mentionsTable)
            }
            if result.addedMentions + result.changedMentions + result.removedMentions > 0 {
                try touch(GeoPackageSchema.mentionsTable, at: now)
            }
            if result.articles > 0 { try touch("articles", at: now) }
            if result.failures > 0 { try touch("failures", at: now) }
            return result
        }
    }

    /// Drops the trigger that puts each new row of `table` into its R-tree, for the
    /// rest of the transaction: ``write(_:_:fid:spatial:)`` collects the point of each
    /// mention it inserts, the batch puts them into the R-tree itself
    /// (``SpatialIndexBatch``), and ``restoreInsertTrigger(of:)`` creates the trigger
    /// again before the transaction commits.
    ///
    /// Row by row, the trigger cost more than the rest of a mention's insert: its
    /// program and five function calls that read the point back out of the geometry
    /// blob. A prepared insert of the point the loader already has leaves the R-tree
    /// exactly as the trigger would have (the same doubles, rounded to the R-tree's
    /// floats the same way), one row at a time, so SQLite needs no statement journal
    /// for it. Dropped and created inside the transaction, the trigger is never missing
    /// for anyone else, except during a bulk load, which builds the whole R-tree at its
    /// end (``beginRun(_:)``).
    func suspendInsertTrigger(of table: String) throws {
        try connection.execute("DROP TRIGGER IF EXISTS \(SQLite.quote(GeoPackageSchema.insertTrigger(of: table)))")
    }

    /// Creates the trigger ``suspendInsertTrigger(of:)`` dropped.
    func restoreInsertTrigger(of table: String) throws {
        try connection.execute(GeoPackageSchema.insertTriggerSQL(of: table))
    }

    /// A mention's key within its article.
    private struct Span: Hashable {
        var start: Int
        var end: Int
    }

    /// Stores one article and its mentions; `lookUp` false: the article is not stored,
    /// so neither are any of its mentions.
    private func store(
        _ article: Article, _ mentions: [Mention], runID: String, gazetteerVersion: String, lookUp: Bool,
        with statements: BatchStatements, into result: inout StoreResult, spatial: inout SpatialIndexBatch
    ) throws {
        var stored: [Span: (fid: Int, record: MentionRecord)] = [:]
        if lookUp {
            try forEach(MentionRecord.self, in: GeoPackageSchema.mentionsTable, where: "doc_id", is: article.docID) { fid, record in
                stored[Span(start: record.start, end: record.end)] = (fid, record)
            }
        }
        var kept = Set<Span>(minimumCapacity: mentions.count)
        for mention in mentions {
            var record = MentionRecord(mention: mention, article: article, runID: runID, gazetteerVersion: gazetteerVersion)
            record.docID = article.docID
            let span = Span(start: record.start, end: record.end)
            guard kept.insert(span).inserted else {
                result.duplicateMentions += 1
                continue
            }
            if let (fid, old) = stored[span] {
                var unchanged = record
                unchanged.runID = old.runID
                if unchanged == old { continue }
                // Leave `geom` alone when the point stays: rewriting it costs an R-tree update.
                let moved = (old.longitude, old.latitude) != (record.longitude, record.latitude)
                try write(record, moved ? .updateWithPoint : .update, with: statements, fid: fid, spatial: &spatial)
                result.changedMentions += 1
            } else {
                try write(record, .insert, with: statements, fid: nil, spatial: &spatial)
                result.addedMentions += 1
            }
        }
        for (span, row) in stored where !kept.contains(span) {
            spatial.withdraw(fid: row.fid)
            try statements.deleteMention.bind(row.fid, at: 1)
            result.removedMentions += try statements.deleteMention.run()
        }
        result.mentions += kept.count

        let focus = DocumentFocus(mentions: mentions)
        let upsert = statements.upsertArticle
        try upsert.bind([
            .text(article.docID), .text(article.url), .text(article.source), .init(article.title),
            .init(article.published), .init(article.author), .init(article.site), .init(article.language),
            .text(article.text), .text(article.contentHash), .text(gazetteerVersion), .integer(kept.count),
            .text(runID), .text(runID), .init(article.duplicateOf), article.signature.map { .blob($0.bytes) } ?? .null,
            .init(focus.country), .init(focus.admin1), .init(focus.town?.name), focus.town.map { .integer($0.id) } ?? .null,
        ])
        try upsert.run()
        result.articles += 1
    }

    private static let articleUpsertSQL = SQLText.upsert(
        into: "articles", columns: GeoPackageSchema.articleColumns, key: "doc_id", keeping: ["first_run_id"])

    /// The statements a batch writes articles and mentions with, taken from the
    /// connection's cache once per batch: each look-up there hashes the whole SQL text,
    /// which for a mention's insert cost more than half as much as binding its values.
    private struct BatchStatements {
        let insert: SQLite.Statement
        let update: SQLite.Statement
        let updateWithPoint: SQLite.Statement
        let deleteMention: SQLite.Statement
        let upsertArticle: SQLite.Statement
        let findArticle: SQLite.Statement

        init(_ connection: SQLite.Connection) throws {
            insert = try connection.cachedStatement(MentionWrite.insert.sql)
            update = try connection.cachedStatement(MentionWrite.update.sql)
            updateWithPoint = try connection.cachedStatement(MentionWrite.updateWithPoint.sql)
            deleteMention = try connection.cachedStatement("DELETE FROM mentions WHERE fid = ?")
            upsertArticle = try connection.cachedStatement(GeotagDatabase.articleUpsertSQL)
            findArticle = try connection.cachedStatement("SELECT 1 FROM articles WHERE doc_id = ?")
        }

        /// Whether `articles` has a row of that `doc_id`.
        func isStored(_ docID: String) throws -> Bool {
            defer { try? findArticle.reset() }
            try findArticle.bind(docID, at: 1)
            return try findArticle.step()
        }

        /// The statement that writes a mention as `kind` says.
        subscript(kind: MentionWrite) -> SQLite.Statement {
            switch kind {
            case .insert: insert
            case .update: update
            case .updateWithPoint: updateWithPoint
            }
        }
    }

    /// How a mention is written.
    private enum MentionWrite {
        case insert, update, updateWithPoint

        /// The statement: `geom` (but for a plain update), the fields, then `fid` for
        /// an update.
        var sql: String {
            switch self {
            case .insert: Self.insertSQL
            case .update: Self.updateSQL
            case .updateWithPoint: Self.updateWithPointSQL
            }
        }

        private static let fields = MentionRecord.fields.map(\.name)
        private static let insertSQL = SQLText.insert(
            into: GeoPackageSchema.mentionsTable, columns: [GeoPackageSchema.geometryColumn] + fields)
        private static let updateSQL = update(fields)
        private static let updateWithPointSQL = update([GeoPackageSchema.geometryColumn] + fields)

        /// A plain UPDATE, not an upsert: the GeoPackage 1.3 R-tree triggers'
        /// `INSERT OR REPLACE` would take an upsert's conflict clause.
        private static func update(_ columns: [String]) -> String {
            "UPDATE \(GeoPackageSchema.mentionsTable) SET "
                + columns.map { "\(SQLite.quote($0)) = ?" }.joined(separator: ", ") + " WHERE fid = ?"
        }
    }

    /// Writes `record` as `kind` says (`fid`: the row an update rewrites), and keeps
    /// `spatial` in step: an inserted row's point is added (see
    /// ``suspendInsertTrigger(of:)``), a moved row, which the update trigger indexes, is
    /// withdrawn.
    private func write(_ record: MentionRecord, _ kind: MentionWrite, with statements: BatchStatements, fid: Int?, spatial: inout SpatialIndexBatch) throws {
        let statement = statements[kind]
        let point = GeoPackagePoint(x: record.longitude, y: record.latitude)
        var index = 1
        if kind != .update {
            try statement.bind(blob: point.blob, at: index)
            index += 1
        }
        try statement.bind(record, from: index)
        if let fid { try statement.bind(fid, at: index + MentionRecord.fields.count) }
        try statement.run()
        switch kind {
        case .insert: spatial.add(fid: connection.lastInsertRowID, point: point)
        case .updateWithPoint: if let fid { spatial.withdraw(fid: fid) }
        case .update: break
        }
    }

    private static let spatialInsertSQL = GeoPackageSchema.spatialIndexInsertSQL(of: GeoPackageSchema.mentionsTable)

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
    func touch(_ table: String, at date: Date) throws {
        let update = try connection.cachedStatement("UPDATE gpkg_contents SET last_change = ? WHERE table_name = ?")
        try update.bind([.text(Timestamp.string(date)), .text(table)])
        try update.run()
    }

    // MARK: Reading

    /// The articles stored with gazetteer `version`, by doc id and text hash: what a
    /// run skips when they come again unchanged. Articles resolved against another
    /// gazetteer are extracted again, so they are left out.
    public func articleFingerprints(gazetteerVersion version: String) throws -> ArticleFingerprints {
        let statement = try connection.prepare("SELECT doc_id, content_hash FROM articles WHERE gazetteer_version = ?1")
        try statement.bind(version, at: 1)
        var fingerprints = ArticleFingerprints()
        while try statement.step() {
            guard let docID = statement.text(at: 0), let hash = statement.text(at: 1) else { continue }
            fingerprints.add(docID: docID, contentHash: hash)
        }
        return fingerprints
    }

    /// Calls `body` with the `doc_id`, content hash, publication time and MinHash
    /// signature (nil when none was stored) of the `latest` stored articles that are not
    /// duplicates, oldest first: what the runner's ``DuplicateIndex`` starts from.
    public func forEachOriginal(latest: Int, _ body: (String, String, String?, TextSignature?) throws -> Void) throws {
        let statement = try connection.prepare("""
            SELECT doc_id, content_hash, published, minhash FROM (
                SELECT id, doc_id, content_hash, published, minhash FROM articles
                WHERE duplicate_of IS NULL ORDER BY id DESC LIMIT ?1
            ) ORDER BY id
            """)
        try statement.bind(latest, at: 1)
        while try statement.step() {
            guard let docID = statement.text(at: 0), let hash = statement.text(at: 1) else { continue }
            try body(docID, hash, statement.text(at: 2), statement.blob(at: 3).flatMap(TextSignature.init(bytes:)))
        }
    }

    /// Makes the stored article `docID`, and the duplicates that point to it, duplicates
    /// of `original`, and deletes its mentions: a copy published earlier turned up in
    /// the same run. One transaction; returns how many mentions were deleted. During
    /// a bulk load it first creates the index of the mentions' key, to find them by.
    @discardableResult
    public func markDuplicate(_ docID: String, of original: String) throws -> Int {
        try connection.transaction {
            try indexMentionKeys()
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
        try forEach(MentionRecord.self, in: GeoPackageSchema.mentionsTable, where: runID.map { _ in "run_id" }, is: runID,
                    orderedBy: Self.mentionOrder) { try body($1) }
    }

    /// Calls `body` with chunks of at most `size` of the stored mentions (or of those
    /// written by run `runID`), ordered as ``forEachMention(runID:_:)`` orders them.
    func forEachMentionChunk(runID: String? = nil, size: Int, _ body: (FeatureRows<MentionRecord>) throws -> Void) throws {
        try forEachChunk(of: MentionRecord.self, in: GeoPackageSchema.mentionsTable, where: runID.map { _ in "run_id" }, is: runID,
                         orderedBy: Self.mentionOrder, size: size, body)
    }

    /// The order of the mentions' key, which the exports keep.
    private static let mentionOrder = ["doc_id", "start", "end"].map(SQLite.quote).joined(separator: ", ")

    /// Calls `body` with the `fid` and the record of each row of the feature table
    /// `table` (all of them, or those whose column `column` equals `value`), in the
    /// order `order` (SQL; the table's own order when nil), the first `limit` rows or
    /// all of them, one row at a time.
    func forEach<Record: FeatureRecord & RowDecodable>(
        _: Record.Type, in table: String, where column: String? = nil, is value: String? = nil, orderedBy order: String? = nil,
        limit: Int? = nil, _ body: (Int, Record) throws -> Void
    ) throws {
        let count = Record.fields.count
        try withRows(of: Record.self, in: table, where: column, is: value, orderedBy: order, limit: limit) { statement in
            while try statement.step() {
                guard let record = Record(row: StatementRow(statement: statement, first: 1, count: count)) else {
                    throw corrupt(table, "fid \(statement.int(at: 0))")
                }
                try body(statement.int(at: 0), record)
            }
        }
    }

    /// Calls `body` with the rows of `table` that ``forEach(_:in:where:is:orderedBy:limit:_:)``
    /// would read, in chunks of at most `size` rows (``FeatureRows``), read without a
    /// record or a `String` for each.
    func forEachChunk<Record: FeatureRecord & RowDecodable>(
        of _: Record.Type, in table: String, where column: String? = nil, is value: String? = nil, orderedBy order: String? = nil,
        size: Int, _ body: (FeatureRows<Record>) throws -> Void
    ) throws {
        try withRows(of: Record.self, in: table, where: column, is: value, orderedBy: order, limit: nil) { statement in
            let reader = FeatureRowReader<Record>(statement, first: 1, capacity: size)
            while try statement.step() {
                guard reader.read() else { throw corrupt(table, "fid \(statement.int(at: 0))") }
                if reader.rows.count == size { try body(reader.take()) }
            }
            if !reader.rows.isEmpty { try body(reader.take()) }
        }
    }

    /// Calls `body` with the statement `SELECT fid, <the record's fields> FROM table`,
    /// with the filter, order and limit of ``forEach(_:in:where:is:orderedBy:limit:_:)``,
    /// for it to step through; resets it after.
    private func withRows<Record: FeatureRecord>(
        of _: Record.Type, in table: String, where column: String?, is value: String?, orderedBy order: String?, limit: Int?,
        _ body: (SQLite.Statement) throws -> Void
    ) throws {
        let names = Record.fields.map { SQLite.quote($0.name) }.joined(separator: ", ")
        var sql = "SELECT fid, \(names) FROM \(SQLite.quote(table))"
        if let column { sql += " WHERE \(SQLite.quote(column)) = ?" }
        if let order { sql += " ORDER BY \(order)" }
        if let limit { sql += " LIMIT \(max(limit, 0))" }
        let statement = try connection.cachedStatement(sql)
        // Reset even when `body` throws half-way, so no read stays open on the file.
        defer { try? statement.reset() }
        if column != nil { try statement.bind(value, at: 1) }
        try body(statement)
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

    func corrupt(_ table: String, _ row: String) -> GeotagError {
        GeotagError.io(path: path, reason: "unreadable row in \(table) (\(row)); was the database edited by hand?")
    }
}

/// The database belongs to one thread; see ``GeotagDatabase``.
@available(*, unavailable)
extension GeotagDatabase: Sendable {}
