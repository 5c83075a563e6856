import Foundation
import Testing
@testable import GeotagCore

/// SIGKILL at drawn moments of a real `geotag run` (drawn from fixed seeds, so the same
/// every time): after each, the previous exports are intact and the database sound, and
/// a normal run then ends with exactly the articles, mentions and exports of a run that
/// was never interrupted.
///
/// A moment is a point of progress, not of time, so a loaded machine does not move it
/// past the end of the run: once the database holds a drawn number of articles, the run
/// is killed after a drawn 0 to 30 ms more.
@Suite(.enabled(if: GeotagExecutable.path != nil && BundledGazetteer.isBuilt, "needs the geotag executable and the bundled gazetteer"))
struct CrashSafetyTests {
    /// Small batches, so a kill can land between commits as well as inside one.
    private static let arguments = ["run", "--quiet", "--batch-size", "20"]

    /// A run into a database that holds the night before's articles, killed between
    /// its first batch and its exports.
    @Test func aRunKilledAtTwentyMomentsIsCompletedByTheNextOne() async throws {
        let folder = try ScratchFolder()
        try await GeneratedCorpus.write(300, into: folder, seed: 8)
        // The night before: a third of the corpus loaded and exported.
        let run1 = try await GeotagProcess.run(Self.arguments + ["--limit", "100"], in: folder.path)
        #expect(run1.status == 0, "\(run1.err)")
        try FileManager.default.moveItem(atPath: folder.path + "/out", toPath: folder.path + "/base")
        _ = try await killAndResume(in: folder, from: folder.path + "/base", seeds: 1...20, killedAfter: 101...300)
    }

    /// The first run into a new database, a bulk load, which commits through a rollback
    /// journal and builds its indexes at its end (a kill leaves a hot journal, or the
    /// R-tree to build).
    @Test func aFirstRunKilledAtEightMomentsIsCompletedByTheNextOne() async throws {
        let folder = try ScratchFolder()
        try await GeneratedCorpus.write(300, into: folder, seed: 9)
        let withoutWAL = try await killAndResume(in: folder, from: nil, seeds: 21...28, killedAfter: 1...300)
        // Through the WAL, a WAL file would lie beside the database at every kill.
        #expect(withoutWAL > 0, "every kill found the load in WAL mode")
    }

    /// Runs the corpus of `folder` once uninterrupted, then, for each seed, from a copy of
    /// `base` (the output folder of the runs before; nil for none): kills a run once the
    /// database holds a drawn number of articles in `range`, checks what it left, and
    /// runs again to the end. Returns how many kills found the run going and no WAL file
    /// beside the database, so a rollback journal in use. (Whether a kill leaves a hot
    /// journal depends on its landing inside a transaction, which on a slow machine, a
    /// sanitizer's build, it seldom does.)
    private func killAndResume(in folder: ScratchFolder, from base: String?, seeds: ClosedRange<UInt64>, killedAfter range: ClosedRange<Int>) async throws -> Int {
        let fm = FileManager.default
        let out = folder.path + "/out"
        let database = out + "/geotag.gpkg"
        func restoreBase() throws {
            if fm.fileExists(atPath: out) { try fm.removeItem(atPath: out) }
            if let base { try fm.copyItem(atPath: base, toPath: out) }
        }
        var baseCSV: String?
        if let base { baseCSV = try await DatabaseContent.export(base + "/mentions.csv") }

        // The uninterrupted run.
        try restoreBase()
        let whole = try await GeotagProcess.run(Self.arguments, in: folder.path)
        #expect(whole.status == 0, "\(whole.err)")
        let expected = try await DatabaseContent.read(database)
        let expectedCSV = try await DatabaseContent.export(out + "/mentions.csv")
        #expect(expected.articles.count == 300)

        var killedMidRun = 0, withoutWAL = 0
        for seed in seeds {
            var random = SplitMix64(seed: seed)
            let articles = Int.random(in: range, using: &random)
            let delay = Int.random(in: 0...30, using: &random)
            try restoreBase()

            let run = try GeotagProcess(Self.arguments, in: folder.path)
            while run.process.isRunning, ((try? DatabaseContent.count("articles", in: database)) ?? 0) < articles {
                try await Task.sleep(for: .milliseconds(5))
            }
            try await Task.sleep(for: .milliseconds(delay))
            let killed = run.send(SIGKILL)
            if killed { killedMidRun += 1 }
            _ = await run.wait()

            // The previous exports (none before a first run), or the new ones, whole;
            // never half of either.
            if fm.fileExists(atPath: out + "/mentions.csv") || baseCSV != nil {
                let csv = try await DatabaseContent.export(out + "/mentions.csv")
                #expect(csv == baseCSV || csv == expectedCSV, "seed \(seed): mentions.csv is neither the old nor the new export")
                let geojson = try Data(contentsOf: URL(fileURLWithPath: out + "/mentions.geojson"))
                #expect((try? JSONSerialization.jsonObject(with: geojson)) != nil, "seed \(seed): mentions.geojson does not parse")
            }
            // Read-only, as a GIS would open it, unless the kill left a hot journal (see
            // DatabaseContent.integrity): then as the next run opens it, rolling it back.
            let hotJournal = fm.fileExists(atPath: database + "-journal")
            if killed, !fm.fileExists(atPath: database + "-wal") { withoutWAL += 1 }
            #expect(try DatabaseContent.integrity(of: database, recovering: hotJournal) == "ok", "seed \(seed)")

            let next = try await GeotagProcess.run(Self.arguments, in: folder.path)
            #expect(next.status == 0, "seed \(seed): \(next.err)")
            let content = try await DatabaseContent.read(database)
            #expect(content.articles == expected.articles, "seed \(seed): the articles differ from an uninterrupted run's")
            #expect(content.mentions == expected.mentions, "seed \(seed): the mentions differ from an uninterrupted run's")
            #expect(try await DatabaseContent.export(out + "/mentions.csv") == expectedCSV, "seed \(seed)")
        }
        // Most moments must fall inside the run, or the test would prove little.
        #expect(killedMidRun * 4 >= seeds.count * 3, "only \(killedMidRun) of \(seeds.count) kills found the run still going")
        return withoutWAL
    }
}
