import Foundation
import Testing
@testable import GeotagCore

/// The version the tests pass to the loader.
let testVersion = "9.8.7"

/// A made-up configuration path: parse(yaml:file:) never touches the file system.
let testFile = "/projects/news/pipeline.yaml"

/// The smallest valid configuration, four lines: one `files` source.
let seedsOnly = """
    sources:
      - name: seeds
        type: files
        path: seeds

    """

/// Parses `yaml` as the contents of ``testFile``.
func parseConfig(_ yaml: String) throws(GeotagError) -> PipelineConfig {
    try PipelineConfig.parse(yaml: yaml, file: testFile, version: testVersion)
}

/// The error parsing `yaml` throws, checked to be a configuration error at `line` about
/// `key` whose reason contains `reason`; the printed message must name all three.
func expectConfigError(
    _ yaml: String, line: Int, key: String, reason: String,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    do {
        let config = try parseConfig(yaml)
        Issue.record("expected an error, parsed \(config)", sourceLocation: sourceLocation)
    } catch {
        guard case let .config(file, errorLine, errorKey, errorReason) = error else {
            Issue.record("expected a configuration error, got \(error)", sourceLocation: sourceLocation)
            return
        }
        #expect(file == testFile, sourceLocation: sourceLocation)
        #expect(errorLine == line, "\(error)", sourceLocation: sourceLocation)
        #expect(errorKey == key, "\(error)", sourceLocation: sourceLocation)
        #expect(errorReason.contains(reason), "\(error)", sourceLocation: sourceLocation)
        #expect(error.exitCode == 2, sourceLocation: sourceLocation)
        let place = key.isEmpty ? "\(testFile):\(line): " : "\(testFile):\(line): key '\(key)': "
        #expect(error.description.hasPrefix(place), "\(error)", sourceLocation: sourceLocation)
    }
}

/// A fresh folder of its own for one test, removed by `cleanUp`.
struct TemporaryFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory
            .appendingPathComponent("geotag-config-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Writes `text` to `name` inside the folder and returns its absolute path.
    @discardableResult
    func write(_ text: String, to name: String) throws -> String {
        try write(Data(text.utf8), to: name)
    }

    /// Writes `data` to `name` inside the folder and returns its absolute path.
    @discardableResult
    func write(_ data: Data, to name: String) throws -> String {
        let file = path + "/" + name
        try data.write(to: URL(fileURLWithPath: file))
        return file
    }

    func cleanUp() {
        try? FileManager.default.removeItem(atPath: path)
    }
}
