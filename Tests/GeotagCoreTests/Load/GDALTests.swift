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

    @Test(.enabled(if: ogrinfo != nil || required, "ogrinfo not installed"))
    func gdalOpensTheGeoPackageAndTheGeoJSON() throws {
        let ogrinfo = try #require(Self.ogrinfo, "GEOTAG_REQUIRE_GDAL=1 but ogrinfo is not on PATH")
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
            let summary = try Exporter.export(from: db, to: folder, csv: "mentions.csv", geojson: "mentions.geojson")
            try db.close()

            let layers = try Self.run(ogrinfo, ["-ro", "-so", gpkg])
            #expect(layers.status == 0, "\(layers.err)")
            #expect(layers.out.contains("mentions (Point)"))
            for table in ["articles", "runs", "failures"] { #expect(layers.out.contains(": \(table) (None)")) }
            #expect(Self.complaints(layers.err).isEmpty, "\(layers.err)")

            let mentions = try Self.run(ogrinfo, ["-ro", "-so", gpkg, "mentions"])
            #expect(mentions.status == 0, "\(mentions.err)")
            #expect(mentions.out.contains("Feature Count: 6"))
            #expect(mentions.out.contains("Geometry: Point"))
            #expect(mentions.out.contains("EPSG\",4326") || mentions.out.contains("WGS 84"))
            #expect(mentions.out.contains("Extent: (-3.702560, 33.340580) - (45.000000, 40.416500)"))
            #expect(mentions.out.contains("place_id: Integer"))

            let geojson = try Self.run(ogrinfo, ["-ro", "-al", summary.geoJSONPath])
            #expect(geojson.status == 0, "\(geojson.err)")
            #expect(geojson.out.contains("Layer name: mentions"))
            #expect(geojson.out.contains("Feature Count: 6"))
            #expect(geojson.out.contains("POINT (44.40088 33.34058)"))
            #expect(Self.complaints(geojson.err).isEmpty, "\(geojson.err)")

            if let validator = Self.validator {
                let check = try Self.run("/usr/bin/python3", [validator, gpkg])
                #expect(check.status == 0, "validate_gpkg.py: \(check.out) \(check.err)")
            }
        }
    }
}
