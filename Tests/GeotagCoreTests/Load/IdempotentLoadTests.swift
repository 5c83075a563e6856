import Foundation
import Testing
@testable import GeotagCore

/// Running again, or reprocessing, replaces instead of adding; a delta export holds
/// only what a run added or changed.
@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
struct IdempotentLoadTests {
    private func read(_ path: String) throws -> String { try String(contentsOfFile: path, encoding: .utf8) }

    /// The row counts, the mentions' (fid, run) and the places' (fid, run, counts).
    private func state(_ seeds: SeedPipeline) throws -> (GeotagDatabase.Totals, [Int: String], [Int: String]) {
        let db = try seeds.database()
        defer { try? db.close() }
        var mentions: [Int: String] = [:]
        try db.forEach(MentionRecord.self, in: "mentions") { mentions[$0] = $1.runID }
        var places: [Int: String] = [:]
        try db.forEach(MentionedPlace.self, in: "places") { places[$0] = "\($1.runID ?? "") \($1.mentionCount) \($1.articleCount)" }
        return (try db.totals(), mentions, places)
    }

    @Test func runningAgainOrReprocessingKeepsTheRowCounts() throws {
        let seeds = try SeedPipeline()
        let first = try seeds.run()
        let (totals, mentions, places) = try state(seeds)
        #expect(totals.articles == first.documents && totals.mentions == first.mentions && totals.runs == 1)
        #expect(Set(mentions.values) == [first.runID])  // every mention names its run
        let files = try [seeds.config.output.csvPath, seeds.config.output.geojsonPath, seeds.config.output.placesPath].map(read)

        for reprocess in [false, true] {
            let again = try seeds.run(reprocess: reprocess)
            #expect(again.mentions == (reprocess ? first.mentions : 0))
            let (now, nowMentions, nowPlaces) = try state(seeds)
            var expected = totals
            expected.runs = reprocess ? 3 : 2
            #expect(now == expected, "reprocess: \(reprocess)")
            // The same rows, fids and runs: nothing changed, so nothing was rewritten.
            #expect(nowMentions == mentions, "reprocess: \(reprocess)")
            #expect(nowPlaces == places, "reprocess: \(reprocess)")
            #expect(try [seeds.config.output.csvPath, seeds.config.output.geojsonPath, seeds.config.output.placesPath].map(read) == files)
        }
        let db = try seeds.database()
        #expect(try db.runs().map(\.status) == [.done, .done, .done])
        #expect(try db.runs().map(\.counts.documents) == [first.documents, first.documents, first.documents])
    }

    @Test func aDeltaExportHoldsOnlyWhatTheRunChanged() throws {
        let seeds = try SeedPipeline(output: ["export: delta"])
        let output = seeds.config.output
        func rows() throws -> [String] {
            try read(output.csvPath).components(separatedBy: "\r\n").dropFirst().filter { !$0.isEmpty }
        }
        func placeNames() throws -> [String] {
            let collection = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output.placesPath))) as? [String: Any]
            return (collection?["features"] as? [[String: Any]] ?? []).compactMap { ($0["properties"] as? [String: Any])?["place_name"] as? String }
        }
        let first = try seeds.run()
        #expect(try rows().count == first.mentions)
        try seeds.run()
        #expect(try rows().isEmpty)
        #expect(try placeNames().isEmpty)
        try seeds.run(reprocess: true)
        #expect(try rows().isEmpty)

        // One article gains a sentence: its one new mention, and the place it names.
        let article = seeds.folder.path + "/seeds/003_central_bank_rates.txt"
        try (try read(article) + "\nTraders in Basra welcomed the decision.\n").write(toFile: article, atomically: true, encoding: .utf8)
        let fourth = try seeds.run()
        #expect(fourth.loaded == 1)
        let changed = try rows()
        #expect(changed.count == 1)
        #expect(changed.first?.contains(",Basra,") == true)
        #expect(changed.first?.contains(fourth.runID) == true)
        #expect(try placeNames() == ["Basrah"])
        let (totals, _, _) = try state(seeds)
        #expect(totals.mentions == first.mentions + 1)
        #expect(totals.runs == 4)
    }
}
