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
        // In text order for the ties; the extractor gives them so already.
        let inOrder = zip(mentions, mentions.dropFirst()).allSatisfy { ($0.start, $0.end) <= ($1.start, $1.end) }
        let mentions = inOrder ? mentions : mentions.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        let kinds = mentions.map(\.place.kind)
        var countries = WeightTally<String>()
        for (mention, kind) in zip(mentions, kinds) where !mention.place.countryCode.isEmpty && kind != .region {
            countries.add(mention.place.countryCode, mention.score)
        }
        guard let country = countries.winner else {
            self.init()
            return
        }
        var admin1s = WeightTally<String>()
        var towns = WeightTally<Int>()
        var townPlaces: [Place] = []
        for (mention, kind) in zip(mentions, kinds) where mention.place.countryCode == country {
            let place = mention.place
            if !place.admin1Name.isEmpty, kind != .country, kind != .region {
                admin1s.add(place.admin1Name, mention.score)
            }
            if kind == .town || kind == .district {
                if towns.add(place.id, mention.score) { townPlaces.append(place) }
            }
        }
        self.init(country: country, admin1: admin1s.winner, town: towns.winnerIndex.map { townPlaces[$0] })
    }
}
