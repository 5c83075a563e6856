import Foundation
@testable import GeotagCore

/// Articles, mentions and folders for the Load tests.
enum LoadFixtures {
    static let baghdad = Place(
        id: 98182, name: "Baghdad", featureClass: "P", featureCode: "PPLC", countryCode: "IQ",
        admin1Code: "07", admin1Name: "Baghdad", latitude: 33.34058, longitude: 44.40088, population: 7_216_000)
    static let diyala = Place(
        id: 98229, name: "Diyala", featureClass: "A", featureCode: "ADM1", countryCode: "IQ",
        admin1Code: "10", admin1Name: "Diyala", latitude: 33.75, longitude: 45.0)
    static let madrid = Place(
        id: 3_117_735, name: "Madrid", featureClass: "P", featureCode: "PPLC", countryCode: "ES",
        admin1Code: "29", admin1Name: "Madrid", admin2Name: "Provincia de Madrid", latitude: 40.4165, longitude: -3.70256)
    /// A place the project adds itself: negative id, negative coordinates.
    static let added = Place(
        id: -7, name: "Camp \"West\", Sector 4", featureClass: "S", featureCode: "CMP", countryCode: "",
        latitude: -12.5, longitude: -3.7)

    static func article(_ docID: String, text: String = "Troops moved from Baghdad to Diyala and Madrid.", title: String? = "A title") -> Article {
        Article(docID: docID, url: "https://example.org/\(docID)", source: "seeds", title: title, published: "2025-01-31T08:15:00Z", text: text)
    }

    static func mention(_ docID: String, _ text: String, at start: Int, _ place: Place, sentence: String = "Troops moved.") -> Mention {
        Mention(docID: docID, text: text, start: start, end: start + text.unicodeScalars.count, sentence: sentence,
                place: place, precision: place.kind.precision, score: 0.875)
    }

    /// An article with three mentions, given out of order.
    static func sample(_ docID: String) -> (Article, [Mention]) {
        (article(docID), [
            mention(docID, "Madrid", at: 40, madrid),
            mention(docID, "Baghdad", at: 18, baghdad),
            mention(docID, "Diyala", at: 29, diyala),
        ])
    }

    /// Stores the ``sample(_:)`` article of each of `docIDs` in one batch of run `runID`.
    static func storeSamples(_ docIDs: String..., in db: GeotagDatabase, runID: String, gazetteerVersion: String = "g") throws {
        let items = docIDs.map { docID in
            let (article, mentions) = sample(docID)
            return LoadItem.article(article, mentions)
        }
        try db.store(items, runID: runID, gazetteerVersion: gazetteerVersion)
    }

    static func record(_ mention: Mention, in article: Article, run: String = "run-1", gazetteer: String = "gaz-1") -> MentionRecord {
        MentionRecord(mention: mention, article: article, runID: run, gazetteerVersion: gazetteer)
    }

    /// The repository's folder.
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path

    /// Output settings writing to `dir` with the default file names, the map drawn
    /// (when `map`) over the repository's country outlines.
    static func output(_ dir: String, export: ExportMode = .full, map: Bool = false) -> OutputConfig {
        var output = OutputConfig(relativeTo: dir)
        output.dir = ConfigPath(dir, relativeTo: "/")
        output.export = export
        output.map = map
        output.mapOutlines = ConfigPath(repository + "/data/map/countries.txt", relativeTo: "/")
        return output
    }

    /// An SQLite file in `folder` that is not a GeoPackage: one table of notes.
    static func foreignDatabase(in folder: String) throws -> String {
        let path = folder + "/other.sqlite"
        let foreign = try SQLite.Connection(path: path)
        try foreign.execute("CREATE TABLE notes (text TEXT)")
        try foreign.close()
        return path
    }

    static func run(_ id: String, status: RunRecord.Status = .running) -> RunRecord {
        RunRecord(runID: id, startedAt: Date(timeIntervalSince1970: 1_738_311_300.125), version: "0.1.0",
                  gazetteerVersion: "gaz-1", configHash: "abc123", status: status)
    }
}

/// A fresh folder for one test (tests run in parallel), removed afterwards.
func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("geotag-load-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    return try body(folder)
}

/// Every stored mention, in export order.
func allMentions(_ database: GeotagDatabase, runID: String? = nil) throws -> [MentionRecord] {
    var records: [MentionRecord] = []
    try database.forEachMention(runID: runID) { records.append($0) }
    return records
}

/// `SELECT count(*)` of a table, through the project's own wrapper.
func rowCount(_ database: GeotagDatabase, _ table: String) throws -> Int {
    let statement = try database.connection.prepare("SELECT count(*) FROM \(table)")
    try statement.step()
    return statement.int(at: 0)
}

/// The pipeline on a copy of the repository's seeds (in `seeds/`, free to edit), in a
/// folder of its own, writing to `out/` with the map drawn over the repository's
/// country outlines. Needs the bundled gazetteer.
struct SeedPipeline {
    let folder: ScratchFolder
    let config: PipelineConfig

    /// `output` holds more `output:` settings, one `key: value` a line.
    init(output: [String] = []) throws {
        folder = try ScratchFolder()
        try FileManager.default.copyItem(atPath: LoadFixtures.repository + "/seeds", toPath: folder.path + "/seeds")
        let yaml = """
            sources:
              - name: seeds
                type: files
                path: seeds
            gazetteer: \(BundledGazetteer.path)
            output:
              dir: out
              map_outlines: \(LoadFixtures.repository)/data/map/countries.txt

            """ + output.map { "  \($0)\n" }.joined()
        try folder.write("pipeline.yaml", yaml)
        config = try PipelineConfig.load(file: folder.path + "/pipeline.yaml", version: "test")
    }

    @discardableResult
    func run(reprocess: Bool = false) throws -> RunSummary {
        try PipelineRunner(config: config, options: RunOptions(reprocess: reprocess)).run()
    }

    /// The database, opened for a look (close it before the next run).
    func database() throws -> GeotagDatabase {
        try GeotagDatabase(path: config.output.sqlitePath)
    }
}
