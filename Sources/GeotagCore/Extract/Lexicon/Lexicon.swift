import Foundation
import Synchronization

/// Every word list the extractor asks, merged into one table from folded word to its
/// ``WordClass``: the built-in lists (``CommonWords``, ``ContextWords``,
/// ``GivenNames``, ``Surnames``), the common English words beside the index and the
/// index's demonyms.
///
/// The English words (data/gazetteer/lexicon/english-words.txt, from Debian's
/// wamerican list) make a town named like one ("Snow", "Police", "Reading") the word,
/// not the town, unless the context says place or the place is notable. The list lives
/// in the gazetteer's folder, beside the index; a gazetteer folder without it simply
/// has no such words. A lexicon is built once per index file.
struct Lexicon: Sendable {
    private let table: WordTable

    /// The file of English words, relative to the folder that holds the index.
    static let englishWordsPath = "lexicon/english-words.txt"

    /// The classes of every token of `text`, in token order: one look-up a token,
    /// straight on its folded bytes.
    func classes(of text: FoldedText) -> [WordClass] {
        text.bytes.withUnsafeBufferPointer { bytes in
            text.tokens.map { table[UnsafeBufferPointer(rebasing: bytes[$0.folded])] }
        }
    }

    init(englishWords: some Sequence<String>, demonyms: DemonymTable) {
        var table: [String: WordClass] = [:]
        func add(_ words: some Sequence<String>, _ kind: WordClass) {
            for word in words { table[word, default: []].formUnion(kind) }
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
        add(["of"], [.of, .connector])
        add(["the"], [.the, .connector])
        add(["and", "or"], .andOr)
        add(["and", "for", "de"], .connector)
        add(["a", "an"], .indefinite)
        add(["tv"], .tv)
        self.table = WordTable(table)
    }

    /// Built lexicons by index path, with the demonyms they were built with (an index
    /// rebuilt in place may bring others).
    private static let cache = Mutex<[String: (demonyms: DemonymTable, lexicon: Lexicon)]>([:])

    /// The lexicon of the index: its demonyms and the English words beside it.
    static func of(_ index: GazetteerIndex) -> Lexicon {
        let demonyms = index.demonyms
        if let cached = cache.withLock({ $0[index.path] }), cached.demonyms == demonyms { return cached.lexicon }
        let folder = (index.path as NSString).deletingLastPathComponent
        let path = (folder as NSString).appendingPathComponent(englishWordsPath)
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        let lexicon = Lexicon(englishWords: text.split(separator: "\n").map(String.init), demonyms: demonyms)
        cache.withLock { $0[index.path] = (demonyms, lexicon) }
        return lexicon
    }
}
