/// A place of the gazetteer, with everything a mention reports about it.
public struct Place: Sendable, Equatable, Hashable {
    /// GeoNames id; negative for places the project or a user's overlay adds.
    public var id: Int
    /// The canonical name.
    public var name: String
    /// GeoNames feature class (`A` administrative, `P` populated place, `H`, `T`, `L`, ...).
    public var featureClass: String
    /// GeoNames feature code (`PCLI`, `ADM1`, `ADM2`, `PPL`, `PPLC`, `CONT`, ...).
    public var featureCode: String
    /// ISO 3166-1 alpha-2, empty for places in no country (continents, oceans).
    public var countryCode: String
    public var admin1Code: String
    public var admin1Name: String
    public var admin2Name: String
    /// WGS 84 decimal degrees.
    public var latitude: Double
    public var longitude: Double
    public var population: Int

    public init(
        id: Int, name: String, featureClass: String, featureCode: String, countryCode: String,
        admin1Code: String = "", admin1Name: String = "", admin2Name: String = "",
        latitude: Double, longitude: Double, population: Int = 0
    ) {
        self.id = id
        self.name = name
        self.featureClass = featureClass
        self.featureCode = featureCode
        self.countryCode = countryCode
        self.admin1Code = admin1Code
        self.admin1Name = admin1Name
        self.admin2Name = admin2Name
        self.latitude = latitude
        self.longitude = longitude
        self.population = population
    }

    /// What kind of place this is, as the resolver and `precision` see it.
    public var kind: PlaceKind { PlaceKind(featureClass: featureClass, featureCode: featureCode) }
}

/// The coarse kind of a place, derived from its GeoNames class and code.
public enum PlaceKind: Int, Sendable, Comparable {
    case town
    case district
    case province
    case natural
    case country
    case region

    public init(featureClass: String, featureCode: String) {
        switch (featureClass, featureCode) {
        case ("A", let code) where code.hasPrefix("PCL") || code == "TERR": self = .country
        case ("A", "ADM1"), ("A", "ADM1H"): self = .province
        case ("A", let code) where code.hasPrefix("ADM"): self = .district
        case ("L", "CONT"), ("L", "RGN"), ("L", "RGNE"), ("L", "AREA"): self = .region
        case ("P", _), ("S", _): self = .town
        case ("A", _): self = .province
        default: self = .natural
        }
    }

    /// The spec's `precision`: 1 a town or point, 2 a district, 3 a province, region
    /// or natural feature, 4 a country (continents and world regions count as 4 too).
    public var precision: Int {
        switch self {
        case .town: return 1
        case .district: return 2
        case .province, .natural: return 3
        case .country, .region: return 4
        }
    }

    public static func < (lhs: PlaceKind, rhs: PlaceKind) -> Bool { lhs.rawValue < rhs.rawValue }
}
