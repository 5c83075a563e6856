import Foundation
import Synchronization

/// The `robots.txt` of every host a run touches, each fetched once, when the first URL
/// of that host is about to be requested, and kept for the rest of the run.
///
/// What a host's answer means follows RFC 9309: a 2xx is parsed (``RobotsTxt``); a 4xx
/// (no file, or none for us) allows everything; a 5xx, a 429 or a network error after
/// the client's retries means the file is unreachable, and then nothing on the host is
/// fetched in this run.
final class RobotsCache: Sendable {
    /// What a host's `robots.txt` says.
    enum Verdict: Sendable, Equatable {
        case rules(RobotsTxt)
        /// Could not be fetched; the reason says why.
        case unreachable(String)
    }

    /// One host's verdict, fetched by the first thread that needs it while the others
    /// that need the same host wait on its lock.
    private final class Entry: Sendable {
        let verdict = Mutex<Verdict?>(nil)
    }

    private let client: HTTPClient
    private let entries = Mutex<[String: Entry]>([:])

    init(client: HTTPClient) {
        self.client = client
    }

    /// Why `url` may not be fetched, or nil when its host's `robots.txt` allows it.
    func refusal(for url: String, using transfer: CurlTransfer) -> String? {
        guard let components = URLComponents(string: url), let origin = Self.origin(of: components) else {
            return "not an http(s) URL: \(url)"
        }
        let entry = entries.withLock { entries in
            if let entry = entries[origin] { return entry }
            let entry = Entry()
            entries[origin] = entry
            return entry
        }
        let verdict = entry.verdict.withLock { verdict in
            if let verdict { return verdict }
            let fetched = fetch(origin + "/robots.txt", using: transfer)
            verdict = fetched
            return fetched
        }
        switch verdict {
        case let .rules(robots):
            let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
            let target = components.percentEncodedQuery.map { "\(path)?\($0)" } ?? path
            return robots.allows(path: target) ? nil : "forbidden by \(origin)/robots.txt"
        case let .unreachable(reason):
            return "\(origin)/robots.txt is unreachable (\(reason)), so nothing is fetched from the host (RFC 9309)"
        }
    }

    /// Fetches and reads one `robots.txt`.
    private func fetch(_ url: String, using transfer: CurlTransfer) -> Verdict {
        switch client.get(url, accept: "text/plain,*/*;q=0.5", using: transfer) {
        case let .ok(response):
            return .rules(RobotsTxt(response.body, userAgent: client.policy.userAgent))
        case let .failed(_, status?) where (400..<500).contains(status) && status != 429:
            return .rules(.allowAll)
        case let .failed(reason, _):
            return .unreachable(reason)
        case .notModified:
            return .rules(.allowAll)  // not asked for: no validators were sent
        }
    }

    /// `scheme://host[:port]`, lower-cased, without a default port; nil for a URL that
    /// is not http(s) or has no host.
    static func origin(of components: URLComponents) -> String? {
        guard let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
              let host = components.host?.lowercased(), !host.isEmpty
        else { return nil }
        let hostPart = host.contains(":") && !host.hasPrefix("[") ? "[\(host)]" : host
        guard let port = components.port, port != (scheme == "https" ? 443 : 80) else { return "\(scheme)://\(hostPart)" }
        return "\(scheme)://\(hostPart):\(port)"
    }
}
