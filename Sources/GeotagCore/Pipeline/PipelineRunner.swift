import Dispatch
import Foundation
import Logging
import Synchronization

/// Options of one `geotag run`.
public struct RunOptions: Sendable, Equatable {
    /// Extract and load every document again, replacing its mentions, even when the
    /// database already holds it unchanged; `urls` and `feed` sources are read from
    /// the raw cache, never the network.
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
/// - Once the last batch is stored, the exports start on a read-only connection of
///   their own while the writer finishes the run (``BackgroundExport``).
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
    /// Items each queue holds at most; the queue into the writer holds at least a
    /// batch, so that the workers go on while the writer stores one (with 256, they
    /// stopped for most of each transaction, and the writer then waited for them).
    public var queueCapacity = 256
    /// Items a thread that waits on a queue is woken for (``BoundedQueue/wakeBatch``):
    /// the writer, which is faster than the workers, once this many articles are
    /// ready; the reader of the sources, which is faster still, once there is room
    /// for this many.
    public var queueWakeBatch = 32
    /// Set (by ``SignalStop``) to end the run early: no new documents are taken, the
    /// batch in hand is committed and the exports are written.
    public var stop = StopRequest()
    /// Counted as documents pass each stage, for a progress display; nil counts nothing.
    public var progress: RunProgress?

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
        try FileManager.default.createDirectory(atPath: config.output.dir.resolved, withIntermediateDirectories: true)
        let lock = try RunLock(databasePath: config.output.sqlitePath, startedAt: started)
        defer { lock.release() }
        let database = try GeotagDatabase(path: config.output.sqlitePath)
        var summary = RunSummary(runID: RunID.make(at: started))
        var run = RunRecord(
            runID: summary.runID, startedAt: started, version: GeotagVersion.current,
            gazetteerVersion: index.version, configHash: config.configHash)
        try database.beginRun(run)

        let processor = DocumentProcessor(
            normalizer: Normalizer(maxDepth: config.limits.maxDepth),
            limits: config.limits,
            extractor: Extractor(index: index, options: ExtractOptions(minScore: config.extract.minScore, countryBias: config.extract.countryBias)),
            known: options.reprocess ? ArticleFingerprints() : try database.articleFingerprints(gazetteerVersion: index.version))
        var duplicates = DuplicateIndex()
        try database.forEachOriginal(latest: duplicates.capacity) { docID, hash, published, signature in
            duplicates.addEarlier(docID: docID, contentHash: hash, signature: signature, published: published)
        }
        let raw = BoundedQueue<SourceItem>(capacity: queueCapacity, wakeBatch: queueWakeBatch)
        let processed = BoundedQueue<ProcessedDocument>(capacity: max(queueCapacity, batchSize), wakeBatch: queueWakeBatch)
        let group = DispatchGroup()
        let sources = try makeSources(database)
        if let progress, let expected = expectedDocuments(sources) {
            progress.expected.store(options.limit.map { min($0, expected) } ?? expected, ordering: .relaxed)
        }
        startFetching(sources, into: raw, group: group)
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
            while !stop.isRequested, let item = processed.pop() {
                summary.documents += 1
                progress?.loaded.add(1, ordering: .relaxed)
                switch item {
                case .article(var article, let mentions, let fetched):
                    summary.loaded += 1
                    for warning in article.warnings { logger.warning("\(article.url): \(warning)") }
                    // A duplicate is stored pointing to its original, without mentions.
                    switch duplicates.classify(
                        docID: article.docID, contentHash: article.contentHash,
                        signature: article.signature ?? TextSignature(text: article.text), published: article.published) {
                    case .original:
                        batch.append(.article(article, mentions))
                    case let .duplicate(of: original):
                        article.duplicateOf = original
                        batch.append(.article(article, []))
                    case let .replaces(previous):
                        try flush()
                        summary.mentions -= try database.markDuplicate(previous, of: article.docID)
                        batch.append(.article(article, mentions))
                    }
                    if let fetched { batch.append(.fetched(fetched)) }
                case let .unchanged(_, fetched):
                    summary.unchanged += 1
                    if let fetched { batch.append(.fetched(fetched)) }
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
        }
        // On an error or a stop, what is still queued is dropped: it is not in the
        // database, so the next run takes it up again.
        raw.close()
        processed.close()
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
        summary.stoppedBy = stop.signal
        run.status = summary.stoppedBy != nil ? .interrupted : summary.failed > 0 ? .doneWithFailures : .done
        if let signal = summary.stoppedBy {
            logger.warning("\(SignalName.of(signal)): stopped after \(summary.documents) documents; the next run carries on from there")
        }
        // The exports read the mentions while the run's end goes on.
        try database.prepareForExport()
        let export = BackgroundExport(databasePath: config.output.sqlitePath, to: config.output, runID: summary.runID)
        do {
            try database.finishRun(run) { export.placesAreReady() }
        } catch {
            export.cancel()
            throw error
        }
        let exported = try export.wait()
        for warning in exported.warnings { logger.warning("\(warning)") }
        try database.close()
        summary.elapsed = Date().timeIntervalSince(started)
        return summary
    }

    /// Reads the sources in order on one thread, then closes `queue`.
    private func startFetching(_ sources: [any Source], into queue: BoundedQueue<SourceItem>, group: DispatchGroup) {
        let limit = options.limit
        let stop = stop, progress = progress
        DispatchQueue.global().async(group: group) {
            let delivered = Atomic<Int>(0)
            for source in sources {
                if stop.isRequested { break }
                source.fetch { item in
                    if stop.isRequested { return false }
                    if let limit, delivered.load(ordering: .relaxed) >= limit { return false }
                    delivered.add(1, ordering: .relaxed)
                    progress?.read.add(1, ordering: .relaxed)
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
        let progress = progress
        DispatchQueue.global().async(group: group) {
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                WorkerPriority.yieldToWriter()
                while let item = input.pop() {
                    let processed = processor.process(item)
                    progress?.extracted.add(1, ordering: .relaxed)
                    if !output.push(processed) { break }
                }
            }
            output.close()
        }
    }

    /// How many documents the sources will deliver, when they can tell up front: only
    /// when all are files without `.jsonl` (one file, one document); nil otherwise.
    private func expectedDocuments(_ sources: [any Source]) -> Int? {
        var total = 0
        for source in sources {
            guard let files = source as? FileSource else { return nil }
            let listed = files.locations()
            guard !listed.files.contains(where: { FileSource.kind(ofPath: $0) == .jsonLines }) else { return nil }
            total += listed.files.count + listed.failures.count
        }
        return total
    }

    /// The enabled sources. Web sources share one ``Fetcher``, which knows what
    /// earlier runs fetched; with `--reprocess` they read the raw cache instead and the
    /// network is never touched.
    private func makeSources(_ database: GeotagDatabase) throws -> [any Source] {
        let enabled = config.enabledSources
        let needsFetcher = !options.reprocess && enabled.contains { $0.type != .files }
        let fetcher = needsFetcher ? Fetcher(config: config.fetch, known: try database.fetchRecords()) : nil
        return enabled.map { source -> any Source in
            switch (source.kind, fetcher) {
            case let (.files(path), _):
                return FileSource(name: source.name, path: path.written, baseDirectory: config.directory, limits: config.limits)
            case let (.urls(urls, file), fetcher?):
                return URLSource(name: source.name, urls: urls.map(\.absoluteString), file: file?.resolved, fetcher: fetcher)
            case let (.feed(url), fetcher?):
                return FeedSource(name: source.name, url: url.absoluteString, fetcher: fetcher)
            case (.urls, nil), (.feed, nil):
                return CachedSource(name: source.name, cache: RawCache(directory: config.fetch.cacheDir.resolved))
            }
        }
    }
}
