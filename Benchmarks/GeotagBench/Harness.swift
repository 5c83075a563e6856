import BenchSupport
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Timing, memory and child processes for the benchmarks.
enum Harness {
    static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .nan }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// Runs `body` once to warm up, then `runs` times; the seconds of each timed run.
    static func time(runs: Int, warmUp: Int = 1, _ body: () throws -> Void) rethrows -> [Double] {
        try time(runs: runs, warmUp: warmUp, each: {}, { _ in try body() })
    }

    /// Runs `body` once to warm up, then `runs` times, each time on a new value from
    /// `prepare`, made outside the clock; the seconds of each timed run.
    static func time<T>(runs: Int, warmUp: Int = 1, each prepare: () throws -> T, _ body: (T) throws -> Void) rethrows -> [Double] {
        for _ in 0..<warmUp { try body(prepare()) }
        return try (0..<runs).map { _ in
            let prepared = try prepare()
            let start = now()
            try body(prepared)
            return now() - start
        }
    }

    /// What a child process did: its exit status, wall time, peak RSS in kB (from
    /// `wait4`'s rusage, the child's own high-water mark) and its standard output.
    struct ChildResult {
        var status: Int32
        var seconds: Double
        var peakKB: Int
        var output: String
    }

    /// Runs `executable` with `arguments`, its standard output captured
    /// (through a file, so a chatty child never blocks), its standard error passed on.
    static func run(_ executable: String, _ arguments: [String]) -> ChildResult {
        let outPath = NSTemporaryDirectory() + "geotag-bench-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).out"
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        let start = now()
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { fail("cannot run \(executable): \(String(cString: strerror(spawned)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = now() - start
        let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let exited = status & 0x7f == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return ChildResult(status: exited, seconds: seconds, peakKB: Int(usage.ru_maxrss), output: output)
    }

    static var executable: String {
        Bundle.main.executablePath ?? CommandLine.arguments[0]
    }
}

/// Prints a line at once, so a log shows the benchmark's progress.
func say(_ line: String) {
    print(line)
    fflush(nil)
}

/// One line of the results table: the median, the spread, and the verdict against a
/// target when there is one.
func report(_ label: String, _ values: [Double], unit: String, atLeast: Double? = nil, below: Double? = nil, note: String = "") {
    let m = Harness.median(values)
    let spread = values.count > 1 ? String(format: " (min %@, max %@, n=%d)", formatted(values.min()!), formatted(values.max()!), values.count) : ""
    var verdict = ""
    if let atLeast { verdict = m >= atLeast ? "  ok, target >= \(formatted(atLeast))" : "  BELOW target >= \(formatted(atLeast))" }
    if let below { verdict = m < below ? "  ok, target < \(formatted(below))" : "  OVER target < \(formatted(below))" }
    let padded = label.padding(toLength: 44, withPad: " ", startingAt: 0)
    say("  \(padded) \(formatted(m)) \(unit)\(spread)\(verdict)\(note.isEmpty ? "" : "  \(note)")")
}

func formatted(_ value: Double) -> String {
    if value.isNaN { return "-" }
    return value >= 100 ? String(format: "%.0f", value) : value >= 10 ? String(format: "%.1f", value) : String(format: "%.3g", value)
}
