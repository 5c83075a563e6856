/// One line of GeoNames' `alternateNamesV2.txt`: alternateNameId, geonameid,
/// isolanguage, alternate name, isPreferredName, isShortName, isColloquial, isHistoric,
/// from, to (the older `alternateNames.txt` lacks the last two).
public struct AlternateName: Sendable, Equatable {
    public var geonameID: Int
    /// An ISO 639 code (`en`, `ar`, `zh-CN`), a GeoNames pseudo-code (`abbr`, `link`,
    /// `post`, `iata`, ...) or empty.
    public var language: String
    public var name: String
    public var isPreferred: Bool
    public var isShort: Bool
    public var isColloquial: Bool
    public var isHistoric: Bool

    public init(line: ArraySlice<UInt8>) throws(DocumentError) {
        let columns = line.split(separator: 0x09, maxSplits: 9, omittingEmptySubsequences: false)
        guard columns.count >= 8 else {
            throw DocumentError("expected 10 tab-separated columns (alternateNameId, geonameid, isolanguage, name, ...), found \(columns.count)")
        }
        guard let id = Int(String(decoding: columns[1], as: UTF8.self)) else {
            throw DocumentError("geonameid '\(String(decoding: columns[1], as: UTF8.self))' is not a number")
        }
        guard !columns[3].isEmpty else { throw DocumentError("empty alternate name") }
        func flag(_ i: Int) -> Bool { columns[i].first == UInt8(ascii: "1") }
        geonameID = id
        language = String(decoding: columns[2], as: UTF8.self)
        name = String(decoding: columns[3], as: UTF8.self)
        isPreferred = flag(4)
        isShort = flag(5)
        isColloquial = flag(6)
        isHistoric = flag(7)
    }
}

/// Which lines of `alternateNamesV2.txt` a build keeps.
///
/// By default: names in Latin or Arabic script (``NameScript``) whose language is an ISO
/// 639 code (2 or 3 letters, optionally with a `-` variant such as `zh-CN`), none, or
/// `abbr` (abbreviations: it is how "U.S." and "UAE" arrive). GeoNames' other pseudo-codes
/// are not names: `link` (Wikipedia URLs), `wkdt` (Wikidata ids), `post` (postal codes),
/// `iata`, `icao`, `faac` (airport codes), `tcid` (TripAdvisor ids), `unlc` (UN/LOCODE),
/// `phon` and `piny` (transcriptions), `fr_1793` (revolutionary French names); all are
/// dropped. Historic names are dropped unless asked for; colloquial and short names are
/// kept.
///
/// Naming languages (`--languages en,ar,abbr,none`) keeps exactly those codes (`none`
/// for names without one; a code matches its variants too: `zh` keeps `zh-CN`), in any
/// script.
public struct AlternateNamePolicy: Sendable, Equatable {
    /// The language codes to keep, lower case, `""` for none; nil for the default rule.
    public var languages: Set<String>?
    /// Whether to keep names marked historic.
    public var keepHistoric: Bool

    public init(languages: Set<String>? = nil, keepHistoric: Bool = false) {
        self.languages = languages
        self.keepHistoric = keepHistoric
    }

    /// Parses a `--languages` list: comma-separated codes, `none` for names without one.
    public init(languageList: String, keepHistoric: Bool = false) {
        let codes = languageList.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        self.init(languages: Set(codes.map { $0 == "none" ? "" : $0 }), keepHistoric: keepHistoric)
    }

    public func keeps(_ name: AlternateName) -> Bool {
        if name.isHistoric, !keepHistoric { return false }
        let code = name.language.lowercased()
        if let languages {
            let primary = code.split(separator: "-", maxSplits: 1).first.map(String.init) ?? ""
            return languages.contains(code) || languages.contains(primary)
        }
        return Self.isNameLanguage(code) && NameScript.isLatinOrArabic(name.name)
    }

    /// Empty, `abbr`, or an ISO 639 code with an optional `-` variant.
    static func isNameLanguage(_ code: String) -> Bool {
        if code.isEmpty || code == "abbr" { return true }
        let parts = code.split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
        return (2...3).contains(parts[0].count) && parts[0].allSatisfy { $0.isASCII && $0.isLetter }
            && (parts.count == 1 || !parts[1].isEmpty)
    }
}

/// One line of GeoNames' `hierarchy.txt`: parentId, childId, type (`ADM` for the
/// administrative hierarchy, other types entered by users).
struct HierarchyEdge: Sendable, Equatable {
    var parent: Int32
    var child: Int32

    init(line: ArraySlice<UInt8>) throws(DocumentError) {
        let columns = line.split(separator: 0x09, maxSplits: 2, omittingEmptySubsequences: false)
        guard columns.count >= 2,
              let parent = Int32(String(decoding: columns[0], as: UTF8.self)),
              let child = Int32(String(decoding: columns[1], as: UTF8.self))
        else { throw DocumentError("expected parentId<TAB>childId<TAB>type with numeric ids") }
        self.parent = parent
        self.child = child
    }
}
