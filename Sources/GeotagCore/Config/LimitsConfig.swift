/// The `limits:` section: the most one document may ask of a run. A document over a
/// limit is a `failures` row with the limit's key in its reason, and the run goes on.
public struct LimitsConfig: Sendable, Equatable {
    /// The largest document, in bytes: a file (read no further than this), a JSONL
    /// line, a fetched page (which `fetch.max_bytes` caps first). Default 10 MB.
    public var maxDocumentBytes = 10_000_000
    /// The most place mentions one document may have. Default 2000.
    public var maxMentions = 2000
    /// The deepest element nesting of an HTML page or a feed. Default 200; at most 255,
    /// since libxml2 stops reading (silently, but for this check) at 256.
    public var maxDepth = 200

    /// The deepest `maxDepth` may be set: libxml2 halts a parse at 256 levels unless
    /// told to read "huge" documents, which would also lift its other bounds.
    public static let deepestAllowed = 255

    /// The defaults.
    public init() {}

    /// The reason recorded for a document of `bytes` bytes over ``maxDocumentBytes``.
    func documentTooLarge(_ bytes: Int) -> String {
        "the document is \(bytes) bytes, over limits.max_document_bytes (\(maxDocumentBytes))"
    }
}
