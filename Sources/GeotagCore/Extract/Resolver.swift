import Foundation

/// Picks, for every recognised name of an article, the place it means.
///
/// Each option starts from its prior (``PlacePrior``: kind and population, in log10
/// units) and gains from what the article says: a place noun next to the name ("Diyala
/// province" → the ADM1, "the city of X" → a town); a parent right after it ("Rmelan,
/// Hasakah"); the article's focus, i.e. the countries and provinces of its other places
/// and its demonyms ("Iraqi", "Syrian"), weighted by confidence (CLIFF-style); and the
/// configured `country_bias`. A town that is the namesake seat of a province of the
/// same name beats the province unless the context says province ("Deir ez-Zor"). A
/// town that bears the name only as an other name (``OtherNames``: "Salisbury" for
/// Harare) counts as a hundredth of its size (``PlacePrior/otherNamePenalty``).
struct Resolver {
    let index: GazetteerIndex
    /// Country codes (two ASCII bytes, as in ``PlaceRecord/countryCode``) that tip ties.
    var countryBias: Set<UInt16> = []

    /// A recognised name with its context hints.
    struct Name {
        var candidate: Candidate
        var confidence: Double
        var hint: KindHint
        /// The index in the same list of a name that stands right after this one as
        /// its parent ("Rmelan, Hasakah"), if any.
        var parent: Int?
        /// An adjective of nationality that names its country ("Syrian forces"; see
        /// ``Recognizer/nationalityAdjectives(besides:)``), not a name.
        var isNationality = false
    }

    /// What the words around a name say about its kind: a place noun next to it
    /// ("Diyala province", "the city of Mosul"), or `feature` for the article before it
    /// ("the Atlantic", "the Euphrates"), which towns seldom take.
    enum KindHint { case none, province, district, town, country, feature }

    /// The chosen place and its probability among the options, per name.
    struct Choice {
        var record: PlaceRecord
        var probability: Double
    }

    /// The options of all of an article's names, one name after another (name `n`'s are
    /// at `ranges[n]` of every list), with what does not change between passes: a few
    /// lists per article rather than per name.
    private struct Options {
        var ranges: [Range<Int>] = []
        var records: [PlaceRecord] = []
        var kinds: [PlaceKind] = []
        /// Prior weights (``PlacePrior``) and namesake-seat bonuses.
        var priors: [Double] = []
        var seats: [Double] = []
        /// What a town matched by an other name of it loses (``OtherNames``: a former
        /// name, a translation, the name of a neighbourhood); 0 for the others.
        var otherNamePenalties: [Double] = []

        init(_ names: [Name], index: GazetteerIndex) {
            let count = names.reduce(0) { $0 + $1.candidate.options.count }
            ranges.reserveCapacity(names.count)
            records.reserveCapacity(count)
            kinds.reserveCapacity(count)
            priors.reserveCapacity(count)
            seats.reserveCapacity(count)
            otherNamePenalties.reserveCapacity(count)
            for name in names {
                let first = records.count
                for option in name.candidate.options {
                    let record = index.record(option.place)
                    let facts = index.featureFacts(of: record)
                    records.append(record)
                    kinds.append(facts.kind)
                    priors.append(index.prior(of: record, facts: facts))
                    otherNamePenalties.append(index.otherNamePenalty(option.nameRef, of: option.place, kind: facts.kind))
                }
                let range = first..<records.count
                // Only a name that may be a province has namesake seats.
                if kinds[range].contains(.province) {
                    seats.append(contentsOf: PlacePrior.seatBonuses(range.map { (kinds[$0], records[$0].countryCode, records[$0].admin1CodeRef) }))
                } else {
                    seats.append(contentsOf: repeatElement(0, count: range.count))
                }
                ranges.append(range)
            }
        }
    }

    func resolve(_ names: [Name], spellings: NameSpellings, demonymCountries: [UInt16: Double]) -> [Choice] {
        let options = Options(names, index: index)
        let occurrences = Self.occurrences(of: names, spellings: spellings)
        // Pass 1: priors and local hints only.
        var weights = [Double](repeating: 0, count: options.records.count)
        for n in names.indices { weigh(n, names[n].hint, options, parentPick: nil, focus: nil, own: nil, vote: 0, into: &weights) }
        var picks = choose(options, weights, occurrences, withProbability: false)
        // Pass 2: with the article's focus and the parents' picks. Every occurrence of a
        // name counts in the focus of the others, but none in its own name's.
        var vote = [Double](repeating: 0, count: names.count)
        for group in occurrences {
            let confidence = group.reduce(0) { $0 + names[$1].confidence }
            for i in group { vote[i] = confidence }
        }
        let confidences = names.map(\.confidence)
        for pass in 0..<2 {
            let focus = Focus(picks: picks, confidences: confidences, demonyms: demonymCountries)
            for n in names.indices {
                let parent = names[n].parent.map { picks[$0].record }
                weigh(n, names[n].hint, options, parentPick: parent, focus: focus, own: picks[n].record, vote: vote[n], into: &weights)
            }
            // Only the last pass's probabilities are kept: the focus reads picks alone.
            picks = choose(options, weights, occurrences, withProbability: pass == 1)
        }
        return picks
    }

    /// The names of the same spelling and options, grouped: one sense per discourse, so
    /// every occurrence of a name means the same place ("TRIPOLI, Lebanon ... fighting
    /// in Tripoli").
    private static func occurrences(of names: [Name], spellings: NameSpellings) -> [[Int]] {
        var groups: [[Int]] = []
        // By spelling, the last group opened for it; -1 for none yet.
        var group = [Int](repeating: -1, count: spellings.count)
        for (i, name) in names.enumerated() {
            let g = group[spellings[i]]
            if g >= 0, name.candidate.options.elementsEqual(names[groups[g][0]].candidate.options, by: { $0.place == $1.place }) {
                groups[g].append(i)
            } else {
                group[spellings[i]] = groups.count
                groups.append([i])
            }
        }
        return groups
    }

    /// Each name's pick: the option with the best mean weight over the name's
    /// occurrences (the dateline's "TRIPOLI, Lebanon" carries the later "Tripoli"),
    /// whose options are the same. Without `withProbability`, every probability is 0.
    private func choose(_ options: Options, _ weights: [Double], _ occurrences: [[Int]], withProbability: Bool) -> [Choice] {
        var picks = [Choice?](repeating: nil, count: options.ranges.count)
        var mean: [Double] = []
        for group in occurrences {
            let range = options.ranges[group[0]]
            // A name that occurs once (most do) is its own mean.
            guard group.count > 1 else {
                picks[group[0]] = pick(options.records[range], weights[range], withProbability: withProbability)
                continue
            }
            mean.removeAll(keepingCapacity: true)
            mean.append(contentsOf: weights[range])
            for i in group.dropFirst() {
                let other = options.ranges[i].lowerBound
                for j in mean.indices { mean[j] += weights[other + j] }
            }
            for j in mean.indices { mean[j] /= Double(group.count) }
            let choice = pick(options.records[range], mean[...], withProbability: withProbability)
            for i in group { picks[i] = choice }
        }
        return picks.map { $0! }
    }

    /// The option of `records` (a name's) with the best weight in `weights` (by position
    /// among the name's options); of equal weights, the smaller GeoNames id. Ids are
    /// read only for ties.
    private func pick(_ records: ArraySlice<PlaceRecord>, _ weights: ArraySlice<Double>, withProbability: Bool) -> Choice {
        let (firstRecord, firstWeight) = (records.startIndex, weights.startIndex)
        var best = 0
        for k in 1..<weights.count {
            let (weight, top) = (weights[firstWeight + k], weights[firstWeight + best])
            if weight > top || weight == top && records[firstRecord + k].id < records[firstRecord + best].id { best = k }
        }
        return Choice(record: records[firstRecord + best], probability: withProbability ? probability(of: best, records, weights) : 0)
    }

    /// The weight of each option of name `n` for this occurrence of it, written into
    /// `weights`; `vote` is what the name's occurrences count in `focus`, left out so a
    /// name does not vote for itself.
    private func weigh(_ n: Int, _ hint: KindHint, _ choices: Options, parentPick: PlaceRecord?, focus: Focus?, own: PlaceRecord?, vote: Double,
                       into weights: inout [Double]) {
        let parentIsProvince = parentPick.map { index.kind(of: $0) == .province } ?? false
        for i in choices.ranges[n] {
            let option = choices.records[i]
            let k = choices.kinds[i]
            var w = choices.priors[i]
            switch hint {
            case .province where k == .province: w += 3
            case .district where k == .district: w += 3
            case .town where k == .town: w += 1.5
            case .country where k == .country: w += 2
            case .feature where k == .natural || k == .region: w += 2
            default: break
            }
            if hint != .province { w += choices.seats[i] }
            w -= choices.otherNamePenalties[i]
            if let parent = parentPick, parent.countryCode == option.countryCode {
                w += 4
                if parentIsProvince, parent.admin1CodeRef == option.admin1CodeRef { w += 2.5 }
            }
            if let focus {
                w += 3 * focus.countryShare(option.countryCode, excluding: own, confidence: vote)
                w += 1.5 * focus.admin1Share(option, excluding: own, confidence: vote)
            }
            if !countryBias.isEmpty, countryBias.contains(option.countryCode) { w += 1 }
            weights[i] = w
        }
    }

    /// How likely the pick is right, reading the weights as log10 odds: the share of
    /// the options within 161 km of it (a town and its namesake district or province
    /// are one answer as far as a reader, or the accuracy measure, is concerned). The
    /// pick itself counts 1 without a distance or a power (most names have one option),
    /// in its place in the sums, so they add up in the same order.
    private func probability(of best: Int, _ records: ArraySlice<PlaceRecord>, _ weights: ArraySlice<Double>) -> Double {
        let top = weights[weights.startIndex + best]
        let chosen = records[records.startIndex + best]
        var total = 0.0
        var near = 0.0
        for k in 0..<records.count {
            let option = records[records.startIndex + k]
            let odds = k == best ? 1 : pow(10, weights[weights.startIndex + k] - top)
            total += odds
            if k == best || GreatCircle.areWithin(161, option.latitude, option.longitude, chosen.latitude, chosen.longitude) { near += odds }
        }
        return near / total
    }

}

/// The countries and provinces an article is about, from the places picked so far and
/// its demonyms, each weighted by confidence.
///
/// Asked for every option of every name in a pass; an article names a handful of
/// countries and provinces, so the weights are kept in short lists that a scan reads
/// faster than a dictionary hashes its key.
private struct Focus {
    private var countries: WeightTally<UInt16>
    private var admin1s: WeightTally<PlaceRecord.Admin1>
    private var total = 0.0

    init(picks: [Resolver.Choice], confidences: [Double], demonyms: [UInt16: Double]) {
        countries = WeightTally(capacity: picks.count + demonyms.count)
        admin1s = WeightTally(capacity: picks.count)
        for (pick, confidence) in zip(picks, confidences) {
            countries.add(pick.record.countryCode, confidence)
            admin1s.add(pick.record.admin1, confidence)
            total += confidence
        }
        for (country, weight) in demonyms {
            countries.add(country, weight)
            total += weight
        }
    }

    /// The share of the article's weight on `country`, leaving out the name's own pick.
    func countryShare(_ country: UInt16, excluding own: PlaceRecord?, confidence: Double) -> Double {
        guard country != 0 else { return 0 }
        var weight = countries[country]
        var all = total
        if let own {
            all -= confidence
            if own.countryCode == country { weight -= confidence }
        }
        return all > 0 ? max(weight, 0) / all : 0
    }

    /// The share of the article's weight on `option`'s province.
    func admin1Share(_ option: PlaceRecord, excluding own: PlaceRecord?, confidence: Double) -> Double {
        let key = option.admin1
        guard option.admin1CodeRef != 0 else { return 0 }
        var weight = admin1s[key]
        var all = total
        if let own {
            all -= confidence
            if own.admin1 == key { weight -= confidence }
        }
        return all > 0 ? max(weight, 0) / all : 0
    }
}
