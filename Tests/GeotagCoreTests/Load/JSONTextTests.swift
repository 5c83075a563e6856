import Foundation
import Testing
@testable import GeotagCore

@Suite struct JSONTextTests {
    @Test func escapesWhatJSONRequires() {
        #expect(JSONText.quoted(#"say "hi" \ bye"#) == #""say \"hi\" \\ bye""#)
        #expect(JSONText.quoted("a\nb\r\tc") == #""a\nb\r\tc""#)
        #expect(JSONText.quoted("\u{0}\u{1}\u{8}\u{C}\u{1F}") == #""\u0000\u0001\b\f\u001f""#)
        #expect(JSONText.quoted("line\u{2028}para\u{2029}end") == #""line\u2028para\u2029end""#)
        #expect(JSONText.quoted("Dēr ez-Zōr دير الزور 🇮🇶") == "\"Dēr ez-Zōr دير الزور 🇮🇶\"")
        #expect(JSONText.quoted("") == "\"\"")
        // A lone E2 lead byte pattern that is not U+2028 passes through untouched.
        #expect(JSONText.quoted("€ ‘x’") == "\"€ ‘x’\"")
    }

    @Test func escapedStringsParseBackToThemselves() throws {
        let samples = ["", "plain", "\"\\/", "\u{7F}\u{0}\u{1B}", "\u{2028}\u{2029}", "ü\u{301}", "𝄞 emoji 🧭", "\r\n"]
        for sample in samples {
            let json = "[" + JSONText.quoted(sample) + "]"
            let parsed = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String]
            #expect(parsed == [sample])
        }
    }

    @Test func objectWriterKeepsOrderAndWritesNulls() {
        var object = JSONObjectWriter()
        object.add("s", "x\"y")
        object.add("n", 3)
        object.add("r", -3.7)
        object.add("missing", nil as String?)
        object.add("nan", Double.nan)
        object.add("b", true)
        object.add("nested", json: Array(#"{"k":[1,2]}"#.utf8))
        #expect(object.text == #"{"s":"x\"y","n":3,"r":-3.7,"missing":null,"nan":null,"b":true,"nested":{"k":[1,2]}}"#)
        #expect(JSONObjectWriter().text == "{}")
    }

    @Test func mentionRecordObjectHasEveryFieldInOrder() throws {
        let (article, mentions) = LoadFixtures.sample("d1")
        var record = LoadFixtures.record(mentions[0], in: article)
        record.title = nil
        let object = try JSONSerialization.jsonObject(with: Data(record.jsonText.utf8)) as? [String: Any]
        #expect(Set(object?.keys ?? [:].keys) == Set(MentionRecord.fields.map(\.name)))
        #expect(object?["title"] is NSNull)
        #expect(object?["lon"] as? Double == -3.70256)
        let text = record.jsonText
        let positions = MentionRecord.fields.map { text.range(of: "\"\($0.name)\":")!.lowerBound }
        #expect(positions == positions.sorted())
    }
}

@Suite struct DecimalTextTests {
    @Test func shortestNeverUsesAnExponent() {
        #expect(DecimalText.shortest(-3.7) == "-3.7")
        #expect(DecimalText.shortest(44.0) == "44.0")
        #expect(DecimalText.shortest(0.00001) == "0.00001")
        #expect(DecimalText.shortest(-1.25e-7) == "-0.000000125")
        #expect(DecimalText.shortest(1e16) == "10000000000000000.0")
        #expect(DecimalText.shortest(1.5e17) == "150000000000000000.0")
        #expect(DecimalText.shortest(-0.0) == "0.0")
        #expect(DecimalText.shortest(.nan) == nil)
        #expect(DecimalText.shortest(.infinity) == nil)
    }

    /// Numbers of at most six decimals are written from their millionths, the others
    /// through `description`: both ways give the same text.
    @Test func millionthsAreWrittenAsDescriptionWritesThem() {
        var generator = SplitMix64(seed: 21)
        var fast = 0
        for _ in 0..<100_000 {
            let decimals = Int.random(in: 0...7, using: &generator)
            let units = Double(UInt64.random(in: 0...(1 << 50), using: &generator) >> UInt64.random(in: 0...50, using: &generator))
            let near = (1e9 - 1) + Double(Int.random(in: 0...2_000_000, using: &generator)) / 1e6
            for x in [units / pow(10, Double(decimals)), (Double(Int.random(in: -18_000_000...18_000_000, using: &generator)) / 1e5),
                      Double(Int.random(in: 0...1000, using: &generator)) / 1000, near, Double(bitPattern: generator.next())] {
                guard x.isFinite, x != 0 else { continue }
                for value in [x, -x] {
                    let text = DecimalText.shortest(value)
                    #expect(text == DecimalText.expanded(value), "\(value)")
                    if value.magnitude < 1e9, ((value.magnitude * 1e6).rounded() / 1e6) == value.magnitude { fast += 1 }
                }
            }
        }
        #expect(fast > 500_000)
        #expect(DecimalText.rounded(-0.0000001) == "0")
        #expect(DecimalText.rounded(44.3614884) == "44.361488")
        #expect(DecimalText.rounded(-3.70) == "-3.7")
    }

    @Test func shortestRoundTrips() {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let x = Double(bitPattern: generator.next() as UInt64)
            guard x.isFinite else { continue }
            let text = DecimalText.shortest(x)!
            #expect(!text.contains("e"))
            #expect(Double(text) == x)
        }
    }

    @Test func roundedKeepsAtMostSixDecimals() {
        #expect(DecimalText.rounded(44.36148765) == "44.361488")
        #expect(DecimalText.rounded(-3.7) == "-3.7")
        #expect(DecimalText.rounded(33.0) == "33")
        #expect(DecimalText.rounded(-0.0000004) == "0")
        #expect(DecimalText.rounded(0.000001) == "0.000001")
        #expect(DecimalText.rounded(-179.9999999) == "-180")
        #expect(DecimalText.rounded(12.3456789, places: 2) == "12.35")
        #expect(DecimalText.rounded(.nan) == nil)
    }
}

@Suite struct ByteWordsTests {
    /// Every byte value at every place of a word, and in the short tail that is padded.
    @Test func findsEachByteAtEachPlace() {
        for byte in UInt8.min...UInt8.max {
            for count in [8, 5] {
                for place in 0..<count {
                    var text = [UInt8](repeating: UInt8(ascii: "m"), count: count)
                    text[place] = byte
                    text.withUnsafeBufferPointer { utf8 in
                        let word = ByteWords.word(utf8, at: 0)
                        #expect(ByteWords.contains(byte, in: word))
                        let padding = count < 8 && byte &+ 1 == UInt8(ascii: "A")
                        #expect(ByteWords.contains(byte &+ 1, in: word) == (byte &+ 1 == UInt8(ascii: "m") || padding))
                        #expect(ByteWords.containsControl(word) == (byte < 0x20))
                    }
                }
            }
        }
    }
}

@Suite struct LongTextEscapeTests {
    /// Each byte that needs an escape or quotes, at every place of a text longer than a
    /// word: the escapes parse back, and the CSV cell is quoted exactly when it must be.
    @Test func specialsAreFoundAtEveryPlace() throws {
        let specials = ["\"", "\\", "\n", "\r", "\t", "\u{1}", ",", "\u{2028}", "€"]
        for special in specials {
            for place in 0...20 {
                let text = String(repeating: "a", count: place) + special + String(repeating: "b", count: 20 - place)
                let parsed = try JSONSerialization.jsonObject(with: Data(("[" + JSONText.quoted(text) + "]").utf8)) as? [String]
                #expect(parsed == [text])
                #expect(!JSONText.quoted(text).contains("\u{2028}"))
                var cell: [UInt8] = []
                CSVWriter.appendCell(text, to: &cell)
                let quoted = cell.first == UInt8(ascii: "\"")
                #expect(quoted == ["\"", ",", "\n", "\r"].contains(special), "\(special.debugDescription) at \(place)")
            }
        }
    }
}
