import Foundation
import Testing
@testable import GeotagCore

/// The whole pipeline, on the repository's seeds and on small corpora of its own.
@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
struct PipelineRunnerTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// A configuration in `folder` reading `sourcePath` and writing to `folder/out`.
    private func config(in folder: ScratchFolder, sourcePath: String, extra: String = "") throws -> PipelineConfig {
        let yaml = """
            sources:
              - name: test
                type: files
                path: \(sourcePath)
            gazetteer: \(BundledGazetteer.path)
            \(extra)
            """
        try folder.write("pipeline.yaml", yaml)
        return try PipelineConfig.load(file: folder.path + "/pipeline.yaml", version: "test")
    }

    private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The CSV without its run_id column, to compare two runs.
    private func withoutRunIDs(_ csv: String, runIDs: [String]) -> String {
        runIDs.reduce(csv) { $0.replacingOccurrences(of: $1, with: "RUN") }
    }

    @Test func seedsEndToEnd() throws {
        let folder = try ScratchFolder()
        let config = try config(in: folder, sourcePath: Self.repository + "/seeds")
        let first = try PipelineRunner(config: config).run()
        #expect(first.failed == 0)
        #expect(first.exitCode == 0)
        #expect(first.documents >= 7)
        #expect(first.loaded == first.documents)
        #expect(first.mentions > 20)

        let csv = try read(config.output.csvPath)
        let geojson = try read(config.output.geojsonPath)
        for place in ["Rumailan", "Deir Al-Zour", "Diyala"] { #expect(csv.contains(",\(place),")) }
        #expect(!csv.contains("Arabiya,"))
        let collection = try #require(try JSONSerialization.jsonObject(with: Data(geojson.utf8)) as? [String: Any])
        #expect(collection["type"] as? String == "FeatureCollection")
        #expect((collection["features"] as? [Any])?.count == first.mentions)

        // A second run over the same input adds nothing and leaves the files as they were.
        let second = try PipelineRunner(config: config).run()
        #expect(second.unchanged == first.documents)
        #expect(second.loaded == 0)
        #expect(try read(config.output.csvPath) == csv)
        #expect(try read(config.output.geojsonPath) == geojson)

        // Reprocessing replaces the mentions: the same rows but for the run id.
        let third = try PipelineRunner(config: config, options: RunOptions(reprocess: true)).run()
        #expect(third.loaded == first.documents)
        #expect(third.mentions == first.mentions)
        let runIDs = [first.runID, third.runID]
        #expect(withoutRunIDs(try read(config.output.csvPath), runIDs: runIDs) == withoutRunIDs(csv, runIDs: runIDs))
        let database = try GeotagDatabase(path: config.output.sqlitePath)
        #expect(try database.runs().count == 3)
    }

    /// An article stored against another gazetteer is extracted again, though its text
    /// is the same; one stored against this gazetteer is skipped.
    @Test func anotherGazetteerVersionMeansExtractingAgain() throws {
        let folder = try ScratchFolder()
        let config = try config(in: folder, sourcePath: Self.repository + "/seeds")
        let first = try PipelineRunner(config: config).run()
        do {
            let database = try GeotagDatabase(path: config.output.sqlitePath)
            try database.connection.execute("UPDATE articles SET gazetteer_version = 'older' WHERE rowid IN (SELECT rowid FROM articles LIMIT 2)")
            try database.close()
        }
        let second = try PipelineRunner(config: config).run()
        #expect(second.loaded == 2)
        #expect(second.unchanged == first.documents - 2)
    }

    @Test func aBrokenDocumentDoesNotStopTheRun() throws {
        let folder = try ScratchFolder()
        try folder.write("in/a.txt", "Shelling was reported in Homs and Hama on Monday.")
        try folder.write("in/b.txt", "   \n")  // no text: fails normalize
        try folder.write("in/c.jsonl", "{\"url\": \"https://example.org/1\", \"text\": \"Flooding hit Basra.\"}\nnot json\n")
        try folder.write("in/d.html", [0x00, 0xFF, 0xFE, 0x00, 0x01])  // binary named .html
        let config = try config(in: folder, sourcePath: "in")
        let summary = try PipelineRunner(config: config).run()
        #expect(summary.failed == 3)
        #expect(summary.exitCode == 1)
        #expect(summary.loaded == 2)
        let database = try GeotagDatabase(path: config.output.sqlitePath)
        let failures = try database.failures()
        #expect(Set(failures.map(\.stage)) == [.fetch, .normalize])
        #expect(failures.contains { $0.location == "in/c.jsonl#L2" })
        let csv = try read(config.output.csvPath)
        for place in ["Homs", "Hama", "Basra"] { #expect(csv.contains(",\(place),")) }
    }

    /// Output order does not depend on thread timing: many documents, two runs into two
    /// databases, the same files but for the run id.
    @Test func outputsAreDeterministic() throws {
        let folder = try ScratchFolder()
        let towns = ["Mosul", "Kirkuk", "Erbil", "Basra", "Najaf", "Karbala", "Raqqa", "Aleppo", "Homs", "Idlib"]
        for i in 0..<120 {
            let a = towns[i % towns.count], b = towns[(i * 7 + 3) % towns.count]
            try folder.write("in/doc\(i).txt", "Report \(i): aid convoys moved from \(a) to \(b) on Tuesday.")
        }
        let first = try config(in: folder, sourcePath: "in", extra: "output: {dir: out1}")
        let second = try config(in: folder, sourcePath: "in", extra: "output: {dir: out2}")
        let one = try PipelineRunner(config: first).run()
        let two = try PipelineRunner(config: second).run()
        #expect(one.mentions == 240)
        let runIDs = [one.runID, two.runID]
        #expect(withoutRunIDs(try read(first.output.csvPath), runIDs: runIDs) == withoutRunIDs(try read(second.output.csvPath), runIDs: runIDs))
        #expect(withoutRunIDs(try read(first.output.geojsonPath), runIDs: runIDs) == withoutRunIDs(try read(second.output.geojsonPath), runIDs: runIDs))
    }

    @Test func limitStopsAfterNDocuments() throws {
        let folder = try ScratchFolder()
        for i in 0..<10 { try folder.write("in/\(i).txt", "News from Baghdad number \(i).") }
        let summary = try PipelineRunner(config: try config(in: folder, sourcePath: "in"), options: RunOptions(limit: 4)).run()
        #expect(summary.documents == 4)
    }

    @Test func aMissingGazetteerIsAConfigurationError() throws {
        let folder = try ScratchFolder()
        try folder.write("in/a.txt", "Baghdad.")
        var config = try config(in: folder, sourcePath: "in")
        config.gazetteer = ConfigPath(folder.path + "/nowhere.gaz", relativeTo: folder.path)
        #expect(throws: GeotagError.self) { try PipelineRunner(config: config).run() }
        do {
            _ = try PipelineRunner(config: config).run()
        } catch let error as GeotagError {
            #expect(error.exitCode == 2)
            #expect(error.description.contains("nowhere.gaz"))
        }
    }
}

extension PipelineRunnerTests {
    /// Two runs on one output: the second is refused with exit code 3 while the first
    /// holds the lock.
    @Test func aRunOnALockedOutputIsRefused() throws {
        let folder = try ScratchFolder()
        try folder.write("in/a.txt", "Shelling was reported in Homs.")
        let config = try config(in: folder, sourcePath: "in")
        try FileManager.default.createDirectory(atPath: config.output.dir.resolved, withIntermediateDirectories: true)
        let held = try RunLock(databasePath: config.output.sqlitePath)
        defer { held.release() }
        do {
            _ = try PipelineRunner(config: config).run()
            Issue.record("the run went ahead on a locked output")
        } catch let error as GeotagError {
            #expect(error.exitCode == 3)
        }
    }
}
