import ArgumentParser
import Foundation
import GeotagCore

/// Runs a command body, turning a ``GeotagError`` into its message on standard error
/// and the spec's exit code.
func reportingErrors<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as GeotagError {
        FileHandle.standardError.write(Data("geotag: \(error.description)\n".utf8))
        throw ExitCode(error.exitCode)
    } catch let error as DocumentError {
        FileHandle.standardError.write(Data("geotag: \(error.reason)\n".utf8))
        throw ExitCode(1)
    }
}

/// Writes `text` to standard output without buffering surprises between threads.
func printLine(_ text: String) {
    FileHandle.standardOutput.write(Data((text + "\n").utf8))
}
