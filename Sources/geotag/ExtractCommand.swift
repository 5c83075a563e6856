import ArgumentParser
import Foundation
import GeotagCore

struct ExtractCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Prints the place mentions of plain text (or HTML) files, or of standard input.",
        discussion: """
            Each input is one document whose doc_id is the file name as given (stdin for \
            standard input). Offsets are in Unicode scalars of the document's clean text; \
            plain text is its own clean text.
            """
    )

    @Option(help: "jsonl, csv or geojson.")
    var format: Format = .jsonl

    @Flag(help: "Read the inputs as HTML and extract from their main text.")
    var html = false

    @OptionGroup var gazetteer: GazetteerOption

    @Option(help: "Drop mentions scored below this (0 to 1).")
    var minScore = 0.0

    @Argument(help: "Files to read; standard input when none.")
    var files: [String] = []

    enum Format: String, ExpressibleByArgument { case jsonl, csv, geojson }

    func run() throws {
        try reportingErrors {
            let index = try gazetteer.open()
            let extractor = Extractor(index: index, options: ExtractOptions(minScore: minScore))
            let output = FileOutput(descriptor: STDOUT_FILENO, path: "stdout")
            let csv = CSVWriter(output: output)
            var geoJSON = GeoJSONWriter(output: output)
            switch format {
            case .csv: try csv.writeHeader()
            case .geojson: try geoJSON.begin()
            case .jsonl: break
            }
            var failed = false
            for document in try InputFiles(paths: files, forceHTML: html).documents() {
                let article: Article
                do {
                    article = try Normalizer().process(document)
                } catch let error as DocumentError {
                    FileHandle.standardError.write(Data("geotag: \(document.location): \(error.reason)\n".utf8))
                    failed = true
                    continue
                }
                for mention in try extractor.process(article) {
                    var record = MentionRecord(mention: mention, article: article, runID: nil, gazetteerVersion: index.version)
                    record.docID = document.location
                    record.url = nil
                    record.source = nil
                    switch format {
                    case .jsonl: try output.append { record.appendJSONObject(to: &$0); $0.append(0x0A) }
                    case .csv: try csv.write(record)
                    case .geojson: try geoJSON.write(record)
                    }
                }
            }
            if format == .geojson { try geoJSON.end() }
            try output.flush()
            if failed { throw ExitCode(1) }
        }
    }
}
