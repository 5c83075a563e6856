/// One output row: a mention with its article's fields and the run that wrote it.
///
/// ``fields`` is the single definition of the spec's mention fields: the CSV columns,
/// the GeoJSON properties and the SQLite `mentions` columns all come from it, in this
/// order.
public struct MentionRecord: FeatureRecord, Equatable {
    public var docID: String
    public var url: String?
    public var source: String?
    public var title: String?
    public var published: String?
    public var mention: String
    public var start: Int
    public var end: Int
    public var sentence: String
    public var placeID: Int
    public var placeName: String
    public var featureClass: String
    public var featureCode: String
    public var countryCode: String
    public var admin1Code: String
    public var admin1Name: String
    public var admin2Name: String
    public var latitude: Double
    public var longitude: Double
    public var precision: Int
    public var score: Double
    public var runID: String?
    public var gazetteerVersion: String

    /// A field's storage type (the name this type had before places came).
    public typealias FieldType = GeotagCore.FieldType
    /// A field's value (the name this type had before places came).
    public typealias Value = FieldValue

    /// The spec's field names and types, in output order.
    public static let fields: [(name: String, type: FieldType)] = [
        ("doc_id", .text), ("url", .text), ("source", .text), ("title", .text), ("published", .text),
        ("mention", .text), ("start", .integer), ("end", .integer), ("sentence", .text),
        ("place_id", .integer), ("place_name", .text), ("feature_class", .text), ("feature_code", .text),
        ("country_code", .text), ("admin1_code", .text), ("admin1_name", .text), ("admin2_name", .text),
        ("lat", .real), ("lon", .real), ("precision", .integer), ("score", .real),
        ("run_id", .text), ("gazetteer_version", .text),
    ]

    /// The values in the order of ``fields``, as ``forEachValue(_:)`` gives them.
    public var values: [Value] {
        var values: [Value] = []
        values.reserveCapacity(Self.fields.count)
        forEachValue { values.append($0) }
        return values
    }

    /// Calls `body` with each value in the order of ``fields``: the one list of them.
    public func forEachValue(_ body: (Value) throws -> Void) rethrows {
        try body(.text(docID)); try body(Value(url)); try body(Value(source)); try body(Value(title)); try body(Value(published))
        try body(.text(mention)); try body(.integer(start)); try body(.integer(end)); try body(.text(sentence))
        try body(.integer(placeID)); try body(.text(placeName)); try body(.text(featureClass)); try body(.text(featureCode))
        try body(.text(countryCode)); try body(.text(admin1Code)); try body(.text(admin1Name)); try body(.text(admin2Name))
        try body(.real(latitude)); try body(.real(longitude)); try body(.integer(precision)); try body(.real(score))
        try body(Value(runID)); try body(.text(gazetteerVersion))
    }

    /// Builds a record from the values of ``fields`` in order (as read back from the
    /// database); returns nil when the count or a type does not fit.
    public init?(values: [Value]) {
        self.init(row: FieldValues(values: values))
    }

    public init(
        docID: String, url: String?, source: String?, title: String?, published: String?,
        mention: String, start: Int, end: Int, sentence: String, placeID: Int, placeName: String,
        featureClass: String, featureCode: String, countryCode: String, admin1Code: String,
        admin1Name: String, admin2Name: String, latitude: Double, longitude: Double,
        precision: Int, score: Double, runID: String?, gazetteerVersion: String
    ) {
        self.docID = docID
        self.url = url
        self.source = source
        self.title = title
        self.published = published
        self.mention = mention
        self.start = start
        self.end = end
        self.sentence = sentence
        self.placeID = placeID
        self.placeName = placeName
        self.featureClass = featureClass
        self.featureCode = featureCode
        self.countryCode = countryCode
        self.admin1Code = admin1Code
        self.admin1Name = admin1Name
        self.admin2Name = admin2Name
        self.latitude = latitude
        self.longitude = longitude
        self.precision = precision
        self.score = score
        self.runID = runID
        self.gazetteerVersion = gazetteerVersion
    }

    /// The record of `mention` found in `article` (or in a bare text when `article` is
    /// nil, as `geotag extract` does), written by run `runID`.
    public init(mention m: Mention, article: Article?, runID: String?, gazetteerVersion: String) {
        self.init(
            docID: m.docID, url: article?.url, source: article?.source, title: article?.title,
            published: article?.published, mention: m.text, start: m.start, end: m.end,
            sentence: m.sentence, placeID: m.place.id, placeName: m.place.name,
            featureClass: m.place.featureClass, featureCode: m.place.featureCode,
            countryCode: m.place.countryCode, admin1Code: m.place.admin1Code,
            admin1Name: m.place.admin1Name, admin2Name: m.place.admin2Name,
            latitude: m.place.latitude, longitude: m.place.longitude,
            precision: m.precision, score: m.score, runID: runID, gazetteerVersion: gazetteerVersion)
    }
}

extension MentionRecord: RowDecodable {
    init?(row: some FieldRow) {
        guard row.count == Self.fields.count else { return nil }
        guard let docID = row.text(0), let mention = row.text(5), let start = row.int(6), let end = row.int(7),
              let sentence = row.text(8), let placeID = row.int(9), let placeName = row.text(10),
              let featureClass = row.text(11), let featureCode = row.text(12), let countryCode = row.text(13),
              let latitude = row.real(17), let longitude = row.real(18), let precision = row.int(19),
              let score = row.real(20), let gazetteerVersion = row.text(22)
        else { return nil }
        self.init(
            docID: docID, url: row.text(1), source: row.text(2), title: row.text(3), published: row.text(4),
            mention: mention, start: start, end: end, sentence: sentence, placeID: placeID,
            placeName: placeName, featureClass: featureClass, featureCode: featureCode,
            countryCode: countryCode, admin1Code: row.text(14) ?? "", admin1Name: row.text(15) ?? "",
            admin2Name: row.text(16) ?? "", latitude: latitude, longitude: longitude,
            precision: precision, score: score, runID: row.text(21), gazetteerVersion: gazetteerVersion)
    }
}
