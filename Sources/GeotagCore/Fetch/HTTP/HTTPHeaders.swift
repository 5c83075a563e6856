/// The header fields of an HTTP response, in the order received, with names looked up
/// without regard to case.
public struct HTTPHeaders: Sendable, Equatable {
    /// Every field as received, names as the server wrote them.
    public private(set) var fields: [(name: String, value: String)] = []

    public init(_ fields: [(name: String, value: String)] = []) {
        self.fields = fields
    }

    /// The value of the first field called `name` (any case), nil when absent.
    public subscript(_ name: String) -> String? {
        fields.first { $0.name.equalsIgnoringCase(name) }?.value
    }

    /// Adds one raw header line (`Name: value\r\n`); blank lines and lines without a
    /// colon (the end of the block, obsolete folding) are ignored.
    mutating func append(line: String) {
        let trimmed = line.trimmingASCIIWhitespace
        guard let colon = trimmed.firstIndex(of: ":") else { return }
        let name = String(trimmed[..<colon]).trimmingASCIIWhitespace
        guard !name.isEmpty else { return }
        fields.append((name, String(trimmed[trimmed.index(after: colon)...]).trimmingASCIIWhitespace))
    }

    /// The `Content-Encoding`, nil when absent or `identity`.
    var contentEncoding: String? {
        guard let value = self["Content-Encoding"]?.lowercased(), !value.isEmpty, value != "identity" else { return nil }
        return value
    }

    public static func == (lhs: HTTPHeaders, rhs: HTTPHeaders) -> Bool {
        lhs.fields.elementsEqual(rhs.fields) { $0.name == $1.name && $0.value == $1.value }
    }
}

extension String {
    /// Whether the two are the same but for letter case.
    func equalsIgnoringCase(_ other: String) -> Bool {
        utf8.count == other.utf8.count && lowercased() == other.lowercased()
    }

    /// Without leading and trailing spaces, tabs, CR and LF.
    var trimmingASCIIWhitespace: String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" || $0 == "\r\n" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[start...end])
    }
}
