import Foundation
import Testing
@testable import GeotagCore

/// `geotag run`'s standard error as cron and log collectors see it (not a terminal).
@Suite(.enabled(if: GeotagExecutable.path != nil && BundledGazetteer.isBuilt, "needs the geotag executable and the bundled gazetteer"))
struct LoggingCommandTests {
    private func folderWithOneBadDocument() async throws -> ScratchFolder {
        let folder = try ScratchFolder()
        try await GeneratedCorpus.write(20, into: folder, extraConfig: "output: {map: false}")
        try folder.write("in/empty.txt", "")
        return folder
    }

    @Test func withLogFormatJSONEveryLineIsAJSONObject() async throws {
        let folder = try await folderWithOneBadDocument()
        let result = try await GeotagProcess.run(["run", "--log-format", "json"], in: folder.path)
        #expect(result.status == 1)
        let lines = result.err.split(separator: "\n")
        #expect(lines.count >= 2, "\(result.err)")
        var levels: [String] = []
        for line in lines {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "\(line)")
            #expect(Set(object.keys) == ["ts", "level", "message", "metadata"])
            levels.append(object["level"] as? String ?? "")
        }
        // The failed document's warning, then the summary with its counts.
        #expect(levels.first == "warning")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(lines.last!.utf8)) as? [String: Any])
        let metadata = try #require(summary["metadata"] as? [String: String])
        #expect(metadata["documents"] == "21" && metadata["failed"] == "1" && metadata["exit_code"] == "1")
    }

    @Test func aConfigurationErrorIsAJSONLineToo() async throws {
        let folder = try ScratchFolder()
        let result = try await GeotagProcess.run(["run", "--config", "nope.yaml", "--log-format", "json"], in: folder.path)
        #expect(result.status == 2)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.err.utf8)) as? [String: Any])
        #expect(object["level"] as? String == "error")
        #expect((object["message"] as? String)?.contains("nope.yaml") == true)
    }

    /// Plain text by default, a summary line last, and no progress line when standard
    /// error is not a terminal; `--progress always` draws it anyway.
    @Test func progressOnlyOnATerminalUnlessAsked() async throws {
        let folder = try await folderWithOneBadDocument()
        let plain = try await GeotagProcess.run(["run"], in: folder.path)
        #expect(plain.status == 1)
        #expect(!plain.err.contains("\r") && !plain.err.contains("docs/s"), "\(plain.err)")
        #expect(plain.err.split(separator: "\n").last?.hasPrefix("run ") == true)
        #expect(plain.err.split(separator: "\n").last?.contains("21 documents") == true)

        // A run long enough for the line to be drawn (four times a second), then
        // cleared before the summary.
        let longer = try ScratchFolder()
        try await GeneratedCorpus.write(600, into: longer, extraConfig: "output: {map: false}")
        let forced = try await GeotagProcess.run(["run", "--progress", "always", "--batch-size", "1"], in: longer.path)
        #expect(forced.status == 0)
        #expect(forced.err.contains("\r\u{1B}[Kread [") && forced.err.contains("/600"), "\(forced.err)")
        let afterLastDraw = try #require(forced.err.components(separatedBy: "\r\u{1B}[K").last)
        #expect(afterLastDraw.hasPrefix("run ") && afterLastDraw.contains("600 documents"), "\(afterLastDraw)")
    }
}
