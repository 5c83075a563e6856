import ArgumentParser
import Foundation
import GeotagCore
import Logging

struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Runs the pipeline a configuration describes: fetch, normalize, extract, load.",
        discussion: """
            Exit codes: 0 all done; 1 finished but some documents failed (see the \
            failures table); 2 bad usage or configuration; 3 another run holds the lock; \
            4 a fatal I/O error; 130 or 143 stopped by SIGINT or SIGTERM (the documents \
            loaded so far are committed and exported; the next run carries on).
            """
    )

    @Option(help: "The pipeline configuration.")
    var config = "pipeline.yaml"

    @Flag(help: "Extract and load every document again, replacing its mentions; web sources come from the raw cache, without the network.")
    var reprocess = false

    @Option(help: "Stop after this many documents.")
    var limit: Int?

    @Flag(help: "Print only warnings and errors.")
    var quiet = false

    @Option(help: "Log lines as plain text, or as JSON lines (ts, level, message, metadata) for log collectors.")
    var logFormat: LogFormat = .text

    @Option(help: "A progress line per stage on standard error: auto (only on a terminal, and not with --quiet), always, never.")
    var progress: ProgressMode = .auto

    /// Articles per load transaction; for tests that need several batches from a small
    /// corpus.
    @Option(help: .hidden)
    var batchSize: Int?

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let batchSize, batchSize < 1 { throw ValidationError("--batch-size must be at least 1") }
    }

    enum ProgressMode: String, ExpressibleByArgument, CaseIterable {
        case auto, always, never
    }

    func run() throws {
        let format = logFormat
        var logger = Logger(label: "geotag") { _ in GeotagLogHandler(format: format) }
        logger.logLevel = quiet ? .warning : .info
        let summary = try reportingErrors(logger: logger, format: logFormat) {
            let configuration = try PipelineConfig.load(file: config, version: GeotagVersion.current)
            var runner = PipelineRunner(config: configuration, options: RunOptions(reprocess: reprocess, limit: limit), logger: logger)
            if let batchSize { runner.batchSize = batchSize }
            let signals = SignalStop(runner.stop, logger: logger)
            defer { signals.cancel() }
            let showProgress = switch progress {
            case .always: true
            case .never: false
            case .auto: !quiet && StandardError.isTerminal
            }
            var display: ProgressDisplay?
            if showProgress {
                runner.progress = RunProgress()
                display = ProgressDisplay(runner.progress!)
            }
            defer { display?.finish() }
            return try runner.run()
        }
        // The summary: always when something needs a look, else unless --quiet.
        if !quiet || summary.exitCode != 0 {
            switch logFormat {
            case .text: StandardError.shared.write(line: summary.line)
            case .json: logger.log(level: summary.exitCode == 0 ? .notice : .warning, "\(summary.line)", metadata: summary.metadata)
            }
        }
        if summary.exitCode != 0 { throw ExitCode(summary.exitCode) }
    }
}
