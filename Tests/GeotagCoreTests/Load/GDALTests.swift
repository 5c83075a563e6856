import Foundation
import Testing
@testable import GeotagCore

/// Checks that GDAL, which QGIS and ogr2ogr use, opens what geotag writes. Skipped when
/// `ogrinfo` is not installed, unless `GEOTAG_REQUIRE_GDAL=1` makes that a failure.
@Suite struct GDALTests {
    static let ogrinfo = findExecutable("ogrinfo")
    static let required = ProcessInfo.processInfo.environment["GEOTAG_REQUIRE_GDAL"] == "1"
    /// GDAL's own GeoPackage conformance checker, shipped with its Python samples.
    static let validator = ["/usr/lib/python3/dist-packages/osgeo_utils/samples/validate_gpkg.py"]
        .first { FileManager.default.fileExists(atPath: $0) }

    static func findExecutable(_ name: String) -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Runs a program; returns its exit status, standard output and standard error.
    static func run(_ program: String, _ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: program)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
    }

    /// GDAL's warnings and errors: there must be none.
    static func complaints(_ stderr: String) -> [Substring] {
        stderr.split(whereSeparator: \.isNewline).filter { line in
            line.contains("Warning") || line.contains("ERROR")
        }
    }

    /// Runs GDAL's GeoPackage validator on `gpkg` with every check it has (`--extra`:
    /// column contents too), warnings counted as errors.
    /// Skipped when the validator is missing, unless GEOTAG_REQUIRE_GDAL=1.
    static func validate(_ gpkg: String) throws {
        guard let validator else {
            if required { Issue.record("validate_gpkg.py is missing: apt-get install python3-gdal (make deps)") }
            return
        }
        let check = try run("/usr/bin/python3", [validator, "-k", "--extra", "--warning-as-error", gpkg])
        #expect(check.status == 0, "validate_gpkg.py: \(check.out) \(check.err)")
        #expect(check.out.isEmpty && check.err.isEmpty, "validate_gpkg.py: \(check.out) \(check.err)")
    }

    /// `ogrinfo -ro -so` of one layer (or of the whole file), checked to succeed quietly.
    static func summary(_ file: String, _ layer: String? = nil, options: [String] = []) throws -> String {
        let ogrinfo = try #require(Self.ogrinfo, "GEOTAG_REQUIRE_GDAL=1 but ogrinfo is not on PATH")
        let result = try run(ogrinfo, ["-ro", "-so"] + options + [file] + (layer.map { [$0] } ?? []))
        #expect(result.status == 0, "\(result.err)")
        #expect(complaints(result.err).isEmpty, "\(result.err)")
        return result.out
    }

    /// The features of a GeoJSON text by `key`: their properties (times without GDAL's
    /// dropped `.000`) and coordinates.
    static func features(_ json: Data, key: (NSDictionary) -> String) throws -> [String: (NSDictionary, [Double])] {
        let collection = try #require(try JSONSerialization.jsonObject(with: json) as? [String: Any])
        let list = try #require(collection["features"] as? [[String: Any]])
        var features: [String: (NSDictionary, [Double])] = [:]
        for feature in list {
            let properties = try #require(feature["properties"] as? [String: Any]).mapValues { value in
                (value as? String).map { $0.replacingOccurrences(of: ".000Z", with: "Z") } ?? value
            }
            let coordinates = try #require((feature["geometry"] as? [String: Any])?["coordinates"] as? [Double])
            features[key(properties as NSDictionary)] = (properties as NSDictionary, coordinates)
        }
        return features
    }

    /// `ogr2ogr -f GeoJSON` of a layer of `gpkg` gives the same features as our own
    /// GeoJSON file of it: the same properties, the same points to our 6 decimals.
    static func expectSameFeatures(_ gpkg: String, _ layer: String, as geojson: String, key: (NSDictionary) -> String) throws {
        let ogr2ogr = try #require(findExecutable("ogr2ogr"))
        let converted = try run(ogr2ogr, ["-f", "GeoJSON", "/vsistdout/", gpkg, layer])
        #expect(converted.status == 0 && complaints(converted.err).isEmpty, "\(converted.err)")
        let theirs = try features(Data(converted.out.utf8), key: key)
        let ours = try features(Data(contentsOf: URL(fileURLWithPath: geojson)), key: key)
        #expect(theirs.count == ours.count)
        #expect(!ours.isEmpty)
        for (id, (properties, point)) in ours {
            let other = try #require(theirs[id], "\(layer) \(id) is missing from ogr2ogr's output")
            #expect(other.0 == properties, "\(layer) \(id)")
            #expect(zip(other.1, point).allSatisfy { abs($0 - $1) <= 5e-7 } && other.1.count == 2, "\(layer) \(id)")
        }
    }

    @Test(.enabled(if: ogrinfo != nil || required, "ogrinfo not installed"))
    func gdalOpensTheGeoPackageAndTheGeoJSON() throws {
        _ = try #require(Self.ogrinfo, "GEOTAG_REQUIRE_GDAL=1 but ogrinfo is not on PATH")
        try withTemporaryFolder { folder in
            let gpkg = folder + "/geotag.gpkg"
            let db = try GeotagDatabase(path: gpkg)
            var run = LoadFixtures.run("run-1")
            try db.beginRun(run)
            let (d1, m1) = LoadFixtures.sample("d1")
            let (d2, m2) = LoadFixtures.sample("d2")
            let failure = Failure(source: "feed", location: "https://example.org/x", stage: .fetch, reason: "timeout")
            try db.store([.article(d1, m1), .article(d2, m2), .failure(failure)], runID: "run-1", gazetteerVersion: "gaz-1")
            run.status = .doneWithFailures
            run.endedAt = Date()
            try db.finishRun(run)
            let summary = try Exporter.export(from: db, to: LoadFixtures.output(folder), runID: "run-1")
            try db.close()

            let layers = try Self.summary(gpkg)
            #expect(layers.contains("mentions (Point)") && layers.contains("places (Point)"))
            for table in ["articles", "runs", "failures"] { #expect(layers.contains(": \(table) (None)")) }

            let mentions = try Self.summary(gpkg, "mentions")
            #expect(mentions.contains("Feature Count: 6"))
            #expect(mentions.contains("Geometry: Point"))
            #expect(mentions.contains("ID[\"EPSG\",4326]]"))
            #expect(mentions.contains("Extent: (-3.702560, 33.340580) - (45.000000, 40.416500)"))
            #expect(mentions.contains("place_id: Integer"))
            let places = try Self.summary(gpkg, "places")
            #expect(places.contains("Feature Count: 3"))
            #expect(places.contains("first_seen: DateTime"))

            let geojson = try Self.summary(summary.geoJSONPath, options: ["-al"])
            #expect(geojson.contains("Layer name: mentions"))
            #expect(geojson.contains("Feature Count: 6"))
            try Self.validate(gpkg)
        }
    }

    /// The issue's own checks, on the seeds as `make run` writes them.
    @Test(.enabled(if: (ogrinfo != nil || required) && BundledGazetteer.isBuilt, "needs ogrinfo and the bundled gazetteer"))
    func theSeedsOutputsPassGDALsChecks() throws {
        let seeds = try SeedPipeline(output: ["geojsonseq: true"])
        try seeds.run()
        let output = seeds.config.output
        let db = try seeds.database()
        let totals = try db.totals()
        try db.close()
        #expect(totals.mentions > 30 && totals.places > 20)

        try Self.validate(output.sqlitePath)
        let layers = try Self.summary(output.sqlitePath)
        #expect(layers.contains("mentions (Point)") && layers.contains("places (Point)"))
        for (layer, count) in [("mentions", totals.mentions), ("places", totals.places)] {
            let info = try Self.summary(output.sqlitePath, layer)
            #expect(info.contains("Geometry: Point"), "\(layer)")
            #expect(info.contains("Feature Count: \(count)\n"), "\(layer)")
            #expect(info.contains("ID[\"EPSG\",4326]]"), "\(layer)")
        }
        try Self.expectSameFeatures(output.sqlitePath, "mentions", as: output.geojsonPath) { m in
            "\(m["doc_id"]!) \(m["start"]!) \(m["end"]!)"
        }
        try Self.expectSameFeatures(output.sqlitePath, "places", as: output.placesPath) { "\($0["place_id"]!)" }

        // The CSV as points, from its lon and lat columns; the text sequence too.
        let csv = try Self.summary(output.csvPath, "mentions", options: ["-oo", "X_POSSIBLE_NAMES=lon", "-oo", "Y_POSSIBLE_NAMES=lat"])
        #expect(csv.contains("Geometry: Point"))
        #expect(csv.contains("Feature Count: \(totals.mentions)\n"))
        let sequence = try Self.summary(try #require(output.geojsonseqPath), "mentions")
        #expect(sequence.contains("GeoJSONSeq") || sequence.contains("Feature Count: \(totals.mentions)\n"))
        #expect(sequence.contains("Feature Count: \(totals.mentions)\n"))
    }
}
