import Foundation

extension SQLite.Value {
    /// Text, or NULL for nil.
    init(_ text: String?) {
        self = text.map(SQLite.Value.text) ?? .null
    }
}

extension SQLite.Statement {
    /// Binds a record's values to consecutive parameters, the first at `index`,
    /// without an array in between (a mention row binds 23 of them), its texts through
    /// the statement's row buffer (``bindRowText(_:at:)``).
    func bind(_ record: some FeatureRecord, from index: Int) throws {
        var index = index
        beginRowText()
        try record.forEachValue { value in
            switch value {
            case .null: try bindNull(at: index)
            case let .integer(n): try bind(n, at: index)
            case let .real(x): try bind(x, at: index)
            case var .text(s): try s.withUTF8 { try bindRowText($0, at: index) }
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

/// Reads a statement's current row into a chunk of ``FeatureRows``, through the
/// record's own ``RowDecodable/init(row:)``: that decides which values a row must have
/// and what stands in for a missing one, while this copies each value it asks for into
/// the chunk and hands back an empty string in place of each text, so no `String` is
/// made. That asks a decoder to read every field once and to test a text only for being
/// there; the exports' tests compare rows read this way with records.
///
/// Its properties are exempt from Swift's run-time exclusivity checks, which took a
/// sixth of the reading thread's time: one thread uses a reader, and no access to a
/// property overlaps another.
final class FeatureRowReader<Record: FeatureRecord & RowDecodable>: FieldRow {
    typealias Rows = FeatureRows<Record>
    /// The rows read so far.
    @exclusivity(unchecked) private(set) var rows: Rows
    private let statement: SQLite.Statement
    /// The 0-based column of the first field.
    private let first: Int
    /// The current row's values; nil where the record found none.
    @exclusivity(unchecked) private var pending: [Rows.Value?]

    let count = Rows.width

    /// An empty chunk with room for `capacity` rows, to be read from `statement`'s
    /// rows, from column `first` on.
    init(_ statement: SQLite.Statement, first: Int, capacity: Int) {
        self.statement = statement
        self.first = first
        rows = Rows(capacity: capacity)
        pending = Array(repeating: nil, count: Rows.width)
    }

    /// Appends the statement's current row to ``rows``; returns false, appending
    /// nothing, when the record refuses it.
    func read() -> Bool {
        let textCount = rows.text.count
        for i in pending.indices { pending[i] = nil }
        guard let record = Record(row: self) else {
            rows.truncateText(to: textCount)
            return false
        }
        // What the record put where the row had nothing (nil, or a default).
        if pending.contains(nil) {
            var i = 0
            record.forEachValue { value in
                if pending[i] == nil { pending[i] = rows.value(value) }
                i += 1
            }
        }
        rows.appendRow(pending, point: (record.latitude, record.longitude))
        return true
    }

    /// Takes the rows read so far, leaving none, with room for as many.
    func take() -> Rows {
        var taken = Rows(capacity: rows.count, textCapacity: rows.text.count)
        swap(&taken, &rows)
        return taken
    }

    func text(_ i: Int) -> String? {
        guard statement.storageClass(at: first + i) == .text else { return nil }
        pending[i] = statement.withText(at: first + i) { bytes in
            guard let bytes else { return nil }
            if (try? UTF8Span(validating: bytes.span)) != nil { return rows.appendText(bytes) }
            // Ill-formed: repaired as `String(decoding:as:)` repairs it.
            return rows.value(.text(String(decoding: bytes, as: UTF8.self)))
        }
        return pending[i] == nil ? nil : ""
    }

    func int(_ i: Int) -> Int? {
        guard statement.storageClass(at: first + i) == .integer else { return nil }
        let n = statement.int(at: first + i)
        pending[i] = .integer(n)
        return n
    }

    func real(_ i: Int) -> Double? {
        let x: Double
        switch statement.storageClass(at: first + i) {
        case .real: x = statement.double(at: first + i)
        case .integer: x = Double(statement.int(at: first + i))
        default: return nil
        }
        pending[i] = .real(x)
        return x
    }
}
