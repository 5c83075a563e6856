import Foundation
import Synchronization
import Testing
@testable import GeotagCore

/// The whole pipeline against a news site on the loopback server: an RSS feed, an
/// Atom feed and a list of URLs, whose pages answer in every way issue 5 names. Each
/// case ends as a loaded article or a `failures` row, a second run fetches nothing new,
/// and `--reprocess` with the server stopped gives the same mentions.
@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
struct WebPipelineTests {
    /// The pages that must end as articles, by path, with a word of their text.
    static let articles: [String: String] = [
        "/news/utf8": "Mosul",
        "/news/arabic": "بغداد",
        "/news/gzip": "Basra",
        "/news/final": "Homs",
        "/news/flaky": "Aleppo",
        "/news/busy": "Raqqa",
        "/news/meta1256": "دجلة",
        "/news/plain": "Erbil",
        "/news/canonical-story": "Najaf",
    ]

    /// The pages that must end as failures, by path, with a part of the reason.
    static let failures: [String: String] = [
        "/news/loop": "redirect loop",
        "/news/missing": "HTTP 404 Not Found",
        "/private/secret": "forbidden by",
        "/news/slow": "timed out after 5 s (2 attempts)",
        "/news/huge": "too large",
        "/news/bomb": "decompression bomb",
    ]

    /// The site: every page has an ETag and answers a matching If-None-Match with 304.
    final class Site: Sendable {
        let flaky = Counter()
        let busy = Counter()
        let arabic: [UInt8]
        let meta1256: [UInt8]
        let bomb = Compression.compress([UInt8](repeating: 0x20, count: 30_000_000), gzip: true)

        init() throws {
            let text = "<html><body><p>قالت مصادر أمنية إن اشتباكات وقعت في بغداد يوم الثلاثاء.</p></body></html>"
            arabic = try #require(Charset.convert(Array(text.utf8), from: "UTF-8", to: "WINDOWS-1256"))
            meta1256 = try NormalizeTestFiles.fixture("windows1256_arabic.html")
        }

        func answer(_ request: LoopbackServer.Request, base: String) async -> LoopbackReply {
            var reply: LoopbackReply
            switch request.path {
            case "/robots.txt":
                reply = LoopbackReply(headers: ["Content-Type": "text/plain"], body: Array("User-agent: *\nDisallow: /private/\n".utf8))
            case "/rss.xml":
                let items = ["/news/utf8", "/news/arabic", "/news/gzip", "/news/chain", "/news/loop", "/news/missing", "/news/flaky", "/private/secret"]
                    .map { "<item><title>Item \($0)</title><link>\(base)\($0)?utm_source=rss</link><guid>\($0)</guid><pubDate>Tue, 05 Mar 2024 10:15:00 +0300</pubDate></item>" }
                reply = LoopbackReply(headers: ["Content-Type": "application/rss+xml"],
                                      body: Array("<?xml version=\"1.0\"?><rss version=\"2.0\"><channel><title>Site</title>\(items.joined())</channel></rss>".utf8))
            case "/atom.xml":
                let entries = ["/news/busy", "/news/slow", "/news/huge", "/news/bomb", "/news/meta1256"]
                    .map { "<entry><id>tag:\($0)</id><title>Entry \($0)</title><link href=\"\($0)\"/><updated>2024-03-06T08:00:00Z</updated></entry>" }
                reply = LoopbackReply(headers: ["Content-Type": "application/atom+xml"],
                                      body: Array("<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Site</title>\(entries.joined())</feed>".utf8))
            case "/news/utf8":
                reply = .html("<html><body><article><p>Shelling was reported near Mosul and Tal Afar on Monday.</p></article></body></html>")
            case "/news/arabic":
                reply = LoopbackReply(headers: ["Content-Type": "text/html; charset=windows-1256"], body: arabic)
            case "/news/meta1256":
                reply = LoopbackReply(headers: ["Content-Type": "text/html"], body: meta1256)
            case "/news/gzip":
                let page = "<html><body><p>Flooding hit Basra and Nasiriyah overnight, officials said.</p></body></html>"
                reply = LoopbackReply(headers: ["Content-Type": "text/html", "Content-Encoding": "gzip"], body: Compression.compress(Array(page.utf8), gzip: true))
            case "/news/chain": return .redirect(301, to: "/news/hop")
            case "/news/hop": return .redirect(302, to: "\(base)/news/final")
            case "/news/final":
                reply = .html("<html><body><p>Aid convoys reached Homs from Damascus.</p></body></html>")
            case "/news/loop": return .redirect(to: "/news/loop2")
            case "/news/loop2": return .redirect(to: "/news/loop")
            case "/news/flaky":
                if await flaky.next() == 1 { return .status(500) }
                reply = .html("<html><body><p>Power returned to Aleppo after repairs.</p></body></html>")
            case "/news/busy":
                if await busy.next() == 1 { return .status(429, headers: ["Retry-After": "1"]) }
                reply = .html("<html><body><p>Prices rose in Raqqa markets this week.</p></body></html>")
            case "/news/slow":
                return LoopbackReply(headers: ["Content-Type": "text/html"], body: Array(repeating: UInt8(ascii: "x"), count: 2000), trickle: .milliseconds(100))
            case "/news/huge":
                return LoopbackReply(headers: ["Content-Type": "text/html"], body: Array(repeating: UInt8(ascii: "y"), count: 1_500_000), chunked: true)
            case "/news/bomb":
                return LoopbackReply(headers: ["Content-Type": "text/html", "Content-Encoding": "gzip"], body: bomb)
            case "/news/plain":
                reply = LoopbackReply(headers: ["Content-Type": "text/plain; charset=utf-8"], body: Array("Storms\n\nRain fell on Erbil and Duhok.".utf8))
            case "/news/canonical":
                reply = .html("""
                    <html><head><link rel="canonical" href="\(base)/news/canonical-story"></head>
                    <body><p>Pilgrims gathered in Najaf and Karbala.</p></body></html>
                    """)
            default:
                return .status(404)
            }
            let etag = "\"\(SHA256.hex(reply.body).prefix(12))\""
            if request.headers["if-none-match"] == etag { return .status(304, headers: ["ETag": etag]) }
            reply.headers["ETag"] = etag
            return reply
        }
    }

    private func config(in folder: ScratchFolder, base: String) throws -> PipelineConfig {
        try folder.write("pipeline.yaml", """
            sources:
              - name: rss
                type: feed
                url: \(base)/rss.xml
              - name: atom
                type: feed
                url: \(base)/atom.xml
              - name: picks
                type: urls
                urls: [\(base)/news/plain, "\(base)/news/canonical?id=5&utm_medium=email"]
            gazetteer: \(BundledGazetteer.path)
            fetch:
              timeout_s: 5
              retries: 1
              max_bytes: 1000000
              per_host: 4
              cache_dir: cache
            """)
        var config = try PipelineConfig.load(file: folder.path + "/pipeline.yaml", version: "test")
        config.fetch.backoffSeconds = 0.05
        return config
    }

    private func run(_ config: PipelineConfig, reprocess: Bool = false) async throws -> RunSummary {
        try await offThePool { try PipelineRunner(config: config, options: RunOptions(reprocess: reprocess)).run() }
    }

    private func count(_ table: String, in database: GeotagDatabase) throws -> Int {
        let statement = try database.connection.prepare("SELECT count(*) FROM \(table)")
        _ = try statement.step()
        return statement.int(at: 0)
    }

    private func articles(in path: String) throws -> [String: (docID: String, title: String?, text: String)] {
        let database = try GeotagDatabase(path: path)
        let statement = try database.connection.prepare("SELECT url, doc_id, title, text FROM articles")
        var rows: [String: (String, String?, String)] = [:]
        while try statement.step() {
            rows[statement.text(at: 0) ?? ""] = (statement.text(at: 1) ?? "", statement.text(at: 2), statement.text(at: 3) ?? "")
        }
        return rows
    }

    private func withoutRunIDs(_ csv: String, _ runIDs: [String]) -> String {
        runIDs.reduce(csv) { $0.replacingOccurrences(of: $1, with: "RUN") }
    }

    @Test func feedsAndURLsEndToEndThenIncrementallyThenReprocessed() async throws {
        let site = try Site()
        let box = BaseBox()
        let server = try await LoopbackServer.start { request in await site.answer(request, base: box.base) }
        box.set(server.base)
        let folder = try ScratchFolder()
        let config = try config(in: folder, base: server.base)

        // First run: every article loaded, every failure recorded, exit code 1.
        let first = try await run(config)
        #expect(first.loaded == Self.articles.count)
        #expect(first.failed == Self.failures.count)
        #expect(first.documents == Self.articles.count + Self.failures.count)
        #expect(first.exitCode == 1)
        let stored = try articles(in: config.output.sqlitePath)
        #expect(Set(stored.keys) == Set(Self.articles.keys.map { server.base + $0 }))
        for (path, word) in Self.articles {
            let article = try #require(stored[server.base + path], "\(path) was not loaded")
            #expect(article.text.contains(word), "\(path): \(article.text)")
            #expect(article.docID == Normalizer.docID(forKey: server.base + path))
        }
        #expect(stored[server.base + "/news/utf8"]?.title == "Item /news/utf8")  // the feed's title wins
        let database = try GeotagDatabase(path: config.output.sqlitePath)
        let failures = try database.failures(runID: first.runID)
        #expect(failures.allSatisfy { $0.stage == .fetch })
        for (path, reason) in Self.failures {
            let failure = failures.first { $0.location.hasPrefix(server.base + path) }
            #expect(failure?.reason.contains(reason) == true, "\(path): \(failure?.reason ?? "no failure")")
        }
        #expect(try count("fetches", in: database) == Self.articles.count)
        let csv = try String(contentsOfFile: config.output.csvPath, encoding: .utf8)
        for town in ["Mosul", "Basra", "Homs", "Aleppo", "Raqqa", "Erbil", "Najaf"] { #expect(csv.contains(",\(town),"), "\(town)") }
        let mentionRows = try count("mentions", in: database)
        #expect(mentionRows == first.mentions)

        // Second run, nothing changed: conditional GETs, 304s, no new article or mention.
        let before = server.requests.count
        let second = try await run(config)
        #expect(second.loaded == 0)
        #expect(second.unchanged == Self.articles.count)
        let secondFailures = try database.failures(runID: second.runID).map { "\($0.location): \($0.reason)" }
        #expect(second.failed == Self.failures.count, "\(secondFailures)")
        #expect(second.mentions == 0)
        let again = server.requests.dropFirst(before)
        let asked = ["/news/final": "/news/chain", "/news/canonical-story": "/news/canonical"]
        for article in Self.articles.keys {
            let path = asked[article] ?? article
            #expect(again.contains { $0.path == path && $0.headers["if-none-match"] != nil }, "\(path) was not asked conditionally")
        }
        #expect(again.contains { $0.path == "/rss.xml" && $0.headers["if-none-match"] != nil })
        #expect(try count("articles", in: database) == Self.articles.count)
        #expect(try count("mentions", in: database) == mentionRows)
        #expect(try count("fetches", in: database) == Self.articles.count)
        #expect(try String(contentsOfFile: config.output.csvPath, encoding: .utf8) == csv)

        // Reprocess with the server gone: the raw cache alone gives the same mentions.
        await server.stop()
        let third = try await run(config, reprocess: true)
        #expect(third.failed == 0)
        #expect(third.loaded == Self.articles.count)
        #expect(third.mentions == first.mentions)
        #expect(try count("mentions", in: database) == mentionRows)
        let ids = [first.runID, third.runID]
        #expect(withoutRunIDs(try String(contentsOfFile: config.output.csvPath, encoding: .utf8), ids) == withoutRunIDs(csv, ids))
    }
}

/// The server's base URL, known only once it listens, for the handler that builds feeds.
final class BaseBox: Sendable {
    private let value = Mutex("")
    var base: String { value.withLock { $0 } }
    func set(_ base: String) { value.withLock { $0 = base } }
}
