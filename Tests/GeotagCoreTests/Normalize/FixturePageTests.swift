import Foundation
import Testing
@testable import GeotagCore

/// The fixture pages in `Fixtures/normalize/pages/`: each `NAME.html` has its expected
/// clean text in `NAME.txt` and its expected metadata in `NAME.json` (`url` null when
/// the page names none, so the article's URL is its location).
@Suite struct FixturePageTests {
    struct Page: CustomTestStringConvertible, Sendable {
        var name: String
        var html: [UInt8]
        var text: String
        var metadata: [String: String?]

        var testDescription: String { name }
        var location: String { "fixtures/\(name).html" }
    }

    static let folder = NormalizeTestFiles.repositoryRoot.appendingPathComponent("Tests/GeotagCoreTests/Fixtures/normalize/pages")

    static let pages: [Page] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".html") }.sorted().compactMap { file in
            let name = String(file.dropLast(5))
            let base = folder.appendingPathComponent(name)
            guard let html = try? Data(contentsOf: base.appendingPathExtension("html")),
                  let text = try? String(contentsOf: base.appendingPathExtension("txt"), encoding: .utf8),
                  let json = try? Data(contentsOf: base.appendingPathExtension("json")),
                  let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any]
            else { return nil }
            let metadata = object.mapValues { $0 as? String }
            return Page(name: name, html: Array(html), text: text, metadata: metadata)
        }
    }()

    static let fields = ["title", "published", "author", "site", "url", "language"]

    @Test func thereAreEnoughPages() {
        #expect(Self.pages.count >= 25)
    }

    @Test(arguments: pages)
    func textScoresAtLeast95(page: Page) throws {
        let article = try normalizePage(page.html, location: page.location)
        let score = TokenF1(predicted: article.text, expected: page.text)
        #expect(score.f1 >= 0.95, "F1 \(score.f1) (precision \(score.precision), recall \(score.recall))\n\(article.text)")
    }

    @Test(arguments: pages)
    func everyMetadataFieldIsRight(page: Page) throws {
        let article = try normalizePage(page.html, location: page.location)
        let found: [String: String?] = [
            "title": article.title, "published": article.published, "author": article.author,
            "site": article.site, "url": article.url, "language": article.language,
        ]
        for field in Self.fields {
            var expected = page.metadata[field] ?? nil
            if field == "url", expected == nil { expected = page.location }
            #expect(found[field] == expected, "\(field)")
        }
    }

    @Test func meanF1OverAllPages() throws {
        let scores = try Self.pages.map { page in
            TokenF1(predicted: try normalizePage(page.html, location: page.location).text, expected: page.text).f1
        }
        let mean = scores.reduce(0, +) / Double(max(1, scores.count))
        #expect(mean >= 0.95)
    }

    @Test func theBrokenPageReportsItsInvalidByteOnce() throws {
        let page = try #require(Self.pages.first { $0.name == "07-broken-markup" })
        let article = try normalizePage(page.html, location: page.location)
        #expect(article.warnings == ["invalid UTF-8: 1 byte sequence replaced with U+FFFD"])
        #expect(article.text.contains("caf\u{FFFD} on Atlas Street"))
    }

    @Test func tokenF1CountsTokensAsABag() {
        #expect(TokenF1(predicted: "a b c", expected: "a b c").f1 == 1)
        #expect(TokenF1(predicted: "", expected: "").f1 == 1)
        #expect(TokenF1(predicted: "x", expected: "y").f1 == 0)
        let half = TokenF1(predicted: "the the cat", expected: "The cat sat on the mat")
        #expect(half.precision == 1)
        #expect(half.recall == 0.5)
        #expect(TokenF1.tokens("Deir ez-Zor’s 1,200 people, دير الزور") == ["deir", "ez", "zor", "s", "1", "200", "people", "دير", "الزور"])
    }
}

/// Token-level precision, recall and F1 of an extracted text against the expected one,
/// counting tokens as a bag: a token is a run of letters, digits and `_`, lower-cased
/// (as `Benchmarks/normalize/quality.py` counts them).
struct TokenF1 {
    var precision: Double
    var recall: Double
    var f1: Double

    init(predicted: String, expected: String) {
        let found = Self.counts(Self.tokens(predicted))
        let wanted = Self.counts(Self.tokens(expected))
        let foundTotal = found.values.reduce(0, +)
        let wantedTotal = wanted.values.reduce(0, +)
        let common = found.reduce(0) { $0 + min($1.value, wanted[$1.key] ?? 0) }
        if foundTotal == 0, wantedTotal == 0 {
            (precision, recall, f1) = (1, 1, 1)
        } else if common == 0 {
            (precision, recall, f1) = (0, 0, 0)
        } else {
            precision = Double(common) / Double(foundTotal)
            recall = Double(common) / Double(wantedTotal)
            f1 = 2 * precision * recall / (precision + recall)
        }
    }

    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        var current = String.UnicodeScalarView()
        for scalar in text.lowercased().unicodeScalars {
            let properties = scalar.properties
            let isWord = scalar == "_" || properties.numericType != nil || [
                .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
            ].contains(properties.generalCategory)
            if isWord {
                current.append(scalar)
            } else if !current.isEmpty {
                tokens.append(String(current))
                current = String.UnicodeScalarView()
            }
        }
        if !current.isEmpty { tokens.append(String(current)) }
        return tokens
    }

    private static func counts(_ tokens: [String]) -> [String: Int] {
        tokens.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }
}
