import Foundation

/// The files a gazetteer is built from, in GeoNames' own dump formats.
public struct GazetteerInputs: Sendable, Equatable {
    /// Places files in the 19-column format (`allCountries.txt`, `cities500.txt`,
    /// `IQ.txt`), plain or gzip-compressed.
    public var places: [String]
    /// `admin1CodesASCII.txt`: names of first-level divisions by code.
    public var admin1Codes: String?
    /// `admin2Codes.txt`: names of second-level divisions by code.
    public var admin2Codes: String?
    /// `countryInfo.txt`.
    public var countryInfo: String?
    /// Overlay files (see ``Overlay``), applied last.
    public var overlays: [String]

    public init(places: [String], admin1Codes: String? = nil, admin2Codes: String? = nil, countryInfo: String? = nil, overlays: [String] = []) {
        self.places = places
        self.admin1Codes = admin1Codes
        self.admin2Codes = admin2Codes
        self.countryInfo = countryInfo
        self.overlays = overlays
    }

    /// The standard GeoNames file names found in `directory` (each also as `.gz`):
    /// `allCountries.txt`, `cities*.txt`, `places.txt` or two-letter country files for
    /// places, `admin1CodesASCII.txt`, `admin2Codes.txt`, `countryInfo.txt`.
    public static func discover(in directory: String) throws(GeotagError) -> GazetteerInputs {
        guard let files = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            throw GeotagError.io(path: directory, reason: "cannot list the folder")
        }
        func find(_ name: String) -> String? {
            [name, name + ".gz"].first { files.contains($0) }.map { "\(directory)/\($0)" }
        }
        let places = files.sorted().filter { file in
            let base = file.hasSuffix(".gz") ? String(file.dropLast(3)) : file
            guard base.hasSuffix(".txt") else { return false }
            let stem = base.dropLast(4)
            return stem == "allCountries" || stem == "places" || stem.hasPrefix("cities")
                || (stem.count == 2 && stem.allSatisfy(\.isUppercase))
        }.map { "\(directory)/\($0)" }
        guard !places.isEmpty else {
            throw GeotagError.io(path: directory, reason: "no GeoNames places file (allCountries.txt, cities500.txt, places.txt or XX.txt)")
        }
        return GazetteerInputs(
            places: places, admin1Codes: find("admin1CodesASCII.txt"), admin2Codes: find("admin2Codes.txt"),
            countryInfo: find("countryInfo.txt"))
    }
}

/// Builds a gazetteer index from GeoNames dump files and overlays.
///
/// A bad line is reported with its file and line number and skipped; the build goes
/// on. Names outside the kept scripts (``keepName``) are dropped.
public struct GazetteerBuilder {
    /// The index's name, the first part of its version (`bundled`, `custom`).
    public var name: String
    /// Which names to keep; by default Latin- and Arabic-script ones.
    public var keepName: (String) -> Bool = NameScript.isLatinOrArabic
    /// What was skipped, as `file:line: reason`.
    public private(set) var problems: [String] = []

    public init(name: String) { self.name = name }

    /// Reads `inputs` and returns the index file's bytes and its metadata.
    public mutating func build(_ inputs: GazetteerInputs) throws(GeotagError) -> (bytes: [UInt8], metadata: GazetteerMetadata) {
        var sources: [GazetteerMetadata.Source] = []
        var admin1 = AdminCodes()
        var admin2 = AdminCodes()
        var countries = CountryInfo()
        var places: [Int: GeoNamesPlace] = [:]

        if let path = inputs.countryInfo {
            sources.append(try read(path) { line throws(DocumentError) in try countries.add(line: line) })
        }
        if let path = inputs.admin1Codes {
            sources.append(try read(path) { line throws(DocumentError) in try admin1.add(line: line) })
        }
        if let path = inputs.admin2Codes {
            sources.append(try read(path) { line throws(DocumentError) in try admin2.add(line: line) })
        }
        for path in inputs.places {
            sources.append(try read(path) { line throws(DocumentError) in
                let place = try GeoNamesPlace(geonamesLine: line)
                places[place.id] = place
            })
        }
        var overlay = Overlay()
        for path in inputs.overlays {
            sources.append(try read(path) { line throws(DocumentError) in try overlay.add(line: line) })
        }
        apply(overlay, to: &places)

        let entries = places.values.map { place -> IndexWriter.Entry in
            let a1 = "\(place.countryCode).\(place.admin1Code)"
            var names: [String] = []
            var seen = Set<String>()
            for candidate in [place.name] + place.alternateNames where seen.insert(candidate).inserted {
                if candidate == place.name || keepName(candidate) { names.append(candidate) }
            }
            return IndexWriter.Entry(
                place: place, admin1Name: admin1[a1] ?? "", admin2Name: admin2["\(a1).\(place.admin2Code)"] ?? "",
                names: names)
        }
        var metadata = GazetteerMetadata(
            format: Int(IndexLayout.formatVersion), version: Self.version(name: name, sources: sources), name: name,
            sources: sources, places: 0, names: 0, keys: 0, byFeatureClass: [:], byCountryCode: [:],
            skippedLines: problems.count)
        let bytes = IndexWriter.bytes(entries: entries, metadata: &metadata)
        return (bytes, metadata)
    }

    /// `<name>-<12 hex digits>` from the inputs' checksums and the index format, so the
    /// same inputs always give the same version.
    static func version(name: String, sources: [GazetteerMetadata.Source]) -> String {
        var hasher = SHA256()
        hasher.update(Array("format \(IndexLayout.formatVersion)\n".utf8))
        for source in sources { hasher.update(Array("\(source.file) \(source.sha256)\n".utf8)) }
        return "\(name)-\(Hex.encode(hasher.finalize().prefix(6)))"
    }

    private mutating func apply(_ overlay: Overlay, to places: inout [Int: GeoNamesPlace]) {
        for place in overlay.places { places[place.id] = place }
        for (id, name) in overlay.names {
            if places[id] == nil {
                problems.append("overlay: name '\(name)' for unknown place \(id)")
            } else {
                places[id]!.alternateNames.append(name)
            }
        }
        for (name, id) in overlay.suppressions {
            let key = NameKey.canonical(name)
            let ids = id.map { [$0] } ?? Array(places.keys)
            for id in ids {
                guard var place = places[id] else { continue }
                place.alternateNames.removeAll { NameKey.canonical($0) == key }
                places[id] = place
            }
        }
    }

    /// Reads every line of `path` into `body`, reporting and skipping bad lines.
    private mutating func read(_ path: String, _ body: (ArraySlice<UInt8>) throws(DocumentError) -> Void) throws(GeotagError) -> GazetteerMetadata.Source {
        let reader = try LineReader(path: path)
        while let line = try reader.nextLine() {
            if line.isEmpty { continue }
            do {
                try body(line)
            } catch {
                problems.append("\(path):\(reader.lineNumber): \(error.reason)")
            }
        }
        return .init(file: (path as NSString).lastPathComponent, sha256: try FileDigest.sha256(path: path), lines: reader.lineNumber)
    }
}
