extension SQLite.Value {
    /// Text, or NULL for nil.
    init(_ text: String?) {
        self = text.map(SQLite.Value.text) ?? .null
    }

    /// A field's value as SQLite stores it.
    init(_ value: FieldValue) {
        switch value {
        case .null: self = .null
        case let .integer(n): self = .integer(n)
        case let .real(x): self = .real(x)
        case let .text(s): self = .text(s)
        }
    }
}

extension FieldValue {
    /// A stored value as a field's value; a BLOB, which no field holds, reads as NULL
    /// (and the record then fails to decode if the field may not be NULL).
    init(_ value: SQLite.Value) {
        switch value {
        case .null, .blob: self = .null
        case let .integer(n): self = .integer(n)
        case let .real(x): self = .real(x)
        case let .text(s): self = .text(s)
        }
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
