import CCurl
import Foundation

/// How geotag talks HTTP, from the `fetch:` section plus a few fixed limits.
public struct HTTPPolicy: Sendable, Equatable {
    public var userAgent: String
    /// The whole of one attempt (connecting, waiting, reading) must end within this.
    public var timeoutSeconds: Double
    /// Attempts after the first one, on a timeout, a network error, 429 or 5xx.
    public var retries: Int
    /// The largest body accepted, after content decoding.
    public var maxBytes: Int
    /// The first retry waits about this long, each next one twice as long (with jitter:
    /// between half and all of it), up to ``maxBackoffSeconds``.
    public var backoffSeconds: Double
    public var maxBackoffSeconds = 30.0
    /// A `Retry-After` longer than this is not waited for: the URL fails, and the next
    /// run tries again.
    public var maxRetryAfterSeconds = 120.0
    /// Redirects followed for one URL.
    public var maxRedirects = 10

    /// The policy of `config`.
    public init(_ config: FetchConfig) {
        userAgent = config.userAgent
        timeoutSeconds = config.timeoutSeconds
        retries = config.retries
        maxBytes = config.maxBytes
        backoffSeconds = config.backoffSeconds
    }

    /// The wait before retry number `retry` (0 for the first), with jitter.
    func backoff(beforeRetry retry: Int) -> Double {
        let full = min(maxBackoffSeconds, backoffSeconds * pow(2, Double(retry)))
        return full * Double.random(in: 0.5...1.0)
    }
}

/// A response the client accepted (2xx or 304), after any redirects.
public struct HTTPResponse: Sendable, Equatable {
    /// The URL asked for.
    public var url: String
    /// The URL that answered, after redirects.
    public var finalURL: String
    public var status: Int
    public var headers: HTTPHeaders
    /// The body, decoded from gzip/deflate/br; empty for a 304.
    public var body: [UInt8]
    public var fetchedAt: Date
}

/// What the client made of a URL.
enum HTTPResult {
    /// A 2xx response with its body.
    case ok(HTTPResponse)
    /// 304: the resource is what the validators sent describe.
    case notModified(HTTPResponse)
    /// No usable response; the reason is what a `failures` row says, with the HTTP
    /// status when the server gave one.
    case failed(String, status: Int? = nil)
}

/// ETag and Last-Modified of a response seen before, sent back as `If-None-Match` and
/// `If-Modified-Since` so that an unchanged page costs a 304 and no body.
public struct Validators: Sendable, Equatable {
    public var etag: String?
    public var lastModified: String?

    public init(etag: String?, lastModified: String?) {
        self.etag = etag
        self.lastModified = lastModified
    }

    /// The validators a response carries, nil when it has none.
    init?(_ headers: HTTPHeaders) {
        self.init(etag: headers["ETag"], lastModified: headers["Last-Modified"])
        if etag == nil && lastModified == nil { return nil }
    }

    var requestHeaders: [String] {
        (etag.map { ["If-None-Match: \($0)"] } ?? []) + (lastModified.map { ["If-Modified-Since: \($0)"] } ?? [])
    }
}

/// GET with geotag's rules: redirects followed one hop at a time (at most
/// ``HTTPPolicy/maxRedirects``, only to http and https, never from https down to http,
/// never in a loop), each hop checked by the caller (robots.txt), retries with
/// exponential backoff and jitter on timeouts, network errors, 429 (honouring
/// `Retry-After`) and 5xx, and none on other statuses.
///
/// The client has no state of its own; the caller passes the thread's
/// ``CurlTransfer``.
struct HTTPClient: Sendable {
    let policy: HTTPPolicy

    /// The `Accept` header of article requests.
    static let acceptPages = "text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
    /// The `Accept` header of feed requests.
    static let acceptFeeds = "application/rss+xml,application/atom+xml,application/xml;q=0.9,text/xml;q=0.9,*/*;q=0.5"

    /// Fetches `url`. `permit` is asked about every URL before it is requested (the
    /// first and each redirect target) and returns the reason it may not be, or nil.
    func get(
        _ url: String, validators: Validators? = nil, accept: String = acceptPages, using transfer: CurlTransfer,
        permit: (String) -> String? = { _ in nil }
    ) -> HTTPResult {
        var chain = [url]
        var current = url
        var headers = ["Accept: \(accept)"] + (validators?.requestHeaders ?? [])
        while true {
            if let refusal = permit(current) { return .failed(refusal) }
            let response: (status: Int, headers: HTTPHeaders, body: [UInt8])
            switch attempt(current, headers: headers, using: transfer) {
            case let .failure(refusal): return .failed(refusal.reason)
            case let .success(got): response = got
            }
            let result = HTTPResponse(url: url, finalURL: current, status: response.status, headers: response.headers, body: response.body, fetchedAt: Date())
            switch response.status {
            case 200..<300:
                return .ok(result)
            case 304 where validators != nil:
                return .notModified(result)
            case 301, 302, 303, 307, 308:
                switch redirectTarget(from: current, location: response.headers["Location"], status: response.status, chain: chain) {
                case let .failure(refusal): return .failed(refusal.reason)
                case let .success(target):
                    chain.append(target)
                    current = target
                    // A new host gets no validators that were meant for the first one.
                    if URLComponents(string: target)?.host != URLComponents(string: url)?.host { headers = ["Accept: \(accept)"] }
                }
            default:
                return .failed(Self.statusText(response.status), status: response.status)
            }
        }
    }

    /// Where a redirect leads, or why it is not followed.
    func redirectTarget(from current: String, location: String?, status: Int, chain: [String]) -> Result<String, Refusal> {
        guard let location, !location.isEmpty else { return .failure(Refusal("\(Self.statusText(status)) without a Location")) }
        guard let target = URL(string: location, relativeTo: URL(string: current))?.absoluteURL,
              let scheme = target.scheme?.lowercased()
        else { return .failure(Refusal("\(Self.statusText(status)) to an invalid Location '\(location)'")) }
        guard scheme == "http" || scheme == "https" else {
            return .failure(Refusal("redirect to a \(scheme): URL refused (\(location))"))
        }
        if scheme == "http", URL(string: current)?.scheme?.lowercased() == "https" {
            return .failure(Refusal("redirect from https down to http refused (\(target.absoluteString))"))
        }
        let text = target.absoluteString
        if chain.contains(text) {
            return .failure(Refusal("redirect loop: " + (chain + [text]).joined(separator: " → ")))
        }
        if chain.count > policy.maxRedirects {
            return .failure(Refusal("more than \(policy.maxRedirects) redirects, from \(chain[0])"))
        }
        return .success(text)
    }

    /// A reason a URL is not fetched, as an `Error` for `Result`.
    struct Refusal: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }

    /// One request with its retries: the last response, or why there is none.
    private func attempt(_ url: String, headers: [String], using transfer: CurlTransfer) -> Result<(status: Int, headers: HTTPHeaders, body: [UInt8]), Refusal> {
        let request = CurlTransfer.Request(
            url: url, headers: headers, userAgent: policy.userAgent, timeoutSeconds: policy.timeoutSeconds, maxBytes: policy.maxBytes)
        var retry = 0
        while true {
            let problem: String
            var wait = policy.backoff(beforeRetry: retry)
            switch transfer.perform(request) {
            case let .response(status, headers, body):
                guard status == 429 || (500...599).contains(status) else { return .success((status, headers, body)) }
                problem = Self.statusText(status)
                if let retryAfter = headers["Retry-After"].flatMap({ Self.seconds(retryAfter: $0) }) {
                    if retryAfter > policy.maxRetryAfterSeconds {
                        return .failure(Refusal("\(problem): Retry-After asks for \(Int(retryAfter)) s, more than the \(Int(policy.maxRetryAfterSeconds)) s geotag waits"))
                    }
                    wait = retryAfter
                }
            case .failed(.timedOut):
                problem = "timed out after \(Self.number(policy.timeoutSeconds)) s"
            case let .failed(.transient(detail)):
                problem = detail
            case let .failed(.tooLarge(encoding)):
                if let encoding {
                    return .failure(Refusal("decompression bomb: the \(encoding) body inflates past max_bytes (\(policy.maxBytes) bytes)"))
                }
                return .failure(Refusal("too large: the body is over max_bytes (\(policy.maxBytes) bytes)"))
            case let .failed(.permanent(detail)):
                return .failure(Refusal(detail))
            }
            if retry >= policy.retries {
                return .failure(Refusal(retry == 0 ? problem : "\(problem) (\(retry + 1) attempts)"))
            }
            Thread.sleep(forTimeInterval: wait)
            retry += 1
        }
    }

    /// The seconds a `Retry-After` value asks for: a number of seconds or an HTTP date.
    static func seconds(retryAfter value: String, now: Date = Date()) -> Double? {
        let trimmed = value.trimmingASCIIWhitespace
        if let seconds = Int(trimmed) { return seconds >= 0 ? Double(seconds) : nil }
        let time = curl_getdate(trimmed, nil)
        guard time >= 0 else { return nil }
        return max(0, Double(time) - now.timeIntervalSince1970)
    }

    /// `HTTP 404 Not Found`, the status as a failure reason.
    static func statusText(_ status: Int) -> String {
        let phrases = [
            400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
            406: "Not Acceptable", 408: "Request Timeout", 410: "Gone", 429: "Too Many Requests",
            451: "Unavailable For Legal Reasons", 500: "Internal Server Error", 501: "Not Implemented",
            502: "Bad Gateway", 503: "Service Unavailable", 504: "Gateway Timeout",
            301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
            307: "Temporary Redirect", 308: "Permanent Redirect",
        ]
        return phrases[status].map { "HTTP \(status) \($0)" } ?? "HTTP \(status)"
    }

    /// `20` for 20.0, `0.5` for 0.5.
    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(value)
    }
}
