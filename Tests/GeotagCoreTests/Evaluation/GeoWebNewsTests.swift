import Foundation
import Testing
@testable import GeotagCore

/// The real extractor over GeoWebNews, read from `../shared/eval/` beside the
/// repository when it is there (it is never copied into the project). Only sanity is
/// checked: the figures themselves are the accuracy work's business.
@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"),
       .enabled(if: GeoWebNews.isPresent, "needs ../shared/eval/gwn.jsonl beside the repository"))
struct GeoWebNewsTests {
    @Test func theExtractorScoresWithinRange() throws {
        let documents = try GoldSet.read(path: GeoWebNews.path)
        #expect(documents.count == 200)
        let extractor = Extractor(index: BundledGazetteer.index)
        let report = Evaluator(skipTypes: ["Demonym", "Language", "Homonym"]).evaluate(documents) {
            extractor.mentions(in: $0, docID: "")
        }
        #expect(report.skippedGold > 0)
        #expect(report.overlapping.gold + report.skippedGold == documents.reduce(0) { $0 + $1.toponyms.count })
        for score in [report.exact, report.overlapping] {
            #expect(score.truePositives > 0 && score.truePositives <= min(score.predicted, score.gold))
            for x in [score.precision, score.recall, score.f1] { #expect(x > 0 && x <= 1) }
        }
        #expect(report.exact.truePositives <= report.overlapping.truePositives)
        let resolution = report.resolution
        #expect(resolution.count > 0 && resolution.count <= report.overlapping.truePositives)
        for x in [resolution.accuracy, resolution.auc, report.endToEnd.accuracy] {
            #expect(x.map { (0...1).contains($0) } == true)
        }
        #expect(try #require(resolution.medianKilometers) <= #require(resolution.meanKilometers) * 10)
        #expect(try #require(resolution.meanKilometers) < 20040)
        #expect(report.endToEnd.right == resolution.withinTolerance)
        #expect(report.calibration.reduce(0) { $0 + $1.mentions } == report.overlapping.predicted)
    }
}

enum GeoWebNews {
    /// `shared/eval/gwn.jsonl` in the folder that holds the repository.
    static let path: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/eval/gwn.jsonl").path

    static var isPresent: Bool { FileManager.default.fileExists(atPath: path) }
}
