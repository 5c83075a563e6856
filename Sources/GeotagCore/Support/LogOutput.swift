import Foundation
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// How log lines are written: plain text for people (the default), or JSON lines
/// (`ts`, `level`, `message`, `metadata`) for log collectors.
public enum LogFormat: String, Sendable, CaseIterable {
    case text
    case json
}

/// Standard error, shared by log lines and the progress line of a terminal: a log line
/// clears the progress line, is written whole, and the progress line is drawn again
/// under it, so the two never mix on one line.
public final class StandardError: Sendable {
    public static let shared = StandardError()
    /// The status line on show, if any.
    private let status = Mutex<String?>(nil)

    /// Writes `line` and a newline.
    public func write(line: String) {
        status.withLock { current in
            Self.write((current == nil ? "" : "\r\u{1B}[K") + line + "\n" + (current ?? ""))
        }
    }

    /// Shows `text` as the status line (a terminal's last line, redrawn in place); nil
    /// clears it.
    public func show(status text: String?) {
        status.withLock { current in
            guard current != nil || text != nil else { return }
            Self.write("\r\u{1B}[K" + (text ?? ""))
            current = text
        }
    }

    /// Whether standard error is a terminal.
    public static var isTerminal: Bool { isatty(STDERR_FILENO) == 1 }

    /// One `write(2)` loop, not `FileHandle`, so a line is never split by buffering.
    private static func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                return
            }
            bytes = bytes.dropFirst(written)
        }
    }
}

/// geotag's swift-log handler: one line per event on ``StandardError``, as text
/// (`2026-11-25T23:24:22.123Z warning: message key=value`) or as a JSON object
/// (`{"ts":…,"level":…,"message":…,"metadata":{…}}`).
public struct GeotagLogHandler: LogHandler {
    public var format: LogFormat
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    public var metadataProvider: Logger.MetadataProvider?
    private let output: @Sendable (String) -> Void

    /// A handler writing to standard error, or to `output` (for tests).
    public init(format: LogFormat, output: @escaping @Sendable (String) -> Void = { StandardError.shared.write(line: $0) }) {
        self.format = format
        self.output = output
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let explicit = event.metadata { merged.merge(explicit) { $1 } }
        if let error = event.error { merged["error"] = "\(error)" }
        output(Self.render(format: format, at: Date(), level: event.level, message: event.message.description, metadata: merged))
    }

    /// One log line, without its newline.
    public static func render(format: LogFormat, at date: Date, level: Logger.Level, message: String, metadata: Logger.Metadata) -> String {
        let ts = date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
        switch format {
        case .text:
            let pairs = metadata.keys.sorted().map { "\($0)=\(metadata[$0]!)" }
            return ([ts, "\(level.rawValue):", message] + pairs).joined(separator: " ")
        case .json:
            return "{\"ts\":\(JSONText.quoted(ts)),\"level\":\(JSONText.quoted(level.rawValue)),"
                + "\"message\":\(JSONText.quoted(message)),\"metadata\":\(json(.dictionary(metadata)))}"
        }
    }

    private static func json(_ value: Logger.Metadata.Value) -> String {
        switch value {
        case let .string(text): return JSONText.quoted(text)
        case let .stringConvertible(value): return JSONText.quoted(value.description)
        case let .array(values): return "[" + values.map(json).joined(separator: ",") + "]"
        case let .dictionary(members):
            return "{" + members.keys.sorted().map { "\(JSONText.quoted($0)):\(json(members[$0]!))" }.joined(separator: ",") + "}"
        }
    }
}
