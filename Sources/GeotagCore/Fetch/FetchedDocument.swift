import Foundation

/// Turns a fetched response, as the raw cache keeps it, into the ``RawDocument`` the
/// pipeline normalizes. A live fetch and `--reprocess` both go through here, so they
/// make the same document from the same bytes.
enum FetchedDocument {
    /// The document format of a response with this `Content-Type`, or why it is not
    /// an article. Without a type, a body that starts with `<` is taken for HTML.
    static func format(contentType: String?, body: [UInt8]) -> Result<RawDocument.Format, DocumentError> {
        guard let contentType, !contentType.isEmpty else {
            let first = body.first { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }
            return .success(first == UInt8(ascii: "<") ? .html : .text)
        }
        switch Charset.mediaType(ofContentType: contentType) {
        case "text/html", "application/xhtml+xml": return .success(.html)
        case "text/plain": return .success(.text)
        case "text/markdown": return .success(.markdown)
        case let other: return .failure(DocumentError("not an article: content type \(other)"))
        }
    }

    /// The document in `entry`, whose body is `body`, for the pipeline (its location
    /// is the canonical URL asked for); a failure when it is not an article.
    ///
    /// The body is converted to UTF-8 when the `Content-Type` names another charset;
    /// the document's URL is the canonical final URL (the page's own canonical link
    /// may still name it, see ``RawDocument/fetch``); a feed's title and date come
    /// along and win over the page's.
    static func item(_ entry: RawCache.Entry, body: [UInt8]) -> SourceItem {
        let headers = entry.httpHeaders
        let contentType = headers["Content-Type"]
        let format: RawDocument.Format
        switch self.format(contentType: contentType, body: body) {
        case let .success(found): format = found
        case let .failure(error): return .failure(Failure(source: entry.source, location: entry.url, stage: .fetch, reason: error.reason))
        }
        let record = FetchRecord(
            url: entry.url, source: entry.source, finalURL: entry.finalURL, validators: Validators(headers),
            bodySHA256: entry.bodySHA256, fetchedAt: entry.fetchedAt, checkedAt: entry.fetchedAt)
        return .document(RawDocument(
            source: entry.source, location: entry.url, url: CanonicalURL.canonical(entry.finalURL) ?? entry.finalURL,
            body: Charset.utf8(body, declared: contentType.flatMap(Charset.parameter(ofContentType:))),
            format: format, title: entry.item?.title, published: entry.item?.published,
            fetchedAt: entry.fetchedAt, fetch: record))
    }
}
