/// The `fetch:` section: how articles are downloaded.
public struct FetchConfig: Sendable, Equatable {
    /// The `user_agent` default; `VERSION` is replaced by the geotag version.
    public static let defaultUserAgent = "geotag/VERSION (+https://example.org)"

    /// Requests in flight at once (default 8, at least 1).
    public var concurrency = 8
    /// Requests in flight at once to one host (default 2, at least 1).
    public var perHost = 2
    /// Seconds before a request is given up (default 20, more than 0).
    public var timeoutSeconds = 20.0
    /// Retries after a timeout, 429 or 5xx, with exponential backoff and jitter
    /// (default 3, at least 0).
    public var retries = 3
    /// The largest response body accepted, in bytes (default 5,000,000, at least 1).
    public var maxBytes = 5_000_000
    /// The `User-Agent` header, with `VERSION` already replaced by the geotag version.
    public var userAgent: String
    /// The raw response cache (default `.geotag/cache`), content-addressed, that
    /// `--reprocess` reads.
    public var cacheDir: ConfigPath
    /// The first retry's wait in seconds, doubled for each next one (default 1). Not a
    /// `pipeline.yaml` key: tests shorten it.
    public var backoffSeconds = 1.0

    /// The defaults for geotag `version`, with `cache_dir` resolved against `directory`
    /// (the configuration's folder).
    public init(version: String, relativeTo directory: String) {
        userAgent = Self.userAgent(Self.defaultUserAgent, version: version)
        cacheDir = ConfigPath(".geotag/cache", relativeTo: directory)
    }

    /// `template` with every `VERSION` replaced by `version`.
    static func userAgent(_ template: String, version: String) -> String {
        template.replacing("VERSION", with: version)
    }
}
