import ArgumentParser
import Foundation
import GeotagCore

struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Scores the extractor on a gold set and prints the metrics.",
        discussion: """
            GOLD is JSONL, one document a line: {"id", "text", "toponyms": [{"start", "end", \
            "name", "lat", "lon", "geonameid", "type"}]}, offsets in Unicode scalars. Prints \
            recognition precision, recall and F1 (exact and overlapping spans), resolution \
            of the recognised toponyms with gold coordinates (accuracy within 161 km, mean \
            and median error, AUC of the log error), end-to-end accuracy within 161 km, and \
            how often mentions in each score band are right. Gold toponyms of a type in \
            --skip-types are left out, and so are the predictions that overlap only them.
            """
    )

    @Argument(help: "The gold set (JSONL).")
    var gold: String

    @Option(
        name: .customLong("skip-types"),
        help: "Comma-separated annotation types to leave out, e.g. Demonym,Language,Homonym.",
        transform: { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } })
    var skipTypes: [String] = []

    @Flag(help: "Print one JSON object with all metrics.")
    var json = false

    @Flag(help: "List each document's missed, spurious, partial and misplaced toponyms, and the most frequent ones.")
    var explain = false

    @OptionGroup var gazetteer: GazetteerOption

    @Option(help: "Write every mention's model features and labels to this JSONL file (training data).")
    var features: String?

    @Option(help: "Score with this mention model instead of the one beside the gazetteer.")
    var model: String?

    @Flag(help: "Score without a mention model: the rule-based scores.")
    var noModel = false

    @Option(help: """
        Cross-validate: a folder of mention models fold-0.json … fold-(K-1).json; document i is \
        scored with the model of fold i mod K, which was learned without it.
        """)
    var crossValidate: String?

    @Option(help: "Score only the first N documents.")
    var limit: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try reportingErrors {
            var documents = try GoldSet.read(path: gold)
            // A misspelt type would silently skip nothing.
            let types = Set(documents.flatMap { $0.toponyms.compactMap { $0.type?.lowercased() } })
            for type in skipTypes where !types.contains(type.lowercased()) {
                FileHandle.standardError.write(Data("geotag: no gold toponym in \(gold) has the type \(type)\n".utf8))
            }
            if let limit { documents = Array(documents.prefix(limit)) }
            let index = try gazetteer.open()
            var extractor = Extractor(index: index)
            if noModel { extractor.model = nil }
            if let model { extractor.model = try MentionModel.load(path: model) }
            let folds = try crossValidate.map { folder in try CrossValidationFolds(folder: folder) }
            let started = Date()
            let evaluator = Evaluator(skipTypes: skipTypes)
            let report: EvaluationReport
            if let folds {
                report = evaluator.evaluate(documents) { number, text in folds.extractor(extractor, forDocument: number).mentions(in: text, docID: "") }
            } else {
                report = evaluator.evaluate(documents) { extractor.mentions(in: $0, docID: "") }
            }
            if let features {
                var rules = extractor
                rules.model = nil
                let lines = FeatureDump.lines(documents, extractor: rules, evaluator: evaluator)
                guard FileManager.default.createFile(atPath: features, contents: Data(lines.joined(separator: "\n").utf8 + [0x0A])) else {
                    throw GeotagError.io(path: features, reason: "cannot write the features file")
                }
            }
            let seconds = Date().timeIntervalSince(started)
            if json {
                printLine(report.json(explain: explain))
            } else {
                if explain { printLine(report.explanation()) }
                printLine(report.table + String(format: "\nextracted and scored in %.2f s", seconds))
            }
        }
    }
}
