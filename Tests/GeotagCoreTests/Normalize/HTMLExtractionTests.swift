import Testing
@testable import GeotagCore

@Suite struct HTMLExtractionTests {
    @Test func boilerplateIsDroppedAndParagraphsKeptInOrder() throws {
        let article = try normalizeHTML("""
            <html><head><title>T</title><style>p { color: red }</style></head><body>
            <div class="cookie-notice">We use cookies</div>
            <header><a href="/">Logo</a></header>
            <nav><a>Menu item</a></nav>
            <div class="mainMenu">Menu by class</div>
            <div id="sidebar-right">Sidebar by id</div>
            <h1>Headline</h1>
            <p>First paragraph.</p>
            <script>var x = "script text";</script>
            <noscript>Enable scripts</noscript>
            <h2>Subhead</h2>
            <p>Second <b>paragraph</b> with <a href="#">a link</a>.</p>
            <div class="related-posts"><p>Related story</p></div>
            <div class="social-share">Share</div>
            <div id="comments"><p>A comment</p></div>
            <p hidden>Hidden text</p>
            <div aria-hidden="true">Decorative</div>
            <div role="navigation">Role navigation</div>
            <aside>Aside text</aside>
            <form><label>Search</label></form>
            <iframe src="x">Frame</iframe>
            <template><p>Template</p></template>
            <svg><text>Drawing</text></svg>
            <footer>Footer text</footer>
            </body></html>
            """)
        #expect(article.text == "Headline\n\nFirst paragraph.\n\nSubhead\n\nSecond paragraph with a link.")
    }

    @Test func blocksAndLineBreaksShapeParagraphs() throws {
        let article = try normalizeHTML("""
            <body><div>Intro text<p>Inner paragraph</p>tail text</div>
            <p>Line one<br>Line two<br/><br>New paragraph after two breaks</p>
            <ul><li>Item one</li><li>Item two</li></ul>
            <table><tr><td>Cell A</td><td>Cell B</td></tr></table>
            <blockquote>Quoted</blockquote></body>
            """)
        #expect(article.text == """
            Intro text

            Inner paragraph

            tail text

            Line one
            Line two

            New paragraph after two breaks

            Item one

            Item two

            Cell A Cell B

            Quoted
            """)
    }

    @Test func entitiesAreDecodedAndTextIsCleaned() throws {
        let article = try normalizeHTML("""
            <p>Tom &amp; Jerry&nbsp;in &eacute;t&eacute; &#x628;&#1594;&#x62F;&#x627;&#x62F; &ldquo;quoted&rdquo;</p>
            <p>  spread\t\tover
               lines  </p>
            <p>soft&shy;hyphen zero\u{200B}width bidi\u{200F}mark e\u{0301}t\u{0065}\u{0301} joiner\u{200C}kept</p>
            """)
        // Compared as bytes: String equality would accept a decomposed é as well.
        #expect(Array(article.text.utf8) == Array("""
            Tom & Jerry in \u{E9}t\u{E9} بغداد “quoted”

            spread over lines

            softhyphen zerowidth bidimark \u{E9}t\u{E9} joiner\u{200C}kept
            """.utf8))
        #expect(!article.text.unicodeScalars.contains("\u{0301}"))
    }

    @Test func articleContainersArePreferredAndTheLongestWins() throws {
        let article = try normalizeHTML("""
            <body><p>Site intro outside the article.</p>
            <article class="card"><p>Short teaser.</p></article>
            <article><h1>Title</h1><p>The real story, which is much longer than the teaser card.</p>
              <article class="comment"><p>A nested comment.</p></article></article>
            <article class="comment"><p>A comment that is marked up as an article, long enough to beat the story if it were allowed to compete, which it must not.</p></article>
            </body>
            """)
        #expect(article.text == "Title\n\nThe real story, which is much longer than the teaser card.")

        let itemprop = try normalizeHTML("""
            <main><p>Main wrapper text.</p><div itemprop="articleBody"><p>The body.</p></div></main>
            """)
        #expect(itemprop.text == "The body.")

        let main = try normalizeHTML("<body><p>Outside.</p><main class=\"with-sidebar\"><p>Inside main.</p></main></body>")
        #expect(main.text == "Inside main.")
    }

    @Test func headerInsideAnArticleKeepsTheHeadline() throws {
        let article = try normalizeHTML("""
            <header>Site banner</header><article><header><h1>Headline</h1></header><p>Body.</p>
            <footer>Tags</footer></article>
            """)
        #expect(article.text == "Headline\n\nBody.")
    }

    @Test func withoutAContainerTheBodyIsUsed() throws {
        let emptyArticle = try normalizeHTML("<body><article><img src=x></article><p>Body text.</p></body>")
        #expect(emptyArticle.text == "Body text.")
        let fragment = try normalizeHTML("Just some <i>text</i>")
        #expect(fragment.text == "Just some text")
    }

    @Test func aPageWithoutTextIsAFailure() {
        for html in ["", "<html><head><title>Only a title</title></head><body> <nav>Menu</nav> </body></html>", "<script>x()</script>"] {
            #expect(throws: DocumentError("no text")) { try normalizeHTML(html) }
        }
    }

    @Test func invalidUTF8IsReplacedWithoutGarblingTheRest() throws {
        let bytes = Array("<p>Qamishli é ".utf8) + [0xFF, 0xFE] + Array(" الحسكة</p>".utf8)
        let article = try normalizePage(bytes)
        #expect(article.text.hasPrefix("Qamishli é \u{FFFD}"))
        #expect(article.text.hasSuffix(" الحسكة"))
    }

    @Test func aDeclaredLegacyCharsetIsHonoured() throws {
        let bytes = try NormalizeTestFiles.fixture("windows1256_arabic.html")
        let article = try normalizePage(bytes)
        #expect(article.text == "افتتاح جسر جديد في بغداد على نهر دجلة.")
        #expect(article.title == "أخبار بغداد")
        #expect(article.language == "ar")
    }

    @Test func aPageItsScriptsFillInGetsTheJSONLDArticleBody() throws {
        func page(_ body: String, shown: String) -> String {
            let json = #"{"@type": "NewsArticle", "headline": "Convoy reaches Idlib", "articleBody": "\#(body)"}"#
            return "<html><head><title>Convoy reaches Idlib</title><script type=\"application/ld+json\">\(json)</script></head><body>\(shown)</body></html>"
        }
        let plain = try normalizeHTML(page(
            "Trucks crossed at Bab al-Hawa on Tuesday morning.\\n\\nThey unloaded near Sarmada and Atmeh.",
            shown: "<div id=root><p>Loading…</p></div>"))
        #expect(plain.text == "Convoy reaches Idlib\n\nTrucks crossed at Bab al-Hawa on Tuesday morning.\n\nThey unloaded near Sarmada and Atmeh.")

        let markup = try normalizeHTML(page(
            "<p>Trucks crossed at <b>Bab al-Hawa</b> on Tuesday morning.</p><p>They unloaded near Sarmada.</p>", shown: ""))
        #expect(markup.text == "Convoy reaches Idlib\n\nTrucks crossed at Bab al-Hawa on Tuesday morning.\n\nThey unloaded near Sarmada.")

        // A page that shows the article keeps its own text, even with a shorter JSON-LD body.
        let shown = try normalizeHTML(page(
            "Trucks crossed.", shown: "<article><p>Trucks crossed at Bab al-Hawa on Tuesday morning and unloaded near Sarmada.</p></article>"))
        #expect(shown.text == "Trucks crossed at Bab al-Hawa on Tuesday morning and unloaded near Sarmada.")
    }

    @Test func classAndIDWords() {
        #expect(BoilerplateRules.words(of: "post-body relatedLinks nav2 comment_list") == ["post", "body", "related", "links", "nav", "comment", "list"])
        for value in ["comments", "navbar", "relatedPosts", "share-tools", "cookie-banner", "site_footer", "mainMenu", "left-sidebar"] {
            #expect(BoilerplateRules.saysBoilerplate(value), "\(value)")
        }
        for value in ["canvas", "unavailable", "commentary", "story-body", "article-content", "shadow"] {
            #expect(!BoilerplateRules.saysBoilerplate(value), "\(value)")
        }
    }
}
