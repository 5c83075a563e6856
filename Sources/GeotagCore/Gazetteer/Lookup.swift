import Foundation

/// A place a name may mean, as `geotag lookup` lists it.
public struct LookupCandidate: Sendable, Equatable {
    public var place: Place
    /// The gazetteer name that matched, as written there.
    public var matchedName: String
    /// The share of the prior weight among all candidates of the name, 0 to 1.
    public var score: Double
}

extension GazetteerIndex {
    /// The places `name` may mean, best first: every place with a name that folds to
    /// the same key (or, failing that, to the same key without its Arabic article),
    /// optionally only in `country`, scored by their prior weight (``PlacePrior``).
    public func lookup(_ name: String, country: String? = nil, limit: Int = 10) -> [LookupCandidate] {
        let folded = FoldedText(name)
        let all = 0..<folded.tokens.count
        var found: Range<Int>?
        for stripped in [false, true] where found == nil && (!stripped || folded.hasArticle(in: all)) {
            var key: [UInt8] = []
            folded.appendKey(all, stripped: stripped, to: &key)
            if !key.isEmpty { found = postings(key: key) }
        }
        guard let found else { return [] }
        var candidates: [(place: Place, name: String, weight: Double)] = []
        for i in found {
            let posting = posting(i)
            let place = place(posting.place)
            if let country, place.countryCode != country.uppercased() { continue }
            let weight = PlacePrior.weight(featureClass: place.featureClass, featureCode: place.featureCode, population: place.population)
            candidates.append((place, string(posting.nameRef), weight))
        }
        let top = candidates.map(\.weight).max() ?? 0
        let total = candidates.reduce(0) { $0 + exp($1.weight - top) }
        return candidates
            .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.place.id < $1.place.id }
            .prefix(limit)
            .map { LookupCandidate(place: $0.place, matchedName: $0.name, score: exp($0.weight - top) / total) }
    }

    /// Opens the index a configuration names: a `.gaz` file, or a folder holding
    /// `geotag.gaz`.
    public static func open(configured path: String) throws(GeotagError) -> GazetteerIndex {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
        let file = exists && isDirectory.boolValue ? (path as NSString).appendingPathComponent(defaultFileName) : path
        return try GazetteerIndex(path: file)
    }

    /// The index file name inside a gazetteer folder.
    public static let defaultFileName = "geotag.gaz"
}
