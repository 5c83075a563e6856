/// SQL statements generated from column lists, so that each table's columns are
/// named in one place (``GeoPackageSchema``).
enum SQLText {
    /// `INSERT INTO table (columns) VALUES (?, ...)`.
    static func insert(into table: String, columns: [String]) -> String {
        let names = columns.map(SQLite.quote).joined(separator: ", ")
        let slots = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        return "INSERT INTO \(table) (\(names)) VALUES (\(slots))"
    }

    /// An insert that, when a row with the same `key` exists, updates every other
    /// column of it instead, except the ones in `keeping`.
    static func upsert(
        into table: String, columns: [GeoPackageSchema.Column], key: String, keeping: Set<String> = []
    ) -> String {
        let updates = columns.map(\.name).filter { $0 != key && !keeping.contains($0) }
            .map { "\(SQLite.quote($0)) = excluded.\(SQLite.quote($0))" }
        return insert(into: table, columns: columns.map(\.name))
            + " ON CONFLICT (\(SQLite.quote(key))) DO UPDATE SET " + updates.joined(separator: ", ")
    }
}
