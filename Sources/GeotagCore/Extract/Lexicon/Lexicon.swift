import Foundation
import Synchronization

/// Every word list the extractor asks, merged into one table from folded word to its
/// ``WordClass``: the built-in lists (``CommonWords``, ``ContextWords``,
/// ``GivenNames``, ``Surnames``), the common English words beside the index and the
/// index's demonyms, with the country each nationality adjective names.
///
/// The English words (data/gazetteer/lexicon/english-words.txt, from Debian's
/// wamerican list) make a town named like one ("Snow", "Police", "Reading") the word,
/// not the town, unless the context says place or the place is notable. The list lives
/// in the gazetteer's folder, beside the index; a gazetteer folder without it simply
/// has no such words. A lexicon is built once per index file.
struct Lexicon: Sendable {
    private let table: WordTable
    /// The places each nationality adjective may name, by its folded words ("syrian",
    /// "south african"); see ``nationality(_:)``.
    private let nationalities: [[UInt8]: [Int]]

    /// The file of English words, relative to the folder that holds the index.
    static let englishWordsPath = "lexicon/english-words.txt"
    /// The nationality adjectives that are mentions, and the places they name
    /// (``Recognizer/nationalityAdjectives(besides:)``), beside the index too.
    static let nationalitiesPath = "lexicon/nationality-adjectives.tsv"

    /// The classes of token `i` of `text`: one look-up, straight on its folded bytes.
    func classes(ofToken i: Int, in text: FoldedText) -> WordClass {
        text.bytes.withUnsafeBufferPointer { table[UnsafeBufferPointer(rebasing: $0[text.tokens[i].folded])] }
    }

    /// The places the folded words `words` may name as an adjective of nationality
    /// ("syrian" → Syria, "english" → England, "georgian" → Georgia or the US state),
    /// if any, in the table's order.
    func nationality(_ words: [UInt8]) -> [Int]? { nationalities[words] }

    /// `nationalities` maps folded adjectives to the places they may name (index positions).
    init(englishWords: some Sequence<String>, demonyms: DemonymTable, nationalities: [[UInt8]: [Int]] = [:]) {
        var table = WordTable(capacity: englishWords.underestimatedCount + 16_384)
        func add(_ words: some Sequence<String>, _ kind: WordClass) {
            for word in words { table.add(word.utf8, kind) }
        }
        add(englishWords, .english)
        add(GivenNames.all, .givenName)
        add(Surnames.all, .surname)
        add(CommonWords.all, .common)
        add(CommonWords.calendar, .calendar)
        add(ContextWords.organisation, .organisation)
        add(ContextWords.organisationOf, .organisationOf)
        add(ContextWords.personTitle, .personTitle)
        add(ContextWords.kunya, .kunya)
        add(ContextWords.clubPrefixes, .clubPrefix)
        add(ContextWords.nameParticles, .nameParticle)
        add(ContextWords.provinceNouns, .provinceNoun)
        add(ContextWords.districtNouns, .districtNoun)
        add(ContextWords.townNouns, .townNoun)
        add(ContextWords.countryNouns, .countryNoun)
        add(ContextWords.featureNouns, .featureNoun)
        add(ContextWords.campKinds, .campKind)
        add(ContextWords.locative, .locative)
        add(ContextWords.ofPlace, .ofPlace)
        add(ContextWords.nearness, .nearness)
        add(ContextWords.organisationNames, .organisationName)
        add(ContextWords.arabicNameHeads, .arabicNameHead)
        // A plural "s" is a demonym too ("Iraqis"), as DemonymTable.countries(for:) reads it.
        add(demonyms.countries.keys, .demonym)
        add(demonyms.countries.keys.map { $0 + "s" }, .demonym)
        // A nationality adjective is a demonym too; the first of several words heads one.
        let adjectives = nationalities.keys.map { $0.split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) } }
        add(adjectives.filter { $0.count == 1 }.map { $0[0] }, .demonym)
        add(adjectives.filter { $0.count > 1 }.map { $0[0] }, .demonymHead)
        add(ContextWords.institutions, .institution)
        add(ContextWords.notModified, .notModified)
        add(["of"], [.of, .connector])
        add(["the"], [.the, .connector])
        add(["and", "or"], .andOr)
        add(["and", "for", "de"], .connector)
        add(["a", "an"], .indefinite)
        add(["tv"], .tv)
        self.table = table
        self.nationalities = nationalities
    }

    /// Built lexicons by index path, with the version and demonyms of the index they
    /// were built from (an index rebuilt in place brings other places and demonyms).
    private static let cache = Mutex<[String: (version: String, demonyms: DemonymTable, lexicon: Lexicon)]>([:])

    /// The lexicon of the index: its demonyms, and the English words and nationality
    /// adjectives beside it.
    static func of(_ index: GazetteerIndex) -> Lexicon {
        let demonyms = index.demonyms
        if let cached = cache.withLock({ $0[index.path] }), cached.version == index.version, cached.demonyms == demonyms {
            return cached.lexicon
        }
        let folder = (index.path as NSString).deletingLastPathComponent
        func read(_ file: String) -> String {
            (try? String(contentsOfFile: (folder as NSString).appendingPathComponent(file), encoding: .utf8)) ?? ""
        }
        let lexicon = Lexicon(
            englishWords: lines(of: read(englishWordsPath)), demonyms: demonyms,
            nationalities: nationalities(fromTSV: read(nationalitiesPath), in: index))
        cache.withLock { $0[index.path] = (index.version, demonyms, lexicon) }
        return lexicon
    }

    /// The lines of `text`, split on its UTF-8 bytes (a split on `Character`s walks
    /// grapheme clusters, and took most of the time of building a lexicon), without a
    /// carriage return before the line feed; empty lines are left out.
    static func lines(of text: String) -> [String] {
        text.utf8.split(separator: UInt8(ascii: "\n")).compactMap { line in
            let word = line.last == UInt8(ascii: "\r") ? line.dropLast() : line[...]
            return word.isEmpty ? nil : String(decoding: word, as: UTF8.self)
        }
    }

    /// The table of ``nationalitiesPath`` (adjective, GeoNames ids separated by
    /// commas, names; `#` comments) as folded adjective → place indices; ids the index
    /// lacks, and malformed lines, are left out.
    static func nationalities(fromTSV text: String, in index: GazetteerIndex) -> [[UInt8]: [Int]] {
        var ids: [[UInt8]: [Int]] = [:]
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count >= 2 else { continue }
            let listed = columns[1].split(separator: ",").compactMap { Int($0) }
            if !listed.isEmpty { ids[NameKey.canonical(String(columns[0]))] = listed }
        }
        let places = index.placeIndices(ofIDs: Set(ids.values.joined()))
        return ids.compactMapValues { listed in
            let found = listed.compactMap { places[$0] }
            return found.isEmpty ? nil : found
        }
    }
}
