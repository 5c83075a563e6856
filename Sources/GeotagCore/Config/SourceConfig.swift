import Foundation

/// One entry of `sources:` in `pipeline.yaml`: where articles come from.
public struct SourceConfig: Sendable, Equatable {
    /// The unique name, recorded as each mention's `source`.
    public var name: String
    /// Whether the runner reads this source (default `true`). A disabled source is still
    /// checked, so that enabling it later cannot reveal a mistake.
    public var enabled: Bool
    /// The kind of source and the settings of that kind.
    public var kind: Kind

    /// Creates a source.
    public init(name: String, enabled: Bool = true, kind: Kind) {
        self.name = name
        self.enabled = enabled
        self.kind = kind
    }

    /// The kinds of source with their settings.
    public enum Kind: Sendable, Equatable {
        /// Local files: `path` is a folder (read recursively for `.txt .html .htm .md
        /// .jsonl`) or a glob. Document ids come from `path.written`, so they do not
        /// depend on where the project lives.
        case files(path: ConfigPath)
        /// A list of article URLs, written in `urls`, read from `file` (one URL a line),
        /// or both; at least one of the two is given.
        case urls(urls: [URL], file: ConfigPath?)
        /// An RSS 2.0 or Atom feed whose every item's link is fetched.
        case feed(url: URL)
    }

    /// The value of the `type` key for this source.
    public var type: SourceType {
        switch kind {
        case .files: return .files
        case .urls: return .urls
        case .feed: return .feed
        }
    }
}

/// The values of a source's `type` key.
public enum SourceType: String, Sendable, CaseIterable {
    /// Local files, see ``SourceConfig/Kind/files(path:)``.
    case files
    /// A list of URLs, see ``SourceConfig/Kind/urls(urls:file:)``.
    case urls
    /// A feed, see ``SourceConfig/Kind/feed(url:)``.
    case feed
}
