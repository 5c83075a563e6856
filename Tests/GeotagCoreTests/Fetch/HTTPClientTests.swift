import Foundation
import Testing
@testable import GeotagCore

/// The HTTP client against the in-process loopback server: each way a server answers
/// or fails ends as the spec says.
@Suite struct HTTPClientTests {
    @Test func gzipAndDeflateBodiesAreDecoded() async throws {
        let page = Array(String(repeating: "<p>Flooding in Basra.</p>", count: 200).utf8)
        let server = try await LoopbackServer.start { request in
            let gzip = request.path == "/gzip"
            return LoopbackReply(headers: ["Content-Type": "text/html", "Content-Encoding": gzip ? "gzip" : "deflate"],
                                 body: Compression.compress(page, gzip: gzip))
        }
        defer { Task { await server.stop() } }
        for path in ["/gzip", "/deflate"] {
            let response = try #require(try await fetch(server.url(path)).ok)
            #expect(response.body == page)
            #expect(response.status == 200)
        }
        #expect(server.requests.allSatisfy { ($0.headers["accept-encoding"] ?? "").contains("gzip") })
        #expect(server.requests.allSatisfy { ($0.headers["accept-encoding"] ?? "").contains("br") })
    }

    @Test func aRedirectChainIsFollowedToItsEnd() async throws {
        let server = try await LoopbackServer.start { request in
            switch request.path {
            case "/a": return .redirect(301, to: "/b")
            case "/b": return .redirect(302, to: "c?x=1")
            case "/c": return .redirect(307, to: "/d")
            default: return .html("<p>The end, in Mosul.</p>")
            }
        }
        defer { Task { await server.stop() } }
        let response = try #require(try await fetch(server.url("/a")).ok)
        #expect(response.url == server.url("/a"))
        #expect(response.finalURL == server.url("/d"))
        #expect(server.requests.map(\.path) == ["/a", "/b", "/c", "/d"])
    }

    @Test func aRedirectLoopFailsAndSaysSo() async throws {
        let server = try await LoopbackServer.start { request in
            .redirect(to: request.path == "/x" ? "/y" : "/x")
        }
        defer { Task { await server.stop() } }
        let reason = try #require(try await fetch(server.url("/x")).failure)
        #expect(reason.hasPrefix("redirect loop: "))
        #expect(reason.contains("/x → ") && reason.hasSuffix("/x"))
        #expect(server.requests.count == 2)
    }

    @Test func endlessRedirectsStopAtTheLimit() async throws {
        let server = try await LoopbackServer.start { request in
            .redirect(to: "/n\(Int(request.path.dropFirst(2)).map { $0 + 1 } ?? 1)")
        }
        defer { Task { await server.stop() } }
        let reason = try #require(try await fetch(server.url("/n0")).failure)
        #expect(reason.contains("more than 10 redirects"))
        #expect(server.requests.count == 11)
    }

    @Test func redirectsLeaveOnlyForHTTPAndNeverDowngrade() async throws {
        let server = try await LoopbackServer.start { _ in .redirect(to: "file:///etc/passwd") }
        defer { Task { await server.stop() } }
        let reason = try #require(try await fetch(server.url("/secret")).failure)
        #expect(reason.contains("redirect to a file: URL refused"))

        let client = HTTPClient(policy: HTTPPolicy(testFetchConfig()))
        let downgrade = client.redirectTarget(from: "https://example.org/a", location: "http://example.org/b", status: 301, chain: ["https://example.org/a"])
        #expect(throws: HTTPClient.Refusal.self) { try downgrade.get() }
        let upgrade = client.redirectTarget(from: "http://example.org/a", location: "https://example.org/b", status: 301, chain: ["http://example.org/a"])
        #expect(try upgrade.get() == "https://example.org/b")
        let gopher = client.redirectTarget(from: "https://example.org/a", location: "gopher://example.org/", status: 302, chain: [])
        #expect(throws: HTTPClient.Refusal.self) { try gopher.get() }
    }

    @Test func aNotFoundIsNotRetried() async throws {
        let server = try await LoopbackServer.start { _ in .status(404) }
        defer { Task { await server.stop() } }
        let result = try await fetch(server.url("/gone"), config: testFetchConfig(retries: 3))
        #expect(result.failure == "HTTP 404 Not Found")
        #expect(server.requests.count == 1)
    }

    @Test func aServerErrorRecoversOnRetry() async throws {
        let counter = Counter()
        let server = try await LoopbackServer.start { _ in
            await counter.next() == 1 ? .status(500) : .html("<p>Back again.</p>")
        }
        defer { Task { await server.stop() } }
        let response = try #require(try await fetch(server.url("/flaky"), config: testFetchConfig(retries: 2)).ok)
        #expect(response.status == 200)
        #expect(server.requests.count == 2)
    }

    @Test func serverErrorsUseUpTheRetriesThenFail() async throws {
        let server = try await LoopbackServer.start { _ in .status(503) }
        defer { Task { await server.stop() } }
        let reason = try #require(try await fetch(server.url("/down"), config: testFetchConfig(retries: 2)).failure)
        #expect(reason == "HTTP 503 Service Unavailable (3 attempts)")
        #expect(server.requests.count == 3)
    }

    @Test func tooManyRequestsWaitsForRetryAfter() async throws {
        let counter = Counter()
        let server = try await LoopbackServer.start { _ in
            await counter.next() == 1 ? .status(429, headers: ["Retry-After": "1"]) : .html("<p>Now.</p>")
        }
        defer { Task { await server.stop() } }
        let started = Date()
        let response = try #require(try await fetch(server.url("/busy")).ok)
        #expect(response.status == 200)
        let requests = server.requests
        #expect(requests.count == 2)
        #expect(requests[1].arrived.timeIntervalSince(requests[0].arrived) >= 0.95)
        #expect(Date().timeIntervalSince(started) < 20)
    }

    @Test func aRetryAfterLongerThanTheCapFailsAtOnce() async throws {
        let server = try await LoopbackServer.start { _ in .status(429, headers: ["Retry-After": "3600"]) }
        defer { Task { await server.stop() } }
        let reason = try #require(try await fetch(server.url("/later"), config: testFetchConfig(retries: 3)).failure)
        #expect(reason.contains("Retry-After asks for 3600 s"))
        #expect(server.requests.count == 1)
    }

    @Test func retryAfterIsSecondsOrAnHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_445_412_470)  // 10 s before 2015-10-21 07:28:00 UTC
        #expect(HTTPClient.seconds(retryAfter: "120", now: now) == 120)
        #expect(HTTPClient.seconds(retryAfter: "Wed, 21 Oct 2015 07:28:00 GMT", now: now) == 10)
        #expect(HTTPClient.seconds(retryAfter: "Wednesday, 21-Oct-15 07:28:00 GMT", now: now) == 10)
        #expect(HTTPClient.seconds(retryAfter: "Tue, 20 Oct 2015 07:28:00 GMT", now: now) == 0)
        #expect(HTTPClient.seconds(retryAfter: "soon", now: now) == nil)
        #expect(HTTPClient.seconds(retryAfter: "-5", now: now) == nil)
    }

    @Test func aSlowBodyHitsTheTimeout() async throws {
        let server = try await LoopbackServer.start { _ in
            // 40 s to send in full, if the client waited for it.
            LoopbackReply(headers: ["Content-Type": "text/html"], body: Array(repeating: UInt8(ascii: "x"), count: 400), trickle: .milliseconds(100))
        }
        defer { Task { await server.stop() } }
        let started = Date()
        let reason = try #require(try await fetch(server.url("/slow"), config: testFetchConfig(timeout: 0.6, retries: 1)).failure)
        #expect(reason == "timed out after 0.6 s (2 attempts)")
        // The client's own count (in the reason) is the truth; the server may not have
        // dispatched the second request to its handler before the client gave up on it.
        #expect((1...2).contains(server.requests.count))
        #expect(Date().timeIntervalSince(started) < 20)  // loose: the whole suite shares two cores
    }

    @Test func aBodyOverMaxBytesIsRefused() async throws {
        let big = [UInt8](repeating: UInt8(ascii: "a"), count: 200_000)
        let server = try await LoopbackServer.start { request in
            LoopbackReply(headers: ["Content-Type": "text/plain"], body: big, chunked: request.path == "/chunked")
        }
        defer { Task { await server.stop() } }
        for path in ["/declared", "/chunked"] {
            let reason = try #require(try await fetch(server.url(path), config: testFetchConfig(retries: 2, maxBytes: 100_000)).failure)
            #expect(reason == "too large: the body is over max_bytes (100000 bytes)")
        }
        #expect(server.requests.count == 2)  // never retried
        #expect(try await fetch(server.url("/declared"), config: testFetchConfig(maxBytes: 200_000)).ok?.body.count == 200_000)
    }

    @Test func aDecompressionBombIsStoppedAtMaxBytes() async throws {
        let bomb = Compression.compress([UInt8](repeating: 0, count: 20_000_000), gzip: true)
        #expect(bomb.count < 100_000)
        let server = try await LoopbackServer.start { _ in
            LoopbackReply(headers: ["Content-Type": "text/html", "Content-Encoding": "gzip"], body: bomb)
        }
        defer { Task { await server.stop() } }
        let reason = try #require(try await fetch(server.url("/bomb"), config: testFetchConfig(maxBytes: 1_000_000)).failure)
        #expect(reason == "decompression bomb: the gzip body inflates past max_bytes (1000000 bytes)")
    }

    @Test func validatorsTurnAnUnchangedPageIntoA304() async throws {
        let server = try await LoopbackServer.start { request in
            if request.headers["if-none-match"] == "\"v1\"" || request.headers["if-modified-since"] == "Mon, 01 Jan 2024 00:00:00 GMT" {
                return .status(304)
            }
            return .html("<p>Kirkuk.</p>", headers: ["ETag": "\"v1\"", "Last-Modified": "Mon, 01 Jan 2024 00:00:00 GMT"])
        }
        defer { Task { await server.stop() } }
        let first = try #require(try await fetch(server.url("/page")).ok)
        let validators = try #require(Validators(first.headers))
        #expect(validators == Validators(etag: "\"v1\"", lastModified: "Mon, 01 Jan 2024 00:00:00 GMT"))
        #expect(try await fetch(server.url("/page"), validators: validators).isNotModified)
        #expect(try await fetch(server.url("/page"), validators: Validators(etag: nil, lastModified: validators.lastModified)).isNotModified)
        // A 304 nobody asked for is not taken as "unchanged".
        let unasked = try await LoopbackServer.start { _ in .status(304) }
        defer { Task { await unasked.stop() } }
        #expect(try await fetch(unasked.url("/page")).failure == "HTTP 304 Not Modified")
    }

    @Test func theUserAgentAndAcceptAreSent() async throws {
        let server = try await LoopbackServer.start { _ in .html("<p>Hi.</p>") }
        defer { Task { await server.stop() } }
        var config = testFetchConfig()
        config.userAgent = "geotag/test (+https://example.org/bot)"
        _ = try await fetch(server.url("/"), config: config)
        #expect(server.requests.first?.headers["user-agent"] == "geotag/test (+https://example.org/bot)")
        #expect(server.requests.first?.headers["accept"]?.hasPrefix("text/html") == true)
    }

    @Test func aClosedPortFailsAfterRetries() async throws {
        let server = try await LoopbackServer.start { _ in .html("") }
        let url = server.url("/")
        await server.stop()
        let reason = try #require(try await fetch(url, config: testFetchConfig(retries: 1)).failure)
        #expect(reason.contains("(2 attempts)"))
    }
}

/// Counts calls across the server's handler tasks.
actor Counter {
    private var count = 0

    /// The number of this call, from 1.
    func next() -> Int {
        count += 1
        return count
    }
}
