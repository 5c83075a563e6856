import Foundation
import Testing
@testable import GeotagCore

/// SIGKILL at twenty moments of a real `geotag run` (drawn from fixed seeds, so the
/// same every time): after each, the previous exports are intact and the database
/// sound, and a normal run then ends with exactly the articles, mentions and exports of
/// a run that was never interrupted.
@Suite(.enabled(if: GeotagExecutable.path != nil && BundledGazetteer.isBuilt, "needs the geotag executable and the bundled gazetteer"))
struct CrashSafetyTests {
    @Test func aRunKilledAtTwentyMomentsIsCompletedByTheNextOne() throws {
        let folder = try ScratchFolder()
        try GeneratedCorpus.write(300, into: folder, seed: 8)
        let fm = FileManager.default
        let out = folder.path + "/out", base = folder.path + "/base"
        let database = out + "/geotag.gpkg"
        // Small batches, so a kill can land between commits as well as inside one.
        let arguments = ["run", "--quiet", "--batch-size", "20"]

        // The night before: a third of the corpus loaded and exported.
        #expect(try GeotagProcess.run(arguments + ["--limit", "100"], in: folder.path).status == 0)
        try fm.moveItem(atPath: out, toPath: base)
        let baseCSV = try String(contentsOfFile: base + "/mentions.csv", encoding: .utf8).withoutRunIDs

        // The uninterrupted run, timed: the kills are spread over its length.
        try fm.copyItem(atPath: base, toPath: out)
        let started = Date()
        #expect(try GeotagProcess.run(arguments, in: folder.path).status == 0)
        let duration = Date().timeIntervalSince(started)
        let expected = try DatabaseContent(path: database)
        let expectedCSV = try String(contentsOfFile: out + "/mentions.csv", encoding: .utf8).withoutRunIDs
        #expect(expected.articles.count == 300)

        var killedMidRun = 0
        for seed in UInt64(1)...20 {
            var random = SeededGenerator(seed: seed)
            let moment = Double.random(in: 0..<1, using: &random) * duration
            try fm.removeItem(atPath: out)
            try fm.copyItem(atPath: base, toPath: out)

            let run = try GeotagProcess(arguments, in: folder.path)
            usleep(UInt32(moment * 1_000_000))
            if run.send(SIGKILL) { killedMidRun += 1 }
            _ = run.wait()

            // The previous exports, or the new ones, whole; never half of either.
            let csv = try String(contentsOfFile: out + "/mentions.csv", encoding: .utf8).withoutRunIDs
            #expect(csv == baseCSV || csv == expectedCSV, "seed \(seed): mentions.csv is neither the old nor the new export")
            let geojson = try Data(contentsOf: URL(fileURLWithPath: out + "/mentions.geojson"))
            #expect((try? JSONSerialization.jsonObject(with: geojson)) != nil, "seed \(seed): mentions.geojson does not parse")
            #expect(try DatabaseContent.integrity(of: database) == "ok", "seed \(seed)")

            let next = try GeotagProcess.run(arguments, in: folder.path)
            #expect(next.status == 0, "seed \(seed): \(next.err)")
            let content = try DatabaseContent(path: database)
            #expect(content.articles == expected.articles, "seed \(seed): the articles differ from an uninterrupted run's")
            #expect(content.mentions == expected.mentions, "seed \(seed): the mentions differ from an uninterrupted run's")
            #expect(try String(contentsOfFile: out + "/mentions.csv", encoding: .utf8).withoutRunIDs == expectedCSV, "seed \(seed)")
        }
        // Most moments must fall inside the run, or the test would prove little.
        #expect(killedMidRun >= 15, "only \(killedMidRun) of 20 kills found the run still going")
    }
}
