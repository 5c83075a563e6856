import Foundation
import Testing
@testable import GeotagCore

/// How fast the fetcher pulls pages from the loopback server, cache writes included.
/// A measurement, not a check: run it with `GEOTAG_BENCH=1 swift test -c release
/// -Xswiftc -enable-testing --filter FetchThroughputTests`.
///
/// FlyingFox does not set TCP_NODELAY, so each of its responses waits about 40 ms for
/// a delayed ACK: one thread is capped near 25 pages/s by the server, not by geotag
/// (against a server that sets it, one GET takes about 0.3 ms). The raw cache's four
/// fsyncs per page (body and record, each file and folder) take 15 to 20 ms on a
/// typical disk; fetch threads overlap them.
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["GEOTAG_BENCH"] == "1", "a measurement: set GEOTAG_BENCH=1"))
struct FetchThroughputTests {
    @Test(arguments: [(1, 1), (8, 2), (8, 8)])
    func pagesPerSecond(concurrency: Int, perHost: Int) async throws {
        let page = Array(("<html><body>" + String(repeating: "<p>Clashes were reported near Mosul and Kirkuk on Tuesday.</p>", count: 400) + "</body></html>").utf8)
        let server = try await LoopbackServer.start { request in
            request.path == "/robots.txt" ? .status(404) : LoopbackReply(headers: ["Content-Type": "text/html"], body: page)
        }
        defer { Task { await server.stop() } }
        let folder = try ScratchFolder()
        var config = testFetchConfig(cacheDir: folder.path + "/cache")
        config.concurrency = concurrency
        config.perHost = perHost
        let source = URLSource(name: "bench", urls: (0..<400).map { server.url("/page/\($0)") }, file: nil, fetcher: Fetcher(config: config, known: [:]))
        let started = Date()
        let items = try await offThePool { ScratchFolder.items(of: source) }
        let seconds = Date().timeIntervalSince(started)
        #expect(items.compactMap(\.document).count == 400)
        print("fetch throughput: concurrency \(concurrency), per_host \(perHost): 400 pages of \(page.count) bytes in "
            + String(format: "%.2f s = %.0f pages/s", seconds, 400 / seconds))
    }
}
