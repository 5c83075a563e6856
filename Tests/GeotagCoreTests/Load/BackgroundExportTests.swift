import Foundation
import Testing
@testable import GeotagCore

/// The export that writes the mention files while the writer finishes the run
/// (``BackgroundExport``).
@Suite struct BackgroundExportTests {
    /// A database whose run has stored its batches and is ready for the exports, as
    /// the pipeline leaves it before they start, but not finished: its `places` layer
    /// is still empty, and in a bulk load its secondary indexes and R-tree are not built.
    private func loaded(in folder: String) throws -> GeotagDatabase {
        let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
        try db.beginRun(LoadFixtures.run("r1"))
        try LoadFixtures.storeSamples("d1", "d2", in: db, runID: "r1", gazetteerVersion: "gaz-1")
        try db.prepareForExport()
        return db
    }

    @Test func theMentionsAreReadMeanwhileAndThePlacesAfterTheRunsEnd() throws {
        try withTemporaryFolder { folder in
            let db = try loaded(in: folder)
            let output = LoadFixtures.output(folder + "/out", map: true)
            let export = BackgroundExport(databasePath: db.path, to: output, runID: "r1")
            try db.finishRun(LoadFixtures.run("r1", status: .done))
            export.placesAreReady()
            let summary = try export.wait()
            #expect(summary.mentions == 6)
            #expect(summary.places == 3)
            let report = try String(contentsOfFile: try #require(summary.reportPath), encoding: .utf8)
            #expect(report.contains("r1"))

            // The same files as an export after the run, from the writer's connection.
            let after = try Exporter.export(from: db, to: LoadFixtures.output(folder + "/after"), runID: "r1")
            for (a, b) in [(summary.csvPath, after.csvPath), (summary.geoJSONPath, after.geoJSONPath), (summary.placesPath, after.placesPath)] {
                #expect(FileManager.default.contents(atPath: a) == FileManager.default.contents(atPath: b))
            }
            try db.close()
        }
    }

    @Test func aCancelledExportReplacesNoFile() throws {
        try withTemporaryFolder { folder in
            let db = try loaded(in: folder)
            let out = folder + "/out"
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            try "before".write(toFile: out + "/mentions.csv", atomically: true, encoding: .utf8)
            let export = BackgroundExport(databasePath: db.path, to: LoadFixtures.output(out), runID: "r1")
            export.cancel()
            #expect(throws: (any Error).self) { try export.wait() }
            #expect(try String(contentsOfFile: out + "/mentions.csv", encoding: .utf8) == "before")
            #expect(try FileManager.default.contentsOfDirectory(atPath: out) == ["mentions.csv"])
            try db.close()
        }
    }

    @Test func aFileThatIsNotAGeoPackageIsRefused() throws {
        try withTemporaryFolder { folder in
            let path = try LoadFixtures.foreignDatabase(in: folder)
            let export = BackgroundExport(databasePath: path, to: LoadFixtures.output(folder + "/out"), runID: "r1")
            export.placesAreReady()
            #expect(throws: GeotagError.self) { try export.wait() }
        }
    }
}
