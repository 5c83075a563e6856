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

    /// The focus of an article with these mentions. Mentions are read in place, by
    /// index: a copy of one copies its place's strings too.
    public init(mentions: [Mention]) {
        // In text order for the ties; the extractor gives them so already.
        let inOrder = mentions.indices.dropFirst().allSatisfy { i in
            (mentions[i - 1].start, mentions[i - 1].end) <= (mentions[i].start, mentions[i].end)
        }
        let mentions = inOrder ? mentions : mentions.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
        let kinds = mentions.map { $0.place.kind }
        var countries = WeightTally<String>()
        for i in mentions.indices where !mentions[i].place.countryCode.isEmpty && kinds[i] != .region {
            countries.add(mentions[i].place.countryCode, mentions[i].score)
        }
        guard let country = countries.winner else {
            self.init()
            return
        }
        var admin1s = WeightTally<String>()
        var towns = WeightTally<Int>()
        var townPlaces: [Place] = []
        for i in mentions.indices where mentions[i].place.countryCode == country {
            let (kind, score) = (kinds[i], mentions[i].score)
            if !mentions[i].place.admin1Name.isEmpty, kind != .country, kind != .region {
                admin1s.add(mentions[i].place.admin1Name, score)
            }
            if kind == .town || kind == .district {
                if towns.add(mentions[i].place.id, score) { townPlaces.append(mentions[i].place) }
            }
        }
        self.init(country: country, admin1: admin1s.winner, town: towns.winnerIndex.map { townPlaces[$0] })
    }
}
