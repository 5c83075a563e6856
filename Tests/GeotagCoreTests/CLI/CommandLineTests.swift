import Foundation
import Testing

/// The built `geotag` executable, found next to the test bundle (`make test` builds it
/// first), or nil.
enum GeotagExecutable {
    static let path: String? = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [bundle, bundle.deletingLastPathComponent(), bundle.deletingLastPathComponent().deletingLastPathComponent()]
        return candidates.map { $0.appendingPathComponent("geotag").path }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()
}

/// The `geotag` executable as users run it: exit codes and messages; skipped when it
/// has not been built.
@Suite(.enabled(if: GeotagExecutable.path != nil, "the geotag executable is not built: run `make build`"))
struct CommandLineTests {

    /// Runs geotag in `folder` with `arguments`, `input` on standard input and
    /// `environment` added to the tests' own.
    private func geotag(
        _ arguments: [String], in folder: String, input: String = "", environment: [String: String] = [:]
    ) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: GeotagExecutable.path!)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        try process.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: out, as: UTF8.self), String(decoding: err, as: UTF8.self))
    }

    #if os(Linux) && !DEBUG
    /// A release build allocates with jemalloc (Package.swift), which prints its
    /// statistics at exit when asked to.
    @Test func aReleaseBuildAllocatesWithJemalloc() throws {
        let folder = try ScratchFolder()
        let result = try geotag(["--version"], in: folder.path, environment: ["MALLOC_CONF": "stats_print:true"])
        #expect(result.status == 0)
        #expect(result.err.contains("jemalloc statistics"))
    }
    #endif

    @Test func aMissingConfigurationIsExitCodeTwo() throws {
        let folder = try ScratchFolder()
        let result = try geotag(["run", "--config", "nope.yaml"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.err.contains("nope.yaml"))
    }

    @Test func aWrongKeyNamesFileLineAndKey() throws {
        let folder = try ScratchFolder()
        try folder.write("pipeline.yaml", "sources:\n  - name: a\n    type: files\n    path: in\nfetch:\n  timeout_s: fast\n")
        let result = try geotag(["run"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.err.contains("pipeline.yaml:6"))
        #expect(result.err.contains("fetch.timeout_s"))
    }

    @Test(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer"))
    func aFailedDocumentIsExitCodeOne() throws {
        let folder = try ScratchFolder()
        try folder.write("in/a.txt", "Flooding hit Basra.")
        try folder.write("in/b.txt", "")
        try folder.write("pipeline.yaml", "sources:\n  - {name: a, type: files, path: in}\ngazetteer: \(BundledGazetteer.path)\n")
        let result = try geotag(["run", "--quiet"], in: folder.path)
        #expect(result.status == 1)
        #expect(result.err.contains("1 failed"))
        #expect(FileManager.default.fileExists(atPath: folder.path + "/out/mentions.csv"))
    }

    @Test(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer"))
    func extractReadsStandardInput() throws {
        let folder = try ScratchFolder()
        let result = try geotag(
            ["extract", "--gazetteer", BundledGazetteer.path],
            in: folder.path, input: "Clashes were reported near Deir ez-Zor and in Baqubah, Diyala province.")
        #expect(result.status == 0)
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 3)
        let first = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(first["doc_id"] as? String == "stdin")
        #expect(first["mention"] as? String == "Deir ez-Zor")
        #expect(first["start"] as? Int == 27)
        #expect(first["end"] as? Int == 38)
    }

    @Test func badUsageIsExitCodeTwo() throws {
        let folder = try ScratchFolder()
        #expect(try geotag(["frobnicate"], in: folder.path).status == 2)
        #expect(try geotag(["run", "--limit", "0"], in: folder.path).status == 2)
        #expect(try geotag(["--help"], in: folder.path).status == 0)
    }
}
