import Foundation

extension GeotagDatabase {
    /// Starts a bulk load when the R-tree of `mentions` is empty (a new database, or
    /// one whose bulk load was cut short): the run's batches then leave the R-tree and
    /// the indexes of `mentions` (``GeoPackageSchema/mentionIndexes``, and
    /// ``GeoPackageSchema/mentionKeyIndex`` unless the table has its key as a
    /// constraint) alone, and ``finishBulkLoad()`` and ``createMissingMentionIndexes()``
    /// build them once, at the end of the run, from the sorted rows
    /// (``SpatialIndexBulkLoad``, `CREATE INDEX`).
    ///
    /// Row by row, each batch inserted its mentions into B-trees ordered by place, date,
    /// run and article, at pages all over files much larger than the page cache: a
    /// 100k-article run took 74 s with those four indexes, 59 s without the first
    /// three and 53 s without any, while creating them afterwards took about 4 s.
    ///
    /// Without the key index, a batch cannot look up an article's stored mentions, so
    /// it looks up the article instead: one that is not stored has none. The first
    /// article that is stored already (it came twice, or the bulk load before was cut
    /// short) or that turns out to be a duplicate (``markDuplicate(_:of:)``) creates
    /// the key index there and then (``indexMentionKeys()``), and the rest of the run
    /// keeps it up to date row by row.
    ///
    /// Until then the R-tree's insert trigger is missing, which tells later batches,
    /// and a later run after a crash, that the build is still to come. Meanwhile,
    /// GeoPackage readers find some mentions missing from the R-tree, and queries by
    /// place, date or run scan the table. Opening the database creates any missing
    /// index, so a database left by a killed bulk load is complete but for its R-tree,
    /// until a run finishes it.
    func beginBulkLoadIfEmpty() throws {
        let table = GeoPackageSchema.mentionsTable
        let rtree = SQLite.quote(GeoPackageSchema.spatialIndex(of: table))
        guard try !connection.prepare("SELECT 1 FROM \(rtree) LIMIT 1").step() else { return }
        try suspendInsertTrigger(of: table)
        for index in GeoPackageSchema.mentionIndexes.map(\.name) + [GeoPackageSchema.mentionKeyIndex] {
            try connection.execute("DROP INDEX IF EXISTS \(SQLite.quote(index))")
        }
    }

    /// Whether `mentions` has an index of its key, `(doc_id, start, end)`: the
    /// constraint of an older database or ``GeoPackageSchema/mentionKeyIndex``.
    func hasMentionKeyIndex() throws -> Bool {
        try connection.prepare("""
            SELECT 1 FROM sqlite_master WHERE type = 'index' AND tbl_name = 'mentions'
              AND (name = '\(GeoPackageSchema.mentionKeyIndex)' OR name LIKE 'sqlite\\_autoindex\\_mentions\\_%' ESCAPE '\\')
            """).step()
    }

    /// Creates the index of the mentions' key when a bulk load left it out
    /// (``beginBulkLoadIfEmpty()``): for reading the mentions in order, or looking up
    /// those of a stored article.
    public func indexMentionKeys() throws {
        guard try !hasMentionKeyIndex() else { return }
        try connection.execute(GeoPackageSchema.mentionKeyIndexSQL)
    }

    /// Ends the loading of a run and readies the database for the exports, which read
    /// it on a connection of their own while the writer finishes the run
    /// (``BackgroundExport``): creates the index of the mentions' key, which they read
    /// in, and returns a bulk load's journal to WAL (``useRollbackJournal()``), in
    /// which they read beside the writer without waiting for it.
    ///
    /// The key index is built with SQLite's sorter on every core, as nothing else
    /// runs then: on a 100k-article run's database, about 1.0 s against 1.3 to 1.9 s
    /// on one thread. Elsewhere the sorter keeps to its caller's thread, since the
    /// extra threads cost more CPU (a third more) than they save when the other cores
    /// are busy.
    ///
    /// - Throws: ``GeotagError/io(path:reason:)`` when the journal cannot go back to
    ///   WAL because another program is reading the database.
    public func prepareForExport() throws {
        do {
            try connection.pragma("threads", String(ProcessInfo.processInfo.activeProcessorCount))
            defer { _ = try? connection.pragma("threads", "0") }
            try indexMentionKeys()
        }
        // Already in WAL (no bulk load, or one beside another connection), this changes nothing.
        guard try connection.pragma("journal_mode", "WAL") == .text("wal") else {
            throw GeotagError.io(path: path, reason: "cannot return the journal to WAL for the exports: another program is reading the database")
        }
        try connection.pragma("synchronous", "NORMAL")
    }

    /// Commits a bulk load's batches through a rollback journal instead of the WAL,
    /// with `synchronous = FULL`, which keeps the file consistent through a crash or a
    /// power loss as WAL with `NORMAL` does (a killed run leaves a hot journal, which
    /// the next connection that opens the file rolls back).
    ///
    /// Through the WAL every page a batch writes is written twice, to the WAL and then
    /// by a checkpoint into the file, which reads it back first. A rollback journal
    /// holds only the pages that were in the file when the transaction began, and a
    /// bulk load's batches mostly append new pages: the bulk-load stage (10k articles)
    /// took 2.13 to 2.34 s against 2.33 to 2.61 s through the WAL, and about as long
    /// with `NORMAL` as with `FULL`.
    ///
    /// Meanwhile a reader holds off the writer's commits (for up to the connection's
    /// busy timeout) and the writer its reads, which nobody minds in a new database;
    /// ``prepareForExport()`` returns to WAL before the exports read it. When another
    /// program has the file open, the journal stays in WAL and the load is only slower.
    func useRollbackJournal() throws {
        guard (try? connection.pragma("journal_mode", "DELETE")) == .text("delete") else { return }
        try connection.pragma("synchronous", "FULL")
    }

    /// Whether a bulk load is under way (``beginBulkLoadIfEmpty()``): the insert
    /// trigger of the `mentions` R-tree is missing outside a batch's transaction.
    func isBulkLoading() throws -> Bool {
        try !exists(GeoPackageSchema.insertTrigger(of: GeoPackageSchema.mentionsTable))
    }

    /// Ends a bulk load, if one is under way: builds the R-tree of `mentions` from its
    /// rows and puts its insert trigger back. The secondary indexes come after, from
    /// ``createMissingMentionIndexes()``.
    ///
    /// The build's second pass reads every mention in the table's order, which is the
    /// pass ``PlaceTallies`` makes for the refresh of `places`: it counts them on the
    /// way and returns the tallies (nil when no bulk load was under way, or when the
    /// count could not be made in table order), which ``refreshPlaces(runID:tallies:countingInSQL:)``
    /// takes as they are if nothing changed the mentions in between. At the end of a
    /// 100k-article run the separate pass took about 1.9 s.
    func finishBulkLoad() throws -> PlaceTallies? {
        let table = GeoPackageSchema.mentionsTable
        guard try isBulkLoading() else { return nil }
        var counter = try PlaceTallies.Counter(on: connection)
        try SpatialIndexBulkLoad.rebuild(table, on: connection, visiting: ["doc_id", "place_id"]) { row in
            try counter.add(row, docID: 2, placeID: 3, fid: 0)
        }
        try restoreInsertTrigger(of: table)
        guard case let .counted(tallies) = try counter.finish() else { return nil }
        return tallies
    }

    /// Creates the indexes of `mentions` that a bulk load left out (and any other
    /// missing one); nothing when all are there.
    func createMissingMentionIndexes() throws {
        try indexMentionKeys()
        try connection.execute(GeoPackageSchema.mentionIndexesSQL)
    }
}
