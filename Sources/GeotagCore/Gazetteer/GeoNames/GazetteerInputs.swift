import Foundation

/// The files a gazetteer is built from, in GeoNames' own dump formats, each plain,
/// gzip-compressed or zipped (as GeoNames ships them: `allCountries.zip`, `IQ.zip`).
public struct GazetteerInputs: Sendable, Equatable {
    /// Places files in the 19-column format (`allCountries.txt`, `cities500.txt`,
    /// `IQ.txt`). When two rows have the same geonameid, the later one wins.
    public var places: [String]
    /// `admin1CodesASCII.txt`: names of first-level divisions by code.
    public var admin1Codes: String?
    /// `admin2Codes.txt`: names of second-level divisions by code.
    public var admin2Codes: String?
    /// `countryInfo.txt`.
    public var countryInfo: String?
    /// `alternateNamesV2.txt` (or the older 8-column `alternateNames.txt`): names with
    /// their language. When given, it replaces the places files' alternatenames column,
    /// which is a copy of it without the languages (see ``AlternateNamePolicy``).
    public var alternateNames: String?
    /// `hierarchy.txt`: parent and child geonameids; fills the administrative codes of
    /// places that have none from their parents.
    public var hierarchy: String?
    /// Overlay files (see ``Overlay``), applied last.
    public var overlays: [String]
    /// A demonym table (see ``DemonymTable``), stored in the index for the extractor.
    public var demonyms: String?

    public init(
        places: [String], admin1Codes: String? = nil, admin2Codes: String? = nil, countryInfo: String? = nil,
        alternateNames: String? = nil, hierarchy: String? = nil, overlays: [String] = [], demonyms: String? = nil
    ) {
        self.places = places
        self.admin1Codes = admin1Codes
        self.admin2Codes = admin2Codes
        self.countryInfo = countryInfo
        self.alternateNames = alternateNames
        self.hierarchy = hierarchy
        self.overlays = overlays
        self.demonyms = demonyms
    }

    /// The standard GeoNames file names found in `directory`, each as `.txt`, `.txt.gz`
    /// or `.zip` (the first of these when several are there):
    /// - places: `allCountries` alone when it is there (every other places file is a
    ///   part of it), else every `cities*`, `places` and two-letter country file (`IQ`);
    /// - `admin1CodesASCII`, `admin2Codes`, `countryInfo`, `alternateNamesV2` (or
    ///   `alternateNames`), `hierarchy`.
    public static func discover(in directory: String) throws(GeotagError) -> GazetteerInputs {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw GeotagError.io(path: directory, reason: "cannot list the folder")
        }
        // stem → the file to read for it, by extension preference.
        var byStem: [String: (rank: Int, file: String)] = [:]
        for file in files {
            for (rank, suffix) in [".txt", ".txt.gz", ".zip"].enumerated() where file.hasSuffix(suffix) {
                let stem = String(file.dropLast(suffix.count))
                if byStem[stem].map({ rank < $0.rank }) ?? true { byStem[stem] = (rank, file) }
            }
        }
        func find(_ stems: String...) -> String? {
            stems.lazy.compactMap { byStem[$0] }.first.map { "\(directory)/\($0.file)" }
        }
        let places: [String]
        if let all = find("allCountries") {
            places = [all]
        } else {
            places = byStem.keys.sorted().filter { stem in
                stem == "places" || stem.hasPrefix("cities") || (stem.count == 2 && stem.allSatisfy { $0.isASCII && $0.isUppercase })
            }.map { "\(directory)/\(byStem[$0]!.file)" }
        }
        guard !places.isEmpty else {
            throw GeotagError.io(path: directory, reason: "no GeoNames places file (allCountries, cities500, places or XX as .txt, .txt.gz or .zip)")
        }
        return GazetteerInputs(
            places: places, admin1Codes: find("admin1CodesASCII"), admin2Codes: find("admin2Codes"),
            countryInfo: find("countryInfo"), alternateNames: find("alternateNamesV2", "alternateNames"),
            hierarchy: find("hierarchy"))
    }

    /// The lines of a dump file as downloaded: plain, gzip-compressed, or the dump member
    /// of a zip archive (``ZipArchive/dumpMember()``), named `archive.zip!member.txt` in
    /// messages.
    static func lines(of path: String) throws(GeotagError) -> LineReader {
        guard ZipArchive.isZip(path: path) else { return try LineReader(path: path) }
        let archive = try ZipArchive(path: path)
        let member = try archive.dumpMember()
        return LineReader(source: try archive.open(member), path: "\(path)!\(member.name)")
    }
}
