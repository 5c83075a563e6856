import Foundation
import Testing
@testable import GeotagCore

/// The `urls` and `feed` sources and the fetcher under them, against the loopback
/// server: robots.txt, per-host limits, feeds and their 304s, URL files.
@Suite struct WebSourceTests {
    private func items(of source: some Source) async throws -> [SourceItem] {
        try await offThePool { ScratchFolder.items(of: source) }
    }

    private func fetcher(_ folder: ScratchFolder, known: [String: FetchRecord] = [:], configure: (inout FetchConfig) -> Void = { _ in }) -> Fetcher {
        var config = testFetchConfig(cacheDir: folder.path + "/cache")
        configure(&config)
        return Fetcher(config: config, known: known)
    }

    @Test func robotsTxtForbidsAPathAndIsFetchedOncePerHost() async throws {
        let server = try await LoopbackServer.start { request in
            request.path == "/robots.txt"
                ? LoopbackReply(headers: ["Content-Type": "text/plain"], body: Array("User-agent: *\nDisallow: /private/\nAllow: /private/open\n".utf8))
                : .html("<p>Page \(request.path) about Mosul.</p>")
        }
        defer { Task { await server.stop() } }
        let folder = try ScratchFolder()
        let paths = ["/news/1", "/private/secret", "/private/open", "/news/2"]
        let source = URLSource(name: "list", urls: paths.map(server.url), file: nil, fetcher: fetcher(folder))
        let results = try await items(of: source)
        #expect(results.count == 4)
        let failures = results.compactMap(\.failure)
        #expect(failures.map(\.location) == [server.url("/private/secret")])
        #expect(failures.first?.reason == "forbidden by \(server.base)/robots.txt")
        #expect(failures.first?.stage == .fetch)
        #expect(server.requests(to: "/robots.txt").count == 1)
        #expect(server.requests(to: "/private/secret").isEmpty)
    }

    @Test func anUnreachableRobotsTxtKeepsUsOffTheHost() async throws {
        let server = try await LoopbackServer.start { request in
            request.path == "/robots.txt" ? .status(503) : .html("<p>x</p>")
        }
        defer { Task { await server.stop() } }
        let folder = try ScratchFolder()
        let source = URLSource(name: "list", urls: [server.url("/a"), server.url("/b")], file: nil, fetcher: fetcher(folder) { $0.retries = 0 })
        let failures = try await items(of: source).compactMap(\.failure)
        #expect(failures.count == 2)
        #expect(failures.allSatisfy { $0.reason.contains("robots.txt is unreachable (HTTP 503 Service Unavailable)") })
        #expect(server.requests.map(\.path) == ["/robots.txt"])
    }

    @Test func noMoreThanPerHostRequestsRunAtOnce() async throws {
        let server = try await LoopbackServer.start { request in
            if request.path.hasPrefix("/slot") { try? await Task.sleep(for: .milliseconds(150)) }
            return request.path == "/robots.txt" ? .status(404) : .html("<p>Slot \(request.path) in Erbil.</p>")
        }
        defer { Task { await server.stop() } }
        let folder = try ScratchFolder()
        let urls = (0..<8).map { server.url("/slot/\($0)") }
        let source = URLSource(name: "list", urls: urls, file: nil, fetcher: fetcher(folder) { $0.concurrency = 8; $0.perHost = 2 })
        let started = Date()
        let documents = try await items(of: source).compactMap(\.document)
        #expect(documents.count == 8)
        #expect(server.mostAtOnce == 2)
        #expect(Date().timeIntervalSince(started) >= 0.55)  // 8 requests, 2 at a time, 150 ms each
    }

    @Test func aFeedsItemsAreFetchedAndAnUnchangedFeedComesFromTheCache() async throws {
        let server = try await LoopbackServer.start { request in
            switch request.path {
            case "/robots.txt": return .status(404)
            case "/rss":
                if request.headers["if-none-match"] == "\"feed-1\"" { return .status(304) }
                let rss = """
                    <rss version="2.0"><channel><title>N</title>
                    <item><title>From the feed</title><link>/story/1?utm_source=rss</link><pubDate>Tue, 05 Mar 2024 10:15:00 +0300</pubDate></item>
                    <item><title>Second</title><link>/story/2</link></item>
                    </channel></rss>
                    """
                return LoopbackReply(headers: ["Content-Type": "application/rss+xml", "ETag": "\"feed-1\""], body: Array(rss.utf8))
            case "/story/2": return .status(404)
            default: return .html("<title>Page title</title><p>Clashes near Kirkuk.</p>")
            }
        }
        defer { Task { await server.stop() } }
        let folder = try ScratchFolder()
        let first = try await items(of: FeedSource(name: "feed", url: server.url("/rss"), fetcher: fetcher(folder)))
        let document = try #require(first.compactMap(\.document).first)
        #expect(document.url == server.url("/story/1"))
        #expect(document.location == server.url("/story/1"))
        #expect(document.title == "From the feed")
        #expect(document.published == "Tue, 05 Mar 2024 10:15:00 +0300")
        #expect(document.fetch?.url == server.url("/story/1"))
        #expect(first.compactMap(\.failure).map(\.reason) == ["HTTP 404 Not Found"])

        // The feed answers 304: its items come from the cached copy, and the story that
        // failed is asked for again.
        let second = try await items(of: FeedSource(name: "feed", url: server.url("/rss"), fetcher: fetcher(folder)))
        #expect(second.compactMap(\.document).count == 1)
        #expect(second.compactMap(\.failure).count == 1)
        #expect(server.requests(to: "/rss").count == 2)
        #expect(server.requests(to: "/story/2").count == 2)
    }

    @Test func aFeedThatIsNotAFeedFails() async throws {
        let server = try await LoopbackServer.start { request in
            request.path == "/robots.txt" ? .status(404) : .html("<html><body><p>Just a page</p></body></html>")
        }
        defer { Task { await server.stop() } }
        let folder = try ScratchFolder()
        let results = try await items(of: FeedSource(name: "feed", url: server.url("/rss"), fetcher: fetcher(folder)))
        #expect(results.map(\.failure?.reason) == ["feed: not an RSS or Atom feed (the root element is <html>)"])
    }

    @Test func aURLFileListsTheURLsAndAPageThatIsNotAnArticleFails() async throws {
        let server = try await LoopbackServer.start { request in
            switch request.path {
            case "/robots.txt": return .status(404)
            case "/photo": return LoopbackReply(headers: ["Content-Type": "image/png"], body: [0x89, 0x50, 0x4E, 0x47])
            default: return LoopbackReply(headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array("Rain in Duhok.".utf8))
            }
        }
        defer { Task { await server.stop() } }
        let folder = try ScratchFolder()
        try folder.write("urls.txt", "# picks\n\(server.url("/text"))\n\n  \(server.url("/photo"))  \nftp://example.org/x\n\(server.url("/text#again"))\n")
        let source = URLSource(name: "list", urls: [], file: folder.path + "/urls.txt", fetcher: fetcher(folder))
        let results = try await items(of: source)
        #expect(results.compactMap(\.document).map(\.format) == [.text])
        #expect(Set(results.compactMap(\.failure).map(\.reason)) == ["not an http(s) URL", "not an article: content type image/png"])
        #expect(server.requests(to: "/text").count == 1)

        let missing = URLSource(name: "list", urls: [], file: folder.path + "/nope.txt", fetcher: fetcher(folder))
        #expect(try await items(of: missing).first?.failure?.reason == "cannot read the URL file: No such file or directory")
    }

    @Test func aPageStoredWithValidatorsComesBackUnchanged() async throws {
        let server = try await LoopbackServer.start { request in
            if request.path == "/robots.txt" { return .status(404) }
            return request.headers["if-none-match"] == "\"7\"" ? .status(304, headers: ["ETag": "\"8\""]) : .html("<p>Changed</p>")
        }
        defer { Task { await server.stop() } }
        let folder = try ScratchFolder()
        let url = server.url("/kept")
        let record = FetchRecord(url: url, source: "old", finalURL: url, docID: "abc", validators: Validators(etag: "\"7\"", lastModified: nil),
                                 bodySHA256: "00", fetchedAt: Date(timeIntervalSince1970: 0), checkedAt: Date(timeIntervalSince1970: 0))
        let results = try await items(of: URLSource(name: "list", urls: [url], file: nil, fetcher: fetcher(folder, known: [url: record])))
        guard case let .unchanged(updated)? = results.first else { Issue.record("expected unchanged, got \(results)"); return }
        #expect(updated.docID == "abc")
        #expect(updated.source == "list")
        #expect(updated.validators?.etag == "\"8\"")
        #expect(updated.checkedAt > record.checkedAt)
        #expect(updated.fetchedAt == record.fetchedAt)
    }

    @Test func aURLTwoSourcesListIsFetchedOncePerRun() async throws {
        let server = try await LoopbackServer.start { request in
            request.path == "/robots.txt" ? .status(404) : .html("<p>Shared page about Tikrit.</p>")
        }
        defer { Task { await server.stop() } }
        let folder = try ScratchFolder()
        let shared = fetcher(folder)
        let one = try await items(of: URLSource(name: "one", urls: [server.url("/shared")], file: nil, fetcher: shared))
        let two = try await items(of: URLSource(name: "two", urls: [server.url("/shared?utm_source=x"), server.url("/other")], file: nil, fetcher: shared))
        #expect(one.count == 1)
        #expect(two.compactMap(\.document).map(\.location) == [server.url("/other")])
        #expect(server.requests(to: "/shared").count == 1)
    }

    @Test func httpsIsTLSAndAPlainServerFailsCleanly() async throws {
        let server = try await LoopbackServer.start { _ in .html("<p>plain</p>") }
        defer { Task { await server.stop() } }
        let url = server.url("/page").replacingOccurrences(of: "http://", with: "https://")
        let reason = try #require(try await fetch(url, config: testFetchConfig(retries: 2)).failure)
        #expect(!reason.isEmpty)
        #expect(!reason.contains("attempts"))  // a TLS failure is not retried
    }
}
