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
    /// the same key (or, failing that, to the same key without its Arabic article, or
    /// else a near-miss spelling of a notable place's name: ``nearMisses(of:_:)``),
    /// optionally only in `country`, scored by their prior weight (``PlacePrior``) with
    /// a town ahead of the province it gives its name to (``PlacePrior/seatBonuses``) and
    /// a town that bears the name only as an other name (``OtherNames``) behind
    /// (``PlacePrior/otherNamePenalty``).
    /// With `nearMisses` false, only names the gazetteer holds as written count.
    public func lookup(_ name: String, country: String? = nil, limit: Int = 10, nearMisses allowNearMisses: Bool = true) -> [LookupCandidate] {
        let folded = FoldedText(name)
        let all = 0..<folded.tokens.count
        var found: [(place: Int, nameRef: UInt32)] = []
        for stripped in [false, true] where found.isEmpty && (!stripped || folded.hasArticle(in: all)) {
            var key: [UInt8] = []
            folded.appendKey(all, stripped: stripped, to: &key)
            if !key.isEmpty, let hit = postings(key: key) { found = hit.map { posting($0) } }
        }
        if found.isEmpty, allowNearMisses { found = nearMisses(of: folded, all) }
        var places = found.map { (place: place($0.place), name: string($0.nameRef), penalty: otherNamePenalty($0.nameRef, of: $0.place)) }
        if let country { places.removeAll { $0.place.countryCode != country.uppercased() } }
        let seats = PlacePrior.seatBonuses(places.map { ($0.place.kind, $0.place.countryCode, $0.place.admin1Code) })
        let candidates = zip(places, seats).map { candidate, seat in
            (candidate.place, candidate.name, PlacePrior.weight(featureClass: candidate.place.featureClass, featureCode: candidate.place.featureCode, population: candidate.place.population) + seat - candidate.penalty)
        }
        let top = candidates.map(\.2).max() ?? 0
        let total = candidates.reduce(0) { $0 + exp($1.2 - top) }
        return candidates
            .sorted { $0.2 != $1.2 ? $0.2 > $1.2 : $0.0.id < $1.0.id }
            .prefix(limit)
            .map { LookupCandidate(place: $0.0, matchedName: $0.1, score: exp($0.2 - top) / total) }
    }

    /// The positions in the index of the places with these GeoNames ids (negative:
    /// the overlay's), by id: a binary search each, as the places are sorted by id
    /// (``IndexLayout``). Ids the index lacks are left out.
    public func placeIndices(ofIDs ids: Set<Int>) -> [Int: Int] {
        var found: [Int: Int] = [:]
        for id in ids {
            var low = 0, high = placeCount
            while low < high {
                let middle = low + (high - low) / 2
                if record(middle).id < id { low = middle + 1 } else { high = middle }
            }
            if low < placeCount, record(low).id == id { found[id] = low }
        }
        return found
    }

    /// The notable places whose name the tokens `range` of `text` misspell slightly:
    /// those under the same skeleton key (``NameSkeleton``) whose name is a near miss
    /// of the tokens' letters ("Deir Ezzor" for Deir ez-Zor, "البوكمال" for البو كمال).
    public func nearMisses(of text: FoldedText, _ range: Range<Int>, skippingFirst skip: Int = 0) -> [(place: Int, nameRef: UInt32)] {
        var hash = NameKey.emptyHash
        Self.forEachNearMissKeyByte(of: text, range, skippingFirst: skip) { hash = NameKey.step(hash, $0) }
        if nearMissesNone.contains(hash) { return [] }
        let isSameLookUp = { (key: [UInt8]) in Self.nearMissKey(key, isThatOf: text, range, skippingFirst: skip) }
        if let known = rememberedNearMisses(hash: hash, isSameLookUp: isSameLookUp) {
            if known.isEmpty { nearMissesNone.insert(hash) }
            return known
        }
        let found = findNearMisses(of: text, range, skippingFirst: skip)
        var key: [UInt8] = []
        Self.forEachNearMissKeyByte(of: text, range, skippingFirst: skip) { key.append($0) }
        remember(nearMisses: found, key: key, hash: hash)
        if found.isEmpty { nearMissesNone.insert(hash) }
        return found
    }

    /// The bytes of everything a near-miss look-up depends on, in order: the skip, then
    /// per token the flags that skeletons and bare forms read (article, caseless, Arabic
    /// article) and its folded bytes, each token ended by a 0 byte (which no folded
    /// letter is). The memo of look-ups hashes them, and compares them with a
    /// remembered look-up's, without building them.
    @inline(__always)
    static func forEachNearMissKeyByte(of text: FoldedText, _ range: Range<Int>, skippingFirst skip: Int, _ body: (UInt8) -> Void) {
        body(UInt8(truncatingIfNeeded: skip))
        text.bytes.withUnsafeBufferPointer { bytes in
            for i in range {
                let flags = text.tokens[i].flags
                body((flags.contains(.article) ? 1 : 0) | (flags.contains(.caseless) ? 2 : 0) | (flags.contains(.arabicArticle) ? 4 : 0))
                for byte in bytes[text.tokens[i].folded] { body(byte) }
                body(0)
            }
        }
    }

    /// Whether `key` holds the bytes ``forEachNearMissKeyByte(of:_:skippingFirst:_:)``
    /// gives for this look-up.
    static func nearMissKey(_ key: [UInt8], isThatOf text: FoldedText, _ range: Range<Int>, skippingFirst skip: Int) -> Bool {
        var at = 0, same = true
        forEachNearMissKeyByte(of: text, range, skippingFirst: skip) { byte in
            same = same && at < key.count && key[at] == byte
            at += 1
        }
        return same && at == key.count
    }

    private func findNearMisses(of text: FoldedText, _ range: Range<Int>, skippingFirst skip: Int) -> [(place: Int, nameRef: UInt32)] {
        guard let key = NameSkeleton.key(of: text, range, skippingFirst: skip), let hit = postings(key: key) else { return [] }
        let bare = NameSkeleton.bare(of: text, range, skippingFirst: skip)
        // Many places share a name (every Al-Hasakah): judge each name once.
        var verdicts: [UInt32: Bool] = [:]
        return hit.map { posting($0) }.filter { posting in
            if let verdict = verdicts[posting.nameRef] { return verdict }
            let verdict = NameSkeleton.isNearMiss(bare, bareName(posting.nameRef))
            verdicts[posting.nameRef] = verdict
            return verdict
        }
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
