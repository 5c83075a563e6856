import Testing
@testable import GeotagCore

@Suite struct CSVWriterTests {
    private func row(_ record: MentionRecord) -> String {
        var bytes: [UInt8] = []
        CSVWriter.appendRow(record, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    private var sample: MentionRecord {
        let (article, mentions) = LoadFixtures.sample("d1")
        return LoadFixtures.record(mentions[0], in: article)
    }

    @Test func headerComesFromTheFieldsPlusWKT() {
        #expect(CSVWriter.columns == MentionRecord.fields.map(\.name) + ["wkt"])
        #expect(CSVWriter.columns.first == "doc_id")
        #expect(CSVWriter.columns.last == "wkt")
    }

    @Test func rowHasOneCellPerColumnAndCRLF() {
        let line = row(sample)
        #expect(line.hasSuffix("\r\n"))
        #expect(line.utf8.filter { $0 == 0x0A }.count == 1)
        #expect(line == "d1,https://example.org/d1,seeds,A title,2025-01-31T08:15:00Z,Madrid,40,46,Troops moved.,3117735,Madrid,P,PPLC,ES,29,Madrid,Provincia de Madrid,40.4165,-3.70256,1,0.875,run-1,gaz-1,POINT(-3.70256 40.4165)\r\n")
    }

    @Test func quotesFieldsWithSeparatorsQuotesAndLineBreaks() {
        var record = sample
        record.title = "Iraq, Syria and the \"coalition\""
        record.sentence = "First line\nsecond line\r\nthird"
        record.url = nil
        let line = row(record)
        #expect(line.contains(#","Iraq, Syria and the ""coalition""","#))
        #expect(line.contains("\"First line\nsecond line\r\nthird\""))
        #expect(line.hasPrefix("d1,,seeds,"))  // nil is an empty cell
    }

    @Test func neutralisesFormulaTextButNotNumbers() {
        var record = sample
        record.mention = "=HYPERLINK(\"http://evil\")"
        record.sentence = "+1 dial"
        record.title = "@SUM(A1)"
        record.admin2Name = "\tTabbed"
        record.admin1Name = "-minus"
        record.placeID = -7
        record.longitude = -3.7
        record.latitude = -12.5
        let line = row(record)
        #expect(line.contains(#","'=HYPERLINK(""http://evil"")","#))
        #expect(line.contains(",'+1 dial,"))
        #expect(line.contains(",'@SUM(A1),"))
        #expect(line.contains(",'\tTabbed,"))
        #expect(line.contains(",'-minus,"))
        #expect(line.contains(",-7,"))  // place_id stays a number
        #expect(line.contains(",-12.5,-3.7,"))  // lat, lon stay numbers
        #expect(line.hasSuffix(",POINT(-3.7 -12.5)\r\n"))
        #expect(CSVWriter.neutralised("\rx") == "'\rx")
        #expect(CSVWriter.neutralised("Baghdad") == "Baghdad")
    }
}
