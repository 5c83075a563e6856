import Foundation

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
    /// The texts the rows before held, kept from row to row.
    let repeated: RepeatedTexts

    func text(_ i: Int) -> String? {
        guard statement.storageClass(at: first + i) == .text else { return nil }
        return statement.withText(at: first + i) { $0.map { repeated.text(i, $0) } }
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

/// The last text read from each field of a run of rows, handed back when the next
/// row holds the same bytes: a table's consecutive rows repeat many texts (a
/// mention's article fields for every mention of the article, its run and gazetteer
/// version on every row), and the same `String` is neither decoded nor allocated
/// again, nor freed, and its copies share one buffer. An export reads millions of rows.
final class RepeatedTexts {
    private var last: [String?]

    /// Room for `count` fields.
    init(count: Int) {
        last = Array(repeating: nil, count: count)
    }

    /// `bytes`, the UTF-8 text of field `i`, as a `String` (ill-formed sequences
    /// replaced, as `String(decoding:as:)` does).
    func text(_ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        if let known = last[i], known.utf8.count == bytes.count,
           known.utf8.withContiguousStorageIfAvailable({ $0.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, $0.count) == 0 }) == true {
            return known
        }
        let text = String(decoding: bytes, as: UTF8.self)
        last[i] = text
        return text
    }
}
