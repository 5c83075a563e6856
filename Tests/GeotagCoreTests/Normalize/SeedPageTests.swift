import Foundation
import Testing
@testable import GeotagCore

/// The sample articles in `seeds/` go through fetch and normalize as the default
/// pipeline runs them.
@Suite struct SeedPageTests {
    private func newsPage() throws -> Article {
        let bytes = try NormalizeTestFiles.seed("001_mosul_old_bridge.html")
        return try normalizePage(bytes, location: "seeds/001_mosul_old_bridge.html")
    }

    @Test func newsPageCleanTextHasNoBoilerplatePlaceNames() throws {
        let article = try newsPage()
        for name in ["Baghdad", "Erbil", "Basra", "Kirkuk", "Sulaymaniyah", "Najaf", "Karbala", "Aleppo", "Duhok", "Amman", "Beirut"] {
            #expect(!article.text.contains(name), "boilerplate place \(name) leaked into the text")
        }
        for name in ["Mosul", "Tigris", "Nineveh", "Tal Afar", "Hammam al-Alil", "Bab al-Tob"] {
            #expect(article.text.contains(name), "article place \(name) is missing")
        }
        for noise in ["cookies", "Share", "Related", "comments", "Most read", "Filed under", "Newsletter"] {
            #expect(!article.text.contains(noise), "\(noise) leaked into the text")
        }
    }

    @Test func newsPageParagraphsAreInOrderAndClean() throws {
        let article = try newsPage()
        let paragraphs = article.text.components(separatedBy: "\n\n")
        // The headline comes first: the article body (itemprop=articleBody) does not hold it.
        #expect(paragraphs.count == 8)
        #expect(paragraphs.first == "Mosul reopens the Old Bridge over the Tigris after four years of repairs")
        #expect(paragraphs[1].hasPrefix("MOSUL — Traffic returned on Thursday"))
        #expect(paragraphs[3] == "“An hour for two kilometres”")
        #expect(paragraphs.last?.hasSuffix("which floods every spring.\nReporting by Layla Hassan; editing by Omar Saleh.") == true)
        #expect(article.text.contains("14 billion dinars"))
        #expect(article.text.contains("pieces of ordnance"))
        #expect(!article.text.unicodeScalars.contains { $0 == "\u{00AD}" || $0 == "\u{00A0}" })
    }

    @Test func newsPageMetadata() throws {
        let article = try newsPage()
        #expect(article.title == "Mosul reopens the Old Bridge over the Tigris after four years of repairs")
        #expect(article.published == "2024-05-16T09:30:00+03:00")
        #expect(article.author == "Layla Hassan")
        #expect(article.site == "Tigris Daily")
        #expect(article.language == "en")
        #expect(article.url == "https://tigris-daily.example/news/2024/05/16/mosul-old-bridge-reopens")
        #expect(article.docID == Normalizer.docID(forKey: "seeds/001_mosul_old_bridge.html"))
    }

    @Test func everySeedGoesThroughFetchAndNormalize() throws {
        let source = FileSource(name: "seeds", path: "seeds", baseDirectory: NormalizeTestFiles.repositoryRoot.path)
        let items = ScratchFolder.items(of: source)
        #expect(items.allSatisfy { $0.failure == nil })
        let articles = try items.compactMap(\.document).map { try Normalizer().process($0) }
        #expect(articles.count >= 7)
        #expect(Set(articles.map(\.docID)).count == articles.count)

        let wire = articles.filter { $0.url.hasPrefix("https://wire.example/") }
        #expect(wire.map(\.published) == ["2024-06-03T16:45:00+03:00", "2024-06-09T14:20:00+03:00"])
        #expect(wire.last?.text.contains("Irbid") == false)
        #expect(wire.last?.text.hasPrefix("Nasib-Jaber crossing extends hours as truck traffic returns\n\nThe Nasib border crossing") == true)

        let bank = try #require(articles.first { $0.url == "seeds/003_central_bank_rates.txt" })
        #expect(bank.title == "Central bank holds its policy rate and signals patience on cuts")
    }
}

@Suite struct NormalizerConcurrencyTests {
    /// The runner calls one normalizer from many threads; libxml2 must give every
    /// thread the same result as a single one.
    @Test func parallelCallsGiveTheSameArticles() throws {
        let pages = try ["001_mosul_old_bridge.html"].map(NormalizeTestFiles.seed)
            + [try NormalizeTestFiles.fixture("windows1256_arabic.html"), try NormalizeTestFiles.fixture("jsonld_graph.html")]
        let expected = try pages.map { try normalizePage($0) }
        let mismatches = ScratchCounter()
        DispatchQueue.concurrentPerform(iterations: 64) { index in
            let page = index % pages.count
            if (try? normalizePage(pages[page])) != expected[page] { _ = mismatches.increment() }
        }
        #expect(mismatches.value == 0)
    }
}
