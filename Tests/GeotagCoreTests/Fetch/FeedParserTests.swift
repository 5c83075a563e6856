import Testing
@testable import GeotagCore

@Suite struct FeedParserTests {
    private func items(_ xml: String, url: String = "https://news.example.org/rss") throws -> [FeedItem] {
        try FeedParser.items(of: Array(xml.utf8), feedURL: url)
    }

    @Test func rss2ItemsWithLinksDatesAndGuids() throws {
        let feed = try items("""
            <?xml version="1.0" encoding="UTF-8"?>
            <rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>News</title>
              <item><title>Floods in <![CDATA[Basra]]></title><link> /2024/basra?utm_source=rss </link>
                <pubDate>Tue, 05 Mar 2024 10:15:00 +0300</pubDate><guid isPermaLink="false">tag:1</guid></item>
              <item><title>Permalink only</title><guid>https://news.example.org/2024/mosul</guid><dc:date>2024-03-06</dc:date></item>
              <item><title>No link</title><guid isPermaLink="false">tag:3</guid></item>
              <item><title>Again</title><link>https://news.example.org/2024/basra?utm_source=rss</link></item>
              <item><title>Mail</title><link>mailto:desk@example.org</link></item>
            </channel></rss>
            """)
        #expect(feed == [
            FeedItem(link: "https://news.example.org/2024/basra?utm_source=rss", title: "Floods in Basra", published: "Tue, 05 Mar 2024 10:15:00 +0300", guid: "tag:1"),
            FeedItem(link: "https://news.example.org/2024/mosul", title: "Permalink only", published: "2024-03-06", guid: "https://news.example.org/2024/mosul"),
        ])
    }

    @Test func atomEntriesTakeTheAlternateHTMLLink() throws {
        let feed = try items("""
            <feed xmlns="http://www.w3.org/2005/Atom"><title>A</title>
              <entry><id>urn:1</id><title type="text">Aleppo</title>
                <link rel="self" href="https://news.example.org/api/1"/>
                <link rel="alternate" type="application/pdf" href="https://news.example.org/1.pdf"/>
                <link rel="alternate" type="text/html" href="https://news.example.org/1"/>
                <updated>2024-03-07T08:00:00Z</updated><published>2024-03-06T08:00:00Z</published></entry>
              <entry><id>urn:2</id><title>Homs</title><link href="2"/><updated>2024-03-08T08:00:00Z</updated></entry>
            </feed>
            """, url: "https://news.example.org/atom/")
        #expect(feed == [
            FeedItem(link: "https://news.example.org/1", title: "Aleppo", published: "2024-03-06T08:00:00Z", guid: "urn:1"),
            FeedItem(link: "https://news.example.org/atom/2", title: "Homs", published: "2024-03-08T08:00:00Z", guid: "urn:2"),
        ])
    }

    @Test func rss1ItemsAreRead() throws {
        let feed = try items("""
            <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
              <channel rdf:about="https://news.example.org/"><title>N</title></channel>
              <item rdf:about="https://news.example.org/3"><title>Raqqa</title><link>https://news.example.org/3</link><dc:date>2024-03-09</dc:date></item>
            </rdf:RDF>
            """)
        #expect(feed == [FeedItem(link: "https://news.example.org/3", title: "Raqqa", published: "2024-03-09", guid: "https://news.example.org/3")])
    }

    @Test func whatIsNotAFeedSaysSo() {
        #expect(throws: DocumentError("not an RSS or Atom feed (the root element is <html>)")) {
            try items("<html><body><p>Hello</p></body></html>")
        }
        #expect(throws: DocumentError.self) { try items("") }
        #expect(throws: DocumentError.self) { try items("\u{1}\u{2} not xml at all") }
    }

    @Test func entitiesAreNeverExpanded() throws {
        // A billion laughs: libxml2 stops at the amplification, and nothing is expanded.
        let bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE rss [
              <!ENTITY a "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa">
              <!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">
              <!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">
              <!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">
            ]>
            <rss version="2.0"><channel><item><title>&d;x</title><link>https://news.example.org/4</link></item></channel></rss>
            """
        let laughs = (try? items(bomb)) ?? []
        #expect(laughs.allSatisfy { ($0.title?.count ?? 0) < 100 })
        // An external entity is never read.
        let external = try items("""
            <?xml version="1.0"?>
            <!DOCTYPE rss [<!ENTITY e SYSTEM "file:///etc/passwd">]>
            <rss version="2.0"><channel><item><title>&e;x</title><link>https://news.example.org/5</link></item></channel></rss>
            """)
        #expect(external.count == 1)
        #expect(external.first?.title == "x")
    }
}
