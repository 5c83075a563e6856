import ArgumentParser
import GeotagCore

@main
struct Geotag: ParsableCommand {

    static let configuration = CommandConfiguration(
        commandName: "geotag",
        abstract: "Turns news articles into a geo-tagged dataset: fetch, normalize, extract, load.",
        version: GeotagVersion.current,
        subcommands: [RunCommand.self, ExtractCommand.self, NormalizeCommand.self, EvalCommand.self, LookupCommand.self, GazetteerCommand.self]
    )
}
