import Foundation

/// How likely a place is to be the one a name means before any context is seen: the
/// bigger and the more prominent, the likelier. The index orders each name's places by
/// it, and the resolver starts from it.
public enum PlacePrior {
    /// A log-scale weight: about log10(population) for towns and districts (an unknown
    /// population counts as 1,000), with a bonus for capitals; provinces at least 5;
    /// countries and world regions 9, above every town, yet within reach of a province
    /// the rest of the article points to ("Georgia" among Atlanta and Macon); oceans,
    /// seas, gulfs and straits 8, above the provinces named after them unless the
    /// context says province ("the Red Sea", but "Red Sea state").
    public static func weight(featureClass: String, featureCode: String, population: Int) -> Double {
        weight(kind: PlaceKind(featureClass: featureClass, featureCode: featureCode), codeBonus: codeBonus(featureCode: featureCode), population: population)
    }

    /// The same weight from the kind and the capital bonus, which depend on the feature
    /// class and code only (``GazetteerIndex/featureFacts(of:)`` keeps them per code).
    static func weight(kind: PlaceKind, codeBonus: Double, population: Int) -> Double {
        // GeoNames writes 0 for an unknown population: count such a place as a small town.
        let size = log10(Double(population > 0 ? population : 1_000) + 1)
        switch kind {
        case .country: return 9 + size / 10
        case .region: return 9
        case .province: return max(size, 5) + 0.3
        case .district: return max(size, 3.5) - 0.5
        case .natural: return max(size, 3) + codeBonus
        case .town: return codeBonus == 0 ? size : size + codeBonus
        }
    }

    /// The bonus of a feature code: a town's for being a capital (of the country, or of
    /// a division), and a water body's for being one that news names without saying what
    /// it is (an ocean, a sea, a gulf, a strait: they have no population to weigh).
    static func codeBonus(featureCode: String) -> Double {
        switch featureCode {
        case "PPLC": return 1.5
        case "PPLA", "PPLG": return 0.5
        case "OCN", "SEA", "GULF", "STRT": return 5
        default: return 0
        }
    }

    /// How much a town gains over the province or district it gives its name to (Deir
    /// ez-Zor the city over Deir ez-Zor governorate): news means the town unless the
    /// context says province.
    public static let namesakeSeatBonus = 1.2

    /// How much a town loses when the name matched it only as an other name of it
    /// (``OtherNames``: a former name, a translation, a neighbourhood's or an absorbed
    /// place's name), as if it were a hundred times smaller. A big town's alternate
    /// names should not outweigh the smaller places whose own name it is: "Salisbury" is
    /// Harare's colonial name, "Riverdale" an old name of Glendale, California, "Garden
    /// City" a translation of Singapore's nickname. The article's country and province
    /// can still bring such a town back, and the penalty is not for countries, regions,
    /// provinces or districts, whose other names are curated short forms ("America",
    /// "Holland", "B.C.") and exonyms ("Nineveh" for Nīnawá).
    public static let otherNamePenalty = 2.0

    /// For places that bear one name, the bonus each gets as a namesake seat: a town in
    /// the same country and first-level division as a province among them. (Not for
    /// districts: counties named after towns are everywhere in the United States, and a
    /// bonus for every Geneva in a Geneva County would outweigh the article's country.)
    public static func seatBonuses<Country: Hashable, Admin1: Hashable>(_ places: [(kind: PlaceKind, country: Country, admin1: Admin1)]) -> [Double] {
        let divisions = places.filter { $0.kind == .province }
        return places.map { place in
            place.kind == .town && divisions.contains { $0.country == place.country && $0.admin1 == place.admin1 } ? namesakeSeatBonus : 0
        }
    }
}
