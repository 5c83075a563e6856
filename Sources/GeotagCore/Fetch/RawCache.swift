import Foundation

/// The raw responses of every fetch, kept under `fetch.cache_dir` so that
/// `geotag run --reprocess` can run normalize, extract and load again without the
/// network.
///
/// Content-addressed: a body is stored once, as `objects/ab/abcdef…` named by its
/// SHA-256, however many URLs return it; each URL has a small JSON record,
/// `responses/cd/cdef….json` named by the SHA-256 of its canonical URL, with the URL,
/// the final URL, the status, the headers, the fetch time, the body's hash and, for a
/// feed's item, what the feed said about it. A body is written before the record that
/// names it.
///
/// Every file is written to a temporary file in its folder, synced and renamed into
/// place (``AtomicFile``), so concurrent writers (threads or runs) and a crash leave
/// either the old file or the new one, never half of one; a reader checks a body
/// against its hash.
public final class RawCache: Sendable {
    /// What a record describes.
    public enum Kind: String, Sendable, Codable {
        /// An article page: `--reprocess` reads it again.
        case article
        /// A feed: kept to answer a 304 with the items of the last full copy.
        case feed
    }

    /// One URL's record.
    public struct Entry: Sendable, Equatable, Codable {
        /// The canonical URL asked for.
        public var url: String
        public var finalURL: String
        public var status: Int
        /// The response headers as `[name, value]` pairs, in order.
        public var headers: [[String]]
        public var fetchedAt: Date
        public var bodySHA256: String
        public var bodyBytes: Int
        /// The `sources[].name` it was fetched for.
        public var source: String
        public var kind: Kind
        /// What the feed said about the article, for an item of a feed.
        public var item: FeedItem?

        /// The headers as ``HTTPHeaders``.
        public var httpHeaders: HTTPHeaders {
            HTTPHeaders(headers.compactMap { $0.count == 2 ? (name: $0[0], value: $0[1]) : nil })
        }
    }

    /// The cache's folder.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// Stores `response`, fetched as `url` (canonical) for `source`, and returns its record.
    ///
    /// - Throws: ``GeotagError/io(path:reason:)`` when a file cannot be written.
    @discardableResult
    public func store(_ response: HTTPResponse, url: String, source: String, kind: Kind, item: FeedItem? = nil) throws -> Entry {
        let hash = SHA256.hex(response.body)
        let entry = Entry(
            url: url, finalURL: response.finalURL, status: response.status,
            headers: response.headers.fields.map { [$0.name, $0.value] }, fetchedAt: response.fetchedAt,
            bodySHA256: hash, bodyBytes: response.body.count, source: source, kind: kind, item: item)
        let object = objectPath(hash)
        if !FileManager.default.fileExists(atPath: object) {
            try write(response.body, to: object)
        }
        try write(Array(try Self.encoder.encode(entry)), to: recordPath(url))
        return entry
    }

    /// The record of `url` (canonical), nil when there is none or it is unreadable.
    public func entry(for url: String) -> Entry? {
        Self.read(recordPath(url))
    }

    /// The body `entry` names, checked against its hash.
    ///
    /// - Throws: ``DocumentError`` when it is missing or does not match.
    public func body(of entry: Entry) throws(DocumentError) -> [UInt8] {
        let path = objectPath(entry.bodySHA256)
        let bytes = try FileSystem.contents(ofFile: path)
        guard SHA256.hex(bytes) == entry.bodySHA256 else { throw DocumentError("raw cache body \(path) does not match its hash") }
        return bytes
    }

    /// Calls `body` with every record, in the order of their file names (stable from
    /// run to run), or with the path of a record that cannot be read, until `body`
    /// returns false. Records are read one at a time, so memory stays flat however
    /// large the cache.
    public func forEachEntry(_ body: (Result<Entry, DocumentError>) -> Bool) {
        let root = PathText.join(directory, "responses")
        for folder in ((try? FileSystem.names(inFolder: root)) ?? []).sorted() where !folder.hasPrefix(".") {
            let folderPath = PathText.join(root, folder)
            for name in ((try? FileSystem.names(inFolder: folderPath)) ?? []).sorted() where !name.hasPrefix(".") && name.hasSuffix(".json") {
                let path = PathText.join(folderPath, name)
                let entry = Self.read(path).map { Result<Entry, DocumentError>.success($0) }
                    ?? .failure(DocumentError("unreadable raw cache record \(path)"))
                if !body(entry) { return }
            }
        }
    }

    private func objectPath(_ hash: String) -> String {
        PathText.join(directory, "objects/\(hash.prefix(2))/\(hash)")
    }

    private func recordPath(_ url: String) -> String {
        let hash = SHA256.hex(Array(url.utf8))
        return PathText.join(directory, "responses/\(hash.prefix(2))/\(hash).json")
    }

    private func write(_ bytes: [UInt8], to path: String) throws {
        let folder = (path as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw GeotagError.io(path: folder, reason: "cannot create the cache folder: \(error.localizedDescription)")
        }
        try AtomicFile.write(to: path) { try $0.write(bytes) }
    }

    private static func read(_ path: String) -> Entry? {
        guard let bytes = try? FileSystem.contents(ofFile: path) else { return nil }
        return try? decoder.decode(Entry.self, from: Data(bytes))
    }

    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return encoder
    }()

    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }()
}
