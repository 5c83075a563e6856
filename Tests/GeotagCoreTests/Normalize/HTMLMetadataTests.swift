import Testing
@testable import GeotagCore

@Suite struct HTMLMetadataTests {
    /// A page with every metadata source, from which tests remove the better ones.
    private func page(head: String, body: String = "<p>Body text.</p>", lang: String = "") -> String {
        "<html\(lang)><head>\(head)</head><body>\(body)</body></html>"
    }

    @Test func titleComesFromOpenGraphThenTitleElementThenHeading() throws {
        let og = try normalizeHTML(page(head: """
            <meta property="og:title" content="OG headline"><title>Title element - Site</title>
            """, body: "<h1>Heading</h1><p>Text.</p>"))
        #expect(og.title == "OG headline")

        let titleElement = try normalizeHTML(page(head: "<title>Kirkuk council meets on budget | Iraq Wire</title>", body: "<h1>Heading</h1><p>Text.</p>"))
        #expect(titleElement.title == "Kirkuk council meets on budget")

        let heading = try normalizeHTML(page(head: "", body: "<nav><h1>Logo</h1></nav><h1>Heading  one</h1><p>Text.</p>"))
        #expect(heading.title == "Heading one")
    }

    @Test func siteSuffixesAreStrippedOnlyWhenTheyLookLikeASite() {
        func strip(_ title: String, site: String? = nil, guessing: Bool = true) -> String {
            HTMLMetadata.strippingSiteName(title, site: site, guessing: guessing)
        }
        #expect(strip("Mosul bridge reopens - Tigris Daily") == "Mosul bridge reopens")
        #expect(strip("Mosul bridge reopens | Section | Tigris Daily") == "Mosul bridge reopens | Section")
        #expect(strip("Mosul bridge reopens — Tigris Daily") == "Mosul bridge reopens")
        #expect(strip("Kirkuk – a city divided in three") == "Kirkuk – a city divided in three")
        #expect(strip("Tigris Daily | Mosul bridge reopens", site: "Tigris Daily") == "Mosul bridge reopens")
        #expect(strip("Iraq - Syria border reopens", guessing: false) == "Iraq - Syria border reopens")
        #expect(strip("Iraq - Syria border reopens - The Wire", site: "The Wire", guessing: false) == "Iraq - Syria border reopens")
        #expect(strip("No separator at all") == "No separator at all")
    }

    @Test func publishedComesFromMetaThenJSONLDThenMicrodataThenTime() throws {
        let ld = #"<script type="application/ld+json">{"@type": "NewsArticle", "datePublished": "2024-02-02T08:00:00Z"}</script>"#
        let meta = #"<meta property="article:published_time" content="2024-01-01T10:00:00+03:00">"#
        let micro = #"<meta itemprop="datePublished" content="2024-03-03">"#
        // A paragraph that is only a date is dropped from the text, so the time sits in a sentence.
        let time = #"<p>The council met on <time datetime="2024-04-04 12:30">4 April</time>.</p>"#
        #expect(try normalizeHTML(page(head: meta + ld + micro, body: time)).published == "2024-01-01T10:00:00+03:00")
        #expect(try normalizeHTML(page(head: ld + micro, body: time)).published == "2024-02-02T08:00:00Z")
        #expect(try normalizeHTML(page(head: micro, body: time)).published == "2024-03-03")
        #expect(try normalizeHTML(page(head: "", body: time)).published == "2024-04-04T12:30:00")
        let unparsable = #"<meta property="article:published_time" content="yesterday">"#
        #expect(try normalizeHTML(page(head: unparsable, body: time)).published == "2024-04-04T12:30:00")
    }

    @Test func jsonLDGraphGivesDateAuthorsAndPublisher() throws {
        let bytes = try NormalizeTestFiles.fixture("jsonld_graph.html")
        let article = try normalizePage(bytes, location: "fixtures/jsonld_graph.html")
        #expect(article.published == "2024-02-11T07:05:00Z")
        #expect(article.author == "Sara Aziz, Karim Mahmoud")
        #expect(article.site == "Kurdistan Wire")
        #expect(article.title == "Erbil airport adds night flights")
        #expect(article.url == "fixtures/jsonld_graph.html")
        #expect(article.language == nil)
    }

    @Test func authorSiteCanonicalAndLanguage() throws {
        let article = try normalizeHTML(page(head: """
            <meta name="author" content=" Layla  Hassan ">
            <script type="application/ld+json">{"@type": "Article", "author": "Someone Else"}</script>
            <meta property="og:site_name" content="Tigris Daily">
            <link rel="alternate canonical" href="/news/a?x=1">
            <meta property="og:url" content="https://other.example/a">
            """, lang: " lang=\"en-GB\""), location: "cache/a.html", url: "https://tigris-daily.example/section/index.html")
        #expect(article.author == "Layla Hassan")
        #expect(article.site == "Tigris Daily")
        #expect(article.language == "en-GB")
        // The source's URL names the article; the page's canonical URL is read but
        // does not replace it.
        #expect(article.url == "https://tigris-daily.example/section/index.html")

        let fromFile = try normalizeHTML(page(head: #"<link rel="canonical" href="https://tigris-daily.example/news/a">"#), location: "seeds/a.html")
        #expect(fromFile.url == "https://tigris-daily.example/news/a")
        #expect(fromFile.docID == Normalizer.docID(forKey: "seeds/a.html"))

        let ogOnly = try normalizeHTML(page(head: #"<link rel="canonical" href="/relative/without/base"><meta property="og:url" content="https://x.example/a">"#), location: "seeds/b.html")
        #expect(ogOnly.url == "https://x.example/a")
    }

    @Test func relativeCanonicalIsResolvedAgainstTheSourceURL() throws {
        let metadataURL = try normalizeHTML(
            page(head: #"<link rel="canonical" href="/news/a">"#),
            location: "https://tigris-daily.example/section/index.html")
        #expect(metadataURL.url == "https://tigris-daily.example/news/a")
    }

    @Test func arabicPagesWithoutLangAreGuessed() throws {
        let article = try normalizeHTML("<p>افتتاح جسر جديد في الموصل على نهر دجلة (Tigris).</p>")
        #expect(article.language == "ar")
        let english = try normalizeHTML("<p>A new bridge in الموصل opened today over the river.</p>")
        #expect(english.language == nil)
    }

    @Test func sourceMetadataWinsOverThePage() throws {
        let article = try normalizeHTML(page(head: """
            <meta property="og:title" content="Page title">
            <meta property="article:published_time" content="2024-01-01">
            """), url: "https://wire.example/x", title: "Feed title", published: "Mon, 01 Apr 2024 09:00 +0300")
        #expect(article.title == "Feed title")
        #expect(article.published == "2024-04-01T09:00:00+03:00")
        #expect(article.url == "https://wire.example/x")
        #expect(article.docID == Normalizer.docID(forKey: "https://wire.example/x"))
    }
}

@Suite struct PublishedDateTests {
    @Test(arguments: [
        ("2024-03-05", "2024-03-05"),
        ("2024-03-05T10:15:00+03:00", "2024-03-05T10:15:00+03:00"),
        ("2024-03-05T10:15:00.250Z", "2024-03-05T10:15:00.250Z"),
        ("2024-03-05t10:15z", "2024-03-05T10:15:00Z"),
        ("2024-03-05 10:15:07", "2024-03-05T10:15:07"),
        ("2024-03-05T10:15:07+0530", "2024-03-05T10:15:07+05:30"),
        ("2024-03-05T10:15:07-04", "2024-03-05T10:15:07-04:00"),
        ("2024-03-05 10:15:07 UTC", "2024-03-05T10:15:07Z"),
        ("20240305T101507Z", "2024-03-05T10:15:07Z"),
        (" 2024-02-29T00:00:00Z \n", "2024-02-29T00:00:00Z"),
        ("Tue, 05 Mar 2024 10:15:00 GMT", "2024-03-05T10:15:00Z"),
        ("5 Mar 2024 10:15 +0300", "2024-03-05T10:15:00+03:00"),
        ("Sun, 09 Jun 24 14:20:00 EDT", "2024-06-09T14:20:00-04:00"),
        ("Sun, 09 June 2024 14:20:00", "2024-06-09T14:20:00"),
    ])
    func acceptedFormats(input: String, expected: String) {
        #expect(PublishedDate.normalized(input) == expected)
    }

    @Test(arguments: [
        "", "yesterday", "March 5, 2024", "2023-02-29", "2024-13-01", "2024-03-05T25:00:00Z",
        "2024-0305", "2024-03-05T10:15:00+3", "2024-03-05T10:15:00 nonsense", "Tue, 32 Mar 2024 10:00:00 GMT",
    ])
    func rejectedFormats(input: String) {
        #expect(PublishedDate.normalized(input) == nil)
    }
}
