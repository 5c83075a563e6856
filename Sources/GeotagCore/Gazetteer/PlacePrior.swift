import Foundation

/// How likely a place is to be the one a name means before any context is seen: the
/// bigger and the more prominent, the likelier. The index orders each name's places by
/// it, and the resolver starts from it.
public enum PlacePrior {
    /// A log-scale weight: about log10(population) for towns and districts, with a bonus
    /// for capitals; provinces at least 5; countries and world regions above every town.
    public static func weight(featureClass: String, featureCode: String, population: Int) -> Double {
        let size = log10(Double(max(population, 0)) + 1)
        switch PlaceKind(featureClass: featureClass, featureCode: featureCode) {
        case .country: return 12 + size / 10
        case .region: return 12
        case .province: return max(size, 5) + 0.3
        case .district: return max(size, 3.5) - 0.5
        case .natural: return max(size, 3)
        case .town:
            switch featureCode {
            case "PPLC": return size + 1.5
            case "PPLA", "PPLG": return size + 0.5
            default: return size
            }
        }
    }
}
