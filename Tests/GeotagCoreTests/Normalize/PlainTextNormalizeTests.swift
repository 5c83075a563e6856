import Testing
@testable import GeotagCore

@Suite struct PlainTextNormalizeTests {
    @Test func validUTF8IsItsOwnCleanTextByteForByte() throws {
        let samples = [
            "  leading spaces, trailing newline\n",
            "Windows\r\nline endings\r\n\r\nkept",
            "\u{FEFF}byte-order mark and e\u{0301} not normalised, tabs\tand  double  spaces",
            "بغداد، الموصل، دير الزور، الحسكة\u{200C}\u{00AD}",
            "emoji 🇮🇶 and zero\u{200B}width",
        ]
        for sample in samples {
            let article = try normalizeText(Array(sample.utf8))
            #expect(Array(article.text.utf8) == Array(sample.utf8))
            #expect(article.text.unicodeScalars.count == sample.unicodeScalars.count)
        }
    }

    @Test func theSeedArticleIsUnchangedAndTitled() throws {
        let bytes = try NormalizeTestFiles.seed("000_6f2d1026ffcd891d.txt")
        let article = try normalizeText(bytes, location: "seeds/000_6f2d1026ffcd891d.txt")
        #expect(Array(article.text.utf8) == bytes)
        #expect(article.title == "The international coalition confirms its stay in Iraq and determines the whereabouts of ISIS")
        #expect(article.url == "seeds/000_6f2d1026ffcd891d.txt")
        #expect(article.language == nil)
        let offset = try #require(article.text.range(of: "Rumailan"))
        let start = article.text.unicodeScalars.distance(from: article.text.startIndex, to: offset.lowerBound)
        #expect(String(bytes[start..<start + 8].map { Character(Unicode.Scalar($0)) }) == "Rumailan")
    }

    @Test func invalidUTF8IsReplacedAndNothingElseChanges() throws {
        let bytes: [UInt8] = Array("Tal ".utf8) + [0xFF] + Array("Afar ".utf8) + [0xC3] + Array(" é\n".utf8)
        let article = try normalizeText(bytes)
        #expect(article.text == "Tal \u{FFFD}Afar \u{FFFD} é\n")
        #expect(article.text.unicodeScalars.count == 14)
    }

    @Test func titleIsAShortFirstLineFollowedByABlankLine() throws {
        func title(_ text: String) throws -> String? { try normalizeText(Array(text.utf8)).title }
        #expect(try title("Headline here\n\nBody.") == "Headline here")
        #expect(try title("  Headline  \r\n\r\nBody.") == "Headline")
        #expect(try title("Headline\nBody straight after.") == nil)
        #expect(try title("\nBody after an empty first line.\n\nMore.") == nil)
        #expect(try title(String(repeating: "long ", count: 60) + "\n\nBody.") == nil)
        #expect(try title("Only one line") == nil)
    }

    @Test func sourceMetadataWinsAndDocIDFollowsTheURL() throws {
        let body = Array("Headline\n\nBody.".utf8)
        let fromFile = try Normalizer().process(RawDocument(source: "s", location: "seeds/a.txt", body: body, format: .text))
        #expect(fromFile.docID == String(SHA256.hex(Array("seeds/a.txt".utf8)).prefix(16)))
        #expect(fromFile.docID.count == 16)

        let fromWire = try Normalizer().process(RawDocument(
            source: "wire", location: "wire.jsonl#L3", url: "https://example.org/a", body: body, format: .text,
            title: "Given title", published: "Tue, 05 Mar 2024 10:15:00 GMT"))
        #expect(fromWire.docID == Normalizer.docID(forKey: "https://example.org/a"))
        #expect(fromWire.url == "https://example.org/a")
        #expect(fromWire.title == "Given title")
        #expect(fromWire.published == "2024-03-05T10:15:00Z")
        #expect(fromWire.source == "wire")

        // White space around the source's URL is not part of it, nor of the id.
        let padded = try Normalizer().process(RawDocument(
            source: "wire", location: "wire.jsonl#L4", url: " \u{00A0}https://example.org/a\n", body: body, format: .text))
        #expect(padded.url == "https://example.org/a")
        #expect(padded.docID == fromWire.docID)
        // Without a title from the source, the text's own.
        #expect(padded.title == "Headline")
        let blank = try Normalizer().process(RawDocument(
            source: "wire", location: "wire.jsonl#L5", url: " \t ", body: body, format: .text))
        #expect(blank.url == "wire.jsonl#L5")
        #expect(TextHygiene.trimmingWhitespace("https://example.org/a") == "https://example.org/a")
        #expect(TextHygiene.trimmingWhitespace("\u{3000}x y\r\n") == "x y")
        #expect(TextHygiene.trimmingWhitespace("") == "")
    }

    @Test func arabicTextIsTaggedArabic() throws {
        let article = try normalizeText(try NormalizeTestFiles.seed("002_euphrates_deir_ez_zor_ar.txt"))
        #expect(article.language == "ar")
        #expect(article.title == "تراجع منسوب الفرات يقلق مزارعي دير الزور والحسكة")
        #expect(article.text.contains("الحسكة"))
    }

    @Test func markdownIsTextWithItsFirstHeadingAsTitle() throws {
        let bytes = try NormalizeTestFiles.seed("006_assam_floods.md")
        let article = try normalizeText(bytes, format: .markdown)
        #expect(Array(article.text.utf8) == bytes)
        #expect(article.title == "Floods in Assam displace thousands as the Brahmaputra rises")
        let other = try normalizeText(Array("Intro\n\n## Sub\n\n# Real title ##\n".utf8), format: .markdown)
        #expect(other.title == "Real title")
    }

    @Test func emptyTextIsNoText() {
        for text in ["", "  \n\t\n"] {
            #expect(throws: DocumentError("no text")) { try normalizeText(Array(text.utf8)) }
        }
    }
}
