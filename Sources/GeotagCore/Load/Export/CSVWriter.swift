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

    /// The rows of `rows`, as ``write(_:)`` would write their records one by one.
    static func formatted(_ rows: FeatureRows<MentionRecord>) -> [UInt8] {
        var bytes: [UInt8] = []
        // Room for every row (the texts, a number's longest form for every field, the
        // point), so the bytes are not copied as the array grows.
        bytes.reserveCapacity(rows.text.count + rows.count * (FeatureRows<MentionRecord>.width * 24 + 64))
        append(rows, to: &bytes)
        return bytes
    }

    /// Appends `record` as one CSV row, CRLF included.
    public static func appendRow(_ record: MentionRecord, to bytes: inout [UInt8]) {
        append(FeatureRows(record), to: &bytes)
    }

    /// Appends each of `rows` as one CSV row, CRLF included.
    private static func append(_ rows: FeatureRows<MentionRecord>, to bytes: inout [UInt8]) {
        rows.forEachRow { row in
            var first = true
            row.forEachValue { value in
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                switch value {
                case let .text(utf8): appendCell(utf8, neutralising: true, to: &bytes)
                case let .integer(n): DecimalText.appendInteger(n, to: &bytes)
                case let .real(x): _ = DecimalText.appendShortest(x, to: &bytes)
                case .null: break
                }
            }
            bytes.append(UInt8(ascii: ","))
            appendWKT(row.point, to: &bytes)
            bytes.append(contentsOf: [0x0D, 0x0A])
        }
    }

    /// `POINT(lon lat)`, or `POINT EMPTY` when a coordinate is not a number.
    public static func wkt(_ record: MentionRecord) -> String {
        var bytes: [UInt8] = []
        appendWKT((record.latitude, record.longitude), to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends ``wkt(_:)``'s text, a cell that never needs quotes.
    private static func appendWKT(_ point: (latitude: Double, longitude: Double), to bytes: inout [UInt8]) {
        guard point.longitude.isFinite, point.latitude.isFinite else { return bytes.append(contentsOf: "POINT EMPTY".utf8) }
        bytes.append(contentsOf: "POINT(".utf8)
        _ = DecimalText.appendShortest(point.longitude, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        _ = DecimalText.appendShortest(point.latitude, to: &bytes)
        bytes.append(UInt8(ascii: ")"))
    }

    /// `text` with a `'` in front when a spreadsheet would read it as a formula.
    public static func neutralised(_ text: String) -> String {
        isFormula(text.utf8) ? "'" + text : text
    }

    /// Whether a spreadsheet would read a cell of these UTF-8 bytes as a formula.
    private static func isFormula(_ utf8: some Collection<UInt8>) -> Bool {
        switch utf8.first {
        case UInt8(ascii: "="), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "@"), 0x09, 0x0D: true
        default: false
        }
    }

    /// Appends `text` as one cell, quoted when it must be.
    static func appendCell(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendCell($0, neutralising: false, to: &bytes) }
    }

    /// Whether a cell of these bytes needs quotes: it holds `"`, `,`, CR or LF.
    private static func needsQuotes(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        for i in stride(from: 0, to: utf8.count, by: 8) {
            let word = ByteWords.word(utf8, at: i)
            if ByteWords.contains(UInt8(ascii: "\""), in: word) || ByteWords.contains(UInt8(ascii: ","), in: word)
                || ByteWords.contains(0x0D, in: word) || ByteWords.contains(0x0A, in: word) { return true }
        }
        return false
    }

    /// Appends the UTF-8 `text` as one cell, quoted when it must be, and, when
    /// `neutralising`, with a `'` in front of a formula (``neutralised(_:)``).
    private static func appendCell(_ utf8: UnsafeBufferPointer<UInt8>, neutralising: Bool, to bytes: inout [UInt8]) {
        let prefix = neutralising && isFormula(utf8)
        let needsQuotes = Self.needsQuotes(utf8)
        if needsQuotes { bytes.append(UInt8(ascii: "\"")) }
        if prefix { bytes.append(UInt8(ascii: "'")) }
        guard needsQuotes else { return bytes.append(contentsOf: utf8) }
        // Runs between quotes are copied whole; each quote is doubled.
        var start = 0
        while let quote = utf8[start...].firstIndex(of: UInt8(ascii: "\"")) {
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...quote]))
            bytes.append(UInt8(ascii: "\""))
            start = quote + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        bytes.append(UInt8(ascii: "\""))
    }
}
