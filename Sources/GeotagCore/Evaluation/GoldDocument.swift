/// One document of a gold set for `geotag eval`: a text and the toponyms a person
/// annotated in it.
public struct GoldDocument: Sendable, Equatable {
    /// The document's id in the gold set (`id`).
    public var id: String
    /// The text the extractor reads; toponym offsets index it in Unicode scalars.
    public var text: String
    /// The annotated toponyms, in the order the gold set lists them.
    public var toponyms: [GoldToponym]

    public init(id: String, text: String, toponyms: [GoldToponym]) {
        self.id = id
        self.text = text
        self.toponyms = toponyms
    }
}

/// One annotated toponym: where it is in the text and, when the annotator resolved it,
/// where it is on Earth.
public struct GoldToponym: Sendable, Equatable {
    /// Offsets into the document's text in Unicode scalars, end exclusive.
    public var start: Int
    public var end: Int
    /// The text at `start..<end`.
    public var name: String
    /// The gold position, WGS 84 decimal degrees; nil when the annotator gave none
    /// (demonyms, language names, homonyms, unresolvable places).
    public var coordinate: Coordinate?
    /// The GeoNames id the annotator chose, when given.
    public var geonameID: Int?
    /// The annotation type (GeoWebNews: `Literal`, `Metonymic`, `Demonym`, ...), when given.
    public var type: String?

    public init(start: Int, end: Int, name: String, coordinate: Coordinate? = nil, geonameID: Int? = nil, type: String? = nil) {
        self.start = start
        self.end = end
        self.name = name
        self.coordinate = coordinate
        self.geonameID = geonameID
        self.type = type
    }

    /// The scalar range `start..<end`.
    public var span: Range<Int> { start..<end }

    /// A gold position, WGS 84 decimal degrees.
    public struct Coordinate: Sendable, Equatable {
        public var latitude: Double
        public var longitude: Double

        public init(latitude: Double, longitude: Double) {
            self.latitude = latitude
            self.longitude = longitude
        }

        /// The great-circle distance in kilometres to the point at `latitude`, `longitude`.
        public func kilometers(to latitude: Double, _ longitude: Double) -> Double {
            GreatCircle.kilometers(self.latitude, self.longitude, latitude, longitude)
        }
    }
}
