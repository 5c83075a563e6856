import BenchSupport
import Foundation
@testable import GeotagCore

/// The pipeline benchmark (`make bench-pipeline`, part of `make bench`): each stage alone
/// and `geotag run` end to end, on generated news-like corpora (``CorpusGenerator``).
///
///     GeotagBench [--geotag BIN] [--gazetteer FILE] [--work DIR] [--sizes 10000,100000]
///                 [--stage-docs N] [--runs N] [--run-runs N] [--seed S] [--skip-stages] [--skip-run]
///     GeotagBench corpus --docs N --out DIR [--seed S] [--gazetteer FILE]
///     GeotagBench stage NAME --corpus DIR --docs N --runs R --gazetteer FILE --work DIR   (child)
///     GeotagBench names --gazetteer FILE --out FILE      (every gazetteer name, one a line)
///     GeotagBench texts --corpus DIR --docs N --out FILE (the articles' clean texts, JSON strings, one a line)
///     GeotagBench digest --corpus DIR --docs N --out FILE (every mention of the articles, one a line:
///                 what an optimisation must leave byte for byte the same)
///
/// Every figure is a median over several runs after a warm-up run; each stage runs in a
/// child process and each `geotag run` is a process of its own, so the peak memory
/// reported is that of the stage or run alone (its high-water mark, VmHWM/ru_maxrss).

var arguments = Arguments(Array(CommandLine.arguments.dropFirst()))
let command = arguments.items.first.flatMap { $0.hasPrefix("--") ? nil : $0 }
if command != nil { arguments.items.removeFirst() }
let gazetteer = arguments.option("--gazetteer") ?? "data/gazetteer/geotag.gaz"

switch command {
case "corpus":
    let docs = arguments.int("--docs", default: 10_000)
    let seed = UInt64(arguments.int("--seed", default: 20_241_125))
    guard let out = arguments.option("--out") else { fail("corpus --docs N --out DIR") }
    arguments.done()
    Corpus.generate(docs: docs, seed: seed, folder: out, gazetteer: gazetteer)

case "stage":
    guard let stage = arguments.items.first else { fail("stage NAME ...") }
    arguments.items.removeFirst()
    guard let corpus = arguments.option("--corpus") else { fail("stage needs --corpus") }
    let docs = arguments.int("--docs", default: 10_000)
    let runs = arguments.int("--runs", default: 5)
    let work = arguments.option("--work") ?? ".build/bench-corpus"
    arguments.done()
    StageBench.child(stage, corpus: corpus, docs: docs, runs: runs, gazetteer: gazetteer, work: work)

case "names":
    guard let out = arguments.option("--out") else { fail("names --out FILE") }
    arguments.done()
    do {
        let index = try GazetteerIndex.open(configured: gazetteer)
        var seen = Set<UInt32>()
        var text = ""
        for i in 0..<index.postingCount {
            let ref = index.posting(i).nameRef
            guard seen.insert(ref).inserted else { continue }
            let name = index.string(ref)
            if !name.isEmpty, !name.contains("\n") { text += name + "\n" }
        }
        try text.write(toFile: out, atomically: true, encoding: .utf8)
    } catch { fail("\(error)") }

case "texts":
    guard let corpus = arguments.option("--corpus"), let out = arguments.option("--out") else { fail("texts --corpus DIR --out FILE") }
    let docs = arguments.int("--docs", default: 10_000)
    arguments.done()
    let normalizer = Normalizer()
    var bytes: [UInt8] = []
    for raw in Corpus.documents(in: corpus, limit: docs) {
        guard let article = try? normalizer.process(raw) else { continue }
        JSONText.appendQuoted(article.text, to: &bytes)
        bytes.append(0x0A)
    }
    guard FileManager.default.createFile(atPath: out, contents: Data(bytes)) else { fail("cannot write \(out)") }

case "digest":
    guard let corpus = arguments.option("--corpus"), let out = arguments.option("--out") else { fail("digest --corpus DIR --out FILE") }
    let docs = arguments.int("--docs", default: 10_000)
    arguments.done()
    let index: GazetteerIndex
    do { index = try GazetteerIndex.open(configured: gazetteer) } catch { fail("\(error)") }
    let normalizer = Normalizer()
    let extractor = Extractor(index: index)
    var lines = ""
    for raw in Corpus.documents(in: corpus, limit: docs) {
        guard let article = try? normalizer.process(raw) else { continue }
        for m in extractor.mentions(in: article.text, docID: article.docID) {
            lines += "\(m.docID)\t\(m.start)\t\(m.end)\t\(m.text)\t\(m.place.id)\t\(m.precision)\t\(m.score)\t\(m.sentence)\n"
        }
    }
    do { try lines.write(toFile: out, atomically: true, encoding: .utf8) } catch { fail("cannot write \(out)") }

case nil:
    let work = arguments.option("--work") ?? ".build/bench-corpus"
    let sizes = (arguments.option("--sizes") ?? "10000,100000").split(separator: ",").compactMap { Int($0.replacingOccurrences(of: "_", with: "")) }
    let stageDocs = arguments.int("--stage-docs", default: 10_000)
    let runs = arguments.int("--runs", default: 5)
    let runRuns = arguments.int("--run-runs", default: 3)
    let seed = UInt64(arguments.int("--seed", default: 20_241_125))
    let geotag = arguments.option("--geotag") ?? (URL(fileURLWithPath: Harness.executable).deletingLastPathComponent().path + "/geotag")
    let skipStages = arguments.flag("--skip-stages")
    let skipRun = arguments.flag("--skip-run")
    arguments.done()
    let absolute = { (path: String) in path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path }
    let (gaz, workDir) = (absolute(gazetteer), absolute(work))
    try? FileManager.default.createDirectory(atPath: workDir, withIntermediateDirectories: true)
    say("pipeline benchmark: \(ProcessInfo.processInfo.activeProcessorCount) cores, \(cpuModel()), medians after a warm-up run")

    if !skipStages {
        let corpus = "\(workDir)/corpus-\(max(stageDocs, 10_000))"
        Corpus.ensure(corpus, docs: max(stageDocs, 10_000), seed: seed, gazetteer: gaz)
        say("stages alone, one core, on the first \(stageDocs) articles of \(corpus) (\(runs) runs each):")
        for stage in StageBench.names {
            let r = StageBench.measure(stage, corpus: corpus, docs: stageDocs, runs: runs, gazetteer: gaz, work: workDir)
            let mb = r.seconds.map { Double(r.bytes) / $0 / 1e6 }
            let docsPerSecond = r.seconds.map { Double(r.docs) / $0 }
            let peak = String(format: "peak %.0f MB", Double(r.peakKB) / 1024)
            switch stage {
            case "fold":
                report("folding (tokens of folded text), MB/s", mb, unit: "MB/s", note: "\(r.items) tokens, \(peak)")
            case "match":
                report("name matching (fold + candidates), MB/s", mb, unit: "MB/s", note: "\(r.items) candidates, \(peak)")
            case "resolve":
                report("resolution (+ mentions), MB/s of text", mb, unit: "MB/s", note: "\(r.items) mentions, \(peak)")
            case "extract":
                report("extraction (match+recognise+resolve), MB/s", mb, unit: "MB/s", atLeast: 50, note: "\(r.items) mentions, \(peak)")
                report("extraction, articles/s", docsPerSecond, unit: "docs/s")
            case "normalize":
                report("HTML normalization, pages/s", r.seconds.map { Double(r.items) / $0 }, unit: "pages/s", note: String(format: "%.1f MB of HTML, %@", Double(r.bytes) / 1e6, peak))
            case "load":
                report("SQLite load, articles/s", docsPerSecond, unit: "docs/s", note: "\(r.items) mentions, \(peak)")
                report("SQLite load, mentions/s", r.seconds.map { Double(r.items) / $0 }, unit: "mentions/s")
            case "bulk-load":
                report("SQLite bulk load and run end, articles/s", docsPerSecond, unit: "docs/s", note: "\(r.items) mentions, \(peak)")
            case "export":
                report("CSV + GeoJSON writing, mentions/s", r.seconds.map { Double(r.items) / $0 }, unit: "mentions/s", note: String(format: "%.0f MB written, %@", Double(r.bytes) / 1e6, peak))
            default: break
            }
        }
    }

    if !skipRun {
        for size in sizes {
            let corpus = "\(workDir)/corpus-\(size)"
            Corpus.ensure(corpus, docs: size, seed: seed, gazetteer: gaz)
            let folder = "\(workDir)/run-\(size)"
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let yaml = """
                sources:
                  - name: bench
                    type: files
                    path: \(corpus)
                gazetteer: \(gaz)
                output:
                  dir: out
                  map: false

                """
            try? yaml.write(toFile: "\(folder)/pipeline.yaml", atomically: true, encoding: .utf8)
            let n = size >= 1_000_000 ? 1 : runRuns
            say("geotag run end to end on \(size) articles (\(n) runs, a new output folder each):")
            var seconds: [Double] = [], peaks: [Double] = []
            for _ in 0..<n {
                try? FileManager.default.removeItem(atPath: "\(folder)/out")
                let child = Harness.run(geotag, ["run", "--config", "\(folder)/pipeline.yaml", "--quiet"])
                guard child.status == 0 else { fail("geotag run failed with status \(child.status): \(child.output)") }
                for file in ["mentions.csv", "mentions.geojson", "geotag.gpkg"] where !FileManager.default.fileExists(atPath: "\(folder)/out/\(file)") {
                    fail("geotag run wrote no \(file)")
                }
                seconds.append(child.seconds)
                peaks.append(Double(child.peakKB) / 1024)
            }
            report("documents/s, all three outputs written", seconds.map { Double(size) / $0 }, unit: "docs/s", atLeast: 5_000)
            report("wall time", seconds, unit: "s")
            report("peak resident memory", peaks, unit: "MB", below: 400)
        }
    }

default:
    fail("unknown command \(command ?? "")")
}

func cpuModel() -> String {
    let info = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let line = info.split(separator: "\n").first { $0.hasPrefix("model name") }
    return line.map { $0.split(separator: ":", maxSplits: 1).last!.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
}
