import Testing
@testable import GeotagCore

/// robots.txt as RFC 9309 reads it, with the RFC's own examples where it has them.
@Suite struct RobotsTxtTests {
    private func robots(_ text: String, agent: String = "geotag/1.0 (+https://example.org)") -> RobotsTxt {
        RobotsTxt(Array(text.utf8), userAgent: agent)
    }

    @Test func theGroupOfOurProductTokenWinsOverTheStar() {
        let file = robots("""
            User-agent: *
            Disallow: /

            User-agent: GeoTag
            Disallow: /private/
            """)
        #expect(file.allows(path: "/news/1"))
        #expect(!file.allows(path: "/private/x"))
        #expect(!robots("User-agent: *\nDisallow: /\n\nUser-agent: other\nAllow: /").allows(path: "/news"))
    }

    @Test func groupsOfTheSameAgentAreMergedAndAgentsShareAGroup() {
        let file = robots("""
            user-agent: a
            user-agent: geotag
            disallow: /x
            sitemap: https://example.org/sitemap.xml

            user-agent: geotag
            disallow: /y
            """)
        #expect(!file.allows(path: "/x/1"))
        #expect(!file.allows(path: "/y"))
        #expect(file.allows(path: "/z"))
    }

    @Test func theLongestMatchWinsAndAllowWinsATie() {
        let file = robots("""
            User-agent: *
            Disallow: /example/
            Allow: /example/page/
            Disallow: /example/page/disallowed.gif
            Allow: /tie
            Disallow: /tie
            """)
        #expect(!file.allows(path: "/example/x"))
        #expect(file.allows(path: "/example/page/x"))
        #expect(!file.allows(path: "/example/page/disallowed.gif"))
        #expect(file.allows(path: "/tie"))
    }

    @Test func starAndDollarMatchAsTheRFCSays() {
        let file = robots("""
            User-agent: *
            Disallow: /*.gif$
            Disallow: /search*q=
            Allow: /$
            Disallow: /
            """)
        #expect(!file.allows(path: "/a/b.gif"))
        #expect(file.allows(path: "/"))
        #expect(!file.allows(path: "/a/b.gif?x=1"))  // not .gif at the end, so "/" decides
        #expect(!file.allows(path: "/page"))
        #expect(!file.allows(path: "/search/x?q=1"))
        #expect(RobotsTxt.matches(Array("/*.gif$".utf8), Array("/x.gif".utf8)))
        #expect(!RobotsTxt.matches(Array("/*.gif$".utf8), Array("/x.gif?y".utf8)))
        #expect(RobotsTxt.matches(Array("/a*b*c".utf8), Array("/axxbyyczz".utf8)))
        #expect(!RobotsTxt.matches(Array("/a*b*c".utf8), Array("/axxbyy".utf8)))
    }

    @Test func emptyDisallowCommentsAndOddLinesAreHarmless() {
        let file = robots("\u{FEFF}# hello\r\nUser-agent: *   # everyone\r\nDisallow:\r\nCrawl-delay: 10\r\nnonsense\r\nDisallow: /tmp # temp\r\n")
        #expect(file.allows(path: "/news"))
        #expect(!file.allows(path: "/tmp/1"))
        #expect(robots("Disallow: /\n").allows(path: "/x"))  // a rule before any group
        #expect(robots("").allows(path: "/anything"))
    }

    @Test func percentEncodingAndNonASCIIPathsCompareEqual() {
        let file = robots("User-agent: *\nDisallow: /ملف\nDisallow: /a%3cb\n")
        #expect(!file.allows(path: "/%D9%85%D9%84%D9%81/1"))
        #expect(!file.allows(path: "/a%3Cb"))
    }

    @Test func robotsTxtItselfIsAlwaysAllowed() {
        #expect(RobotsTxt.disallowAll.allows(path: "/robots.txt"))
        #expect(!RobotsTxt.disallowAll.allows(path: "/"))
    }

    @Test func productTokens() {
        #expect(RobotsTxt.productToken("geotag/0.1 (+https://example.org)") == "geotag")
        #expect(RobotsTxt.productToken("  Googlebot-News ") == "googlebot-news")
        #expect(RobotsTxt.productToken("*") == "*")
    }
}
