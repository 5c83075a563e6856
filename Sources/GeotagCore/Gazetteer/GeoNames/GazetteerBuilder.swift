import Foundation

/// Builds a gazetteer index from GeoNames dump files and overlays.
///
/// It streams: each places line becomes a compact row (``PlaceStore``) and one (folded
/// key, place, name) tuple per name and key, which an external sort (``NameRuns``)
/// orders by key; the places, then the keys with their places best first, are written
/// section by section (``IndexWriter``). Memory grows with the places (about 100 bytes
/// each) but not with the names: under a gigabyte for 7.4 million places and 12 million
/// names (`make bench-gazetteer`).
///
/// A bad line is reported with its file and line number and skipped; the build goes
/// on. Names are kept by ``keepName`` (places files) and ``alternateNamePolicy``
/// (`alternateNamesV2.txt`); a place's own name is always kept.
public struct GazetteerBuilder {
    /// The index's name, the first part of its version (`bundled`, `custom`).
    public var name: String
    /// Which alternate names of the places files to keep; by default Latin- and
    /// Arabic-script ones.
    public var keepName: (String) -> Bool = NameScript.isLatinOrArabic
    /// Which lines of `alternateNamesV2.txt` to keep.
    public var alternateNamePolicy = AlternateNamePolicy()
    /// Bytes of name tuples sorted in memory before a sorted run goes to disk.
    public var sortBudget = 256 << 20
    /// What was skipped, as `file:line: reason` (the first 1,000; ``skippedCount``
    /// counts them all).
    public private(set) var problems: [String] = []
    public private(set) var skippedCount = 0
    /// What the build did beyond the counts in the metadata, one line each, for the
    /// build's report (alternate names dropped, codes filled from the hierarchy, ...).
    public private(set) var notes: [String] = []

    /// Bumped when the builder's output for the same inputs changes; part of the version.
    static let revision = 3

    public init(name: String) { self.name = name }

    /// Builds the index of `inputs` into the file at `path` (written to a temporary file
    /// next to it and renamed into place) and returns its metadata.
    public mutating func build(_ inputs: GazetteerInputs, to path: String) throws(GeotagError) -> GazetteerMetadata {
        problems = []
        skippedCount = 0
        notes = []
        let scratch = try ScratchDirectory(near: path)
        var run = Run(runs: NameRuns(scratch: scratch, budget: sortBudget), keepName: keepName)
        var sources: [GazetteerMetadata.Source] = []

        // Overlays first: their suppressions apply while names stream in.
        var overlay = Overlay()
        for file in inputs.overlays {
            sources.append(try read(file) { line in try overlay.add(line: line) })
        }
        run.suppressions = Suppressions(overlay)
        var countries = CountryInfo(), admin1 = AdminCodes(), admin2 = AdminCodes()
        if let file = inputs.countryInfo { sources.append(try read(file) { line in try countries.add(line: line) }) }
        if let file = inputs.admin1Codes { sources.append(try read(file) { line in try admin1.add(line: line) }) }
        if let file = inputs.admin2Codes { sources.append(try read(file) { line in try admin2.add(line: line) }) }

        let column = inputs.alternateNames == nil
        for file in inputs.places {
            sources.append(try read(file) { line in try run.add(GeoNamesPlace(geonamesLine: line, alternateNamesColumn: column)) })
        }
        for place in overlay.places {
            try reporting("overlay: place \(place.id)") { try run.add(place) }
        }
        for (id, name) in overlay.names { try run.addName(name, id: id) }

        if let file = inputs.alternateNames {
            let policy = alternateNamePolicy
            var kept = 0, dropped = 0
            sources.append(try read(file) { line in
                let alternate = try AlternateName(line: line)
                guard policy.keeps(alternate) else { dropped += 1; return }
                kept += 1
                try run.addName(alternate.name, id: alternate.geonameID)
            })
            notes.append("alternate names: \(kept) kept, \(dropped) dropped by language, script or history")
        }
        var parents: [Int32: Int32] = [:]
        if let file = inputs.hierarchy {
            sources.append(try read(file) { line in
                let edge = try HierarchyEdge(line: line)
                if parents[edge.child] == nil { parents[edge.child] = edge.parent }
            })
        }
        var demonyms: DemonymTable?
        if let file = inputs.demonyms {
            var table = DemonymTable()
            sources.append(try read(file) { line in try table.add(line: line) })
            demonyms = table
        }

        var store = run.store
        run.store = PlaceStore()  // one owner, so finishing it copies nothing
        store.finish()
        for (id, name) in overlay.names where Int32(exactly: id).flatMap(store.index(of:)) == nil {
            problem("overlay: name '\(name)' for unknown place \(id)")
        }
        if !parents.isEmpty {
            notes.append("hierarchy: administrative codes filled for \(Self.fillAdmin(&store, parents: parents)) places")
        }

        var metadata = GazetteerMetadata(
            format: Int(IndexLayout.formatVersion), version: version(sources: sources), name: name, sources: sources,
            places: 0, names: 0, keys: 0, byFeatureClass: [:], byCountryCode: [:], skippedLines: skippedCount, demonyms: demonyms)
        let writer = try IndexWriter(scratch: scratch)
        let nameRefs = try Self.writePlaces(store, admin1: admin1, admin2: admin2, to: writer, metadata: &metadata)
        let unknown = try Self.writeNames(run.runs, store: store, nameRefs: nameRefs, to: writer)
        if unknown > 0 { notes.append("names of places not in the places files: \(unknown) dropped") }
        try writer.finish(metadata: &metadata, to: path)
        return metadata
    }

    /// Builds the index of `inputs` in a temporary file and returns its bytes.
    public mutating func build(_ inputs: GazetteerInputs) throws(GeotagError) -> (bytes: [UInt8], metadata: GazetteerMetadata) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("geotag-\(UUID().uuidString).gaz").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let metadata = try build(inputs, to: path)
        guard let data = FileManager.default.contents(atPath: path) else { throw GeotagError.io(path: path, reason: "cannot read the index back") }
        return (Array(data), metadata)
    }

    /// `<name>-<12 hex digits>` from the inputs' checksums, the name rules, the builder's
    /// revision and the index format, so the same inputs always give the same version.
    func version(sources: [GazetteerMetadata.Source]) -> String {
        var hasher = SHA256()
        hasher.update(Array("format \(IndexLayout.formatVersion)\nbuilder \(Self.revision)\n".utf8))
        let policy = alternateNamePolicy
        let languages = policy.languages.map { $0.sorted().joined(separator: ",") } ?? "default"
        hasher.update(Array("languages \(languages) historic \(policy.keepHistoric)\n".utf8))
        for source in sources { hasher.update(Array("\(source.file) \(source.sha256)\n".utf8)) }
        return "\(name)-\(Hex.encode(hasher.finalize().prefix(6)))"
    }

    private mutating func problem(_ text: String) {
        skippedCount += 1
        if problems.count < 1_000 { problems.append(text) }
    }

    /// Runs `body`; a ``DocumentError`` is reported as a problem at `place` and skipped,
    /// any other error ends the build.
    private mutating func reporting(_ place: @autoclosure () -> String, _ body: () throws -> Void) throws(GeotagError) {
        do {
            try body()
        } catch let error as DocumentError {
            problem("\(place()): \(error.reason)")
        } catch let error as GeotagError {
            throw error
        } catch {
            throw GeotagError.io(path: place(), reason: "\(error)")
        }
    }

    /// Reads every line of `path` into `body`, reporting and skipping bad lines.
    private mutating func read(_ path: String, _ body: (ArraySlice<UInt8>) throws -> Void) throws(GeotagError) -> GazetteerMetadata.Source {
        let reader = try GazetteerInputs.lines(of: path)
        while let line = try reader.nextLine() {
            if line.isEmpty { continue }
            try reporting("\(reader.path):\(reader.lineNumber)") { try body(line) }
        }
        return .init(file: (path as NSString).lastPathComponent, sha256: try FileDigest.sha256(path: path), lines: reader.lineNumber)
    }
}

/// The names an overlay suppresses, by folded key: for every place, or for some.
struct Suppressions {
    private var everywhere: Set<[UInt8]> = []
    private var byPlace: [[UInt8]: Set<Int32>] = [:]

    init(_ overlay: Overlay = Overlay()) {
        for (name, id) in overlay.suppressions {
            let key = NameKey.canonical(name)
            if let id { byPlace[key, default: []].insert(Int32(truncatingIfNeeded: id)) } else { everywhere.insert(key) }
        }
    }

    var isEmpty: Bool { everywhere.isEmpty && byPlace.isEmpty }

    /// Whether the name with canonical key `key` is suppressed for place `id`.
    func contains(_ key: [UInt8], id: Int32) -> Bool {
        everywhere.contains(key) || byPlace[key]?.contains(id) == true
    }
}

extension GazetteerBuilder {
    /// The reading phase: places go to the store, their names to the runs.
    struct Run {
        var store = PlaceStore()
        let runs: NameRuns
        let keepName: (String) -> Bool
        var suppressions = Suppressions()

        init(runs: NameRuns, keepName: @escaping (String) -> Bool) {
            self.runs = runs
            self.keepName = keepName
        }

        /// Adds a place row and its names: its own name always, the others when
        /// ``keepName`` keeps them and the overlay does not suppress them.
        mutating func add(_ place: GeoNamesPlace) throws {
            let record = try store.append(place)
            let id = Int32(truncatingIfNeeded: place.id)
            let skeletons = NameSkeleton.isNotable(featureClass: place.featureClass, featureCode: place.featureCode, population: place.population)
            var seen: [String] = []
            for (i, name) in ([place.name] + place.alternateNames).enumerated() where !name.isEmpty && !seen.contains(name) {
                seen.append(name)
                if i > 0, !keepName(name) { continue }
                try add(name, id: id, record: record, primary: i == 0, skeleton: skeletons)
            }
        }

        /// Adds a name of the place `id` from outside its row (an overlay, or a line of
        /// `alternateNamesV2.txt` its policy kept), whichever row of that id wins.
        mutating func addName(_ name: String, id: Int) throws(GeotagError) {
            guard let id = Int32(exactly: id) else { return }
            try add(name, id: id, record: NameRuns.anyRecord, primary: false)
        }

        /// Adds a name under its keys, and under its skeleton key (``NameSkeleton``)
        /// when `skeleton` says the place is notable enough to be matched that loosely.
        private func add(_ name: String, id: Int32, record: UInt32, primary: Bool, skeleton: Bool = false) throws(GeotagError) {
            var keys = NameKey.keys(for: name)
            guard let canonical = keys.first else { return }
            if !primary, !suppressions.isEmpty, suppressions.contains(canonical, id: id) { return }
            if skeleton, let key = NameSkeleton.key(of: name) { keys.append(key) }
            for key in keys {
                try runs.add(key: key, hash: NameKey.hash(key), id: id, record: record, name: primary ? nil : name)
            }
        }
    }

    /// Gives places without an admin1 code (empty or GeoNames' "00") the codes of their
    /// nearest ancestor in `hierarchy.txt` that has them in the same country, and places
    /// with an admin1 but no admin2 code the admin2 code of an ancestor in that admin1.
    /// Returns how many places it changed.
    static func fillAdmin(_ store: inout PlaceStore, parents: [Int32: Int32]) -> Int {
        var filled = 0
        for index in 0..<store.count {
            let row = store.row(index)
            var admin = store.admin(row)
            guard !admin.country.isEmpty, admin.admin2.isEmpty else { continue }
            let code = store.featureCode(row)
            if code.hasPrefix("PCL") || code == "TERR" || (admin.hasAdmin1 && code == "ADM1") { continue }
            var id = row.id
            for _ in 0..<8 {
                guard let parent = parents[id], let at = store.index(of: parent) else { break }
                let ancestor = store.admin(store.row(at))
                id = parent
                guard ancestor.country == admin.country, ancestor.hasAdmin1 else { continue }
                if !admin.hasAdmin1 {
                    admin.admin1 = ancestor.admin1
                    admin.admin2 = ancestor.admin2
                } else if ancestor.admin1 == admin.admin1, !ancestor.admin2.isEmpty {
                    admin.admin2 = ancestor.admin2
                } else {
                    continue
                }
                store.setAdmin(admin, at: index)
                filled += 1
                break
            }
        }
        return filled
    }

    /// Writes the place records and counts them by class and country; returns each
    /// place's name ref.
    static func writePlaces(
        _ store: PlaceStore, admin1: AdminCodes, admin2: AdminCodes, to writer: IndexWriter, metadata: inout GazetteerMetadata
    ) throws(GeotagError) -> [UInt32] {
        // Division names from the code files, else from the divisions' own rows.
        var divisionNames: [String: String] = [:]
        for index in 0..<store.count {
            let row = store.row(index)
            let admin = store.admin(row)
            switch store.featureCode(row) {
            case "ADM1": divisionNames[admin.admin1Key] = String(decoding: store.name(row), as: UTF8.self)
            case "ADM2": divisionNames[admin.admin2Key] = String(decoding: store.name(row), as: UTF8.self)
            default: break
            }
        }
        var adminRefs = [(code: UInt32, admin1: UInt32, admin2: UInt32)?](repeating: nil, count: store.admins.count)
        var codeRefs: [UInt32] = []
        for code in store.featureCodes { codeRefs.append(try writer.intern(code)) }
        var nameRefs: [UInt32] = []
        nameRefs.reserveCapacity(store.count)
        var byClass: [String: Int] = [:], byCountry: [String: Int] = [:]
        for index in 0..<store.count {
            let row = store.row(index)
            let refs: (code: UInt32, admin1: UInt32, admin2: UInt32)
            if let known = adminRefs[Int(row.admin)] {
                refs = known
            } else {
                let admin = store.admin(row)
                let a1 = admin.admin1.isEmpty ? "" : admin1[admin.admin1Key] ?? divisionNames[admin.admin1Key] ?? ""
                let a2 = admin.admin2.isEmpty ? "" : admin2[admin.admin2Key] ?? divisionNames[admin.admin2Key] ?? ""
                refs = (try writer.intern(admin.admin1), try writer.intern(a1), try writer.intern(a2))
                adminRefs[Int(row.admin)] = refs
            }
            let nameRef = try writer.string(store.name(row))
            nameRefs.append(nameRef)
            let country = Array(store.admin(row).country.utf8)
            try writer.addPlace(.init(
                id: row.id, latitude: row.latitude, longitude: row.longitude, population: row.population, name: nameRef,
                admin1Code: refs.code, admin1Name: refs.admin1, admin2Name: refs.admin2, featureCode: codeRefs[Int(row.featureCode)],
                countryCode: country.count == 2 ? UInt16(country[0]) | UInt16(country[1]) << 8 : 0, featureClass: row.featureClass))
            byClass[row.featureClass == 0 ? "-" : String(UnicodeScalar(row.featureClass)), default: 0] += 1
            byCountry[country.count == 2 ? String(decoding: country, as: UTF8.self) : "-", default: 0] += 1
        }
        metadata.byFeatureClass = byClass
        metadata.byCountryCode = byCountry
        return nameRefs
    }

    /// Merges the sorted name tuples into keys and postings: each key's places once
    /// (under the first of their names that folds to it), best first by ``PlacePrior``.
    /// Returns how many tuples named places that are not in the index.
    static func writeNames(_ runs: NameRuns, store: PlaceStore, nameRefs: [UInt32], to writer: IndexWriter) throws(GeotagError) -> Int {
        var weights: [Double] = []
        weights.reserveCapacity(store.count)
        for index in 0..<store.count {
            let row = store.row(index)
            weights.append(PlacePrior.weight(
                featureClass: String(UnicodeScalar(row.featureClass)), featureCode: store.featureCode(row), population: Int(row.population)))
        }
        var unknown = 0
        var found: [(place: Int, order: UInt64, name: Range<Int>?)] = []
        var postings: [(place: UInt32, name: UInt32)] = []
        var refs: [ArraySlice<UInt8>: UInt32] = [:]
        try runs.merge { (group) throws(GeotagError) in
            // The names are slices of the group's buffer, which the next group reuses.
            defer { refs.removeAll(keepingCapacity: true) }
            found.removeAll(keepingCapacity: true)
            for tuple in group.tuples {
                guard let index = store.index(of: tuple.id) else { unknown += 1; continue }
                if tuple.record != NameRuns.anyRecord, store.record(index) != tuple.record { continue } // a row that lost to a later one
                found.append((index, tuple.order, tuple.name))
            }
            guard !found.isEmpty else { return }
            found.sort { $0.place != $1.place ? $0.place < $1.place : $0.order < $1.order }
            postings.removeAll(keepingCapacity: true)
            var previous = -1
            for entry in found where entry.place != previous {
                previous = entry.place
                var ref = nameRefs[entry.place]
                if let range = entry.name {
                    let name = group.names[range]
                    if let known = refs[name] {
                        ref = known
                    } else {
                        ref = try writer.string(name)
                        refs[name] = ref
                    }
                    // Decided here once, so that runs need not fold both names for it.
                    let own = String(decoding: store.name(store.row(entry.place)), as: UTF8.self)
                    if OtherNames.isOtherName(String(decoding: name, as: UTF8.self), own: own) {
                        writer.addOtherName(place: entry.place, nameRef: ref)
                    }
                }
                postings.append((UInt32(entry.place), ref))
            }
            postings.sort { a, b in
                let (wa, wb) = (weights[Int(a.place)], weights[Int(b.place)])
                return wa != wb ? wa > wb : a.place < b.place
            }
            try writer.addKey(hash: group.hash, key: group.key, postings: postings)
        }
        return unknown
    }
}
