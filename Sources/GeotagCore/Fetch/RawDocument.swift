import Foundation

/// What a source hands to the pipeline: the bytes of one document as they were read,
/// with where they came from and whatever metadata the source itself knew.
///
/// Nothing here is interpreted yet; ``Normalizer`` turns it into an ``Article``.
public struct RawDocument: Sendable, Equatable {
    /// How the body should be read.
    public enum Format: String, Sendable, Equatable {
        case text
        case markdown
        case html
    }

    /// The `sources[].name` this document came from.
    public var source: String
    /// The URL, or the file path as configured (plus `#L<n>` for a JSONL line).
    public var location: String
    /// The canonical URL when the source knows one (a JSONL `url` field, a feed link).
    public var url: String?
    /// The document's bytes, exactly as read.
    public var body: [UInt8]
    public var format: Format
    /// Metadata the source provides (JSONL fields, feed items); normalize prefers it.
    public var title: String?
    public var published: String?
    /// When the bytes were read or fetched.
    public var fetchedAt: Date
    /// For a document fetched over HTTP: what the run remembers of the fetch (URL,
    /// validators), stored with the article. Its page's `<link rel=canonical>` on the
    /// same site then names the document (see ``CanonicalURL/preferred(pageCanonical:fetchedFrom:)``).
    public var fetch: FetchRecord?

    public init(
        source: String, location: String, url: String? = nil, body: [UInt8], format: Format,
        title: String? = nil, published: String? = nil, fetchedAt: Date = Date(), fetch: FetchRecord? = nil
    ) {
        self.source = source
        self.location = location
        self.url = url
        self.body = body
        self.format = format
        self.title = title
        self.published = published
        self.fetchedAt = fetchedAt
        self.fetch = fetch
    }
}
