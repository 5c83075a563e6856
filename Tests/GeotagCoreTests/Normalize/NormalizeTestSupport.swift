import Foundation
@testable import GeotagCore

/// Files the normalize tests read: the repository's `seeds/` and this target's
/// `Fixtures/normalize/`, found relative to this source file.
enum NormalizeTestFiles {
    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func seed(_ name: String) throws -> [UInt8] {
        try Array(Data(contentsOf: repositoryRoot.appendingPathComponent("seeds").appendingPathComponent(name)))
    }

    static func fixture(_ name: String) throws -> [UInt8] {
        let folder = repositoryRoot.appendingPathComponent("Tests/GeotagCoreTests/Fixtures/normalize")
        return try Array(Data(contentsOf: folder.appendingPathComponent(name)))
    }
}

/// Normalizes `html` as a page read from `location`.
func normalizeHTML(
    _ html: String, location: String = "test.html", url: String? = nil, title: String? = nil, published: String? = nil
) throws -> Article {
    try normalizePage(Array(html.utf8), location: location, url: url, title: title, published: published)
}

/// Normalizes the bytes of a page read from `location`.
func normalizePage(
    _ bytes: [UInt8], location: String = "test.html", url: String? = nil, title: String? = nil, published: String? = nil
) throws -> Article {
    try Normalizer().process(RawDocument(
        source: "test", location: location, url: url, body: bytes, format: .html, title: title, published: published))
}

/// Normalizes `bytes` as plain text read from `location`.
func normalizeText(_ bytes: [UInt8], location: String = "test.txt", format: RawDocument.Format = .text) throws -> Article {
    try Normalizer().process(RawDocument(source: "test", location: location, body: bytes, format: format))
}
