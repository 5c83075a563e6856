import BenchSupport
import Foundation
@testable import GeotagCore

/// The stages timed alone, each in a child process of its own (so its peak memory is
/// its own): `GeotagBench stage NAME --corpus DIR --docs N --runs R --gazetteer FILE
/// --work DIR`. The child reads the first `docs` articles of the corpus, prepares what
/// the stage takes (outside the clock), runs it once to warm up and `runs` times timed,
/// and prints one JSON line: the seconds of each run, its peak RSS in kB, and the
/// bytes, documents and items (mentions, candidates) one run handles.
enum StageBench {
    static let names = ["fold", "match", "resolve", "extract", "normalize", "load", "bulk-load", "export"]

    struct Result {
        var seconds: [Double]
        var peakKB: Int
        var bytes: Int
        var docs: Int
        var items: Int
    }

    /// The child's side.
    static func child(_ stage: String, corpus: String, docs: Int, runs: Int, gazetteer: String, work: String) {
        let raw = Corpus.documents(in: corpus, limit: docs)
        let index: GazetteerIndex
        do { index = try GazetteerIndex.open(configured: gazetteer) } catch { fail("\(error)") }
        // Matching and extraction time each run on an index opened afresh: the index
        // remembers its near-miss look-ups, and a run sees each article once, so a
        // second pass over the same articles would find them all remembered.
        func freshIndex() throws -> GazetteerIndex { try GazetteerIndex.open(configured: gazetteer) }
        let normalizer = Normalizer()
        let articles = raw.compactMap { try? normalizer.process($0) }
        let extractor = Extractor(index: index)
        let textBytes = articles.reduce(0) { $0 + $1.text.utf8.count }
        var bytes = textBytes, items = 0
        var seconds: [Double] = []
        do {
            switch stage {
            case "fold":
                // Folding alone: each article's text cut into folded tokens, the first
                // step of matching.
                seconds = Harness.time(runs: runs) {
                    items = 0
                    for article in articles { items += FoldedText(article.text).tokens.count }
                }
            case "match":
                // Name matching: folding the text and finding every span that is a name.
                seconds = try Harness.time(runs: runs, each: { CandidateFinder(index: try freshIndex()) }) { finder in
                    items = 0
                    for article in articles { items += finder.candidates(in: FoldedText(article.text)).count }
                }
            case "resolve":
                // Resolution alone: the recognised names of each article (found outside
                // the clock) resolved to places and made into mentions.
                let recognised = articles.map { extractor.recognise($0.text) }
                seconds = Harness.time(runs: runs) {
                    items = 0
                    for (article, names) in zip(articles, recognised) {
                        items += extractor.resolve(names, text: article.text, docID: article.docID).count
                    }
                }
            case "extract":
                // Matching, recognition and resolution: the extract stage as a run calls it.
                seconds = try Harness.time(runs: runs, each: { Extractor(index: try freshIndex()) }) { extractor in
                    items = 0
                    for article in articles { items += try extractor.process(article).count }
                }
            case "normalize":
                let pages = raw.filter { $0.format == .html }
                bytes = pages.reduce(0) { $0 + $1.body.count }
                seconds = Harness.time(runs: runs) {
                    items = 0
                    for page in pages { if (try? normalizer.process(page)) != nil { items += 1 } }
                }
                items = pages.count
            case "load", "bulk-load":
                // load: the loader's transactions, 500 articles each, into a new GeoPackage
                // that keeps its R-tree and indexes up to date batch by batch, as a nightly
                // run's do. bulk-load: a first run's database work, the same transactions
                // as a bulk load (the R-tree and secondary indexes left alone), then the
                // run's end, which builds them and `places`.
                let bulk = stage == "bulk-load"
                let batch = loadItems(articles, extractor)
                items = batch.reduce(0) { if case let .article(_, m) = $1 { $0 + m.count } else { $0 } }
                let path = "\(work)/\(stage)-bench.gpkg"
                seconds = try Harness.time(runs: runs) {
                    removeDatabase(path)
                    let database = try GeotagDatabase(path: path)
                    var run = RunRecord(runID: "bench", startedAt: Date(), version: "bench", gazetteerVersion: index.version, configHash: "")
                    if bulk { try database.beginRun(run) }
                    try store(batch, into: database, gazetteerVersion: index.version)
                    if bulk {
                        try database.prepareForExport()
                        run.endedAt = Date()
                        try database.finishRun(run)
                    }
                    try database.close()
                }
            case "export":
                // CSV and GeoJSON (mentions and places) from a loaded database, as the end
                // of a run writes them; no map.
                let path = "\(work)/export-bench.gpkg"
                removeDatabase(path)
                let database = try GeotagDatabase(path: path)
                var run = RunRecord(runID: "bench", startedAt: Date(), version: "bench", gazetteerVersion: index.version, configHash: "")
                try database.beginRun(run)
                items = try store(loadItems(articles, extractor), into: database, gazetteerVersion: index.version)
                run.endedAt = Date()
                try database.finishRun(run)
                let yaml = "sources: [{name: bench, type: files, path: .}]\noutput: {dir: \(work)/export-out, map: false}\n"
                let config = try PipelineConfig.parse(yaml: yaml, file: "\(work)/bench.yaml", version: "bench")
                seconds = try Harness.time(runs: runs) {
                    let summary = try Exporter.export(from: database, to: config.output, runID: "bench")
                    bytes = summary.files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: $1)[.size] as? Int) ?? 0) }
                }
                try database.close()
            default:
                fail("no stage \(stage); the stages are \(names.joined(separator: ", "))")
            }
        } catch {
            fail("stage \(stage): \(error)")
        }
        let json: [String: Any] = ["seconds": seconds, "peak_kb": peakRSS(), "bytes": bytes, "docs": articles.count, "items": items]
        let data = try! JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])
        say(String(decoding: data, as: UTF8.self))
    }

    /// The parent's side: runs the stage in a child and reads its line.
    static func measure(_ stage: String, corpus: String, docs: Int, runs: Int, gazetteer: String, work: String) -> Result {
        let child = Harness.run(Harness.executable, [
            "stage", stage, "--corpus", corpus, "--docs", String(docs), "--runs", String(runs), "--gazetteer", gazetteer, "--work", work,
        ])
        guard child.status == 0, let line = child.output.split(separator: "\n").last,
              let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
        else { fail("stage \(stage) failed (status \(child.status))") }
        return Result(
            seconds: object["seconds"] as? [Double] ?? [], peakKB: object["peak_kb"] as? Int ?? 0,
            bytes: object["bytes"] as? Int ?? 0, docs: object["docs"] as? Int ?? 0, items: object["items"] as? Int ?? 0)
    }

    /// Each article with its signature and mentions, as the workers hand them to the writer.
    private static func loadItems(_ articles: [Article], _ extractor: Extractor) -> [LoadItem] {
        articles.map { article in
            var article = article
            article.signature = TextSignature(text: article.text)
            return .article(article, (try? extractor.process(article)) ?? [])
        }
    }

    /// Stores `items` in transactions of 500 articles, as a run does; returns the mentions stored.
    @discardableResult
    private static func store(_ items: [LoadItem], into database: GeotagDatabase, gazetteerVersion: String) throws -> Int {
        try stride(from: 0, to: items.count, by: 500).reduce(0) { stored, start in
            try stored + database.store(Array(items[start..<min(start + 500, items.count)]), runID: "bench", gazetteerVersion: gazetteerVersion).mentions
        }
    }

    private static func removeDatabase(_ path: String) {
        for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }
}

/// Reading a generated corpus back.
enum Corpus {
    /// The first `limit` documents of the corpus in `folder`, as a `files` source reads them.
    static func documents(in folder: String, limit: Int) -> [RawDocument] {
        var documents: [RawDocument] = []
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).filter { $0.hasSuffix(".jsonl") }.sorted()
        for file in files where documents.count < limit {
            guard let data = FileManager.default.contents(atPath: "\(folder)/\(file)") else { fail("cannot read \(folder)/\(file)") }
            JSONLines.items(of: [UInt8](data), location: file, source: "bench", fetchedAt: Date()) { item in
                if case let .document(raw) = item { documents.append(raw) }
                return documents.count < limit
            }
        }
        guard !documents.isEmpty else { fail("no articles in \(folder); generate them with `GeotagBench corpus`") }
        return documents
    }

    /// The manifest that says which corpus a folder holds.
    static func manifest(docs: Int, seed: UInt64, gazetteerVersion: String) -> String {
        "generator \(CorpusGenerator.version)\ndocs \(docs)\nseed \(seed)\ngazetteer \(gazetteerVersion)\n"
    }

    /// Makes sure `folder` holds the corpus of `docs` articles from `seed`, generating it
    /// (in a child) when it does not.
    static func ensure(_ folder: String, docs: Int, seed: UInt64, gazetteer: String) {
        let index: GazetteerIndex
        do { index = try GazetteerIndex.open(configured: gazetteer) } catch { fail("\(error)") }
        let expected = manifest(docs: docs, seed: seed, gazetteerVersion: index.version)
        if (try? String(contentsOfFile: "\(folder)/MANIFEST", encoding: .utf8)) == expected { return }
        say("generating \(docs) articles into \(folder) ...")
        let child = Harness.run(Harness.executable, ["corpus", "--docs", String(docs), "--seed", String(seed), "--out", folder, "--gazetteer", gazetteer])
        guard child.status == 0 else { fail("generating the corpus failed") }
        say("  " + child.output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// The child's side of ``ensure``; does nothing when `folder` already holds that corpus.
    static func generate(docs: Int, seed: UInt64, folder: String, gazetteer: String) {
        let index: GazetteerIndex
        do { index = try GazetteerIndex.open(configured: gazetteer) } catch { fail("\(error)") }
        if (try? String(contentsOfFile: "\(folder)/MANIFEST", encoding: .utf8)) == manifest(docs: docs, seed: seed, gazetteerVersion: index.version) {
            say("\(folder) holds that corpus already")
            return
        }
        try? FileManager.default.removeItem(atPath: folder)
        let start = Harness.now()
        var generator = CorpusGenerator(index: index, seed: seed)
        do {
            let bytes = try generator.write(count: docs, to: folder)
            try manifest(docs: docs, seed: seed, gazetteerVersion: index.version).write(toFile: "\(folder)/MANIFEST", atomically: true, encoding: .utf8)
            say(String(format: "%d articles, %.0f MB of article text (%.0f bytes each), in %.0f s", docs, Double(bytes) / 1e6, Double(bytes) / Double(docs), Harness.now() - start))
        } catch {
            fail("cannot write the corpus: \(error)")
        }
    }
}
