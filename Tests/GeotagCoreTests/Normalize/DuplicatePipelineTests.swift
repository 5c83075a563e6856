import Foundation
import Testing
@testable import GeotagCore

/// Duplicates through the whole pipeline: stored as articles that point to their
/// original, their mentions not loaded twice, whatever order they arrive in.
@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
struct DuplicatePipelineTests {
    private func config(in folder: ScratchFolder) throws -> PipelineConfig {
        try folder.write("pipeline.yaml", """
            sources:
              - name: test
                type: files
                path: in
            gazetteer: \(BundledGazetteer.path)
            """)
        return try PipelineConfig.load(file: folder.path + "/pipeline.yaml", version: "test")
    }

    private func fixture(_ name: String) throws -> [UInt8] {
        try #require(FixturePageTests.pages.first { $0.name == name }).html
    }

    /// `doc_id` → `duplicate_of` of every stored article, and mentions by `doc_id`.
    private func stored(_ path: String) throws -> (duplicates: [String: String?], mentions: [String: Int]) {
        let database = try GeotagDatabase(path: path)
        defer { try? database.close() }
        var duplicates: [String: String?] = [:]
        let articles = try database.connection.prepare("SELECT doc_id, duplicate_of, mention_count FROM articles")
        var counts: [String: Int] = [:]
        while try articles.step() {
            duplicates[articles.text(at: 0)!] = articles.text(at: 1)
            counts[articles.text(at: 0)!] = articles.int(at: 2)
        }
        var mentions: [String: Int] = [:]
        try database.forEachMention { mentions[$0.docID, default: 0] += 1 }
        for (docID, count) in counts { #expect(mentions[docID, default: 0] == count, "mention_count of \(docID)") }
        return (duplicates, mentions)
    }

    @Test func aSyndicatedCopyPointsToTheWireStoryAndAddsNoMentions() throws {
        let folder = try ScratchFolder()
        // The copy sorts first, so it is read first; the wire story was published earlier.
        try folder.write("in/a-copy.html", try fixture("28-syndicated-wire-copy"))
        try folder.write("in/b-wire.html", try fixture("11-wire-agency"))
        try folder.write("in/c-exact.html", try fixture("11-wire-agency"))
        try folder.write("in/d-other.html", try fixture("09-drupal"))
        let config = try config(in: folder)
        let summary = try PipelineRunner(config: config).run()
        #expect(summary.failed == 0)
        #expect(summary.loaded == 4)

        let copy = Normalizer.docID(forKey: "in/a-copy.html"), other = Normalizer.docID(forKey: "in/d-other.html")
        // Of the two identical wire stories, published at the same time, the smaller doc_id is the original.
        let wires = [Normalizer.docID(forKey: "in/b-wire.html"), Normalizer.docID(forKey: "in/c-exact.html")].sorted()
        let (wire, exact) = (wires[0], wires[1])
        let (duplicates, mentions) = try stored(config.output.sqlitePath)
        #expect(duplicates == [copy: wire, wire: nil, exact: wire, other: nil])
        #expect(mentions[wire, default: 0] > 5)
        #expect(mentions[copy] == nil)
        #expect(mentions[exact] == nil)
        #expect(mentions[other, default: 0] > 3)
        #expect(summary.mentions == mentions.values.reduce(0, +))

        // The next night the copies come again, unchanged; and reprocessing keeps the links.
        let second = try PipelineRunner(config: config).run()
        #expect(second.unchanged == 4)
        let third = try PipelineRunner(config: config, options: RunOptions(reprocess: true)).run()
        #expect(third.mentions == summary.mentions)
        #expect(try stored(config.output.sqlitePath).duplicates == duplicates)

        // A copy arriving on a later night points to the stored original.
        try folder.write("in/e-late.html", try fixture("28-syndicated-wire-copy"))
        _ = try PipelineRunner(config: config).run()
        #expect(try stored(config.output.sqlitePath).duplicates[Normalizer.docID(forKey: "in/e-late.html")] == .some(wire))
    }

    @Test func aDatabaseFromBeforeDuplicatesGetsTheNewColumns() throws {
        let folder = try ScratchFolder()
        let path = folder.path + "/old.gpkg"
        do {
            let database = try GeotagDatabase(path: path)
            try database.connection.execute("DROP INDEX articles_duplicate_of")
            try database.connection.execute("ALTER TABLE articles DROP COLUMN duplicate_of")
            try database.connection.execute("ALTER TABLE articles DROP COLUMN minhash")
            try database.close()
        }
        let database = try GeotagDatabase(path: path)
        let info = try database.connection.prepare("SELECT name FROM pragma_table_info('articles')")
        var names: [String] = []
        while try info.step() { names.append(info.text(at: 0)!) }
        #expect(names.suffix(2) == ["duplicate_of", "minhash"])
        try database.close()
    }
}
