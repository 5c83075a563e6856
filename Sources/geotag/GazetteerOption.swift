import ArgumentParser
import GeotagCore

/// The `--gazetteer` option of the commands that read a gazetteer.
struct GazetteerOption: ParsableArguments {
    @Option(name: .customLong("gazetteer"), help: "The gazetteer: a .gaz file or a folder holding geotag.gaz.")
    var path = "data/gazetteer"

    /// Loads the gazetteer; a missing or corrupt one is a ``GeotagError/gazetteer(path:reason:)``.
    func open() throws -> GazetteerIndex {
        try GazetteerIndex.open(configured: path)
    }
}
