import ArgumentParser
import Foundation
import GeotagCore
import Logging

/// Runs a command body, turning a ``GeotagError`` into its message on standard error
/// and the spec's exit code; with `--log-format json` (a `logger` and `.json`) the
/// message is a JSON log line at level `error` instead.
func reportingErrors<T>(logger: Logger? = nil, format: LogFormat = .text, _ body: () throws -> T) throws -> T {
    func report(_ message: String, exitCode: Int32) -> ExitCode {
        if format == .json, let logger {
            logger.error("\(message)", metadata: ["exit_code": "\(exitCode)"])
        } else {
            StandardError.shared.write(line: "geotag: \(message)")
        }
        return ExitCode(exitCode)
    }
    do {
        return try body()
    } catch let error as GeotagError {
        throw report(error.description, exitCode: error.exitCode)
    } catch let error as DocumentError {
        throw report(error.reason, exitCode: 1)
    }
}

extension LogFormat: ExpressibleByArgument {}

/// Writes `text` to standard output without buffering surprises between threads.
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
