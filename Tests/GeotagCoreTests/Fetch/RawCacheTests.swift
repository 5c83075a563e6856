import Foundation
import Testing
@testable import GeotagCore

@Suite struct RawCacheTests {
    private func response(_ body: String, url: String = "https://example.org/a") -> HTTPResponse {
        HTTPResponse(url: url, finalURL: url + "?final", status: 200, headers: HTTPHeaders([("Content-Type", "text/html"), ("ETag", "\"1\"")]),
                     body: Array(body.utf8), fetchedAt: Date(timeIntervalSince1970: 1_700_000_000))
    }

    private func files(under path: String) -> [String] {
        (FileManager.default.enumerator(atPath: path)?.allObjects as? [String] ?? []).sorted()
    }

    @Test func aResponseComesBackAsStored() throws {
        let folder = try ScratchFolder()
        let cache = RawCache(directory: folder.path + "/cache")
        let item = FeedItem(link: "https://example.org/a", title: "T", published: "2024-01-01", guid: "g")
        let stored = try cache.store(response("<p>Body</p>"), url: "https://example.org/a", source: "news", kind: .article, item: item)
        let entry = try #require(cache.entry(for: "https://example.org/a"))
        #expect(entry == stored)
        #expect(entry.finalURL == "https://example.org/a?final")
        #expect(entry.httpHeaders["etag"] == "\"1\"")
        #expect(entry.item == item)
        #expect(entry.fetchedAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(try cache.body(of: entry) == Array("<p>Body</p>".utf8))
        #expect(cache.entry(for: "https://example.org/other") == nil)
        // Content-addressed: one body file for two URLs with the same body.
        try cache.store(response("<p>Body</p>", url: "https://example.org/b"), url: "https://example.org/b", source: "news", kind: .article)
        #expect(files(under: folder.path + "/cache/objects").filter { $0.count > 3 }.count == 1)
        #expect(files(under: folder.path + "/cache").allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func aCorruptBodyIsRefused() throws {
        let folder = try ScratchFolder()
        let cache = RawCache(directory: folder.path)
        let entry = try cache.store(response("<p>Body</p>"), url: "https://example.org/a", source: "news", kind: .article)
        let object = folder.path + "/objects/\(entry.bodySHA256.prefix(2))/\(entry.bodySHA256)"
        try Data("<p>Half".utf8).write(to: URL(fileURLWithPath: object))
        #expect(throws: DocumentError.self) { try cache.body(of: entry) }
    }

    @Test func concurrentWritersLeaveWholeFiles() throws {
        let folder = try ScratchFolder()
        let cache = RawCache(directory: folder.path)
        let bodies = (0..<8).map { String(repeating: "<p>version \($0)</p>", count: 2000) }
        DispatchQueue.concurrentPerform(iterations: 64) { i in
            _ = try? cache.store(response(bodies[i % 8]), url: "https://example.org/same", source: "news", kind: .article)
        }
        let entry = try #require(cache.entry(for: "https://example.org/same"))
        #expect(bodies.contains(String(decoding: try cache.body(of: entry), as: UTF8.self)))
        #expect(files(under: folder.path).allSatisfy { !$0.contains(".tmp-") })
        var seen: [RawCache.Entry] = []
        cache.forEachEntry { record in
            if case let .success(entry) = record { seen.append(entry) }
            return true
        }
        #expect(seen.count == 1)
    }
}
