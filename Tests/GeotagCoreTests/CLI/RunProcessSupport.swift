import Foundation
import Synchronization
@testable import GeotagCore

/// A `geotag` subprocess that a test can signal while it runs, at a lower priority than
/// the tests; its standard error goes to a file (a pipe nobody reads would stall a
/// chatty run).
final class GeotagProcess {
    let process = Process()
    private let errFile: String
    private let exit = ExitSignal()

    /// Starts `geotag arguments` in `folder`.
    init(_ arguments: [String], in folder: String) throws {
        errFile = "\(folder)/stderr-\(UUID().uuidString).txt"
        guard FileManager.default.createFile(atPath: errFile, contents: nil) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: errFile])
        }
        // Niced (nice execs geotag, so the PID is geotag's): on two cores, full-speed
        // runs would starve the tests that run beside them, some with second-long
        // timeouts against a loopback server.
        process.executableURL = URL(fileURLWithPath: "/usr/bin/nice")
        process.arguments = ["-n", "10", GeotagExecutable.path!] + arguments
        process.currentDirectoryURL = URL(fileURLWithPath: folder)
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: errFile))
        let exit = exit
        process.terminationHandler = { _ in exit.signal() }
        try process.run()
    }

    /// Sends `signal` to the process; false when it had already ended.
    @discardableResult
    func send(_ signal: Int32) -> Bool {
        process.isRunning && kill(process.processIdentifier, signal) == 0
    }

    /// Waits for the end without blocking a thread: the tests run on Swift's
    /// cooperative pool, one thread per core, and a blocked pool starves the tests that
    /// serve HTTP on it. Returns the exit status (128 + n for a process a signal ended,
    /// as a shell reports it) and what it wrote to standard error.
    func wait() async -> (status: Int32, err: String) {
        await exit.wait()
        let status = process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
        let err = (try? String(contentsOfFile: errFile, encoding: .utf8)) ?? ""
        try? FileManager.default.removeItem(atPath: errFile)
        return (status, err)
    }

    /// Runs `geotag arguments` in `folder` to its end.
    static func run(_ arguments: [String], in folder: String) async throws -> (status: Int32, err: String) {
        try await GeotagProcess(arguments, in: folder).wait()
    }
}

/// A process's end, awaited by a task: set by `Process.terminationHandler`.
final class ExitSignal: Sendable {
    private let state = Mutex<(ended: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    func signal() {
        let waiter = state.withLock { state in
            state.ended = true
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    func wait() async {
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let ended = state.withLock { state in
                if !state.ended { state.waiter = waiter }
                return state.ended
            }
            if ended { waiter.resume() }
        }
    }
}

/// A corpus of small, distinct generated articles in `<folder>/in`, with a
/// `pipeline.yaml` that runs them against the bundled gazetteer.
enum GeneratedCorpus {
    static let places = [
        "Baghdad", "Basra", "Mosul", "Erbil", "Kirkuk", "Damascus", "Aleppo", "Homs", "Raqqa", "Deir ez-Zor",
        "Diyala", "Baqubah", "Amman", "Beirut", "Tikrit", "Ramadi", "Fallujah", "Najaf", "Karbala", "Idlib",
        "Hama", "Latakia", "Tartus", "Daraa", "Sulaymaniyah", "Dohuk", "Samarra", "Nasiriyah", "Amarah", "Kut",
    ]
    static let words = """
        officials said the convoy reached market after heavy rain while farmers waited for water and \
        engineers repaired bridge local council announced new school clinic opened doors families returned \
        home prices rose sharply traders complained about fuel shortages power cuts lasted hours schools \
        closed roads flooded aid agencies delivered food blankets medicine volunteers cleared rubble \
        residents described night shelling witnesses counted trucks police opened investigation governor \
        promised compensation ministry denied reports journalists visited camp children played football
        """.split(separator: " ").map(String.init)

    /// Writes `count` articles and the configuration; every article names a few places
    /// in sentences of shuffled words, so no two are near-duplicates.
    static func write(_ count: Int, into folder: ScratchFolder, seed: UInt64 = 1, extraConfig: String = "") async throws {
        let path = folder.path
        try await offPool {
            var random = SplitMix64(seed: seed)
            try FileManager.default.createDirectory(atPath: path + "/in", withIntermediateDirectories: true)
            for i in 0..<count {
                var sentences: [String] = []
                for _ in 0..<6 {
                    let filler = (0..<12).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
                    sentences.append("In \(places.randomElement(using: &random)!) \(filler) near \(places.randomElement(using: &random)!).")
                }
                try Data(("Report \(i). " + sentences.joined(separator: " ")).utf8)
                    .write(to: URL(fileURLWithPath: path + String(format: "/in/article-%05d.txt", i)))
            }
            try Data("""
                sources:
                  - {name: generated, type: files, path: in}
                gazetteer: \(BundledGazetteer.path)
                \(extraConfig)
                """.utf8).write(to: URL(fileURLWithPath: path + "/pipeline.yaml"))
        }
    }
}

/// Runs `body` on a thread of its own and awaits it: for the tests' heavier file and
/// database work, which would otherwise hold one of the cooperative pool's threads
/// (one per core) and starve the tests that serve HTTP on the pool.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { done in
        Thread { done.resume(with: Result { try body() }) }.start()
    }
}

/// The content of a geotag database, row by row, without what differs from one run to
/// the next (row ids, run ids), so two databases can be compared for having the same
/// articles and mentions.
struct DatabaseContent: Equatable {
    var articles: [String]
    var mentions: [String]

    static let runDependent: Set<String> = ["id", "fid", "run_id", "first_run_id", "last_run_id"]

    /// The content of the database at `path`, read off the cooperative pool.
    static func read(_ path: String) async throws -> DatabaseContent {
        try await offPool { try DatabaseContent(path: path) }
    }

    /// The text of an export with its run ids replaced, read off the cooperative pool.
    static func export(_ path: String) async throws -> String {
        try await offPool { try String(contentsOfFile: path, encoding: .utf8).withoutRunIDs }
    }

    init(path: String) throws {
        let connection = try SQLite.Connection(path: path, flags: .reader)
        defer { try? connection.close() }
        articles = try Self.rows(connection, "SELECT * FROM articles ORDER BY doc_id")
        mentions = try Self.rows(connection, "SELECT * FROM mentions ORDER BY doc_id, start, \"end\"")
    }

    private static func rows(_ connection: SQLite.Connection, _ sql: String) throws -> [String] {
        let statement = try connection.prepare(sql)
        var rows: [String] = []
        while try statement.step() {
            let cells = (0..<statement.columnCount)
                .filter { !runDependent.contains(statement.columnName(at: $0)) }
                .map { "\(statement.columnName(at: $0))=\(statement.value(at: $0))" }
            rows.append(cells.joined(separator: "|"))
        }
        return rows
    }

    /// `SELECT count(*)` of `table` in the database at `path`.
    static func count(_ table: String, in path: String) throws -> Int {
        let connection = try SQLite.Connection(path: path, flags: .reader)
        defer { try? connection.close() }
        let statement = try connection.prepare("SELECT count(*) FROM \(table)")
        _ = try statement.step()
        return statement.int(at: 0)
    }

    /// The `status` and `loaded` columns of the runs, oldest first.
    static func runs(in path: String) throws -> [(status: String, loaded: Int)] {
        let connection = try SQLite.Connection(path: path, flags: .reader)
        defer { try? connection.close() }
        let statement = try connection.prepare("SELECT status, loaded FROM runs ORDER BY id")
        var runs: [(status: String, loaded: Int)] = []
        while try statement.step() { runs.append((statement.text(at: 0) ?? "", statement.int(at: 1))) }
        return runs
    }

    /// The result of `PRAGMA integrity_check` ("ok" for a sound file). With
    /// `recovering`, the file is opened for writing, as the next run opens it, so that
    /// SQLite first rolls back a hot journal that a killed run left: a run killed in
    /// the instant its end switches the file back from WAL to a rollback journal
    /// leaves one, which a read-only connection cannot roll back (`SQLITE_READONLY_ROLLBACK`).
    static func integrity(of path: String, recovering: Bool = false) throws -> String {
        let connection = try SQLite.Connection(path: path, flags: recovering ? .writer : .reader)
        defer { try? connection.close() }
        if case let .text(result)? = try connection.pragma("integrity_check") { return result }
        return "no result"
    }
}

extension String {
    /// The text with every run id (`20261125T232657Z-c00d03d6`) replaced by `RUN`, so the
    /// exports of two runs can be compared.
    var withoutRunIDs: String {
        replacingOccurrences(of: #"\d{8}T\d{6}Z-[0-9a-f]{8}"#, with: "RUN", options: .regularExpression)
    }
}
