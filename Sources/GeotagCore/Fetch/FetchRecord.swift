import Foundation

/// What a run remembers of one fetched URL, in the database's `fetches` table, so the
/// next run asks only for what changed: the validators go back to the server as a
/// conditional GET, and a 304 means the document is as stored.
///
/// A record is written in the same transaction as its article (or, for a 304, on its
/// own), never before: a run killed between fetching and loading leaves no record, so
/// the next run fetches the URL again in full.
public struct FetchRecord: Sendable, Equatable {
    /// The canonical URL asked for (``CanonicalURL``): the key.
    public var url: String
    /// The `sources[].name` that asked for it last.
    public var source: String
    /// The URL that answered, after redirects.
    public var finalURL: String
    /// The document the response became; nil until the pipeline has normalized it.
    public var docID: String?
    /// ETag and Last-Modified of the last full response.
    public var validators: Validators?
    /// SHA-256 of the last full body: its name in the raw cache.
    public var bodySHA256: String
    /// When the body was last downloaded (a 2xx).
    public var fetchedAt: Date
    /// When the server was last asked (a 2xx or a 304).
    public var checkedAt: Date

    public init(
        url: String, source: String, finalURL: String, docID: String? = nil, validators: Validators?,
        bodySHA256: String, fetchedAt: Date, checkedAt: Date
    ) {
        self.url = url
        self.source = source
        self.finalURL = finalURL
        self.docID = docID
        self.validators = validators
        self.bodySHA256 = bodySHA256
        self.fetchedAt = fetchedAt
        self.checkedAt = checkedAt
    }
}
