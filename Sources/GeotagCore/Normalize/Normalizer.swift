import Foundation

/// The normalize stage: turns a ``RawDocument`` into an ``Article``, clean text with
/// its metadata.
///
/// - Plain text is its own clean text (see ``PlainText``); Markdown too, for now.
/// - HTML is parsed by libxml2 (``HTMLDocument``); the article text is found by
///   ``MainText`` and cleaned by ``TextHygiene``, the metadata read by
///   ``HTMLMetadata``. When the page's JSON-LD `articleBody` holds more than twice
///   as much text as the page shows (a page its scripts fill in), that text is used.
/// - Metadata the source gave (``RawDocument/title``, ``RawDocument/published``,
///   ``RawDocument/url``) wins over what the page says.
///
/// A document with no text at all throws `DocumentError("no text")`; binary bytes
/// (``BinarySniff``) and HTML nested deeper than ``maxDepth`` are refused too. The normalizer
/// holds no state, so the runner may call it from any number of threads at once.
public struct Normalizer: Stage {
    /// What a source delivered.
    public typealias Input = RawDocument
    /// Clean text and metadata.
    public typealias Output = Article

    /// Failures of this stage are recorded as `normalize`.
    public static var name: StageName { .normalize }

    /// An HTML page whose elements nest deeper than this is refused
    /// (`limits.max_depth`).
    public var maxDepth: Int

    /// A normalizer that refuses pages nested deeper than `maxDepth`.
    public init(maxDepth: Int = LimitsConfig().maxDepth) {
        self.maxDepth = maxDepth
    }

    /// The article in `document`.
    public func process(_ document: RawDocument) throws(DocumentError) -> Article {
        if let reason = BinarySniff.binaryReason(document.body) { throw DocumentError(reason) }
        switch document.format {
        case .text, .markdown:
            return try plainArticle(document)
        case .html:
            return try htmlArticle(document)
        }
    }

    /// The reason recorded for markup nested deeper than `maxDepth`.
    static func tooDeep(_ maxDepth: Int) -> String {
        "the markup nests elements more than \(maxDepth) deep, over limits.max_depth (\(maxDepth))"
    }

    /// A document id: the first 16 hex digits of the SHA-256 of `key`. The key is the
    /// canonical URL when the source knows one (``RawDocument/url``), else the location
    /// (the file path as configured). A URL the page itself announces (`rel=canonical`)
    /// does not change the id, so the id of a file never depends on its content; only a
    /// page fetched over HTTP is named by its canonical link (see
    /// ``CanonicalURL/preferred(pageCanonical:fetchedFrom:)``).
    public static func docID(forKey key: String) -> String {
        String(SHA256.hex(Array(key.utf8)).prefix(16))
    }

    private static func sourceURL(of document: RawDocument) -> String? {
        guard let url = document.url.map(TextHygiene.trimmingWhitespace), !url.isEmpty else { return nil }
        return url
    }

    private func plainArticle(_ document: RawDocument) throws(DocumentError) -> Article {
        // Valid UTF-8 (nearly every text) is decoded in one pass that also checks it.
        let valid = String(validating: document.body, as: UTF8.self)
        let text = valid ?? PlainText.decode(document.body)
        guard text.contains(where: { !$0.isWhitespace }) else { throw DocumentError("no text") }
        let url = Self.sourceURL(of: document) ?? document.location
        var article = Article(
            docID: Self.docID(forKey: url), url: url, source: document.source,
            // The text's own title only when the source gave none.
            title: TextHygiene.field(document.title)
                ?? (document.format == .markdown ? PlainText.title(ofMarkdown: text) : PlainText.title(ofText: text)),
            published: document.published.flatMap(PublishedDate.normalized),
            language: LanguageGuess.language(of: text), text: text)
        if valid == nil,
           let warning = TextHygiene.invalidUTF8Warning(TextHygiene.replacedSequences(in: document.body, decoded: text)) {
            article.warnings.append(warning)
        }
        return article
    }

    /// The paragraphs of the JSON-LD `articleBody`: plain text split at line breaks,
    /// or, when it holds markup, the text of that markup.
    private static func linkedParagraphs(_ metadata: HTMLMetadata) -> [String]? {
        guard let body = metadata.linkedArticleBody, !body.isEmpty else { return nil }
        let paragraphs: [String]
        if body.contains("<"), body.contains(">"), let fragment = HTMLDocument(bytes: Array(body.utf8)) {
            paragraphs = MainText.paragraphs(of: fragment)
        } else {
            paragraphs = body.split(whereSeparator: \.isNewline).map { TextHygiene.collapse(String($0)) }.filter { !$0.isEmpty }
        }
        return paragraphs.isEmpty ? nil : paragraphs
    }

    private static func letters(_ paragraphs: [String]) -> Int {
        paragraphs.reduce(0) { $0 + TextMeasure.letters(in: $1) }
    }

    private func htmlArticle(_ document: RawDocument) throws(DocumentError) -> Article {
        guard let page = HTMLDocument(bytes: document.body) else { throw DocumentError("no text") }
        if page.depth(reaching: maxDepth + 1) > maxDepth { throw DocumentError(Self.tooDeep(maxDepth)) }
        let sourceURL = Self.sourceURL(of: document)
        let metadata = HTMLMetadata(document: page, pageURL: sourceURL ?? document.location)
        let authors = metadata.author?.components(separatedBy: ", ") ?? []
        var paragraphs = MainText.paragraphs(of: page, headline: metadata.headline, authors: authors)
        if let linked = Self.linkedParagraphs(metadata), Self.letters(linked) > 2 * Self.letters(paragraphs) {
            // A page that its scripts fill in (or a paywalled one) shows less of the
            // article than its JSON-LD gives: the JSON-LD's text, under the headline.
            paragraphs = (metadata.title.map { [$0] } ?? []) + linked
        }
        let text = TextHygiene.finish(paragraphs)
        guard !text.isEmpty else { throw DocumentError("no text") }
        // A fetched page is named by its own canonical link when that is on its site.
        let identity = document.fetch == nil
            ? sourceURL : CanonicalURL.preferred(pageCanonical: metadata.canonicalURL, fetchedFrom: sourceURL ?? document.location)
        var article = Article(
            docID: Self.docID(forKey: identity ?? document.location), url: identity ?? metadata.canonicalURL ?? document.location,
            source: document.source, title: TextHygiene.field(document.title) ?? metadata.title,
            published: document.published.flatMap(PublishedDate.normalized) ?? metadata.published,
            author: metadata.author, site: metadata.site,
            language: metadata.language ?? LanguageGuess.language(of: text), text: text)
        if let warning = TextHygiene.invalidUTF8Warning(page.replacedSequences) { article.warnings.append(warning) }
        return article
    }
}
