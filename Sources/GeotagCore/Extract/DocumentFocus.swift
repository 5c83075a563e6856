/// Where an article is, as a reader would sum it up (CLIFF's "focus"): the country, the
/// province and the town its mentions weigh most, each mention weighted by its score.
///
/// A town's mention counts for its province and its country too, a province's for its
/// country. The province and the town are chosen within the focus country, so an article
/// about Mosul that quotes Washington is about Iraq, Nineveh and Mosul. Ties go to the
/// place mentioned first. Regions, seas and continents count for nothing here.
public struct DocumentFocus: Sendable, Equatable {
    /// ISO 3166-1 alpha-2 of the focus country.
    public var country: String?
    /// The name of the focus province (first-level division) in that country.
    public var admin1: String?
    /// The focus town (or district) in that country.
    public var town: Place?

    public init(country: String? = nil, admin1: String? = nil, town: Place? = nil) {
        self.country = country
        self.admin1 = admin1
        self.town = town
    }

    /// The focus of an article with these mentions.
    public init(mentions: [Mention]) {
        let mentions = mentions.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        var countries = WeightTally<String>()
        for mention in mentions where !mention.place.countryCode.isEmpty && mention.place.kind != .region {
            countries.add(mention.place.countryCode, mention.score)
        }
        guard let country = countries.winner else {
            self.init()
            return
        }
        var admin1s = WeightTally<String>()
        var towns = WeightTally<Int>()
        var placesByID: [Int: Place] = [:]
        for mention in mentions where mention.place.countryCode == country {
            let place = mention.place
            if !place.admin1Name.isEmpty, place.kind != .country, place.kind != .region {
                admin1s.add(place.admin1Name, mention.score)
            }
            if place.kind == .town || place.kind == .district {
                towns.add(place.id, mention.score)
                placesByID[place.id] = place
            }
        }
        self.init(country: country, admin1: admin1s.winner, town: towns.winner.flatMap { placesByID[$0] })
    }
}

/// Weights summed per key, remembering which key came first for ties.
private struct WeightTally<Key: Hashable> {
    private var weights: [Key: Double] = [:]
    private var order: [Key] = []

    mutating func add(_ key: Key, _ weight: Double) {
        if weights[key] == nil { order.append(key) }
        weights[key, default: 0] += weight
    }

    /// The key with the most weight; the first seen among equals.
    var winner: Key? {
        var best: Key?
        for key in order where best == nil || weights[key]! > weights[best!]! { best = key }
        return best
    }
}
