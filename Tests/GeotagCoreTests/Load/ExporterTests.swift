import Foundation
import Testing
@testable import GeotagCore

@Suite struct ExporterTests {
    /// A database with two runs: d1 and d2 loaded by run-1, then d2 reloaded with one
    /// of its mentions (as it was) and d3 added by run-2.
    private func twoRuns(in folder: String) throws -> GeotagDatabase {
        let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
        let (d1, m1) = LoadFixtures.sample("d1")
        let (d2, m2) = LoadFixtures.sample("d2")
        try db.store([.article(d1, m1), .article(d2, m2)], runID: "run-1", gazetteerVersion: "gaz-1")
        try db.finishRun(LoadFixtures.run("run-1", status: .done))
        let (d3, m3) = LoadFixtures.sample("d3")
        try db.store([.article(d2, Array(m2.prefix(1))), .article(d3, m3)], runID: "run-2", gazetteerVersion: "gaz-1")
        try db.finishRun(LoadFixtures.run("run-2", status: .done))
        return db
    }

    private func read(_ path: String) throws -> String {
        try String(contentsOfFile: path, encoding: .utf8)
    }

    private func features(_ path: String) throws -> [[String: Any]] {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        #expect(object?["type"] as? String == "FeatureCollection")
        #expect(object?["crs"] == nil)
        return object?["features"] as? [[String: Any]] ?? []
    }

    @Test func fullExportWritesEveryMentionToBothFiles() throws {
        try withTemporaryFolder { folder in
            let db = try twoRuns(in: folder)
            let out = folder + "/out"
            let summary = try Exporter.export(from: db, to: LoadFixtures.output(out))
            #expect(summary.mentions == 7)

            let lines = try read(summary.csvPath).components(separatedBy: "\r\n")
            #expect(lines.first == CSVWriter.columns.joined(separator: ","))
            #expect(lines.count == 1 + 7 + 1)
            #expect(lines.last == "")
            #expect(lines[1].hasPrefix("d1,"))
            #expect(lines[7].hasPrefix("d3,"))

            let all = try features(summary.geoJSONPath)
            #expect(all.count == 7)
            let first = try #require(all.first)
            #expect(first["type"] as? String == "Feature")
            let geometry = first["geometry"] as? [String: Any]
            #expect(geometry?["type"] as? String == "Point")
            #expect(geometry?["coordinates"] as? [Double] == [44.40088, 33.34058])
            let properties = first["properties"] as? [String: Any]
            #expect(properties?["doc_id"] as? String == "d1")
            #expect(properties?["mention"] as? String == "Baghdad")
            #expect(properties?["admin2_name"] as? String == "")
            #expect(Set(properties?.keys ?? [:].keys) == Set(MentionRecord.fields.map(\.name)))

            // The places layer: one feature per place, the most mentioned first.
            #expect(summary.places == 3)
            let places = try features(summary.placesPath)
            #expect(places.compactMap { ($0["properties"] as? [String: Any])?["place_name"] as? String } == ["Madrid", "Baghdad", "Diyala"])
            let madrid = try #require(places.first?["properties"] as? [String: Any])
            #expect(Set(madrid.keys) == Set(MentionedPlace.fields.map(\.name)))
            #expect(madrid["mention_count"] as? Int == 3)
            #expect(madrid["article_count"] as? Int == 3)
            #expect((places.first?["geometry"] as? [String: Any])?["coordinates"] as? [Double] == [-3.70256, 40.4165])

            // Only what was asked for: no text sequence, no map.
            let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
            #expect(files == ["mentions.csv", "mentions.geojson", "places.geojson"])
            #expect(summary.files.count == 3)
        }
    }

    @Test func textSequenceAndByteOrderMarkWhenAskedFor() throws {
        try withTemporaryFolder { folder in
            let db = try twoRuns(in: folder)
            var output = LoadFixtures.output(folder)
            output.geojsonseq = "m.geojsons"
            output.csvBOM = true
            let summary = try Exporter.export(from: db, to: output)
            #expect(summary.geoJSONSeqPath == folder + "/m.geojsons")

            // RFC 8142: every feature is RS, one JSON text, LF.
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: folder + "/m.geojsons")))
            let records = bytes.split(separator: 0x1E, omittingEmptySubsequences: false)
            #expect(records.first?.isEmpty == true)
            #expect(records.count == 1 + 7)
            for record in records.dropFirst() {
                #expect(record.last == 0x0A)
                #expect(record.dropLast().contains(0x0A) == false)
                let feature = try JSONSerialization.jsonObject(with: Data(record)) as? [String: Any]
                #expect(feature?["type"] as? String == "Feature")
            }
            // The same features as the collection, in the same order.
            let collection = try read(summary.geoJSONPath).split(separator: "\n").dropFirst().dropLast()
            let sequence = records.dropFirst().map { String(decoding: $0.dropLast(), as: UTF8.self) }
            #expect(collection.map { $0.hasSuffix(",") ? String($0.dropLast()) : String($0) } == sequence)

            let csv = try [UInt8](Data(contentsOf: URL(fileURLWithPath: summary.csvPath)))
            #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
            #expect(String(decoding: csv.dropFirst(3), as: UTF8.self).hasPrefix("doc_id,url,"))
        }
    }

    @Test func coordinatesHaveAtMostSixDecimals() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            var place = LoadFixtures.baghdad
            (place.latitude, place.longitude) = (33.123456789, -44.0000004)
            try db.store([.article(LoadFixtures.article("d1"), [LoadFixtures.mention("d1", "Baghdad", at: 18, place)])],
                         runID: "r", gazetteerVersion: "g")
            try db.finishRun(LoadFixtures.run("r"))
            let summary = try Exporter.export(from: db, to: LoadFixtures.output(folder))
            for path in [summary.geoJSONPath, summary.placesPath] {
                #expect(try read(path).contains("\"coordinates\":[-44,33.123457]"))
            }
            // The properties keep the full value.
            #expect(try read(summary.geoJSONPath).contains("\"lat\":33.123456789"))
        }
    }

    @Test func deltaExportHasOnlyThatRunsMentions() throws {
        try withTemporaryFolder { folder in
            let db = try twoRuns(in: folder)
            let summary = try Exporter.export(from: db, to: LoadFixtures.output(folder, export: .delta), runID: "run-2")
            // d3's three; d2's remaining mention is as run-1 wrote it, so not in the delta.
            #expect(summary.mentions == 3)
            let docs = try features(summary.geoJSONPath).compactMap { ($0["properties"] as? [String: Any])?["doc_id"] as? String }
            #expect(docs == ["d3", "d3", "d3"])
            // Madrid's counts changed in run-2; Baghdad and Diyala lost d2 and gained d3.
            #expect(summary.places == 1)
            let empty = try Exporter.export(from: db, to: LoadFixtures.output(folder + "/none", export: .delta), runID: "run-9")
            #expect(empty.mentions == 0)
            #expect(try features(empty.geoJSONPath).isEmpty)
            #expect(try read(empty.csvPath) == CSVWriter.columns.joined(separator: ",") + "\r\n")
            #expect(empty.places == 0)
        }
    }

    @Test func chunkedExportEqualsWritingOneRecordAtATime() throws {
        try withTemporaryFolder { folder in
            // More mentions than two chunks hold, so chunks follow each other in both files.
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let count = MentionChunk.size * 2 + 7
            let article = LoadFixtures.article("d1", text: String(repeating: "Baghdad, ", count: count))
            let mentions = (0..<count).map { LoadFixtures.mention("d1", "Baghdad", at: 9 * $0, LoadFixtures.baghdad) }
            try db.store([.article(article, mentions)], runID: "run-1", gazetteerVersion: "gaz-1")
            var output = LoadFixtures.output(folder)
            output.geojsonseq = "m.geojsons"
            let summary = try Exporter.export(from: db, to: output)
            #expect(summary.mentions == count)

            var csv = Array(CSVWriter.columns.joined(separator: ",").utf8) + [0x0D, 0x0A]
            var collection = Array(#"{"type":"FeatureCollection","features":["#.utf8) + [0x0A]
            var sequence: [UInt8] = []
            for (i, record) in try allMentions(db).enumerated() {
                CSVWriter.appendRow(record, to: &csv)
                if i > 0 { collection += ",\n".utf8 }
                GeoJSONWriter.appendFeature(record, to: &collection)
                sequence.append(0x1E)
                GeoJSONWriter.appendFeature(record, to: &sequence)
                sequence.append(0x0A)
            }
            collection += "\n]}\n".utf8
            #expect(try Data(contentsOf: URL(fileURLWithPath: summary.csvPath)) == Data(csv))
            #expect(try Data(contentsOf: URL(fileURLWithPath: summary.geoJSONPath)) == Data(collection))
            #expect(try Data(contentsOf: URL(fileURLWithPath: folder + "/m.geojsons")) == Data(sequence))
        }
    }

    @Test func exportsAreByteForByteDeterministic() throws {
        try withTemporaryFolder { folder in
            let db = try twoRuns(in: folder)
            let a = try Exporter.export(from: db, to: LoadFixtures.output(folder + "/a", map: true))
            let b = try Exporter.export(from: db, to: LoadFixtures.output(folder + "/b", map: true))
            #expect(a.files.count == 5)
            for (x, y) in zip(a.files, b.files) { #expect(try read(x) == read(y), "\(x)") }
        }
    }

    @Test func tricksyTextSurvivesBothFormats() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let text = "=cmd| ' \"Camp\",\nSector\u{2028}4 \u{1} دير الزور"
            let article = LoadFixtures.article("d1", text: text, title: "=HYPERLINK(\"x\")")
            let mention = LoadFixtures.mention("d1", "=cmd", at: 0, LoadFixtures.added, sentence: text)
            try db.store([.article(article, [mention])], runID: "r", gazetteerVersion: "g")
            let summary = try Exporter.export(from: db, to: LoadFixtures.output(folder))
            let properties = try #require(features(summary.geoJSONPath).first?["properties"] as? [String: Any])
            #expect(properties["sentence"] as? String == text)
            #expect(properties["mention"] as? String == "=cmd")
            #expect(properties["place_id"] as? Int == -7)
            let csv = try read(summary.csvPath)
            #expect(csv.contains(",'=cmd,"))
            #expect(csv.contains(",\"'=HYPERLINK(\"\"x\"\")\","))
            #expect(csv.contains(",-12.5,-3.7,"))
            #expect(try String(contentsOfFile: summary.geoJSONPath, encoding: .utf8).contains("\\u2028"))
        }
    }

    @Test func aFailedExportLeavesThePreviousFiles() throws {
        try withTemporaryFolder { folder in
            let db = try twoRuns(in: folder)
            let summary = try Exporter.export(from: db, to: LoadFixtures.output(folder, map: true))
            let before = try summary.files.map(read)
            // Break the read half-way: the database refuses with a bad row.
            try db.connection.execute("UPDATE mentions SET \"start\" = 'oops' WHERE fid = (SELECT max(fid) FROM mentions)")
            #expect(throws: GeotagError.self) {
                try Exporter.export(from: db, to: LoadFixtures.output(folder, map: true))
            }
            #expect(try summary.files.map(read) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.contains(".tmp-") }.isEmpty)
        }
    }
}

@Suite struct AtomicFileTests {
    struct Interrupted: Error {}

    @Test func replacesTheFileWhole() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/f.txt"
            try AtomicFile.write(to: path) { try $0.write("old") }
            try AtomicFile.write(to: path) { try $0.write("new") }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "new")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["f.txt"])
        }
    }

    @Test func keepsTheOldFileWhenWritingFails() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/f.txt"
            try AtomicFile.write(to: path) { try $0.write("old content") }
            do {
                try AtomicFile.write(to: path) { output in
                    try output.write(String(repeating: "x", count: 200_000))  // some of it flushed already
                    throw Interrupted()
                }
                Issue.record("the write should fail")
            } catch let GeotagError.io(errorPath, _) {
                #expect(errorPath == path)
            }
            #expect(try String(contentsOfFile: path, encoding: .utf8) == "old content")
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder) == ["f.txt"])
        }
    }

    @Test func aFileNeverCommittedIsRemoved() throws {
        try withTemporaryFolder { folder in
            var temporary = ""
            do {
                let file = try AtomicFile(path: folder + "/f.txt")
                temporary = file.temporaryPath
                try file.output.write("partial")
                try file.output.flush()
                #expect(FileManager.default.fileExists(atPath: temporary))
            }
            #expect(!FileManager.default.fileExists(atPath: temporary))
            #expect(!FileManager.default.fileExists(atPath: folder + "/f.txt"))
        }
    }

    /// Blocks larger than the buffer go to the file directly, after what is buffered
    /// and before what follows: the bytes keep their order.
    @Test func largeBlocksKeepTheirPlaceAmongSmallWrites() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/f.txt"
            let large = [UInt8](repeating: UInt8(ascii: "x"), count: 100_000)
            let larger = [UInt8](repeating: UInt8(ascii: "y"), count: 300_000)
            try AtomicFile.write(to: path) { output in
                try output.write("a")
                try output.write(large)
                try output.write(larger)
                try output.write([UInt8]("b".utf8))
            }
            let written = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(written == [UInt8]("a".utf8) + large + larger + [UInt8]("b".utf8))
        }
    }

    @Test func unwritableFolderIsAnIOError() {
        #expect(throws: GeotagError.self) { try AtomicFile.write(to: "/proc/geotag-cannot-write/f.txt") { _ in } }
    }

    @Test func fullDiskIsAnIOError() throws {
        let descriptor = open("/dev/full", O_WRONLY)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        let output = FileOutput(descriptor: descriptor, path: "/dev/full")
        try output.write("bytes")
        do {
            try output.flush()
            Issue.record("writing to /dev/full should fail")
        } catch let GeotagError.io(path, reason) {
            #expect(path == "/dev/full")
            #expect(reason.contains("No space left"))
        }
    }
}
