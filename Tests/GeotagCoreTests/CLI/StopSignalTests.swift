import Foundation
import Testing
@testable import GeotagCore

/// SIGINT and SIGTERM stop a real `geotag run` gracefully: the batch in hand is
/// committed, the exports are written from what the database holds, the exit code is
/// 130 or 143, and the next run carries on where it stopped. And two runs at once.
@Suite(.enabled(if: GeotagExecutable.path != nil && BundledGazetteer.isBuilt, "needs the geotag executable and the bundled gazetteer"))
struct StopSignalTests {
    /// Enough for the run to outlast the test's first looks at the database while the
    /// other tests keep both cores busy: 800 articles once took a second, and a faster
    /// geotag finished them before the test saw the first batch.
    static let articles = 3_000

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalStopsTheRunAfterTheBatchInHand(signal: Int32) async throws {
        let folder = try ScratchFolder()
        try await GeneratedCorpus.write(Self.articles, into: folder, extraConfig: "output: {map: false}")
        let database = folder.path + "/out/geotag.gpkg"
        let run = try GeotagProcess(["run", "--batch-size", "20"], in: folder.path)
        // Signal it once its first batch is committed, so it is surely mid-run. The wait
        // ends there: its bound only stops a run that never commits. Under
        // ThreadSanitizer beside other work, a run once took over a minute to commit its
        // first batch, and was signalled before it had loaded anything.
        let deadline = Date().addingTimeInterval(600)
        while Date() < deadline, run.process.isRunning, ((try? DatabaseContent.count("articles", in: database)) ?? 0) == 0 {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(run.send(signal), "the run ended before it could be signalled")
        let stopped = await run.wait()
        #expect(stopped.status == 128 + signal, "\(stopped.err)")
        #expect(stopped.err.contains("stopped by \(signal == SIGTERM ? "SIGTERM" : "SIGINT") before the end"), "\(stopped.err)")

        // What it loaded is whole, consistent and exported.
        let loaded = try DatabaseContent.count("articles", in: database)
        #expect(loaded > 0 && loaded < Self.articles)
        #expect(try DatabaseContent.integrity(of: database) == "ok")
        let content = try await DatabaseContent.read(database)
        #expect(content.articles.count == loaded)
        let csv = try String(contentsOfFile: folder.path + "/out/mentions.csv", encoding: .utf8)
        #expect(csv.split(whereSeparator: \.isNewline).count == content.mentions.count + 1)
        let runs = try DatabaseContent.runs(in: database)
        #expect(runs.count == 1 && runs[0].status == "interrupted" && runs[0].loaded == loaded)

        // The next run loads the rest and nothing twice.
        let next = try await GeotagProcess.run(["run", "--quiet"], in: folder.path)
        #expect(next.status == 0, "\(next.err)")
        #expect(try DatabaseContent.count("articles", in: database) == Self.articles)
        #expect(Set(content.mentions).isSubset(of: Set(try await DatabaseContent.read(database).mentions)))
    }

    /// Two runs started together on the same output: one does the work, the other
    /// exits 3 at once naming the first one's PID.
    @Test func twoRunsStartedTogetherOneWorksTheOtherExitsThree() async throws {
        let folder = try ScratchFolder()
        try await GeneratedCorpus.write(Self.articles, into: folder, extraConfig: "output: {map: false}")
        let first = try GeotagProcess(["run", "--quiet"], in: folder.path)
        let second = try GeotagProcess(["run", "--quiet"], in: folder.path)
        let results = [await first.wait(), await second.wait()]
        #expect(results.map(\.status).sorted() == [0, 3], "\(results)")
        let refused = try #require(results.first { $0.status == 3 })
        let winner = results[0].status == 0 ? first : second
        #expect(refused.err.contains("is locked by another run (PID \(winner.process.processIdentifier), started "), "\(refused.err)")
        #expect(try DatabaseContent.count("articles", in: folder.path + "/out/geotag.gpkg") == Self.articles)
        #expect(try DatabaseContent.runs(in: folder.path + "/out/geotag.gpkg").map(\.status) == ["done"])
    }
}
