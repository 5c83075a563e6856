extension GeotagDatabase {
    /// How many rows the dataset has, for the run report.
    public struct Totals: Sendable, Equatable {
        public var articles = 0
        public var mentions = 0
        public var places = 0
        public var runs = 0
        public var failures = 0
    }

    /// The row counts of the dataset's tables.
    public func totals() throws -> Totals {
        var totals = Totals()
        let tables: [(String, WritableKeyPath<Totals, Int>)] = [
            ("articles", \.articles), (GeoPackageSchema.mentionsTable, \.mentions), (GeoPackageSchema.placesTable, \.places),
            ("runs", \.runs), ("failures", \.failures),
        ]
        for (table, count) in tables {
            let statement = try connection.prepare("SELECT count(*) FROM \(SQLite.quote(table))")
            try statement.step()
            totals[keyPath: count] = statement.int(at: 0)
        }
        return totals
    }
}
