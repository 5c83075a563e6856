/// One row of the `places` layer: a place that mentions resolved to, with how often and
/// when it was mentioned. The database derives it from `mentions` at the end of every
/// run (``GeotagDatabase/finishRun(_:)``); `places.geojson` and the map show it.
///
/// ``fields`` names the `places` columns and the GeoJSON properties, in this order.
public struct MentionedPlace: FeatureRecord, Equatable {
    /// The place, as its latest mention has it; its population is not stored (0).
    public var place: Place
    /// Mentions of the place.
    public var mentionCount: Int
    /// Articles that mention it.
    public var articleCount: Int
    /// The earliest and latest time an article mentioning it was seen, in the GeoPackage
    /// DATETIME form (UTC): the article's publication time, or, for an article without
    /// one, the start of the run that first loaded it.
    public var firstSeen: String?
    public var lastSeen: String?
    /// The run that last changed this row (added the place or changed its counts,
    /// times or attributes).
    public var runID: String?

    /// The field names and types, in output order.
    public static let fields: [(name: String, type: FieldType)] = [
        ("place_id", .integer), ("place_name", .text), ("feature_class", .text), ("feature_code", .text),
        ("country_code", .text), ("admin1_code", .text), ("admin1_name", .text), ("admin2_name", .text),
        ("lat", .real), ("lon", .real), ("mention_count", .integer), ("article_count", .integer),
        ("first_seen", .datetime), ("last_seen", .datetime), ("run_id", .text),
    ]

    /// The values in the order of ``fields``.
    public var values: [FieldValue] {
        [
            .integer(place.id), .text(place.name), .text(place.featureClass), .text(place.featureCode),
            .text(place.countryCode), .text(place.admin1Code), .text(place.admin1Name), .text(place.admin2Name),
            .real(place.latitude), .real(place.longitude), .integer(mentionCount), .integer(articleCount),
            FieldValue(firstSeen), FieldValue(lastSeen), FieldValue(runID),
        ]
    }

    public var latitude: Double { place.latitude }
    public var longitude: Double { place.longitude }

    /// A record from the values of ``fields`` in order; nil when the count or a type
    /// does not fit.
    public init?(values: [FieldValue]) {
        self.init(row: FieldValues(values: values))
    }
}

extension MentionedPlace: RowDecodable {
    init?(row: some FieldRow) {
        guard row.count == Self.fields.count else { return nil }
        guard let id = row.int(0), let name = row.text(1), let latitude = row.real(8),
              let longitude = row.real(9), let mentionCount = row.int(10), let articleCount = row.int(11)
        else { return nil }
        place = Place(
            id: id, name: name, featureClass: row.text(2) ?? "", featureCode: row.text(3) ?? "",
            countryCode: row.text(4) ?? "", admin1Code: row.text(5) ?? "", admin1Name: row.text(6) ?? "",
            admin2Name: row.text(7) ?? "", latitude: latitude, longitude: longitude)
        self.mentionCount = mentionCount
        self.articleCount = articleCount
        firstSeen = row.text(12)
        lastSeen = row.text(13)
        runID = row.text(14)
    }
}
