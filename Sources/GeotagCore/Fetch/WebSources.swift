import Foundation

/// A list of article URLs: written in the configuration, read from a file (one URL a
/// line; blank lines and lines starting with `#` are skipped), or both. Each URL is
/// fetched once however often it is listed (compared in canonical form).
public struct URLSource: Source {
    public let name: String
    /// The URLs written in the configuration.
    public let urls: [String]
    /// The file of URLs, as an absolute path, when one is configured.
    public let file: String?
    let fetcher: Fetcher

    public init(name: String, urls: [String], file: String?, fetcher: Fetcher) {
        self.name = name
        self.urls = urls
        self.file = file
        self.fetcher = fetcher
    }

    public func fetch(_ deliver: @Sendable (SourceItem) -> Bool) {
        var links = urls
        if let file {
            do {
                let text = String(decoding: try FileSystem.contents(ofFile: file), as: UTF8.self)
                links += text.split(whereSeparator: \.isNewline).map { String($0).trimmingASCIIWhitespace }
                    .filter { !$0.isEmpty && !$0.hasPrefix("#") }
            } catch {
                if !deliver(.failure(Failure(source: name, location: file, stage: .fetch, reason: "cannot read the URL file: \(error.reason)"))) { return }
            }
        }
        let (jobs, failures) = Fetcher.jobs(links.map { ($0, nil) }, source: name)
        for failure in failures where !deliver(.failure(failure)) { return }
        fetcher.fetchArticles(jobs, source: name, deliver: deliver)
    }
}

/// An RSS or Atom feed: the feed is fetched (a 304 reuses the raw cache's copy, so
/// items that failed last time are tried again), parsed (``FeedParser``), and every
/// item's link is fetched as an article, with the item's title and date.
public struct FeedSource: Source {
    public let name: String
    /// The feed's URL as configured.
    public let url: String
    let fetcher: Fetcher

    public init(name: String, url: String, fetcher: Fetcher) {
        self.name = name
        self.url = url
        self.fetcher = fetcher
    }

    public func fetch(_ deliver: @Sendable (SourceItem) -> Bool) {
        func fail(_ reason: String) {
            _ = deliver(.failure(Failure(source: name, location: url, stage: .fetch, reason: reason)))
        }
        guard let feedURL = CanonicalURL.canonical(url) else { return fail("not an http(s) URL") }
        let items: [FeedItem]
        do {
            items = try FeedParser.items(of: try fetcher.fetchFeed(feedURL, source: name).get(), feedURL: feedURL)
        } catch {
            return fail("feed: \(error.reason)")
        }
        let (jobs, failures) = Fetcher.jobs(items.map { ($0.link, $0) }, source: name)
        for failure in failures where !deliver(.failure(failure)) { return }
        fetcher.fetchArticles(jobs, source: name, deliver: deliver)
    }
}

/// A `urls` or `feed` source read back from the raw cache for `--reprocess`: every
/// article the source fetched before, as it was fetched, without the network.
public struct CachedSource: Source {
    public let name: String
    public let cache: RawCache

    public init(name: String, cache: RawCache) {
        self.name = name
        self.cache = cache
    }

    public func fetch(_ deliver: @Sendable (SourceItem) -> Bool) {
        cache.forEachEntry { record in
            switch record {
            case let .success(entry) where entry.source == name && entry.kind == .article:
                do throws(DocumentError) {
                    return deliver(FetchedDocument.item(entry, body: try cache.body(of: entry)))
                } catch {
                    return deliver(.failure(Failure(source: name, location: entry.url, stage: .fetch, reason: error.reason)))
                }
            case .success, .failure:
                // Other sources' records, feeds, and records that cannot be read
                // (whose source is unknown) are not this source's documents.
                return true
            }
        }
    }
}
