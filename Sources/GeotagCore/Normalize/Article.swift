/// One article as clean text with its metadata: the output of the normalize stage and
/// the input of extraction.
///
/// Mention offsets index ``text`` in Unicode scalars.
public struct Article: Sendable, Equatable {
    /// Stable id: a hash of the canonical URL, or of the file path for files.
    public var docID: String
    /// The canonical URL, or the file path.
    public var url: String
    /// The `sources[].name` it came from.
    public var source: String
    public var title: String?
    /// Publication time in ISO 8601, when known.
    public var published: String?
    public var author: String?
    public var site: String?
    /// BCP 47 language tag when known (`en`, `ar`).
    public var language: String?
    /// The clean text that mention offsets index.
    public var text: String
    /// SHA-256 (hex) of ``text``: an unchanged article is not loaded twice.
    public var contentHash: String
    /// The `doc_id` of the article this one duplicates (the same text, or a syndicated
    /// copy of it), set by the runner; its mentions are not loaded.
    public var duplicateOf: String?
    /// The MinHash signature of ``text`` for finding near-duplicates, computed by the
    /// pipeline's workers (nil until then).
    public var signature: TextSignature?
    /// What a person may want to know about how the text was made, one line each
    /// (invalid UTF-8 replaced); the runner logs them.
    public var warnings: [String] = []

    public init(
        docID: String, url: String, source: String, title: String? = nil,
        published: String? = nil, author: String? = nil, site: String? = nil,
        language: String? = nil, text: String
    ) {
        self.docID = docID
        self.url = url
        self.source = source
        self.title = title
        self.published = published
        self.author = author
        self.site = site
        self.language = language
        self.text = text
        self.contentHash = SHA256.hex(Array(text.utf8))
    }
}
