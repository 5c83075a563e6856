/// Demonyms and adjectives of nationality ("Iraqi", "Syrian", "Kurdish") with the
/// countries they point to: never a mention themselves, but evidence of the country an
/// article is about. Read from a data file (`data/gazetteer/demonyms.tsv`) by the
/// gazetteer builder and stored in the index, so the extractor and a user's own
/// gazetteer agree.
///
/// The file is UTF-8, tab-separated, `#` starts a comment line:
/// ```
/// demonym <TAB> ISO 3166-1 alpha-2 codes, comma-separated, or empty <TAB> note (optional)
/// ```
/// Empty codes mark a word that is a demonym of no single country ("Arab", "European"):
/// still not a place. Demonyms are stored folded (``NameKey/canonical(_:)``); a plural
/// "s" is accepted in lookups ("Iraqis").
public struct DemonymTable: Sendable, Equatable, Codable {
    /// Folded demonym → country codes.
    public private(set) var countries: [String: [String]] = [:]

    public init() {}

    public init(_ countries: [String: [String]]) { self.countries = countries }

    public var isEmpty: Bool { countries.isEmpty }
    public var count: Int { countries.count }

    /// Reads one line of a demonym file; blank and comment lines are ignored.
    public mutating func add(line: ArraySlice<UInt8>) throws(DocumentError) {
        let text = String(decoding: line, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) || text.hasPrefix("#") { return }
        let columns = text.split(separator: "\t", omittingEmptySubsequences: false)
        guard (2...3).contains(columns.count) else {
            throw DocumentError("expected demonym<TAB>country codes<TAB>note, found \(columns.count) columns")
        }
        let key = String(decoding: NameKey.canonical(String(columns[0])), as: UTF8.self)
        guard !key.isEmpty else { throw DocumentError("empty demonym") }
        let codes = columns[1].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        guard codes.allSatisfy({ $0.count == 2 && $0.allSatisfy { $0.isASCII && $0.isUppercase } }) else {
            throw DocumentError("country codes '\(columns[1])' are not comma-separated ISO 3166-1 alpha-2 codes")
        }
        guard countries[key] == nil else { throw DocumentError("demonym '\(columns[0])' appears twice") }
        countries[key] = codes
    }

    /// The countries the folded word `word` points to (empty for a demonym of no single
    /// country), or nil when it is no demonym.
    public func countries(for word: some Collection<UInt8>) -> [String]? {
        var text = String(decoding: word, as: UTF8.self)
        if let codes = countries[text] { return codes }
        guard text.hasSuffix("s") else { return nil }
        text.removeLast()
        return countries[text]
    }

    public init(from decoder: any Decoder) throws {
        countries = try decoder.singleValueContainer().decode([String: [String]].self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(countries)
    }
}
