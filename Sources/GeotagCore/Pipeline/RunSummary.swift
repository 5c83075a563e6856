import Foundation
import Logging

/// What a run did, for the summary line, the `runs` table and the exit code.
public struct RunSummary: Sendable, Equatable {
    public var runID: String
    /// Documents the sources delivered (articles and items that failed to be read).
    public var documents = 0
    /// Articles loaded because they were new or changed (or reprocessed).
    public var loaded = 0
    /// Articles skipped because the database already holds them unchanged.
    public var unchanged = 0
    /// Documents that failed at some stage; each is a row in `failures`.
    public var failed = 0
    /// Mentions written for the loaded articles.
    public var mentions = 0
    public var elapsed: TimeInterval = 0
    /// The signal (SIGINT, SIGTERM) that stopped the run early, if one did.
    public var stoppedBy: Int32?

    public init(runID: String) { self.runID = runID }

    /// 0 when everything went through, 1 when some documents failed (they are recorded),
    /// 128 + the signal's number when a signal stopped the run (130 SIGINT, 143 SIGTERM),
    /// as a shell reports a process a signal ended.
    public var exitCode: Int32 {
        if let stoppedBy { return 128 + stoppedBy }
        return failed > 0 ? 1 : 0
    }

    /// The counts as log metadata, for the summary's JSON log line.
    public var metadata: Logger.Metadata {
        var metadata: Logger.Metadata = [
            "run_id": "\(runID)", "documents": "\(documents)", "new_or_changed": "\(loaded)", "unchanged": "\(unchanged)",
            "failed": "\(failed)", "mentions": "\(mentions)", "elapsed_s": "\(String(format: "%.1f", elapsed))",
            "exit_code": "\(exitCode)",
        ]
        if let stoppedBy { metadata["stopped_by"] = "\(SignalName.of(stoppedBy))" }
        return metadata
    }

    /// The one-line summary printed at the end of a run.
    public var line: String {
        String(
            format: "run %@: %d documents, %d new or changed, %d unchanged, %d failed, %d mentions, %.1f s",
            runID, documents, loaded, unchanged, failed, mentions, elapsed)
            + (stoppedBy.map { ", stopped by \(SignalName.of($0)) before the end" } ?? "")
    }
}

/// Run ids: UTC start time plus a random suffix, so they sort by time and never clash.
enum RunID {
    static func make(at date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        let suffix = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(formatter.string(from: date))-\(String(repeating: "0", count: 8 - suffix.count))\(suffix)"
    }
}

/// The names of the signals a run reacts to.
enum SignalName {
    static func of(_ number: Int32) -> String {
        switch number {
        case SIGINT: return "SIGINT"
        case SIGTERM: return "SIGTERM"
        default: return "signal \(number)"
        }
    }
}
