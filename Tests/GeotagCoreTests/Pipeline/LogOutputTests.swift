import Foundation
import Logging
import Synchronization
import Testing
@testable import GeotagCore

@Suite struct LogOutputTests {
    let date = Date(timeIntervalSince1970: 1_764_113_062.125)

    @Test func aTextLineHasTimeLevelMessageAndSortedMetadata() {
        let line = GeotagLogHandler.render(format: .text, at: date, level: .warning, message: "fetch failed", metadata: ["url": "https://a", "attempt": "2"])
        #expect(line == "2025-11-25T23:24:22.125Z warning: fetch failed attempt=2 url=https://a")
    }

    @Test func aJSONLineIsOneObjectWithTheFourKeys() throws {
        let line = GeotagLogHandler.render(
            format: .json, at: date, level: .error, message: "say \"hi\"\nthen go",
            metadata: ["nested": ["a": "1"], "list": ["x", "y"]])
        #expect(!line.contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        #expect(Set(object.keys) == ["ts", "level", "message", "metadata"])
        #expect(object["ts"] as? String == "2025-11-25T23:24:22.125Z")
        #expect(object["level"] as? String == "error")
        #expect(object["message"] as? String == "say \"hi\"\nthen go")
        let metadata = try #require(object["metadata"] as? [String: Any])
        #expect((metadata["nested"] as? [String: String]) == ["a": "1"])
        #expect((metadata["list"] as? [String]) == ["x", "y"])
    }

    @Test func theHandlerKeepsItsLevelAndMergesMetadata() {
        let lines = Mutex<[String]>([])
        var logger = Logger(label: "test") { _ in GeotagLogHandler(format: .text) { line in lines.withLock { $0.append(line) } } }
        logger.logLevel = .warning
        logger[metadataKey: "run"] = "r1"
        logger.info("not shown")
        logger.warning("shown", metadata: ["doc": "d1"])
        let written = lines.withLock { $0 }
        #expect(written.count == 1)
        #expect(written.first?.hasSuffix("warning: shown doc=d1 run=r1") == true)
    }

    @Test func theProgressLineHasABarPerStageRateAndETA() {
        let line = ProgressDisplay.line(.init(read: 100, extracted: 60, loaded: 50, expected: 200), elapsed: 10)
        #expect(line == "read [#####-----] 100/200  extract [###-------] 60/200  load [##--------] 50/200  5 docs/s  ETA 0:30")
        let unknown = ProgressDisplay.line(.init(read: 7, extracted: 5, loaded: 4, expected: nil), elapsed: 2)
        #expect(unknown == "read 7  extract 5  load 4  2 docs/s")
    }
}
