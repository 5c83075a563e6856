import Testing
@testable import GeotagCore

struct GoldSetTests {
    private func decode(_ lines: String) throws(GeotagError) -> [GoldDocument] {
        try GoldSet.decode(Array(lines.utf8), file: "gold.jsonl")
    }

    /// The error a bad gold set raises.
    private func problem(_ lines: String) -> GeotagError? {
        do {
            _ = try decode(lines)
            return nil
        } catch {
            return error
        }
    }

    @Test func decodesDocumentsAndOptionalFields() throws {
        let documents = try decode("""
            \u{FEFF}{"id": "a", "text": "Rain in Mosul.", "toponyms": [{"start": 8, "end": 13, "name": "Mosul", "lat": 36.335, "lon": 43.119, "geonameid": 99072, "type": "Literal", "note": "ignored"}]}

            {"id": 7, "text": "Iraqi voices", "toponyms": [{"start": 0, "end": 5, "name": "Iraqi", "lat": null, "lon": null, "type": "Demonym"}]}
            {"id": "c", "text": "Nothing here.", "toponyms": []}\r

            """)
        #expect(documents.map(\.id) == ["a", "7", "c"])
        #expect(documents[0].toponyms == [GoldToponym(
            start: 8, end: 13, name: "Mosul", coordinate: .init(latitude: 36.335, longitude: 43.119), geonameID: 99072, type: "Literal")])
        #expect(documents[1].toponyms == [GoldToponym(start: 0, end: 5, name: "Iraqi", type: "Demonym")])
        #expect(documents[2].toponyms.isEmpty)
    }

    @Test func offsetsCountUnicodeScalars() throws {
        // The flag is two scalars and "é" written as e + U+0301 another two: one
        // Character each, so Character offsets would be wrong here.
        let text = "🇮🇶 Cafe\u{301} in Baghdad"
        let documents = try decode(#"{"id": "u", "text": "\#(text)", "toponyms": [{"start": 12, "end": 19, "name": "Baghdad"}]}"#)
        #expect(documents[0].toponyms[0].span == 12..<19)
        #expect(text.count == 17)
    }

    @Test func badJSONNamesFileAndLine() {
        let error = problem("""
            {"id": "a", "text": "x", "toponyms": []}
            {"id": "b", "text": "x", "toponyms": [}
            """)
        #expect(error == .config(file: "gold.jsonl", line: 2, key: "", reason: "not valid JSON"))
        #expect(error?.exitCode == 2)
        #expect(error?.description == "gold.jsonl:2: not valid JSON")
    }

    @Test func missingAndMistypedKeysAreNamed() {
        #expect(problem(#"{"id": "a", "text": "Mosul", "toponyms": [{"start": 0, "name": "Mosul"}]}"#)
            == .config(file: "gold.jsonl", line: 1, key: "toponyms[0].end", reason: "missing"))
        #expect(problem(#"{"id": "a", "text": "Mosul", "toponyms": [{"start": "0", "end": 5, "name": "Mosul"}]}"#)
            == .config(file: "gold.jsonl", line: 1, key: "toponyms[0].start", reason: "expected an integer"))
        #expect(problem(#"{"id": "a", "toponyms": []}"#) == .config(file: "gold.jsonl", line: 1, key: "text", reason: "missing"))
        #expect(problem(#"{"id": "a", "text": null, "toponyms": []}"#)
            == .config(file: "gold.jsonl", line: 1, key: "text", reason: "is null, expected a string"))
        #expect(problem(#"[1, 2]"#) == .config(file: "gold.jsonl", line: 1, key: "", reason: "expected an object"))
    }

    @Test func aNameThatIsNotTheTextAtItsOffsetsIsReportedWithItsDocument() {
        let error = problem("""
            {"id": "ok", "text": "Mosul", "toponyms": [{"start": 0, "end": 5, "name": "Mosul"}]}
            {"id": "gwn:9", "text": "Rain in Mosul.", "toponyms": [{"start": 8, "end": 13, "name": "Mosul"}, {"start": 7, "end": 12, "name": "Mosul"}]}
            """)
        #expect(error == .config(
            file: "gold.jsonl", line: 2, key: "toponyms[1]",
            reason: #"document "gwn:9": the text at 7..<12 is " Mosu", not the name "Mosul""#))
    }

    @Test func offsetsOutsideTheTextAreReported() {
        let error = problem(#"{"id": "d", "text": "Mosul", "toponyms": [{"start": 3, "end": 9, "name": "ul"}]}"#)
        #expect(error == .config(
            file: "gold.jsonl", line: 1, key: "toponyms[0]",
            reason: #"document "d": offsets 3..<9 are not a span of its 5-scalar text"#))
        #expect(problem(#"{"id": "d", "text": "Mosul", "toponyms": [{"start": 2, "end": 2, "name": ""}]}"#) != nil)
    }

    @Test func coordinatesComeInPairsAndInRange() {
        #expect(problem(#"{"id": "d", "text": "Mosul", "toponyms": [{"start": 0, "end": 5, "name": "Mosul", "lat": 36.3}]}"#)
            == .config(file: "gold.jsonl", line: 1, key: "toponyms[0]", reason: #"document "d": give both lat and lon, or neither"#))
        #expect(problem(#"{"id": "d", "text": "Mosul", "toponyms": [{"start": 0, "end": 5, "name": "Mosul", "lat": 136.3, "lon": 43}]}"#) != nil)
    }

    @Test func documentIDsAreUnique() {
        let error = problem("""
            {"id": "a", "text": "x", "toponyms": []}
            {"id": "a", "text": "y", "toponyms": []}
            """)
        #expect(error == .config(file: "gold.jsonl", line: 2, key: "id", reason: #"document id "a" is already used on line 1"#))
    }

    @Test func unreadableAndEmptyFilesAreUsageErrors() throws {
        #expect(throws: GeotagError.self) { try GoldSet.read(path: "/nonexistent/gold.jsonl") }
        let folder = try ScratchFolder()
        let path = folder.path + "/empty.jsonl"
        try folder.write("empty.jsonl", "\n\n")
        #expect(throws: GeotagError.config(file: path, line: 0, key: "", reason: "the gold set holds no documents")) {
            try GoldSet.read(path: path)
        }
    }
}
