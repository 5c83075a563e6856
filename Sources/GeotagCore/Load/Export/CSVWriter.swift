/// Writes mention records as CSV (RFC 4180): UTF-8, CRLF line ends, a header row of
/// the ``MentionRecord/fields`` names and a last `wkt` column `POINT(lon lat)`; on
/// request a UTF-8 byte-order mark first, without which Excel reads the file as the
/// system's legacy code page.
///
/// A cell is quoted when it holds `"`, `,`, CR or LF, with its quotes doubled. A text
/// cell a spreadsheet would run as a formula (first character `=`, `+`, `-`, `@`, tab
/// or CR) is neutralised with a leading `'` (OWASP's advice on CSV injection). Number
/// columns are never touched, so a longitude of `-3.7` or a negative `place_id` stays
/// a number. Empty cells stand for nil.
public struct CSVWriter {
    /// The header: the field names, then `wkt`.
    public static let columns: [String] = MentionRecord.fields.map(\.name) + ["wkt"]

    private let output: FileOutput
    private let byteOrderMark: Bool

    /// A writer that streams to `output` (a file being exported, or standard output),
    /// starting with a UTF-8 byte-order mark when `byteOrderMark` is true.
    public init(output: FileOutput, byteOrderMark: Bool = false) {
        self.output = output
        self.byteOrderMark = byteOrderMark
    }

    /// Writes the byte-order mark, if asked for, and the header row.
    public func writeHeader() throws {
        let byteOrderMark = byteOrderMark
        try output.append { bytes in
            if byteOrderMark { bytes.append(contentsOf: [0xEF, 0xBB, 0xBF]) }
            for (i, name) in Self.columns.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                Self.appendCell(name, to: &bytes)
            }
            bytes.append(contentsOf: [0x0D, 0x0A])
        }
    }

    /// Writes one record as a row.
    public func write(_ record: MentionRecord) throws {
        try output.append { Self.appendRow(record, to: &$0) }
    }

    /// Writes rows made by ``formatted(_:)``, perhaps on another thread.
    public func write(formatted rows: [UInt8]) throws {
        try output.write(rows)
    }

    /// The rows of `records`, as ``write(_:)`` would write them one by one.
    public static func formatted(_ records: [MentionRecord]) -> [UInt8] {
        var bytes: [UInt8] = []
        // By index: a for-in loop copies each record, 15 strings retained and released.
        for i in records.indices { appendRow(records[i], to: &bytes) }
        return bytes
    }

    /// Appends `record` as one CSV row, CRLF included.
    public static func appendRow(_ record: borrowing MentionRecord, to bytes: inout [UInt8]) {
        var first = true
        record.forEachValue { value in
            if !first { bytes.append(UInt8(ascii: ",")) }
            first = false
            switch value {
            case let .text(text): appendCell(neutralised(text), to: &bytes)
            case let .integer(n): DecimalText.appendInteger(n, to: &bytes)
            case let .real(x): _ = DecimalText.appendShortest(x, to: &bytes)
            case .null: break
            }
        }
        bytes.append(UInt8(ascii: ","))
        appendWKT(record, to: &bytes)
        bytes.append(contentsOf: [0x0D, 0x0A])
    }

    /// `POINT(lon lat)`, or `POINT EMPTY` when a coordinate is not a number.
    public static func wkt(_ record: borrowing MentionRecord) -> String {
        var bytes: [UInt8] = []
        appendWKT(record, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``wkt(_:)``'s text, a cell that never needs quotes.
    private static func appendWKT(_ record: borrowing MentionRecord, to bytes: inout [UInt8]) {
        guard record.longitude.isFinite, record.latitude.isFinite else { return bytes.append(contentsOf: "POINT EMPTY".utf8) }
        bytes.append(contentsOf: "POINT(".utf8)
        _ = DecimalText.appendShortest(record.longitude, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        _ = DecimalText.appendShortest(record.latitude, to: &bytes)
        bytes.append(UInt8(ascii: ")"))
    }

    /// `text` with a `'` in front when a spreadsheet would read it as a formula.
    public static func neutralised(_ text: String) -> String {
        switch text.utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: return "'" + text
        default: return text
        }
    }

    /// Appends `text` as one cell, quoted when it must be.
    static func appendCell(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { utf8 in
            let needsQuotes = utf8.contains { $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: ",") || $0 == 0x0D || $0 == 0x0A }
            guard needsQuotes else { return bytes.append(contentsOf: utf8) }
            bytes.append(UInt8(ascii: "\""))
            for byte in utf8 {
                bytes.append(byte)
                if byte == UInt8(ascii: "\"") { bytes.append(byte) }
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }
}
