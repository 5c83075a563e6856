import Foundation
import Testing
@testable import GeotagCore

/// SIGKILL at twenty moments of a real `geotag run` (drawn from fixed seeds, so the
/// same every time): after each, the previous exports are intact and the database
/// sound, and a normal run then ends with exactly the articles, mentions and exports of
/// a run that was never interrupted.
///
/// A moment is a point of progress, not of time, so a loaded machine does not move it
/// past the end of the run: once the database holds a drawn number of articles
/// (between the 100 of the night before and all 300, so from the first batch to the
/// exports), the run is killed after a drawn 0 to 30 ms more.
@Suite(.enabled(if: GeotagExecutable.path != nil && BundledGazetteer.isBuilt, "needs the geotag executable and the bundled gazetteer"))
struct CrashSafetyTests {
    @Test func aRunKilledAtTwentyMomentsIsCompletedByTheNextOne() async throws {
        let folder = try ScratchFolder()
        try await GeneratedCorpus.write(300, into: folder, seed: 8)
        let fm = FileManager.default
        let out = folder.path + "/out", base = folder.path + "/base"
        let database = out + "/geotag.gpkg"
        // Small batches, so a kill can land between commits as well as inside one.
        let arguments = ["run", "--quiet", "--batch-size", "20"]

        // The night before: a third of the corpus loaded and exported.
        let run1 = try await GeotagProcess.run(arguments + ["--limit", "100"], in: folder.path)
        #expect(run1.status == 0, "\(run1.err)")
        try fm.moveItem(atPath: out, toPath: base)
        let baseCSV = try await DatabaseContent.export(base + "/mentions.csv")

        // The uninterrupted run.
        try fm.copyItem(atPath: base, toPath: out)
        let run2 = try await GeotagProcess.run(arguments, in: folder.path)
        #expect(run2.status == 0, "\(run2.err)")
        let expected = try await DatabaseContent.read(database)
        let expectedCSV = try await DatabaseContent.export(out + "/mentions.csv")
        #expect(expected.articles.count == 300)

        var killedMidRun = 0
        for seed in UInt64(1)...20 {
            var random = SplitMix64(seed: seed)
            let articles = Int.random(in: 101...300, using: &random)
            let delay = Int.random(in: 0...30, using: &random)
            try fm.removeItem(atPath: out)
            try fm.copyItem(atPath: base, toPath: out)

            let run = try GeotagProcess(arguments, in: folder.path)
            while run.process.isRunning, ((try? DatabaseContent.count("articles", in: database)) ?? 0) < articles {
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: .milliseconds(delay))
            if run.send(SIGKILL) { killedMidRun += 1 }
            _ = await run.wait()

            // The previous exports, or the new ones, whole; never half of either.
            let csv = try await DatabaseContent.export(out + "/mentions.csv")
            #expect(csv == baseCSV || csv == expectedCSV, "seed \(seed): mentions.csv is neither the old nor the new export")
            let geojson = try Data(contentsOf: URL(fileURLWithPath: out + "/mentions.geojson"))
            #expect((try? JSONSerialization.jsonObject(with: geojson)) != nil, "seed \(seed): mentions.geojson does not parse")
            // Read-only, as a GIS would open it, unless the kill left a hot journal (see
            // DatabaseContent.integrity): then as the next run opens it, rolling it back.
            let hotJournal = fm.fileExists(atPath: database + "-journal")
            #expect(try DatabaseContent.integrity(of: database, recovering: hotJournal) == "ok", "seed \(seed)")

            let next = try await GeotagProcess.run(arguments, in: folder.path)
            #expect(next.status == 0, "seed \(seed): \(next.err)")
            let content = try await DatabaseContent.read(database)
            #expect(content.articles == expected.articles, "seed \(seed): the articles differ from an uninterrupted run's")
            #expect(content.mentions == expected.mentions, "seed \(seed): the mentions differ from an uninterrupted run's")
            #expect(try await DatabaseContent.export(out + "/mentions.csv") == expectedCSV, "seed \(seed)")
        }
        // Most moments must fall inside the run, or the test would prove little.
        #expect(killedMidRun >= 15, "only \(killedMidRun) of 20 kills found the run still going")
    }
}
