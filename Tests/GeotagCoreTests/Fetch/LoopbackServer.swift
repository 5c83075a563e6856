import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// An HTTP server on 127.0.0.1 (an ephemeral port) in the test process, for the fetch
/// tests: a closure answers every request, and every request is logged.
///
/// Only this file imports FlyingFox (whose `HTTPClient`, `HTTPHeaders` and
/// `HTTPResponse` share their names with geotag's); tests describe answers with
/// ``LoopbackReply``.
final class LoopbackServer: Sendable {
    /// A request as the tests see it.
    struct Request: Sendable {
        var method: String
        var path: String
        /// The raw query, without `?`; empty when none.
        var query: String
        /// Header values by lower-cased name.
        var headers: [String: String]
        var arrived: Date
    }

    private let server: HTTPServer
    private let task: Task<Void, any Error>
    private let log = Mutex<[Request]>([])
    /// Requests being answered now, and the most at once, by path prefix "/slot".
    private let inFlight = Mutex<(now: Int, most: Int)>((0, 0))
    /// `http://127.0.0.1:PORT`.
    let base: String

    /// Starts a server whose answers `handler` gives.
    static func start(_ handler: @escaping @Sendable (Request) async -> LoopbackReply) async throws -> LoopbackServer {
        let box = Mutex<LoopbackServer?>(nil)
        let server = HTTPServer(address: try .inet(ip4: "127.0.0.1", port: 0), timeout: 30, logger: .disabled, handler: ClosureHTTPHandler { request in
            guard let owner = box.withLock({ $0 }) else { return FlyingFox.HTTPResponse(statusCode: .serviceUnavailable) }
            return await owner.answer(request, handler)
        })
        let task = Task { try await server.run() }
        try await server.waitUntilListening()
        guard case let .ip4(_, port)? = await server.listeningAddress else { throw CancellationError() }
        let loopback = LoopbackServer(server: server, task: task, base: "http://127.0.0.1:\(port)")
        box.withLock { $0 = loopback }
        return loopback
    }

    private init(server: HTTPServer, task: Task<Void, any Error>, base: String) {
        self.server = server
        self.task = task
        self.base = base
    }

    /// The URL of `path` on this server.
    func url(_ path: String) -> String { base + path }

    /// Stops listening and drops open connections.
    func stop() async {
        await server.stop(timeout: 0)
        task.cancel()
    }

    /// Every request so far, in arrival order.
    var requests: [Request] { log.withLock { $0 } }

    /// The requests for `path` (without the query).
    func requests(to path: String) -> [Request] { requests.filter { $0.path == path } }

    /// The most requests to paths starting with `/slot` answered at one time.
    var mostAtOnce: Int { inFlight.withLock { $0.most } }

    private func answer(_ request: HTTPRequest, _ handler: @Sendable (Request) async -> LoopbackReply) async -> FlyingFox.HTTPResponse {
        var headers: [String: String] = [:]
        for (name, value) in request.headers { headers[name.rawValue.lowercased()] = value }
        let query = request.query.map { "\($0.name)=\($0.value)" }.joined(separator: "&")
        let seen = Request(method: request.method.rawValue, path: request.path, query: query, headers: headers, arrived: Date())
        log.withLock { $0.append(seen) }
        let counted = request.path.hasPrefix("/slot")
        if counted { inFlight.withLock { $0.now += 1; $0.most = max($0.most, $0.now) } }
        let reply = await handler(seen)
        if counted { inFlight.withLock { $0.now -= 1 } }
        return reply.response
    }
}

/// What the loopback server answers.
struct LoopbackReply: Sendable {
    var status = 200
    var headers: [String: String] = [:]
    var body: [UInt8] = []
    /// Sent without a Content-Length, in chunks.
    var chunked = false
    /// Sent one byte at a time with this pause between bytes (a slow body).
    var trickle: Duration?

    static func html(_ text: String, headers: [String: String] = [:]) -> LoopbackReply {
        LoopbackReply(headers: ["Content-Type": "text/html; charset=utf-8"].merging(headers) { $1 }, body: Array(text.utf8))
    }

    /// A reply with only a status; as HTTP requires, 1xx, 204 and 304 carry no body.
    static func status(_ status: Int, headers: [String: String] = [:]) -> LoopbackReply {
        let bodiless = (100..<200).contains(status) || status == 204 || status == 304
        return LoopbackReply(status: status, headers: headers, body: bodiless ? [] : Array("status \(status)".utf8))
    }

    static func redirect(_ status: Int = 302, to location: String) -> LoopbackReply {
        LoopbackReply(status: status, headers: ["Location": location])
    }

    fileprivate var response: FlyingFox.HTTPResponse {
        var fields = FlyingFox.HTTPHeaders()
        for (name, value) in headers { fields[HTTPHeader(name)] = value }
        let code = HTTPStatusCode(status, phrase: status == 200 ? "OK" : "Status \(status)")
        if let trickle {
            return FlyingFox.HTTPResponse(statusCode: code, headers: fields, body: HTTPBodySequence(from: TrickleBytes(bytes: body, pause: trickle), count: body.count, suggestedBufferSize: 1))
        }
        if chunked {
            return FlyingFox.HTTPResponse(statusCode: code, headers: fields, body: HTTPBodySequence(from: TrickleBytes(bytes: body, pause: nil), suggestedBufferSize: 65536))
        }
        return FlyingFox.HTTPResponse(statusCode: code, headers: fields, body: Data(body))
    }
}

/// Bytes handed to the server a chunk at a time: one byte per `pause` when there is
/// one (a slow body), else 64 KiB at a time.
private struct TrickleBytes: AsyncBufferedSequence {
    typealias Element = UInt8
    let bytes: [UInt8]
    let pause: Duration?

    func makeAsyncIterator() -> Iterator { Iterator(bytes: bytes, pause: pause) }

    struct Iterator: AsyncBufferedIteratorProtocol {
        let bytes: [UInt8]
        let pause: Duration?
        var index = 0

        mutating func next() async throws -> UInt8? {
            try await nextBuffer(suggested: 1)?.first
        }

        mutating func nextBuffer(suggested count: Int) async throws -> [UInt8]? {
            guard index < bytes.count else { return nil }
            if let pause {
                if index > 0 { try await Task.sleep(for: pause) }
                index += 1
                return [bytes[index - 1]]
            }
            let end = Swift.min(bytes.count, index + Swift.max(1, Swift.min(count, 1 << 16)))
            defer { index = end }
            return Array(bytes[index..<end])
        }
    }
}
