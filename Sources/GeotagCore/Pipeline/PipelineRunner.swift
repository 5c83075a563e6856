import Dispatch
import Foundation
import Logging
import Synchronization

/// Options of one `geotag run`.
public struct RunOptions: Sendable, Equatable {
    /// Extract and load every document again, replacing its mentions, even when the
    /// database already holds it unchanged.
    public var reprocess = false
    /// Stop after this many documents.
    public var limit: Int?

    public init(reprocess: Bool = false, limit: Int? = nil) {
        self.reprocess = reprocess
        self.limit = limit
    }
}

/// Runs a pipeline: sources → normalize → extract → load, as concurrent stages joined
/// by bounded queues, then writes the exports from the database.
///
/// - One fetch thread reads the sources in order and pushes raw documents.
/// - A pool of workers, one per core, normalizes and extracts
///   (``DocumentProcessor``); the gazetteer index is shared read-only.
/// - The calling thread is the single writer: it owns the database and commits a
///   transaction per batch.
///
/// The queues are bounded, so a slow loader slows the readers and memory stays flat
/// whatever the corpus size. Output order never depends on thread timing: the exports
/// read the database ordered by `doc_id`, `start`.
public struct PipelineRunner {
    public var config: PipelineConfig
    public var options: RunOptions
    public var logger: Logger
    /// Articles per load transaction.
    public var batchSize = 500
    /// Items each queue holds at most.
    public var queueCapacity = 256

    public init(config: PipelineConfig, options: RunOptions = .init(), logger: Logger = Logger(label: "geotag")) {
        self.config = config
        self.options = options
        self.logger = logger
    }

    /// Runs the pipeline; throws only what ends a run, as ``GeotagError`` (gazetteer,
    /// database or output errors). Failed documents are counted in the summary.
    public func run() throws -> RunSummary {
        let started = Date()
        let index = try GazetteerIndex.open(configured: config.gazetteer.resolved)
        let database = try GeotagDatabase(path: config.output.sqlitePath)
        var summary = RunSummary(runID: RunID.make(at: started))
        var run = RunRecord(
            runID: summary.runID, startedAt: started, version: GeotagVersion.current,
            gazetteerVersion: index.version, configHash: config.configHash)
        try database.beginRun(run)

        let processor = DocumentProcessor(
            normalizer: Normalizer(),
            extractor: Extractor(index: index, options: ExtractOptions(minScore: config.extract.minScore, countryBias: config.extract.countryBias)),
            known: options.reprocess ? [:] : try database.articleFingerprints())
        let raw = BoundedQueue<SourceItem>(capacity: queueCapacity)
        let processed = BoundedQueue<ProcessedDocument>(capacity: queueCapacity)
        let group = DispatchGroup()
        startFetching(into: raw, group: group)
        startWorkers(processor, from: raw, into: processed, group: group)

        var loadError: (any Error)?
        var batch: [LoadItem] = []
        func flush() throws {
            guard !batch.isEmpty else { return }
            let result = try database.store(batch, runID: summary.runID, gazetteerVersion: index.version)
            summary.mentions += result.mentions
            batch.removeAll(keepingCapacity: true)
        }
        do {
            while let item = processed.pop() {
                summary.documents += 1
                switch item {
                case let .article(article, mentions):
                    summary.loaded += 1
                    batch.append(.article(article, mentions))
                case .unchanged:
                    summary.unchanged += 1
                case let .failure(failure):
                    summary.failed += 1
                    logger.warning("\(failure.stage.rawValue) failed for \(failure.location): \(failure.reason)")
                    batch.append(.failure(failure))
                }
                if batch.count >= batchSize { try flush() }
            }
            try flush()
        } catch {
            loadError = error
            raw.close()
            processed.close()
        }
        group.wait()
        if let loadError {
            run.endedAt = Date()
            run.status = .aborted
            try? database.finishRun(run)
            throw loadError
        }

        summary.elapsed = Date().timeIntervalSince(started)
        run.endedAt = Date()
        run.counts = .init(documents: summary.documents, loaded: summary.loaded, unchanged: summary.unchanged, failed: summary.failed, mentions: summary.mentions)
        run.status = summary.failed > 0 ? .doneWithFailures : .done
        try database.finishRun(run)
        let exported = try Exporter.export(from: database, to: config.output, runID: summary.runID)
        for warning in exported.warnings { logger.warning("\(warning)") }
        try database.close()
        summary.elapsed = Date().timeIntervalSince(started)
        return summary
    }

    /// Reads the enabled sources in order on one thread, then closes `queue`.
    private func startFetching(into queue: BoundedQueue<SourceItem>, group: DispatchGroup) {
        let sources = config.enabledSources.map { makeSource($0) }
        let limit = options.limit
        DispatchQueue.global().async(group: group) {
            let delivered = Atomic<Int>(0)
            for source in sources {
                source.fetch { item in
                    if let limit, delivered.load(ordering: .relaxed) >= limit { return false }
                    delivered.add(1, ordering: .relaxed)
                    return queue.push(item)
                }
                if let limit, delivered.load(ordering: .relaxed) >= limit { break }
            }
            queue.close()
        }
    }

    /// One worker per core turns raw documents into articles with mentions.
    private func startWorkers(_ processor: DocumentProcessor, from input: BoundedQueue<SourceItem>, into output: BoundedQueue<ProcessedDocument>, group: DispatchGroup) {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        DispatchQueue.global().async(group: group) {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                while let item = input.pop() {
                    if !output.push(processor.process(item)) { break }
                }
            }
            output.close()
        }
    }

    private func makeSource(_ source: SourceConfig) -> any Source {
        switch source.kind {
        case let .files(path):
            return FileSource(name: source.name, path: path.written, baseDirectory: config.directory)
        case .urls, .feed:
            return UnsupportedSource(name: source.name, type: source.type)
        }
    }
}
