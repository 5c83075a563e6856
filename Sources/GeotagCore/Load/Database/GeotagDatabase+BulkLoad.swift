extension GeotagDatabase {
    /// Starts a bulk load when the R-tree of `mentions` is empty (a new database, or
    /// one whose bulk load was cut short): the run's batches then leave the R-tree and
    /// the secondary indexes of `mentions` (``GeoPackageSchema/mentionIndexes``) alone,
    /// and ``finishBulkLoad()`` builds them once, at the end of the run, from the
    /// sorted rows (``SpatialIndexBulkLoad``, `CREATE INDEX`).
    ///
    /// Row by row, each batch inserted its mentions into B-trees ordered by place, date
    /// and run, at pages all over files much larger than the page cache: a 100k-article
    /// run took 74 s with those three indexes and 59 s without them, while creating them
    /// afterwards took 2.7 s. The index on `(doc_id, start, end)` stays, as the batches
    /// look up an article's stored mentions by it.
    ///
    /// Until then the R-tree's insert trigger is missing, which tells later batches,
    /// and a later run after a crash, that the build is still to come. Meanwhile,
    /// GeoPackage readers find some mentions missing from the R-tree, and queries by
    /// place, date or run scan the table. Opening the database creates any missing
    /// index (the schema's `CREATE INDEX IF NOT EXISTS`), so a database left by a
    /// killed bulk load is complete but for its R-tree, until a run finishes it.
    func beginBulkLoadIfEmpty() throws {
        let table = GeoPackageSchema.mentionsTable
        let rtree = SQLite.quote(GeoPackageSchema.spatialIndex(of: table))
        guard try !connection.prepare("SELECT 1 FROM \(rtree) LIMIT 1").step() else { return }
        try suspendInsertTrigger(of: table)
        for index in GeoPackageSchema.mentionIndexes {
            try connection.execute("DROP INDEX IF EXISTS \(SQLite.quote(index.name))")
        }
    }

    /// Whether a bulk load is under way (``beginBulkLoadIfEmpty()``): the insert
    /// trigger of the `mentions` R-tree is missing outside a batch's transaction.
    func isBulkLoading() throws -> Bool {
        try !exists(GeoPackageSchema.insertTrigger(of: GeoPackageSchema.mentionsTable))
    }

    /// Ends a bulk load, if one is under way: builds the R-tree of `mentions` from its
    /// rows and puts its insert trigger back, then creates the secondary indexes.
    func finishBulkLoad() throws {
        let table = GeoPackageSchema.mentionsTable
        guard try isBulkLoading() else { return }
        try SpatialIndexBulkLoad.rebuild(table, on: connection)
        try restoreInsertTrigger(of: table)
        try connection.execute(GeoPackageSchema.mentionIndexesSQL)
    }
}
