import Foundation

/// Writes the files that are views of the database, all replaced atomically: the
/// mentions as CSV and GeoJSON (and, when asked, as a GeoJSON text sequence), the
/// places as GeoJSON, and the quick-look map with its run report.
public enum Exporter {
    /// What an export wrote.
    public struct Summary: Sendable, Equatable {
        /// The files written, in the order they were put in place.
        public var files: [String] = []
        public var csvPath: String
        public var geoJSONPath: String
        public var geoJSONSeqPath: String?
        public var placesPath: String
        public var mapPath: String?
        public var reportPath: String?
        /// Mentions in each mentions file.
        public var mentions = 0
        /// Places in the places file.
        public var places = 0
        /// Problems that did not stop the export (the map drawn without outlines).
        public var warnings: [String] = []
    }

    /// Exports `database` to the files `output` names, in `output.dir` (created when
    /// missing). Mentions are ordered by `doc_id`, `start`, `end`, places by mention
    /// count. With `output.export: delta` the mentions and places files hold only what
    /// run `runID` added or changed; the map and the report always show the whole
    /// dataset, with run `runID`'s summary.
    ///
    /// The database is read once for the mentions, in chunks whose CSV and GeoJSON
    /// are formatted on other threads while the next chunk is read (``MentionChunk``)
    /// and written on another (``ChunkWriter``); every file is written to a
    /// temporary file beside it and synced, and only then are they renamed into place,
    /// one right after the other; on any error no file is replaced. Missing or
    /// unreadable map outlines do not fail the export: the map is drawn without them
    /// and ``Summary/warnings`` says so.
    ///
    /// `placesReady` is called once the mention files are written, before anything
    /// else is read: ``BackgroundExport`` waits there for the end of the run to bring
    /// `places` up to date. Whatever it throws ends the export like any error.
    ///
    /// - Throws: ``GeotagError/io(path:reason:)``.
    @discardableResult
    public static func export(
        from database: GeotagDatabase, to output: OutputConfig, runID: String? = nil, placesReady: () throws -> Void = {}
    ) throws -> Summary {
        let folder = output.dir.resolved
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw GeotagError.io(path: folder, reason: "cannot create the output folder: \(error.localizedDescription)")
        }
        var summary = Summary(
            csvPath: output.csvPath, geoJSONPath: output.geojsonPath, geoJSONSeqPath: output.geojsonseqPath,
            placesPath: output.placesPath, mapPath: output.mapPaths?.map, reportPath: output.mapPaths?.report)
        let onlyRun = output.export == .delta ? runID : nil
        var files: [AtomicFile] = []
        func create(_ path: String) throws -> FileOutput {
            let file = try AtomicFile(path: path)
            files.append(file)
            return file.output
        }
        do {
            let csv = CSVWriter(output: try create(summary.csvPath), byteOrderMark: output.csvBOM)
            var geoJSON = GeoJSONWriter(output: try create(summary.geoJSONPath))
            var sequence = try summary.geoJSONSeqPath.map { GeoJSONWriter(output: try create($0), form: .sequence) }
            try csv.writeHeader()
            try geoJSON.begin()
            // While the next chunk is read, the chunks before are formatted, and the
            // ones before those written, in order.
            let writer = ChunkWriter(csv: csv, geoJSON: geoJSON, sequence: sequence)
            var pending: [MentionChunk.Pending] = [], chunked = 0
            func writePending(keeping kept: Int) {
                while pending.count > kept { writer.write(pending.removeFirst().wait()) }
            }
            do {
                try database.forEachMentionChunk(runID: onlyRun, size: MentionChunk.size) { chunk in
                    pending.append(MentionChunk.Pending(chunk, first: chunked == 0, sequence: sequence != nil))
                    chunked += chunk.count
                    writePending(keeping: MentionChunk.formattedAtOnce)
                }
                writePending(keeping: 0)
            } catch {
                // The files are discarded below, once nothing writes to them any more.
                _ = try? writer.finish()
                throw error
            }
            (geoJSON, sequence) = try writer.finish()
            try geoJSON.end()
            summary.mentions = geoJSON.count

            try placesReady()
            var places = GeoJSONWriter(output: try create(summary.placesPath))
            try places.begin()
            try database.forEachPlaceChunk(runID: onlyRun, size: MentionChunk.size) { try places.write($0) }
            try places.end()
            summary.places = places.count

            if let paths = output.mapPaths {
                let outlines: CountryOutlines?
                do {
                    outlines = try CountryOutlines(path: output.mapOutlines.resolved)
                } catch {
                    outlines = nil
                    summary.warnings.append("\(error); the map is drawn without country outlines")
                }
                let svg = SVGMap(places: try database.places(limit: SVGMap.placeLimit), outlines: outlines).svg
                try create(paths.map).write(svg)
                let report = RunReport(
                    run: try database.runs().last { $0.runID == runID }, totals: try database.totals(),
                    places: try database.places(limit: RunReport.placeLimit + 1),
                    failures: try runID.map { try database.failures(runID: $0) } ?? [], svg: svg, delta: onlyRun != nil)
                try create(paths.report).write(report.html)
            }

            for file in files { try file.sync() }
            for file in files {
                try file.commit()
                summary.files.append(file.path)
            }
            return summary
        } catch {
            for file in files { file.discard() }
            throw AtomicFile.asIOError(error, path: folder)
        }
    }
}
