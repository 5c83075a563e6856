import Foundation

/// A user's own additions to a gazetteer, applied at build time: places GeoNames lacks,
/// names it lacks for its places, and names to suppress because they cause false hits.
///
/// The file is UTF-8 and tab-separated; `#` starts a comment line; one directive a line:
/// ```
/// place    <id> <name> <class> <code> <country> <admin1> <admin2> <lat> <lon> <population> <names, |-separated> <source>
/// name     <place id> <alternate name> <source>
/// suppress <name> <place id, or empty for every place> <source>
/// ```
/// Ids of places a project adds itself are negative. The last column says where the
/// fact came from; the builder requires it so every curated fact stays traceable.
public struct Overlay: Sendable, Equatable {
    public var places: [GeoNamesPlace] = []
    public var names: [(placeID: Int, name: String)] = []
    public var suppressions: [(name: String, placeID: Int?)] = []

    public init() {}

    public static func == (a: Overlay, b: Overlay) -> Bool {
        a.places == b.places && a.names.elementsEqual(b.names, by: ==) && a.suppressions.elementsEqual(b.suppressions, by: ==)
    }

    /// Reads one line; blank and comment lines are ignored.
    public mutating func add(line: ArraySlice<UInt8>) throws(DocumentError) {
        let text = String(decoding: line, as: UTF8.self)
        if text.allSatisfy(\.isWhitespace) || text.hasPrefix("#") { return }
        let columns = text.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        func require(_ count: Int, _ shape: String) throws(DocumentError) {
            guard columns.count == count, !columns[count - 1].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw DocumentError("'\(columns[0])' takes \(count) tab-separated columns (\(shape)), the last one the source of the fact")
            }
        }
        switch columns[0] {
        case "place":
            try require(13, "place id name class code country admin1 admin2 lat lon population names source")
            guard let id = Int(columns[1]) else { throw DocumentError("place id '\(columns[1])' is not a number") }
            guard let lat = Double(columns[8]), (-90...90).contains(lat), let lon = Double(columns[9]), (-180...180).contains(lon) else {
                throw DocumentError("latitude/longitude '\(columns[8])', '\(columns[9])' are not valid coordinates")
            }
            guard let population = Int(columns[10].isEmpty ? "0" : columns[10]) else {
                throw DocumentError("population '\(columns[10])' is not a number")
            }
            guard columns[3].count == 1, !columns[4].isEmpty else { throw DocumentError("feature class must be one letter and code non-empty") }
            places.append(GeoNamesPlace(
                id: id, name: columns[2], alternateNames: columns[11].split(separator: "|").map(String.init),
                latitude: lat, longitude: lon, featureClass: columns[3], featureCode: columns[4],
                countryCode: columns[5], admin1Code: columns[6], admin2Code: columns[7], population: population))
        case "name":
            try require(4, "name placeID alternateName source")
            guard let id = Int(columns[1]), !columns[2].isEmpty else { throw DocumentError("name takes a numeric place id and a name") }
            names.append((id, columns[2]))
        case "suppress":
            try require(4, "suppress name placeID-or-empty source")
            let id: Int? = columns[2].isEmpty ? nil : Int(columns[2])
            guard !columns[1].isEmpty, columns[2].isEmpty || id != nil else { throw DocumentError("suppress takes a name and an optional numeric place id") }
            suppressions.append((columns[1], id))
        default:
            throw DocumentError("unknown directive '\(columns[0])' (place, name or suppress)")
        }
    }
}
