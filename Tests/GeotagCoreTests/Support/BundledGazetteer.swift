import Foundation
@testable import GeotagCore

/// The bundled gazetteer index (`make gazetteer` builds it), loaded once for all tests.
enum BundledGazetteer {
    static let path: String = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data/gazetteer/geotag.gaz").path

    /// Whether the index has been built; tests that need it are skipped otherwise.
    static var isBuilt: Bool { FileManager.default.fileExists(atPath: path) }

    static let index: GazetteerIndex = {
        do {
            return try GazetteerIndex(path: path)
        } catch {
            fatalError("the bundled gazetteer at \(path) does not load: \(error); run `make gazetteer`")
        }
    }()
}
