import Foundation
import Testing
@testable import GeotagCore

/// A cached response becomes the document the pipeline normalizes, the same way live
/// and under `--reprocess`.
@Suite struct FetchedDocumentTests {
    private func entry(contentType: String?, body: [UInt8], url: String = "https://example.org/a", item: FeedItem? = nil) -> RawCache.Entry {
        RawCache.Entry(
            url: url, finalURL: url + "?utm_source=x#top", status: 200,
            headers: contentType.map { [["Content-Type", $0], ["ETag", "\"e\""]] } ?? [],
            fetchedAt: Date(timeIntervalSince1970: 1_700_000_000), bodySHA256: SHA256.hex(body), bodyBytes: body.count,
            source: "news", kind: .article, item: item)
    }

    @Test func formatsByContentType() throws {
        #expect(try FetchedDocument.format(contentType: "text/html; charset=utf-8", body: []).get() == .html)
        #expect(try FetchedDocument.format(contentType: "application/xhtml+xml", body: []).get() == .html)
        #expect(try FetchedDocument.format(contentType: "text/plain", body: []).get() == .text)
        #expect(try FetchedDocument.format(contentType: nil, body: Array("  <!doctype html>".utf8)).get() == .html)
        #expect(try FetchedDocument.format(contentType: nil, body: Array("Plain words".utf8)).get() == .text)
        #expect(throws: DocumentError("not an article: content type application/pdf")) {
            try FetchedDocument.format(contentType: "application/pdf", body: []).get()
        }
    }

    @Test func theHeaderCharsetWinsAndTheMetaCharsetStillWorksAlone() throws {
        let page = try NormalizeTestFiles.fixture("windows1256_arabic.html")  // <meta ... charset=windows-1256>
        for contentType in ["text/html; charset=windows-1256", "text/html"] {
            let document = try #require(FetchedDocument.item(entry(contentType: contentType, body: page), body: page).document)
            let article = try Normalizer().process(document)
            #expect(article.text.contains("بغداد"), "\(contentType): \(article.text)")
        }
    }

    @Test func theDocumentCarriesItsFetchAndTheFeedsMetadata() throws {
        let body = Array("<p>Hello from Tikrit.</p>".utf8)
        let item = FeedItem(link: "https://example.org/a", title: "Feed title", published: "2024-03-05", guid: "g")
        let document = try #require(FetchedDocument.item(entry(contentType: "text/html", body: body, item: item), body: body).document)
        #expect(document.url == "https://example.org/a")
        #expect(document.location == "https://example.org/a")
        #expect(document.title == "Feed title")
        #expect(document.published == "2024-03-05")
        #expect(document.fetch?.validators == Validators(etag: "\"e\"", lastModified: nil))
        #expect(document.fetch?.bodySHA256 == SHA256.hex(body))
        let article = try Normalizer().process(document)
        #expect(article.docID == Normalizer.docID(forKey: "https://example.org/a"))
    }
}
