import Foundation
@testable import GeotagCore

/// The GeoNames-format fixtures in `Fixtures/gazetteer/` (see its `make_archives.py`):
/// `plain/` holds every dump file type as text, `zipped/` the same packed as users
/// download them, beside an overlay and a demonym table.
enum GazetteerFixtures {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/gazetteer").path

    static let plain = "\(folder)/plain"
    static let zipped = "\(folder)/zipped"
    static let overlay = "\(folder)/overlay.tsv"
    static let demonyms = "\(folder)/demonyms.tsv"

    /// Every fixture file of `directory`, with the overlay and the demonym table.
    static func inputs(_ directory: String) throws -> GazetteerInputs {
        var inputs = try GazetteerInputs.discover(in: directory)
        inputs.overlays = [overlay]
        inputs.demonyms = demonyms
        return inputs
    }

    /// Builds `inputs` into a scratch file and opens it.
    static func build(
        _ inputs: GazetteerInputs, in scratch: ScratchFolder, name: String = "test.gaz",
        configure: (inout GazetteerBuilder) -> Void = { _ in }
    ) throws -> (index: GazetteerIndex, builder: GazetteerBuilder) {
        var builder = GazetteerBuilder(name: "test")
        configure(&builder)
        let path = "\(scratch.path)/\(name)"
        _ = try builder.build(inputs, to: path)
        return (try GazetteerIndex(path: path), builder)
    }
}

extension GazetteerIndex {
    /// The ids of the places `name` finds among the names as the gazetteer holds them
    /// (no near misses), best first.
    func ids(_ name: String, country: String? = nil) -> [Int] {
        lookup(name, country: country, limit: 50, nearMisses: false).map(\.place.id)
    }

    /// The place with GeoNames id `id`.
    func place(id: Int) -> Place? {
        (0..<placeCount).lazy.map { self.place($0) }.first { $0.id == id }
    }
}
