import Testing
@testable import GeotagCore

@Suite struct CanonicalURLTests {
    @Test func trackingFragmentsCaseAndDefaultPortsGo() {
        #expect(CanonicalURL.canonical("HTTPS://Example.ORG:443/News/1?utm_source=rss&id=7&fbclid=x&UTM_Medium=y#top")
            == "https://example.org/News/1?id=7")
        #expect(CanonicalURL.canonical("http://example.org:80") == "http://example.org/")
        #expect(CanonicalURL.canonical("http://example.org:8080/a?utm_campaign=z") == "http://example.org:8080/a")
        #expect(CanonicalURL.canonical("https://example.org/a?b=1&a=2") == "https://example.org/a?b=1&a=2")
        #expect(CanonicalURL.canonical("https://example.org/a%20b?q=%C3%A9") == "https://example.org/a%20b?q=%C3%A9")
    }

    @Test func onlyAbsoluteHTTPURLsHaveACanonicalForm() {
        #expect(CanonicalURL.canonical("file:///etc/passwd") == nil)
        #expect(CanonicalURL.canonical("/relative") == nil)
        #expect(CanonicalURL.canonical("mailto:a@example.org") == nil)
        #expect(CanonicalURL.canonical("not a url") == nil)
    }

    @Test func aPageNamesItselfOnlyOnItsOwnSite() {
        let fetched = "https://www.example.org/story?id=1&utm_source=rss"
        #expect(CanonicalURL.preferred(pageCanonical: "https://example.org/2024/story", fetchedFrom: fetched) == "https://example.org/2024/story")
        #expect(CanonicalURL.preferred(pageCanonical: "https://amp.example.org/s", fetchedFrom: fetched) == "https://amp.example.org/s")
        #expect(CanonicalURL.preferred(pageCanonical: "https://other.example.com/s", fetchedFrom: fetched) == "https://www.example.org/story?id=1")
        #expect(CanonicalURL.preferred(pageCanonical: nil, fetchedFrom: fetched) == "https://www.example.org/story?id=1")
    }
}
