import Foundation

extension GeotagDatabase {
    /// Brings the `places` layer in line with `mentions`: one row per `place_id`
    /// mentioned, with the place's attributes and point from its most recently stored
    /// mention, its mention and article counts, and when it was first and last seen
    /// (see ``MentionedPlace/firstSeen``). Rows that change take `runID`; rows whose place
    /// is no longer mentioned are deleted; the others are left as they are, `fid`
    /// included. Returns the number of rows inserted, changed or deleted.
    ///
    /// Recomputed from all mentions every time rather than patched batch by batch, so
    /// that `places` is right whatever happened before (a run killed half-way, a
    /// database edited by hand). Called by ``finishRun(_:placesCommitted:)`` in a
    /// transaction.
    ///
    /// The statistics come from ``PlaceTallies``, one pass over the mentions article by
    /// article, for every database geotag writes. For one whose `place_id` or `doc_id`
    /// values are of other types (edited by hand), or with `countingInSQL`, SQL counts
    /// them: the mentions are read in one pass over the table and grouped by a sort
    /// (`NOT INDEXED`). SQLite's own plan walks the index by place and fetches each
    /// mention's row from wherever it lies: over the 2.55 million mentions of the 100k
    /// bench corpus the statistics query took 9.8 s that way and 5.8 s this way
    /// (`sqlite3`, 16 MB cache, file in the OS cache). At the end of a 100k run, with
    /// the export beside it, the whole refresh took about 6 s this way and 3.8 to 5.5 s
    /// through ``PlaceTallies``.
    ///
    /// `tallies`, when given, are the counts of the mentions as they are now, made by
    /// another pass (``finishBulkLoad()``), and take the place of ``PlaceTallies``' own.
    func refreshPlaces(runID: String, tallies given: PlaceTallies? = nil, countingInSQL: Bool = false) throws -> Int {
        let q = SQLite.quote
        let geom = q(GeoPackageSchema.geometryColumn)
        // The place's own attributes, read from its latest mention: the place fields
        // that mentions also have.
        let attributes = MentionedPlace.fields.map(\.name).filter { name in
            name != "place_id" && name != "run_id" && MentionRecord.fields.contains { $0.name == name }
        }
        let statistics = ["mention_count", "article_count", "first_seen", "last_seen"]
        let columns = ["place_id"] + attributes + statistics
        // Temporary tables of the connection's own, emptied rather than dropped: a DROP
        // would fail while any other statement is still reading.
        let tallies = countingInSQL ? nil : try given ?? PlaceTallies.count(on: connection)
        let counts: String
        if let tallies {
            try writePlaceCounts(tallies)
            counts = "counts AS (SELECT * FROM temp.place_counts)"
        } else {
            counts = """
                seen AS (
                  SELECT a.doc_id, \(PlaceTallies.seenSQL) AS at
                  FROM articles a LEFT JOIN runs r ON r.run_id = a.first_run_id
                ), counts AS (
                  SELECT m.\(q("place_id")) AS place_id, max(m.fid) AS latest, count(*) AS mention_count,
                         count(DISTINCT m.\(q("doc_id"))) AS article_count, min(seen.at) AS first_seen, max(seen.at) AS last_seen
                  FROM mentions m NOT INDEXED LEFT JOIN seen ON seen.doc_id = m.\(q("doc_id"))
                  GROUP BY m.\(q("place_id"))
                )
                """
        }
        try connection.execute("""
            CREATE TEMP TABLE IF NOT EXISTS place_statistics (\((columns.map(q) + [geom]).joined(separator: ", ")));
            DELETE FROM temp.place_statistics;
            INSERT INTO temp.place_statistics (\(([q("place_id"), geom] + attributes.map(q) + statistics.map(q)).joined(separator: ", ")))
            WITH \(counts)
            SELECT c.place_id, m.\(geom) AS \(geom), \(attributes.map { "m.\(q($0))" }.joined(separator: ", ")),
                   \(statistics.map { "c.\($0)" }.joined(separator: ", "))
            FROM counts c JOIN mentions m ON m.fid = c.latest;
            """)
        if tallies != nil { try connection.execute("DELETE FROM temp.place_counts") }
        defer { try? connection.execute("DELETE FROM temp.place_statistics") }

        let values = [geom] + columns.dropFirst().map(q)
        let changed = columns.dropFirst().map { "places.\(q($0)) IS NOT s.\(q($0))" }.joined(separator: " OR ")
        let update = try connection.prepare("""
            UPDATE places SET \(values.map { "\($0) = s.\($0)" }.joined(separator: ", ")), \(q("run_id")) = ?
            FROM temp.place_statistics AS s
            WHERE places.\(q("place_id")) = s.place_id AND (\(changed))
            """)
        try update.bind(runID, at: 1)
        var count = try update.run()
        let insert = try connection.prepare("""
            INSERT INTO places (\(([geom] + columns.map(q) + [q("run_id")]).joined(separator: ", ")))
            SELECT \(([geom] + columns.map(q)).joined(separator: ", ")), ? FROM temp.place_statistics
            WHERE place_id NOT IN (SELECT \(q("place_id")) FROM places)
            ORDER BY place_id
            """)
        try insert.bind(runID, at: 1)
        // Into an empty layer (a new database), the R-tree is built once from the rows
        // instead of by the insert trigger row by row: for the 99,356 places of the 100k
        // bench corpus the insert took about 1.6 s that way.
        let placesTable = GeoPackageSchema.placesTable
        let rtree = SQLite.quote(GeoPackageSchema.spatialIndex(of: placesTable))
        if try connection.prepare("SELECT 1 FROM \(rtree) LIMIT 1").step() {
            count += try insert.run()
        } else {
            try suspendInsertTrigger(of: placesTable)
            count += try insert.run()
            try SpatialIndexBulkLoad.rebuild(placesTable, on: connection)
            try restoreInsertTrigger(of: placesTable)
        }
        count += try connection.prepare(
            "DELETE FROM places WHERE \(q("place_id")) NOT IN (SELECT place_id FROM temp.place_statistics)").run()
        return count
    }

    /// Writes `tallies` into the temporary table `place_counts`, in the columns of the
    /// SQL count's `counts`.
    private func writePlaceCounts(_ tallies: PlaceTallies) throws {
        try connection.execute("""
            CREATE TEMP TABLE IF NOT EXISTS place_counts (place_id, latest, mention_count, article_count, first_seen, last_seen);
            DELETE FROM temp.place_counts;
            """)
        let insert = try connection.prepare("INSERT INTO temp.place_counts VALUES (?, ?, ?, ?, ?, ?)")
        // A time's UTF-8 as text, or NULL.
        func bindTime(_ time: [UInt8]?, at column: Int) throws {
            guard let time else { return try insert.bindNull(at: column) }
            try time.withUnsafeBufferPointer { try insert.bind(utf8: $0, at: column) }
        }
        for (place, tally) in tallies.byPlace {
            try insert.bind(place.map { .integer($0) } ?? .null, at: 1)
            try insert.bind(tally.latest, at: 2)
            try insert.bind(tally.mentions, at: 3)
            try insert.bind(tally.articles, at: 4)
            try bindTime(tally.firstSeen, at: 5)
            try bindTime(tally.lastSeen, at: 6)
            try insert.run()
        }
    }

    /// Sets the extent of both point layers in `gpkg_contents`. Every mention sits at
    /// its place's point, so the small `places` layer gives the extent of both.
    func updateExtents() throws {
        let (lat, lon) = (SQLite.quote("lat"), SQLite.quote("lon"))
        try connection.prepare("""
            UPDATE gpkg_contents SET
              min_x = (SELECT min(\(lon)) FROM places), max_x = (SELECT max(\(lon)) FROM places),
              min_y = (SELECT min(\(lat)) FROM places), max_y = (SELECT max(\(lat)) FROM places)
            WHERE table_name IN (\(GeoPackageSchema.featureTables.map { "'\($0)'" }.joined(separator: ", ")))
            """).run()
    }

    /// Calls `body` with every place (or only those run `runID` changed), the most
    /// mentioned first (then by `place_id`), one row at a time; only the first `limit`
    /// when given.
    public func forEachPlace(runID: String? = nil, limit: Int? = nil, _ body: (MentionedPlace) throws -> Void) throws {
        try forEach(MentionedPlace.self, in: GeoPackageSchema.placesTable, where: runID.map { _ in "run_id" }, is: runID,
                    orderedBy: Self.placeOrder, limit: limit) { try body($1) }
    }

    /// Calls `body` with chunks of at most `size` of the places (or of those run `runID`
    /// changed), ordered as ``forEachPlace(runID:limit:_:)`` orders them.
    func forEachPlaceChunk(runID: String? = nil, size: Int, _ body: (FeatureRows<MentionedPlace>) throws -> Void) throws {
        try forEachChunk(of: MentionedPlace.self, in: GeoPackageSchema.placesTable, where: runID.map { _ in "run_id" }, is: runID,
                         orderedBy: Self.placeOrder, size: size, body)
    }

    /// The order of the places: most mentioned first, then by `place_id`.
    private static let placeOrder = "\(SQLite.quote("mention_count")) DESC, \(SQLite.quote("place_id"))"

    /// Every place (or those run `runID` changed, or the first `limit`), as
    /// ``forEachPlace(runID:limit:_:)`` orders them.
    public func places(runID: String? = nil, limit: Int? = nil) throws -> [MentionedPlace] {
        var places: [MentionedPlace] = []
        try forEachPlace(runID: runID, limit: limit) { places.append($0) }
        return places
    }
}
