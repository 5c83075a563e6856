/// The storage type of an output field: how the database declares it and how the
/// exports write it.
public enum FieldType: Sendable, Equatable {
    case text, integer, real
    /// A time as GeoPackage stores it: UTC ISO 8601 text (`2025-01-31T08:15:00.000Z`).
    case datetime
}

/// A field's value, typed as it is stored.
public enum FieldValue: Sendable, Equatable {
    case text(String)
    case integer(Int)
    case real(Double)
    case null

    init(_ string: String?) { self = string.map(FieldValue.text) ?? .null }
}

/// A row of a point layer (`mentions`, `places`): its fields, named once in
/// ``fields``, which give the database columns, the CSV columns and the GeoJSON
/// properties alike, in this order, and the point it sits at.
public protocol FeatureRecord: Sendable {
    /// The field names and types, in output order.
    static var fields: [(name: String, type: FieldType)] { get }
    /// The values in the order of ``fields``.
    var values: [FieldValue] { get }
    /// Calls `body` with each value in the order of ``fields``: ``values`` without the
    /// array, for the loader and the exports, which write millions of records.
    func forEachValue(_ body: (FieldValue) throws -> Void) rethrows
    /// A record from the values of ``fields`` in order (as read back from the
    /// database); nil when the count or a type does not fit.
    init?(values: [FieldValue])
    /// WGS 84 latitude.
    var latitude: Double { get }
    /// WGS 84 longitude.
    var longitude: Double { get }
}

extension FeatureRecord {
    public func forEachValue(_ body: (FieldValue) throws -> Void) rethrows {
        for value in values { try body(value) }
    }
}

/// A row of values in the order of a record's fields, read by type: text only from
/// text, an integer only from an integer, a real from a real or an integer, and nil
/// where the type does not fit. What a record is decoded from (``RowDecodable``).
protocol FieldRow {
    /// The number of values.
    var count: Int { get }
    func text(_ i: Int) -> String?
    func int(_ i: Int) -> Int?
    func real(_ i: Int) -> Double?
}

/// A record that decodes itself from a ``FieldRow`` (nil when the count or a type
/// does not fit): from an array of values, or straight from a row of the database
/// (``StatementRow``), which an export reads millions of.
protocol RowDecodable {
    init?(row: some FieldRow)
}

/// The values of an array, for the records' `init?(values:)`.
struct FieldValues: FieldRow {
    var values: [FieldValue]

    var count: Int { values.count }
    func text(_ i: Int) -> String? { if case let .text(s) = values[i] { return s } else { return nil } }
    func int(_ i: Int) -> Int? { if case let .integer(n) = values[i] { return n } else { return nil } }
    func real(_ i: Int) -> Double? {
        switch values[i] {
        case let .real(x): return x
        case let .integer(n): return Double(n)
        default: return nil
        }
    }
}
