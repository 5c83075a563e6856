import Synchronization

/// JSON text, written by hand so that output is streamed and byte-for-byte
/// deterministic: string escaping in one place, for the GeoJSON export and for the
/// CLI's JSON lines.
public enum JSONText {
    private static let hex = Array("0123456789abcdef".utf8)

    /// `text` as a JSON string literal, quotes included.
    public static func quoted(_ text: String) -> String {
        var bytes: [UInt8] = []
        appendQuoted(text, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `text` as a JSON string literal (RFC 8259): `"` and `\` escaped,
    /// control characters as `\n`, `\r`, `\t`, `\b`, `\f` or `\u00XX`, and U+2028 and
    /// U+2029 as `\u2028`/`\u2029` (legal in JSON, but line breaks to JavaScript
    /// and to some line-based tools). Everything else is copied as UTF-8.
    public static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted($0, to: &bytes) }
    }

    /// ``appendQuoted(_:to:)`` of well-formed UTF-8.
    static func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        // Runs of bytes that need no escape are copied whole.
        var copied = 0
        var i = 0
        while i < utf8.count {
            if i + 8 <= utf8.count, !needsEscape(ByteWords.word(utf8, at: i)) {
                i += 8
                continue
            }
            let byte = utf8[i]
            if byte >= 0x20, byte != UInt8(ascii: "\""), byte != UInt8(ascii: "\\"), byte != 0xE2 {
                i += 1
                continue
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<i]))
            i += 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(contentsOf: [UInt8(ascii: "\\"), byte])
            case UInt8(ascii: "\n"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\r"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case UInt8(ascii: "\t"): bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x08: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x00..<0x20: appendUnicodeEscape(UInt16(byte), to: &bytes)
            case 0xE2 where i + 1 < utf8.count && utf8[i] == 0x80 && (utf8[i + 1] == 0xA8 || utf8[i + 1] == 0xA9):
                // U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR.
                appendUnicodeEscape(utf8[i + 1] == 0xA8 ? 0x2028 : 0x2029, to: &bytes)
                i += 2
            default: bytes.append(byte)
            }
            copied = i
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[copied..<utf8.count]))
        bytes.append(UInt8(ascii: "\""))
    }

    /// Whether one of eight bytes may need an escape: a control character, `"`, `\`,
    /// or 0xE2, which starts U+2028 and U+2029.
    @inline(__always)
    private static func needsEscape(_ word: UInt64) -> Bool {
        ByteWords.containsControl(word) || ByteWords.contains(UInt8(ascii: "\""), in: word)
            || ByteWords.contains(UInt8(ascii: "\\"), in: word) || ByteWords.contains(0xE2, in: word)
    }

    private static func appendUnicodeEscape(_ code: UInt16, to bytes: inout [UInt8]) {
        bytes.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u")])
        for shift in stride(from: 12, through: 0, by: -4) { bytes.append(hex[Int(code >> UInt16(shift)) & 0xF]) }
    }

    /// Appends `x` as a JSON number (``DecimalText/shortest(_:)``), or `null` when it
    /// is nil or not finite.
    public static func appendNumber(_ x: Double?, to bytes: inout [UInt8]) {
        if let x, DecimalText.appendShortest(x, to: &bytes) { return }
        bytes.append(contentsOf: "null".utf8)
    }
}

/// Builds one JSON object, member by member, in the order they are added: a feature's
/// properties, or one line of `geotag extract --format jsonl`.
///
///     var object = JSONObjectWriter()
///     object.add("doc_id", "a1")
///     object.add("start", 10)
///     print(object.text)  // {"doc_id":"a1","start":10}
public struct JSONObjectWriter: Sendable {
    private var members: [UInt8] = []

    /// An empty object, `{}`.
    public init() {}

    private mutating func key(_ key: String) {
        if !members.isEmpty { members.append(UInt8(ascii: ",")) }
        JSONText.appendQuoted(key, to: &members)
        members.append(UInt8(ascii: ":"))
    }

    /// Adds a string member, `null` for nil.
    public mutating func add(_ key: String, _ value: String?) {
        self.key(key)
        if let value { JSONText.appendQuoted(value, to: &members) } else { members.append(contentsOf: "null".utf8) }
    }

    /// Adds an integer member, `null` for nil.
    public mutating func add(_ key: String, _ value: Int?) {
        self.key(key)
        members.append(contentsOf: (value.map(String.init) ?? "null").utf8)
    }

    /// Adds a number member, `null` for nil or a value that is not finite.
    public mutating func add(_ key: String, _ value: Double?) {
        self.key(key)
        JSONText.appendNumber(value, to: &members)
    }

    /// Adds a boolean member, `null` for nil.
    public mutating func add(_ key: String, _ value: Bool?) {
        self.key(key)
        members.append(contentsOf: (value.map { $0 ? "true" : "false" } ?? "null").utf8)
    }

    /// Adds a member whose value is JSON the caller has written (a nested object or
    /// array); it is copied as it is.
    public mutating func add(_ key: String, json: [UInt8]) {
        self.key(key)
        members.append(contentsOf: json)
    }

    /// Appends the object, braces included.
    public func append(to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        bytes.append(contentsOf: members)
        bytes.append(UInt8(ascii: "}"))
    }

    /// The object as bytes.
    public var bytes: [UInt8] {
        var bytes: [UInt8] = []
        append(to: &bytes)
        return bytes
    }

    /// The object as text.
    public var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// ``FeatureRecord/jsonKeys`` by record type (two types: mentions and places).
private let jsonKeysByType = Mutex<[ObjectIdentifier: [[UInt8]]]>([:])

extension FeatureRecord {
    /// Appends the record as a JSON object with one member per ``fields`` entry, in
    /// order (`null` for nil): a GeoJSON feature's properties, or a JSON line.
    public func appendJSONObject(to bytes: inout [UInt8]) {
        FeatureRows(self).forEachRow { JSONText.appendObject($0, keys: Self.jsonKeys, to: &bytes) }
    }

    /// Each of ``fields``' names as a JSON object key with its colon (`"doc_id":`),
    /// made once per record type: `geotag extract` formats its records one at a time,
    /// and making the keys cost more than the rest of a record's JSON line.
    static var jsonKeys: [[UInt8]] {
        jsonKeysByType.withLock { keys in
            if let known = keys[ObjectIdentifier(Self.self)] { return known }
            let made = fields.map { field in
                var key: [UInt8] = []
                JSONText.appendQuoted(field.name, to: &key)
                key.append(UInt8(ascii: ":"))
                return key
            }
            keys[ObjectIdentifier(Self.self)] = made
            return made
        }
    }

    /// The record as the JSON object text of ``appendJSONObject(to:)``.
    public var jsonText: String {
        var bytes: [UInt8] = []
        appendJSONObject(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension JSONText {
    /// Appends a row of a point layer as a JSON object, one member per field, each
    /// named by its key in `keys` (``FeatureRecord/jsonKeys``), `null` for nil.
    static func appendObject<Record>(_ row: FeatureRows<Record>.Row, keys: [[UInt8]], to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "{"))
        var i = 0
        row.forEachValue { value in
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(contentsOf: keys[i])
            i += 1
            switch value {
            case let .text(utf8): appendQuoted(utf8, to: &bytes)
            case let .integer(n): DecimalText.appendInteger(n, to: &bytes)
            case let .real(x): appendNumber(x, to: &bytes)
            case .null: bytes.append(contentsOf: "null".utf8)
            }
        }
        bytes.append(UInt8(ascii: "}"))
    }
}
