import Foundation
import Testing
@testable import GeotagCore

/// The exports read rows straight into ``FeatureRows`` through the records' own
/// decoders (``FeatureRowReader``); these check that a row read that way is the row of
/// the record the database gives back, however odd the stored values.
@Suite struct FeatureRowsTests {
    /// The JSON objects of every chunk row and of every record, in export order.
    private func objects<Record: FeatureRecord & RowDecodable>(
        of _: Record.Type, in table: String, _ db: GeotagDatabase, size: Int
    ) throws -> (rows: [String], records: [String]) {
        var rows: [String] = []
        try db.forEachChunk(of: Record.self, in: table, orderedBy: "fid", size: size) { chunk in
            #expect(chunk.count <= size)
            chunk.forEachRow { row in
                var bytes: [UInt8] = []
                JSONText.appendObject(row, keys: Record.jsonKeys, to: &bytes)
                rows.append(String(decoding: bytes, as: UTF8.self))
            }
        }
        var records: [String] = []
        try db.forEach(Record.self, in: table, orderedBy: "fid") { records.append($1.jsonText) }
        return (rows, records)
    }

    @Test func rowsReadInChunksAreTheRecordsRows() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let run = LoadFixtures.run("run-1")
            try db.beginRun(run)
            try LoadFixtures.storeSamples("d1", "d2", "d3", in: db, runID: "run-1")
            try db.finishRun(run)
            // What a hand-edited database may hold: nulls where a record has nil or a
            // default, an integer where a real belongs, a blob where text belongs (a
            // TEXT column turns a number into text), and ill-formed UTF-8, which is
            // repaired.
            try db.connection.execute("""
                UPDATE mentions SET url = NULL, admin1_name = NULL, lat = 33 WHERE fid = 1;
                UPDATE mentions SET title = X'07', sentence = CAST(X'61FF62' AS TEXT) WHERE fid = 2;
                UPDATE mentions SET run_id = NULL, admin2_name = X'34', mention = 'Deir ez-Zōr' WHERE fid = 4;
                UPDATE places SET first_seen = NULL, feature_code = NULL, lon = -44 WHERE fid = 1;
                """)
            for size in [1, 2, 1_000] {
                let mentions = try objects(of: MentionRecord.self, in: "mentions", db, size: size)
                #expect(mentions.rows.count == 9)
                #expect(mentions.rows == mentions.records)
                let places = try objects(of: MentionedPlace.self, in: "places", db, size: size)
                #expect(places.rows.count == 3)
                #expect(places.rows == places.records)
            }
            let edited = try objects(of: MentionRecord.self, in: "mentions", db, size: 4).rows
            #expect(edited[0].contains(#""url":null"#) && edited[0].contains(#""admin1_name":"""#))
            #expect(edited[0].contains(#""lat":33.0,"#))
            #expect(edited[1].contains(#""title":null"#) && edited[1].contains(#""sentence":"a\#u{FFFD}b""#))
            #expect(edited[3].contains(#""run_id":null"#) && edited[3].contains(#""admin2_name":"""#))
        }
    }

    @Test func aRowTheRecordRefusesStopsTheRead() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            try LoadFixtures.storeSamples("d1", in: db, runID: "run-1")
            // The last of the article's mentions in key order (Madrid, at 40).
            try db.connection.execute("UPDATE mentions SET place_id = 'x' WHERE fid = 1")
            var read = 0
            #expect(throws: GeotagError.self) {
                try db.forEachMentionChunk(size: 1) { read += $0.count }
            }
            #expect(read == 2, "the rows before it were handed over")
        }
    }

    @Test func aRecordAloneIsOneRow() {
        let (article, mentions) = LoadFixtures.sample("d1")
        let record = LoadFixtures.record(mentions[0], in: article)
        let rows = FeatureRows(record)
        #expect(rows.count == 1)
        var values: [FieldValue] = []
        rows.forEachRow { row in
            #expect(row.point.latitude == record.latitude && row.point.longitude == record.longitude)
            row.forEachValue { value in
                switch value {
                case .null: values.append(.null)
                case let .integer(n): values.append(.integer(n))
                case let .real(x): values.append(.real(x))
                case let .text(utf8): values.append(.text(String(decoding: utf8, as: UTF8.self)))
                }
            }
        }
        #expect(values == record.values)
    }
}
