import Dispatch
import Foundation
import Synchronization

/// How far a run is, stage by stage, counted by the pipeline's threads as documents
/// pass: read by the sources, normalized and extracted by the workers, loaded by the
/// writer. ``ProgressDisplay`` draws it on a terminal.
public final class RunProgress: Sendable {
    let read = Atomic<Int>(0)
    let extracted = Atomic<Int>(0)
    let loaded = Atomic<Int>(0)
    /// The documents the run will see, when the sources know it up front; -1 otherwise.
    let expected = Atomic<Int>(-1)

    public init() {}

    /// The counts at one moment.
    public struct Snapshot: Sendable, Equatable {
        public var read: Int
        public var extracted: Int
        public var loaded: Int
        public var expected: Int?

        public init(read: Int, extracted: Int, loaded: Int, expected: Int?) {
            self.read = read
            self.extracted = extracted
            self.loaded = loaded
            self.expected = expected
        }
    }

    public var snapshot: Snapshot {
        let expected = expected.load(ordering: .relaxed)
        return Snapshot(
            read: read.load(ordering: .relaxed), extracted: extracted.load(ordering: .relaxed),
            loaded: loaded.load(ordering: .relaxed), expected: expected < 0 ? nil : expected)
    }
}

/// Draws a ``RunProgress`` as one status line on standard error, four times a second: a
/// bar per stage (read, extract, load) when the total is known, the load rate and the
/// time left. Only for a terminal: the caller decides (`--progress`).
public final class ProgressDisplay {
    private let timer: DispatchSourceTimer
    private let output: StandardError

    public init(_ progress: RunProgress, output: StandardError = .shared, started: Date = Date()) {
        self.output = output
        timer = DispatchSource.makeTimerSource(queue: DispatchQueue(label: "geotag.progress"))
        timer.schedule(deadline: .now() + .milliseconds(250), repeating: .milliseconds(250))
        timer.setEventHandler {
            output.show(status: Self.line(progress.snapshot, elapsed: Date().timeIntervalSince(started)))
        }
        timer.resume()
    }

    /// Stops drawing and clears the line.
    public func finish() {
        timer.cancel()
        output.show(status: nil)
    }

    deinit { timer.cancel() }

    /// The status line for `snapshot` after `elapsed` seconds.
    public static func line(_ snapshot: RunProgress.Snapshot, elapsed: TimeInterval, barWidth: Int = 10) -> String {
        func stage(_ name: String, _ count: Int) -> String {
            guard let total = snapshot.expected, total > 0 else { return "\(name) \(count)" }
            let filled = min(barWidth, count * barWidth / total)
            return "\(name) [\(String(repeating: "#", count: filled))\(String(repeating: "-", count: barWidth - filled))] \(count)/\(total)"
        }
        var parts = [stage("read", snapshot.read), stage("extract", snapshot.extracted), stage("load", snapshot.loaded)]
        let rate = elapsed > 0 ? Double(snapshot.loaded) / elapsed : 0
        parts.append(String(format: "%.0f docs/s", rate))
        if let total = snapshot.expected, rate > 0, snapshot.loaded < total {
            let left = Int((Double(total - snapshot.loaded) / rate).rounded(.up))
            parts.append(String(format: "ETA %d:%02d", left / 60, left % 60))
        }
        return parts.joined(separator: "  ")
    }
}
