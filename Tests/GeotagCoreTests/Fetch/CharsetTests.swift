import Testing
@testable import GeotagCore

@Suite struct CharsetTests {
    @Test func contentTypeParts() {
        #expect(Charset.mediaType(ofContentType: "Text/HTML; charset=UTF-8") == "text/html")
        #expect(Charset.parameter(ofContentType: "text/html; charset=\"Windows-1256\"") == "windows-1256")
        #expect(Charset.parameter(ofContentType: "text/html;foo=bar; Charset = iso-8859-6 ") == "iso-8859-6")
        #expect(Charset.parameter(ofContentType: "text/html") == nil)
    }

    @Test func aDeclaredCharsetBecomesUTF8() {
        let baghdad: [UInt8] = [0xC8, 0xDB, 0xCF, 0xC7, 0xCF]  // بغداد in windows-1256
        #expect(String(decoding: Charset.utf8(baghdad, declared: "windows-1256"), as: UTF8.self) == "بغداد")
        #expect(String(decoding: Charset.utf8([0x63, 0x61, 0x66, 0xE9, 0x80], declared: "iso-8859-1"), as: UTF8.self) == "café€")
        #expect(String(decoding: Charset.utf8([0xFF, 0xFE, 0x41, 0x00, 0x0C, 0x06], declared: "windows-1256"), as: UTF8.self) == "A،")
    }

    @Test func utf8UnknownAndAbsentCharsetsLeaveTheBytes() {
        let bytes: [UInt8] = [0xC8, 0xDB, 0x41]
        #expect(Charset.utf8(bytes, declared: nil) == bytes)
        #expect(Charset.utf8(bytes, declared: "utf-8") == bytes)
        #expect(Charset.utf8(bytes, declared: "x-no-such-charset") == bytes)
    }

    @Test func invalidSequencesBecomeReplacementCharacters() {
        // 0x81 is undefined in Shift_JIS as a lone byte at the end.
        let converted = String(decoding: Charset.utf8([0x41, 0x82], declared: "shift_jis"), as: UTF8.self)
        #expect(converted == "A\u{FFFD}")
    }
}
