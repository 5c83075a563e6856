extension SQLite.Value {
    /// Text, or NULL for nil.
    init(_ text: String?) {
        self = text.map(SQLite.Value.text) ?? .null
    }
}

extension SQLite.Statement {
    /// Binds a record's values to consecutive parameters, the first at `index`,
    /// without an array in between (a mention row binds 23 of them).
    func bind(_ record: some FeatureRecord, from index: Int) throws {
        var index = index
        try record.forEachValue { value in
            switch value {
            case .null: try bindNull(at: index)
            case let .integer(n): try bind(n, at: index)
            case let .real(x): try bind(x, at: index)
            case let .text(s): try bind(s, at: index)
            }
            index += 1
        }
    }
}

/// The columns of a statement's current row from `first` on, read in place as a
/// record's fields (``RowDecodable``): no array of values, and text read only where
/// a field asks for it.
struct StatementRow: FieldRow {
    let statement: SQLite.Statement
    /// The 0-based column of the first field.
    let first: Int
    let count: Int

    func text(_ i: Int) -> String? {
        statement.storageClass(at: first + i) == .text ? statement.text(at: first + i) : nil
    }

    func int(_ i: Int) -> Int? {
        statement.storageClass(at: first + i) == .integer ? statement.int(at: first + i) : nil
    }

    func real(_ i: Int) -> Double? {
        switch statement.storageClass(at: first + i) {
        case .real: statement.double(at: first + i)
        case .integer: Double(statement.int(at: first + i))
        default: nil
        }
    }
}
