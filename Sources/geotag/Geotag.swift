import ArgumentParser
import Foundation
import GeotagCore

@main
struct Geotag: ParsableCommand {

    static let configuration = CommandConfiguration(
        commandName: "geotag",
        abstract: "Turns news articles into a geo-tagged dataset: fetch, normalize, extract, load.",
        version: GeotagVersion.current,
        subcommands: [RunCommand.self, ExtractCommand.self, NormalizeCommand.self, EvalCommand.self, LookupCommand.self, GazetteerCommand.self]
    )

    /// Parses and runs a command; bad usage exits with the spec's code 2 (not
    /// ArgumentParser's 64), everything else as the command decides.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
