/// Rows of a point layer as the exports format them: each row's values, typed as its
/// record has them (``FeatureRecord/forEachValue(_:)``), with every text's UTF-8 in one
/// buffer, and its point. An export reads millions of rows from the database straight
/// into chunks of these (``GeotagDatabase/forEachChunk(of:in:where:is:orderedBy:size:_:)``),
/// with no `String` made for a value, and formats the chunks on other threads
/// (``MentionChunk``); a record alone becomes a row of its own (``init(_:)``), so the
/// CSV and GeoJSON of a record and of a row are made by the same code.
struct FeatureRows<Record: FeatureRecord>: Sendable {
    /// A value: its text as a range of ``text``.
    enum Value: Sendable, Equatable {
        case null
        case integer(Int)
        case real(Double)
        case text(Range<Int>)
    }

    /// The values of every row, row after row, ``width`` to a row.
    private(set) var values: [Value] = []
    /// The UTF-8 of every text value.
    private(set) var text: [UInt8] = []
    /// Each row's point.
    private(set) var points: [(latitude: Double, longitude: Double)] = []

    /// Values per row: the record's fields.
    static var width: Int { Record.fields.count }

    /// Rows in the chunk.
    var count: Int { points.count }
    var isEmpty: Bool { points.isEmpty }

    /// No rows, with room for `capacity` of them and `textCapacity` bytes of text.
    init(capacity: Int = 0, textCapacity: Int = 0) {
        values.reserveCapacity(capacity * Self.width)
        text.reserveCapacity(textCapacity)
        points.reserveCapacity(capacity)
    }

    /// One row: `record`'s.
    init(_ record: Record) {
        append(record)
    }

    /// Appends `record` as a row.
    mutating func append(_ record: Record) {
        record.forEachValue { values.append(value($0)) }
        points.append((record.latitude, record.longitude))
    }

    /// The row's value of a ``FieldValue``, its text copied into ``text``.
    mutating func value(_ value: FieldValue) -> Value {
        switch value {
        case .null: return .null
        case let .integer(n): return .integer(n)
        case let .real(x): return .real(x)
        case var .text(s): return s.withUTF8 { appendText($0) }
        }
    }

    /// Copies well-formed UTF-8 into ``text``; returns its value.
    mutating func appendText(_ utf8: UnsafeBufferPointer<UInt8>) -> Value {
        let start = text.count
        text.append(contentsOf: utf8)
        return .text(start..<text.count)
    }

    /// Drops the text after the first `count` bytes: a row's, when it is not kept.
    mutating func truncateText(to count: Int) {
        text.removeSubrange(count...)
    }

    /// Appends a row of ``width`` values, none of them nil, and its point.
    mutating func appendRow(_ row: [Value?], point: (latitude: Double, longitude: Double)) {
        for value in row { values.append(value!) }
        points.append(point)
    }

    /// Calls `body` with each row in order, its values read through a ``Row``.
    func forEachRow(_ body: (Row) -> Void) {
        text.withUnsafeBufferPointer { text in
            values.withUnsafeBufferPointer { values in
                for r in points.indices {
                    body(Row(values: UnsafeBufferPointer(rebasing: values[r * Self.width..<(r + 1) * Self.width]), text: text, point: points[r]))
                }
            }
        }
    }

    /// One row's values, valid inside ``forEachRow(_:)``.
    struct Row {
        fileprivate let values: UnsafeBufferPointer<Value>
        fileprivate let text: UnsafeBufferPointer<UInt8>
        /// The row's point.
        let point: (latitude: Double, longitude: Double)

        /// Calls `body` with each value in the order of the record's fields, its text
        /// as UTF-8 in place.
        func forEachValue(_ body: (Field) -> Void) {
            for value in values {
                switch value {
                case .null: body(.null)
                case let .integer(n): body(.integer(n))
                case let .real(x): body(.real(x))
                case let .text(range): body(.text(UnsafeBufferPointer(rebasing: text[range])))
                }
            }
        }
    }

    /// A value as ``Row/forEachValue(_:)`` gives it: its text in place.
    enum Field {
        case null
        case integer(Int)
        case real(Double)
        case text(UnsafeBufferPointer<UInt8>)
    }
}
