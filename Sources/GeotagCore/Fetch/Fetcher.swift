import Foundation
import Synchronization

/// Everything one run needs to fetch from the web, shared by its `urls` and `feed`
/// sources: the HTTP client, the run's `robots.txt` cache, the raw cache and what
/// earlier runs fetched (``FetchRecord``s from the database).
///
/// Articles are fetched by up to `fetch.concurrency` threads at once, at most
/// `fetch.per_host` of them on one host (``HostQueue``), each with its own curl
/// handle; their results are handed over on the source's thread. Each URL ends as
/// exactly one ``SourceItem``:
/// - `.document`: a new or changed page (a 2xx), already in the raw cache;
/// - `.unchanged`: a 304 to the validators of an earlier run;
/// - `.failure`: why not (stage `fetch`: an HTTP status, a timeout, too large, a
///   decompression bomb, a redirect loop, robots.txt, not an article).
public final class Fetcher: Sendable {
    let client: HTTPClient
    let robots: RobotsCache
    let cache: RawCache
    /// Earlier runs' records by canonical URL.
    let known: [String: FetchRecord]
    let concurrency: Int
    let perHost: Int
    /// The canonical URLs this run has already taken on, so that a URL that two
    /// sources list is fetched (and loaded) once.
    private let claimed = Mutex<Set<String>>([])

    /// A fetcher with the settings of `config`, the raw cache in its `cache_dir`, and
    /// the records of earlier runs.
    public init(config: FetchConfig, known: [String: FetchRecord]) {
        client = HTTPClient(policy: HTTPPolicy(config))
        robots = RobotsCache(client: client)
        cache = RawCache(directory: config.cacheDir.resolved)
        self.known = known
        concurrency = config.concurrency
        perHost = config.perHost
    }

    /// One article to fetch.
    struct Job: Sendable {
        /// The link as the source gave it, for failures.
        var link: String
        /// Its canonical form: the key of the fetch state and the raw cache.
        var url: String
        /// What a feed said about it.
        var item: FeedItem?
    }

    /// Jobs for `links` (with what a feed said about each): canonical, each URL once,
    /// in order, and a failure for each link that is not an http(s) URL.
    static func jobs(_ links: [(link: String, item: FeedItem?)], source: String) -> (jobs: [Job], failures: [Failure]) {
        var seen = Set<String>()
        var jobs: [Job] = []
        var failures: [Failure] = []
        for (link, item) in links {
            guard let url = CanonicalURL.canonical(link) else {
                failures.append(Failure(source: source, location: link, stage: .fetch, reason: "not an http(s) URL"))
                continue
            }
            if seen.insert(url).inserted { jobs.append(Job(link: link, url: url, item: item)) }
        }
        return (jobs, failures)
    }

    /// Fetches every job in parallel and hands each result to `deliver`, on the
    /// calling thread, as it comes, until all are done or `deliver` returns false. A
    /// URL this run has already fetched for another source is skipped.
    func fetchArticles(_ jobs: [Job], source: String, deliver: (SourceItem) -> Bool) {
        let jobs = claimed.withLock { claimed in jobs.filter { claimed.insert($0.url).inserted } }
        guard !jobs.isEmpty else { return }
        let queue = HostQueue(jobs.map { (Self.hostKey($0.url), $0) }, perHost: perHost)
        let results = BoundedQueue<SourceItem>(capacity: concurrency)
        let workers = queue.start(threads: min(concurrency, jobs.count), context: { CurlTransfer() }, { [self] transfer, job in
            results.push(fetchArticle(job, source: source, using: transfer))
        }, whenDone: { results.close() })
        while let item = results.pop() {
            if !deliver(item) {
                queue.stop()
                results.close()
                break
            }
        }
        workers.wait()
    }

    /// One article: a conditional GET when an earlier run stored it with validators.
    func fetchArticle(_ job: Job, source: String, using transfer: CurlTransfer) -> SourceItem {
        let previous = known[job.url].flatMap { $0.docID == nil ? nil : $0 }
        func failure(_ reason: String) -> SourceItem {
            .failure(Failure(source: source, location: job.link, docID: previous?.docID, stage: .fetch, reason: reason))
        }
        switch get(job.url, validators: previous?.validators, accept: HTTPClient.acceptPages, using: transfer) {
        case let .failed(reason, _):
            return failure(reason)
        case let .notModified(response):
            guard var record = previous else { return failure("HTTP 304 Not Modified to a request without validators") }
            record.source = source
            record.checkedAt = response.fetchedAt
            if let fresh = Validators(response.headers) { record.validators = fresh }
            return .unchanged(record)
        case let .ok(response):
            if case let .failure(error) = FetchedDocument.format(contentType: response.headers["Content-Type"], body: response.body) {
                return failure(error.reason)
            }
            do {
                let entry = try cache.store(response, url: job.url, source: source, kind: .article, item: job.item)
                return FetchedDocument.item(entry, body: response.body)
            } catch {
                return failure("cannot write the raw cache: \(error)")
            }
        }
    }

    /// The body of the feed at `url`: downloaded, or the raw cache's copy when the
    /// server answers 304 to the validators of that copy.
    func fetchFeed(_ url: String, source: String) -> Result<[UInt8], DocumentError> {
        let transfer = CurlTransfer()
        let cached = cache.entry(for: url).flatMap { entry in (try? cache.body(of: entry)).map { (entry, $0) } }
        let validators = cached.flatMap { Validators($0.0.httpHeaders) }
        switch get(url, validators: validators, accept: HTTPClient.acceptFeeds, using: transfer) {
        case let .failed(reason, _):
            return .failure(DocumentError(reason))
        case .notModified:
            guard let cached else { return .failure(DocumentError("HTTP 304 Not Modified to a request without validators")) }
            return .success(cached.1)
        case let .ok(response):
            do {
                try cache.store(response, url: url, source: source, kind: .feed)
            } catch {
                return .failure(DocumentError("cannot write the raw cache: \(error)"))
            }
            return .success(response.body)
        }
    }

    /// A GET that asks robots.txt before every hop.
    private func get(_ url: String, validators: Validators?, accept: String, using transfer: CurlTransfer) -> HTTPResult {
        client.get(url, validators: validators, accept: accept, using: transfer) { [robots] hop in
            robots.refusal(for: hop, using: transfer)
        }
    }

    /// The host (and port) a per-host slot is counted by.
    static func hostKey(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        return RobotsCache.origin(of: components) ?? url
    }
}
