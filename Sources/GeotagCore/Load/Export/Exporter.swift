import Foundation

/// Writes the files that are views of the database: the CSV and the GeoJSON of the
/// mentions, both replaced atomically.
public enum Exporter {
    /// What an export wrote.
    public struct Summary: Sendable, Equatable {
        /// The CSV file written.
        public var csvPath: String
        /// The GeoJSON file written.
        public var geoJSONPath: String
        /// Mentions in each file.
        public var mentions: Int
    }

    /// Exports the mentions of `database` (all of them, or with `onlyRun` only those
    /// run `onlyRun` wrote, for `output.export: delta`), ordered by `doc_id`, `start`,
    /// `end`, to `csvName` and `geoJSONName` in `outputDir` (created when missing).
    ///
    /// The database is read once, both files are written side by side to temporary
    /// files and synced, and only then renamed into place, one right after the other;
    /// on any error neither file is replaced.
    ///
    /// - Throws: ``GeotagError/io(path:reason:)``.
    @discardableResult
    public static func export(
        from database: GeotagDatabase, to outputDir: String, csv csvName: String, geojson geoJSONName: String,
        onlyRun runID: String? = nil
    ) throws -> Summary {
        do {
            try FileManager.default.createDirectory(atPath: outputDir, withIntermediateDirectories: true)
        } catch {
            throw GeotagError.io(path: outputDir, reason: "cannot create the output folder: \(error.localizedDescription)")
        }
        let csvPath = (outputDir as NSString).appendingPathComponent(csvName)
        let geoJSONPath = (outputDir as NSString).appendingPathComponent(geoJSONName)
        let csvFile = try AtomicFile(path: csvPath)
        let geoJSONFile = try AtomicFile(path: geoJSONPath)
        do {
            let csv = CSVWriter(output: csvFile.output)
            var geoJSON = GeoJSONWriter(output: geoJSONFile.output)
            try csv.writeHeader()
            try geoJSON.begin()
            try database.forEachMention(runID: runID) { record in
                try csv.write(record)
                try geoJSON.write(record)
            }
            try geoJSON.end()
            try csvFile.sync()
            try geoJSONFile.sync()
            try csvFile.commit()
            try geoJSONFile.commit()
            return Summary(csvPath: csvPath, geoJSONPath: geoJSONPath, mentions: geoJSON.count)
        } catch {
            csvFile.discard()
            geoJSONFile.discard()
            throw AtomicFile.asIOError(error, path: outputDir)
        }
    }
}
