/// Reads the string fields of one JSON object, a JSONL line, without building the
/// rest: every value is checked as JSON (RFC 8259), but only the strings of the keys
/// asked for are decoded, as UTF-8 (an article's body goes on as bytes, never made a
/// `String`). `JSONSerialization` built every value as a Foundation object first,
/// which was most of reading a JSONL corpus.
///
/// It accepts what `JSONSerialization` accepted before it, so no line that read then
/// fails now: a comma before a closing `}` or `]`, and a byte-order mark before the
/// object. It rejects what that rejected: invalid UTF-8, control characters inside
/// strings, lone surrogates in `\u` escapes, numbers such as `01`, `1.` or `NaN`,
/// anything after the object. Of a key given twice, the last value counts. Two
/// differences: a line is UTF-8, as RFC 8259 asks, where `JSONSerialization` took
/// bytes with NULs in the right places for UTF-16 or UTF-32 (a JSONL file in those
/// could not be split into lines at its newline bytes anyway); and it dropped a
/// U+FEFF that starts a string or follows an escape (it made each piece a Foundation
/// string, which takes it for a byte-order mark), which is kept here as written, and
/// the normalizer removes it from the text.
struct JSONStringFields {
    /// Why a line is not a JSON object.
    struct Invalid: Error {}

    /// The deepest nesting of arrays and objects read, the line's object included, as
    /// `JSONSerialization`'s.
    static let maximumDepth = 512

    private let bytes: UnsafeBufferPointer<UInt8>
    private var at = 0

    private init(_ bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// The string values of `keys` in the object `line` holds, in UTF-8, by position
    /// in `keys`: nil for a key that is missing or whose value is not a string.
    ///
    /// - Throws: ``Invalid`` when `line` is not one JSON object.
    static func values(of keys: [String], in line: UnsafeBufferPointer<UInt8>) throws(Invalid) -> [[UInt8]?] {
        var reader = JSONStringFields(line)
        if line.starts(with: [0xEF, 0xBB, 0xBF]) { reader.at = 3 }
        let wanted = keys.map { Array($0.utf8) }
        var values = [[UInt8]?](repeating: nil, count: keys.count)
        reader.skipSpace()
        try reader.expect(UInt8(ascii: "{"))
        try reader.members { key, reader throws(Invalid) in
            // A key written with escapes ("t\u0065xt") is compared decoded.
            let k = key.escaped
                ? wanted.firstIndex(of: try Self.decoded(key))
                : wanted.firstIndex { $0.elementsEqual(key.bytes) }
            guard let k else { return try reader.value(depth: 1) }
            if try reader.peek() == UInt8(ascii: "\"") {
                values[k] = try Self.decoded(reader.rawString())
            } else {
                values[k] = nil
                try reader.value(depth: 1)
            }
        }
        reader.skipSpace()
        guard reader.at == line.count else { throw Invalid() }
        return values
    }

    // MARK: Structure

    /// The members of an object whose `{` was read, through its `}`: `body` gets each
    /// key as written and reads the value after the colon.
    private mutating func members(_ body: (RawString, inout JSONStringFields) throws(Invalid) -> Void) throws(Invalid) {
        try list(closedBy: UInt8(ascii: "}")) { reader throws(Invalid) in
            let key = try reader.rawString()
            reader.skipSpace()
            try reader.expect(UInt8(ascii: ":"))
            reader.skipSpace()
            try body(key, &reader)
        }
    }

    /// Reads one value of any kind inside `depth` levels of nesting and checks it,
    /// making nothing of it.
    private mutating func value(depth: Int) throws(Invalid) {
        switch try peek() {
        case UInt8(ascii: "\""):
            _ = try rawString()
        case UInt8(ascii: "{"):
            guard depth < Self.maximumDepth else { throw Invalid() }
            at += 1
            try members { _, reader throws(Invalid) in try reader.value(depth: depth + 1) }
        case UInt8(ascii: "["):
            guard depth < Self.maximumDepth else { throw Invalid() }
            at += 1
            try list(closedBy: UInt8(ascii: "]")) { reader throws(Invalid) in try reader.value(depth: depth + 1) }
        case UInt8(ascii: "t"): try literal("true")
        case UInt8(ascii: "f"): try literal("false")
        case UInt8(ascii: "n"): try literal("null")
        default: try number()
        }
    }

    /// The items of an object or array whose opening bracket was read, through
    /// `closing`: `item` reads each, the commas between them are read here (and one
    /// after the last, as `JSONSerialization` allowed).
    private mutating func list(closedBy closing: UInt8, _ item: (inout JSONStringFields) throws(Invalid) -> Void) throws(Invalid) {
        skipSpace()
        if try peek() == closing { at += 1; return }
        while true {
            skipSpace()
            try item(&self)
            skipSpace()
            let next = try take()
            if next == closing { return }
            guard next == UInt8(ascii: ",") else { throw Invalid() }
            skipSpace()
            if try peek() == closing { at += 1; return }
        }
    }

    private mutating func literal(_ word: StaticString) throws(Invalid) {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count,
              UnsafeBufferPointer(rebasing: bytes[at..<(at + count)]).elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw Invalid() }
        at += count
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`
    private mutating func number() throws(Invalid) {
        if bytes[safe: at] == UInt8(ascii: "-") { at += 1 }
        if bytes[safe: at] == UInt8(ascii: "0") {
            at += 1
        } else {
            try digits()
        }
        if bytes[safe: at] == UInt8(ascii: ".") {
            at += 1
            try digits()
        }
        if let e = bytes[safe: at], e | 0x20 == UInt8(ascii: "e") {
            at += 1
            if let sign = bytes[safe: at], sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { at += 1 }
            try digits()
        }
    }

    /// One digit or more.
    private mutating func digits() throws(Invalid) {
        let start = at
        while let byte = bytes[safe: at], byte &- UInt8(ascii: "0") < 10 { at += 1 }
        guard at > start else { throw Invalid() }
    }

    // MARK: Strings

    /// A string as written between its quotes, checked: valid UTF-8, no control
    /// character, valid escapes.
    private struct RawString {
        var bytes: UnsafeBufferPointer<UInt8>
        /// Whether it holds an escape.
        var escaped: Bool
    }

    private mutating func rawString() throws(Invalid) -> RawString {
        try expect(UInt8(ascii: "\""))
        let start = at
        var (escaped, ascii) = (false, true)
        while true {
            // Eight bytes at a time past those that need no look: a page's text is long.
            while at + 8 <= bytes.count {
                let word = ByteWords.word(bytes, at: at)
                if Self.needsLook(word) { break }
                at += 8
            }
            let byte = try take()
            if byte == UInt8(ascii: "\"") { break }
            if byte < 0x20 { throw Invalid() }
            if byte >= 0x80 { ascii = false }
            if byte == UInt8(ascii: "\\") {
                escaped = true
                _ = try escape()
            }
        }
        let raw = UnsafeBufferPointer(rebasing: bytes[start..<(at - 1)])
        guard ascii || (try? UTF8Span(validating: raw.span)) != nil else { throw Invalid() }
        return RawString(bytes: raw, escaped: escaped)
    }

    /// Whether one of eight bytes ends a string, starts an escape, is a control
    /// character or belongs to a non-ASCII scalar.
    @inline(__always)
    private static func needsLook(_ word: UInt64) -> Bool {
        ByteWords.containsNonASCII(word) || ByteWords.containsControl(word)
            || ByteWords.contains(UInt8(ascii: "\""), in: word) || ByteWords.contains(UInt8(ascii: "\\"), in: word)
    }

    /// The UTF-8 of a checked string, its escapes decoded.
    private static func decoded(_ raw: RawString) throws(Invalid) -> [UInt8] {
        // Most strings have no escape: their bytes as they are.
        guard raw.escaped else { return Array(raw.bytes) }
        var text: [UInt8] = []
        text.reserveCapacity(raw.bytes.count)
        var inner = JSONStringFields(raw.bytes)
        while inner.at < raw.bytes.count {
            // The bytes up to the next escape go in whole.
            let rest = UnsafeBufferPointer(rebasing: raw.bytes[inner.at...])
            let run = rest.firstIndex(of: UInt8(ascii: "\\")).map { $0 - rest.startIndex } ?? rest.count
            text.append(contentsOf: UnsafeBufferPointer(rebasing: rest[rest.startIndex..<(rest.startIndex + run)]))
            inner.at += run
            guard inner.at < raw.bytes.count else { break }
            inner.at += 1
            text.append(contentsOf: String(try inner.escape()).utf8)
        }
        return text
    }

    /// The scalar of an escape whose backslash was read.
    private mutating func escape() throws(Invalid) -> Unicode.Scalar {
        switch try take() {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{08}"
        case UInt8(ascii: "f"): return "\u{0C}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            let unit = try hex4()
            switch unit {
            case 0xD800..<0xDC00:
                // A high surrogate must be followed by an escaped low one.
                guard bytes[safe: at] == UInt8(ascii: "\\"), bytes[safe: at + 1] == UInt8(ascii: "u") else { throw Invalid() }
                at += 2
                let low = try hex4()
                guard (0xDC00..<0xE000).contains(low) else { throw Invalid() }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))!
            case 0xDC00..<0xE000:
                throw Invalid()
            default:
                return Unicode.Scalar(unit)!
            }
        default:
            throw Invalid()
        }
    }

    /// Four hexadecimal digits.
    private mutating func hex4() throws(Invalid) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = try take()
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw Invalid()
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }

    // MARK: Bytes

    private mutating func skipSpace() {
        while let byte = bytes[safe: at], byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 { at += 1 }
    }

    private func peek() throws(Invalid) -> UInt8 {
        guard let byte = bytes[safe: at] else { throw Invalid() }
        return byte
    }

    private mutating func take() throws(Invalid) -> UInt8 {
        let byte = try peek()
        at += 1
        return byte
    }

    private mutating func expect(_ expected: UInt8) throws(Invalid) {
        guard try take() == expected else { throw Invalid() }
    }
}

private extension UnsafeBufferPointer<UInt8> {
    /// The byte at `i`, nil past the end.
    subscript(safe i: Int) -> UInt8? { i < count ? self[i] : nil }
}
