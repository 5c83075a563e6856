import Foundation
import Testing
@testable import GeotagCore

/// ``JSONStringFields`` against `JSONSerialization`, which JSONL lines were read with
/// before: the same lines are objects, with the same strings.
@Suite struct JSONStringFieldsTests {
    private static let keys = ["text", "html", "url", "title", "published"]

    /// The string fields `JSONSerialization` reads from `line`; nil when it does not
    /// read an object.
    private static func foundation(_ line: [UInt8]) -> [String?]? {
        guard let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any] else { return nil }
        return keys.map { object[$0] as? String }
    }

    private static func ours(_ line: [UInt8]) -> [String?]? {
        line.withUnsafeBufferPointer { try? JSONStringFields.values(of: keys, in: $0) }?.map { $0.map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test(arguments: [
        #"{"text":"plain","url":"https://example.org/a","title":"T","published":"2024-05-01"}"#,
        #"{"text":"a\ud83d\ude00b \u00e9\/\"\\\b\f\n\r\t"}"#,
        #"{"text":"a\u0000b"}"#,
        #"{"html":"<p>x</p>","text":"  "}"#,
        #"{"text":"first","text":"second"}"#,
        #"{"text":1,"html":"h"}"#,
        #"{"text":"a","text":2}"#,
        #"{"t\u0065xt":"escaped key"}"#,
        #"{"n":1e5,"m":[1,{"a":null},[]],"b":true,"c":false,"x":-0.5E-3,"y":0,"z":-0}"#,
        #"  {"text":"spaces"}  "#,
        "{\"text\":\"cr\"}\r",
        "\u{FEFF}{\"text\":\"bom\"}",
        #"{"text":"trailing comma",}"#,
        #"{"a":[1,2,],"text":"x"}"#,
        #"{}"#,
        "{\"text\":\"caf\u{E9} \u{0645}\u{0648}\u{0635}\u{0644}\"}",
        // Not objects, or not JSON:
        #"[1]"#, #""text""#, #"{"text":"a\ud800b"}"#, #"{"text":"a\udc00b"}"#, #"{"text":"a"} x"#,
        #"{"n":01}"#, #"{"n":1.}"#, #"{"n":-}"#, #"{"n":NaN}"#, #"{"n":Infinity}"#, #"{"t":"\x"}"#,
        #"{'t':'a'}"#, #"{"t":"a" "u":"b"}"#, #"{"t":"a",,}"#, #"{,}"#, #"{"t":tru}"#, #"{"t":"a""#, #"{"t""#,
        "{\"text\":\"a\u{01}b\"}", "",
    ])
    func readsWhatFoundationReads(_ line: String) {
        let bytes = Array(line.utf8)
        #expect(Self.ours(bytes) == Self.foundation(bytes), "\(line)")
    }

    @Test func rejectsInvalidUTF8AsFoundationDoes() {
        let quoted = Array(#"{"text":""#.utf8)
        for bad: [UInt8] in [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE2, 0x82], [0xF4, 0x90, 0x80, 0x80]] {
            let line = quoted + bad + Array(#""}"#.utf8)
            #expect(Self.ours(line) == nil)
            #expect(Self.foundation(line) == nil)
        }
    }

    @Test func nestingStopsWhereFoundationsDoes() {
        func nested(_ depth: Int) -> [UInt8] {
            Array(("{\"a\":" + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + ",\"text\":\"x\"}").utf8)
        }
        #expect(Self.ours(nested(100)) == ["x", nil, nil, nil, nil])
        for depth in [509, 510, 511, 512, 513, 600] {
            #expect(Self.ours(nested(depth)) == Self.foundation(nested(depth)), "\(depth)")
        }
        // Far deeper than any reader needs: refused without exhausting the stack.
        #expect(Self.ours(nested(100_000)) == nil)
    }

    @Test func blankIsWhatCharacterCallsWhiteSpace() {
        for text in ["", " ", "\t\n\r\u{0B}\u{0C}", "\u{A0}\u{2003}\u{2028}\u{3000}\u{85}", "a", " a ", "\u{200B}", "\u{FEFF}", "\u{E9}"] {
            #expect(JSONLines.isBlank(Array(text.utf8)) == text.allSatisfy(\.isWhitespace), "\(text.unicodeScalars.map(\.value))")
        }
    }

    /// A line is UTF-8; `JSONSerialization` read these bytes as UTF-16 (found by
    /// `make fuzz`).
    @Test func aLineIsUTF8() {
        let utf16 = Array("{\"text\":\"a\"}".utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] })
        #expect(Self.ours(utf16) == nil)
        #expect(Self.ours([0x00, 0x7B, 0x00, 0x7D, 0x00, 0x20, 0x20]) == nil)
        #expect(Self.foundation([0x00, 0x7B, 0x00, 0x7D, 0x00, 0x20, 0x20]) == [nil, nil, nil, nil, nil])
    }

    /// `JSONSerialization` dropped a U+FEFF that starts a string or follows an escape
    /// (its pieces were made as Foundation strings, which take it for a byte-order
    /// mark); it is kept here, as written, and the normalizer's hygiene removes it from
    /// texts and titles.
    @Test func aZeroWidthNoBreakSpaceInAStringIsKept() {
        let line = Array("{\"text\":\"\u{FEFF}a\\n\u{FEFF}b\"}".utf8)
        #expect(Self.ours(line) == ["\u{FEFF}a\n\u{FEFF}b", nil, nil, nil, nil])
        #expect(Self.foundation(line) == ["a\nb", nil, nil, nil, nil])
    }

    /// Lines made from article-like objects, then damaged a byte at a time, read alike.
    @Test func randomDamagedLinesReadAlike() {
        var random = SplitMix64(seed: 20261127)
        let pieces = ["\"", "\\", "\\u", "00e9", "d83d", "\\ude00", "{", "}", "[", "]", ",", ":", " ", "1", "-", ".", "e", "null", "true", "\u{E9}"]
        var disagreements: [String] = []
        for _ in 0..<20000 {
            let title = String(repeating: "word ", count: Int(random.next() % 5))
            var line = Array(#"{"url":"https://example.org/\#(random.next() % 100)","title":"\#(title)","n":[1,2.5e3,{"k":null}],"text":"Mosul \u00e9 \"q\" \n end"}"#.utf8)
            for _ in 0..<Int(random.next() % 3) {
                let position = Int(random.next() % UInt64(line.count))
                let piece = Array(pieces[Int(random.next() % UInt64(pieces.count))].utf8)
                if random.next() % 2 == 0 {
                    line.replaceSubrange(position..<(position + 1), with: piece)
                } else {
                    line.insert(contentsOf: piece, at: position)
                }
            }
            if Self.ours(line) != Self.foundation(line) { disagreements.append(String(decoding: line, as: UTF8.self)) }
        }
        #expect(disagreements.isEmpty, "\(disagreements.prefix(5))")
    }
}
