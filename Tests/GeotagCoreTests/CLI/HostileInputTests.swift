import Foundation
import Testing
@testable import GeotagCore

/// What the web and careless hands serve a nightly run: each hostile input ends with a
/// clear message and the right exit code, and nothing else is lost. The inputs are
/// generated here, never committed.
@Suite(.enabled(if: GeotagExecutable.path != nil && BundledGazetteer.isBuilt, "needs the geotag executable and the bundled gazetteer"))
struct HostileInputTests {
    /// The reasons recorded in `failures`, by location.
    private func failures(in database: String) throws -> [String: String] {
        let connection = try SQLite.Connection(path: database, flags: .reader)
        defer { try? connection.close() }
        let statement = try connection.prepare("SELECT location, reason FROM failures")
        var reasons: [String: String] = [:]
        while try statement.step() { reasons[statement.text(at: 0) ?? ""] = statement.text(at: 1) ?? "" }
        return reasons
    }

    @Test func hostileDocumentsAreFailuresAndTheRestIsLoaded() async throws {
        let folder = try ScratchFolder()
        try await GeneratedCorpus.write(3, into: folder, extraConfig: "output: {map: false}\nlimits: {max_mentions: 100}")
        try folder.write("in/invalid-utf8.txt", Array("Shelling hit Mosul ".utf8) + [0xFF, 0xFE, 0xC3] + Array(" and Kirkuk.".utf8))
        try folder.write("in/nul.txt", Array("Floods in Basra\u{0}and Najaf.".utf8) + [0, 0])
        try folder.write("in/empty.txt", "")
        // 50 MB on one line: refused after reading little more than the limit.
        let path = folder.path
        let bigSize = try await offPool {
            let big = "<html><body><p>" + String(repeating: "Clashes near Mosul. ", count: 2_621_440) + "</p></body></html>"
            try Data(big.utf8).write(to: URL(fileURLWithPath: path + "/in/big.html"))
            let deep = "<html><body>" + String(repeating: "<div>", count: 100_000) + "Baghdad" + String(repeating: "</div>", count: 100_000) + "</body></html>"
            try Data(deep.utf8).write(to: URL(fileURLWithPath: path + "/in/deep.html"))
            return big.utf8.count
        }
        var random = SplitMix64(seed: 5)
        try folder.write("in/binary.html", (0..<65_536).map { _ in UInt8.random(in: 0...255, using: &random) })
        try folder.write("in/wire.jsonl", "{\"url\": \"https://example.org/1\", \"text\": \"Aid reached Raqqa.\"}\n{not json\n{\"url\": \"https://example.org/2\", \"text\": \"Rain in Homs.\"}\n")
        try folder.write("in/list.txt", "Towns: " + (0..<150).map { GeneratedCorpus.places[$0 % GeneratedCorpus.places.count] }.joined(separator: ", ") + ".")

        let result = try await GeotagProcess.run(["run"], in: folder.path)
        #expect(result.status == 1, "\(result.err)")
        #expect(result.err.contains("6 failed"), "\(result.err)")
        let database = folder.path + "/out/geotag.gpkg"
        let reasons = try failures(in: database)
        #expect(reasons.count == 6, "\(reasons)")
        #expect(reasons["in/empty.txt"] == "no text")
        #expect(reasons["in/big.html"] == "the document is \(bigSize) bytes, over limits.max_document_bytes (10000000)")
        #expect(reasons["in/deep.html"]?.contains("over limits.max_depth (200)") == true)
        #expect(reasons["in/binary.html"]?.hasPrefix("binary content, not text or HTML") == true)
        #expect(reasons["in/wire.jsonl#L2"]?.contains("not a JSON object") == true)
        #expect(reasons["in/list.txt"]?.contains("over limits.max_mentions (100)") == true)
        // Everything else is in: three generated articles, the two odd texts, two JSONL lines.
        #expect(try DatabaseContent.count("articles", in: database) == 7)
        #expect(result.err.contains("in/invalid-utf8.txt: invalid UTF-8: 3 byte sequences replaced with U+FFFD"), "\(result.err)")
        let connection = try SQLite.Connection(path: database, flags: .reader)
        defer { try? connection.close() }
        let nul = try connection.prepare("SELECT text FROM articles WHERE url = 'in/nul.txt'")
        #expect(try nul.step())
        // Plain text is its own clean text: the NULs stay, so offsets index the file.
        #expect(nul.text(at: 0) == "Floods in Basra\u{0}and Najaf.\u{0}\u{0}")
    }

    @Test(arguments: [
        ("sources:\n\t- {name: a, type: files, path: in}\n", "pipeline.yaml:2", "a tab is used for indentation"),
        ("sources:\n  - {name: a, type: files, path: in}\nfetch:\n  retries: often\n", "pipeline.yaml:4", "key 'fetch.retries': expected a whole number"),
        ("sources:\n  - {name: a, type: files, path: in}\noutput:\n  csvv: m.csv\n", "pipeline.yaml:4", "key 'output.csvv'"),
    ])
    func aBadConfigurationIsExitTwoAndWritesNothing(yaml: String, place: String, message: String) async throws {
        let folder = try ScratchFolder()
        try folder.write("pipeline.yaml", yaml)
        try folder.write("in/a.txt", "Floods in Basra.")
        let result = try await GeotagProcess.run(["run"], in: folder.path)
        #expect(result.status == 2)
        #expect(result.err.contains(place) && result.err.contains(message), "\(result.err)")
        #expect(!FileManager.default.fileExists(atPath: folder.path + "/out"))
    }

    /// A gazetteer cut short or with a flipped byte is refused before anything is
    /// written (exit 2: the `gazetteer` setting needs a person), and the outputs of the
    /// last good run stay as they were.
    @Test func aTruncatedOrCorruptGazetteerIsRefused() async throws {
        let folder = try ScratchFolder()
        try await GeneratedCorpus.write(5, into: folder, extraConfig: "output: {map: false}")
        let run1 = try await GeotagProcess.run(["run", "--quiet"], in: folder.path)
        #expect(run1.status == 0, "\(run1.err)")
        let before = try OutputFiles(folder.path + "/out")

        let path = folder.path
        try await offPool {
            let bundled = try Data(contentsOf: URL(fileURLWithPath: BundledGazetteer.path))
            var corrupt = bundled
            corrupt[corrupt.count / 2] ^= 0x40
            try bundled.prefix(4_000_000).write(to: URL(fileURLWithPath: path + "/truncated.gaz"))
            try corrupt.write(to: URL(fileURLWithPath: path + "/corrupt.gaz"))
        }
        let cases = [("truncated.gaz", "the file is truncated or corrupt"), ("corrupt.gaz", "checksum mismatch; the file is corrupt")]
        for (name, message) in cases {
            try folder.write("bad.yaml", "sources:\n  - {name: generated, type: files, path: in}\ngazetteer: \(name)\noutput: {map: false}\n")
            let result = try await GeotagProcess.run(["run", "--config", "bad.yaml"], in: folder.path)
            #expect(result.status == 2)
            #expect(result.err.contains(name) && result.err.contains(message), "\(result.err)")
            let after1 = try OutputFiles(folder.path + "/out")
            #expect(after1 == before)
        }
    }
}

/// The bytes of every file in an output folder, to show that a failed run left them be.
struct OutputFiles: Equatable {
    var files: [String: Data]

    init(_ folder: String) throws {
        files = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder) where name != "filler" {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + name))
        }
    }
}

/// A small tmpfs mounted on a folder: a disk that fills up or turns read-only for
/// real. Needs the right to mount (root in a sandbox that allows it); the tests that
/// use it are skipped elsewhere.
final class SmallDisk {
    let path: String

    static let canMount: Bool = {
        guard getuid() == 0, let folder = try? ScratchFolder() else { return false }
        guard (try? mount(["-t", "tmpfs", "-o", "size=64k", "tmpfs", folder.path])) == 0 else { return false }
        _ = try? mount(["-l", folder.path], program: "/bin/umount")
        return true
    }()

    init(at path: String, kilobytes: Int) throws {
        self.path = path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        guard try Self.mount(["-t", "tmpfs", "-o", "size=\(kilobytes)k", "tmpfs", path]) == 0 else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Remounts the disk read-only, or writable again.
    func set(readOnly: Bool) throws {
        #expect(try Self.mount(["-o", "remount,\(readOnly ? "ro" : "rw")", path]) == 0)
    }

    /// Fills what is left of the disk with a file named `filler`.
    func fill() {
        guard FileManager.default.createFile(atPath: path + "/filler", contents: nil),
              let handle = FileHandle(forWritingAtPath: path + "/filler") else { return }
        let chunk = Data(count: 4096)
        while (try? handle.write(contentsOf: chunk)) != nil {}
        try? handle.close()
    }

    deinit { _ = try? Self.mount(["-l", path], program: "/bin/umount") }

    @discardableResult
    private static func mount(_ arguments: [String], program: String = "/bin/mount") throws -> Int32 {
        try GDALTests.run(program, arguments).status
    }
}

@Suite(.enabled(if: GeotagExecutable.path != nil && BundledGazetteer.isBuilt && SmallDisk.canMount,
                "needs the geotag executable, the bundled gazetteer and the right to mount a tmpfs"))
struct FullOrReadOnlyDiskTests {
    /// A read-only output folder, then a full one: exit 4 naming the file and the
    /// reason, the last good outputs untouched and no temporary file left; once there
    /// is room again the next run completes.
    @Test func aReadOnlyOrFullOutputFolderIsExitFourAndLosesNothing() async throws {
        let folder = try ScratchFolder()
        try await GeneratedCorpus.write(40, into: folder, extraConfig: "output: {map: false}")
        let disk = try SmallDisk(at: folder.path + "/out", kilobytes: 4096)
        let run2 = try await GeotagProcess.run(["run", "--quiet", "--limit", "10"], in: folder.path)
        #expect(run2.status == 0, "\(run2.err)")
        let before = try OutputFiles(disk.path)

        try disk.set(readOnly: true)
        let readOnly = try await GeotagProcess.run(["run"], in: folder.path)
        #expect(readOnly.status == 4)
        #expect(readOnly.err.contains(disk.path) && readOnly.err.contains("Read-only file system"), "\(readOnly.err)")
        let after2 = try OutputFiles(disk.path)
        #expect(after2 == before)

        try disk.set(readOnly: false)
        disk.fill()
        let full = try await GeotagProcess.run(["run"], in: folder.path)
        #expect(full.status == 4)
        #expect(full.err.contains("geotag.gpkg") && full.err.contains("disk is full"), "\(full.err)")
        let after3 = try OutputFiles(disk.path)
        #expect(after3 == before)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: disk.path)) == Set(before.files.keys).union(["filler"]))

        try FileManager.default.removeItem(atPath: disk.path + "/filler")
        let run3 = try await GeotagProcess.run(["run", "--quiet"], in: folder.path)
        #expect(run3.status == 0, "\(run3.err)")
        #expect(try DatabaseContent.count("articles", in: disk.path + "/geotag.gpkg") == 40)
    }
}
