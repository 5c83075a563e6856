/// A place as the gazetteer builder collects it: one row of a GeoNames places file
/// (the 19-column `geoname` table of `allCountries.txt`, `cities500.txt`, `IQ.txt`)
/// or an overlay `place` line, with all its names.
public struct GeoNamesPlace: Sendable, Equatable {
    public var id: Int
    public var name: String
    /// Alternate names, in the order given; the builder adds `name` itself.
    public var alternateNames: [String]
    public var latitude: Double
    public var longitude: Double
    public var featureClass: String
    public var featureCode: String
    public var countryCode: String
    public var admin1Code: String
    public var admin2Code: String
    public var population: Int

    public init(
        id: Int, name: String, alternateNames: [String] = [], latitude: Double, longitude: Double,
        featureClass: String, featureCode: String, countryCode: String, admin1Code: String = "",
        admin2Code: String = "", population: Int = 0
    ) {
        self.id = id
        self.name = name
        self.alternateNames = alternateNames
        self.latitude = latitude
        self.longitude = longitude
        self.featureClass = featureClass
        self.featureCode = featureCode
        self.countryCode = countryCode
        self.admin1Code = admin1Code
        self.admin2Code = admin2Code
        self.population = population
    }

    /// Parses one line of a GeoNames places file: geonameid, name, asciiname,
    /// alternatenames (comma-separated), latitude, longitude, feature class, feature
    /// code, country code, cc2, admin1, admin2, admin3, admin4, population, elevation,
    /// dem, timezone, modification date. The asciiname becomes the first alternate name;
    /// the alternatenames column follows unless `alternateNamesColumn` is false (a build
    /// that reads `alternateNamesV2.txt` takes them from there, with their languages).
    ///
    /// - Throws: a reason naming the bad column, for the caller to report with the
    ///   file and line.
    public init(geonamesLine line: ArraySlice<UInt8>, alternateNamesColumn: Bool = true) throws(DocumentError) {
        let columns = line.split(separator: 0x09, omittingEmptySubsequences: false)
        guard columns.count >= 15 else {
            throw DocumentError("expected 19 tab-separated columns, found \(columns.count)")
        }
        func text(_ i: Int) -> String { String(decoding: columns[i], as: UTF8.self) }
        guard let id = Int(text(0)) else { throw DocumentError("geonameid '\(text(0))' is not a number") }
        guard let latitude = Double(text(4)), (-90...90).contains(latitude) else {
            throw DocumentError("latitude '\(text(4))' is not a number in -90...90")
        }
        guard let longitude = Double(text(5)), (-180...180).contains(longitude) else {
            throw DocumentError("longitude '\(text(5))' is not a number in -180...180")
        }
        let name = text(1)
        guard !name.isEmpty else { throw DocumentError("empty name") }
        let population = columns[14].isEmpty ? 0 : Int(text(14))
        guard let population, population >= 0 else { throw DocumentError("population '\(text(14))' is not a number") }
        let alternates = alternateNamesColumn ? columns[3].split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) } : []
        self.init(
            id: id, name: name, alternateNames: [text(2)] + alternates, latitude: latitude, longitude: longitude,
            featureClass: text(6), featureCode: text(7), countryCode: text(8), admin1Code: text(10),
            admin2Code: text(11), population: population)
    }
}
