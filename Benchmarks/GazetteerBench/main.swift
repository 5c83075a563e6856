import BenchSupport
import Foundation
import GeotagCore

/// The gazetteer benchmark (`make bench-gazetteer`): how fast the bundled index is ready
/// to use and how much memory it takes, and how long a gazetteer of allCountries' size
/// (a synthetic one, about 12 million names) takes to build and to load. Each
/// measurement runs in a fresh child process (this executable with `load` or `build`),
/// so caches and peak memory are those of one real run; medians are printed.
///
///     GazetteerBench [--bundled FILE] [--places N] [--seed S] [--work DIR]
///                    [--loads N] [--builds N] [--skip-synthetic]
///     GazetteerBench generate --places N --seed S --out FILE
///     GazetteerBench load FILE        (child: prints seconds and peak RSS when a first
///                                      lookup is answered, the place count, then seconds
///                                      and peak RSS when a first sentence is extracted)
///     GazetteerBench build FILE OUT   (child: prints seconds, peak RSS and counts)

/// Places in the synthetic file; calibrated so a Latin/Arabic build indexes about 12
/// million names (place–name pairs), the size of allCountries with those scripts.
let defaultPlaces = 7_400_000
let generatorVersion = 3

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// Runs this executable with `arguments` and returns its last output line's numbers.
func child(_ arguments: [String]) -> [Double] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: Bundle.main.executablePath ?? CommandLine.arguments[0])
    process.arguments = arguments
    let pipe = Pipe()
    process.standardOutput = pipe
    do { try process.run() } catch { fail("cannot run a child: \(error)") }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        fail("child \(arguments.joined(separator: " ")) failed (status \(process.terminationStatus))")
    }
    return output.split(separator: "\n").last?.split(separator: " ").compactMap { Double($0) } ?? []
}

/// Prints a line at once, so a log shows the benchmark's progress.
func say(_ line: String) {
    print(line)
    fflush(nil)
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

func report(_ label: String, _ values: [Double], unit: String, scale: Double = 1, target: Double? = nil) {
    let m = median(values) * scale
    let spread = values.count > 1 ? String(format: " (min %.3g, max %.3g, n=%d)", values.min()! * scale, values.max()! * scale, values.count) : ""
    let verdict = target.map { m < $0 ? "  ok, target < \(formatted($0)) \(unit)" : "  OVER target < \(formatted($0)) \(unit)" } ?? ""
    let padded = label.padding(toLength: 30, withPad: " ", startingAt: 0)
    say("  \(padded) \(formatted(m)) \(unit)\(spread)\(verdict)")
}

func formatted(_ value: Double) -> String {
    value >= 100 ? String(format: "%.0f", value) : value >= 10 ? String(format: "%.1f", value) : String(format: "%.3f", value)
}

var arguments = Arguments()

switch arguments.first {
case "load":
    guard arguments.count == 2 else { fail("load FILE") }
    let start = now()
    do {
        let index = try GazetteerIndex.open(configured: arguments[1])
        _ = index.lookup("Baghdad")  // ready: a first lookup answered
        let (ready, readyRSS) = (now() - start, peakRSS())
        // Ready to extract: the word lists beside the index read too (a run's first
        // article waits for them), and a first sentence's mentions found.
        _ = Extractor(index: index).mentions(in: "Clashes in Deir ez-Zor and Diyala.", docID: "bench")
        print(String(format: "%.6f %d %d %.6f %d", ready, readyRSS, index.placeCount, now() - start, peakRSS()))
    } catch { fail("\(error)") }

case "build":
    guard arguments.count == 3 else { fail("build FILE OUT") }
    let start = now()
    do {
        var builder = GazetteerBuilder(name: "synthetic")
        let metadata = try builder.build(GazetteerInputs(places: [arguments[1]]), to: arguments[2])
        print(String(format: "%.3f %d %d %d %d", now() - start, peakRSS(), metadata.places, metadata.names, metadata.keys))
    } catch { fail("\(error)") }

case "generate":
    arguments.removeFirst()
    guard let places = arguments.option("--places").flatMap(Int.init), let seed = arguments.option("--seed").flatMap(UInt64.init), let out = arguments.option("--out") else {
        fail("generate --places N --seed S --out FILE")
    }
    do { try SyntheticGeoNames.write(places: places, seed: seed, to: out) } catch { fail("cannot write \(out): \(error)") }

default:
    let bundled = arguments.option("--bundled") ?? "data/gazetteer/geotag.gaz"
    let places = arguments.option("--places").flatMap(Int.init) ?? defaultPlaces
    let seed = arguments.option("--seed").flatMap(UInt64.init) ?? 20_240_101
    let work = arguments.option("--work") ?? ".build/bench-gazetteer"
    let loads = arguments.option("--loads").flatMap(Int.init) ?? 5
    let builds = arguments.option("--builds").flatMap(Int.init) ?? 1
    let skipSynthetic = arguments.flag("--skip-synthetic")
    guard arguments.isEmpty else { fail("unknown arguments \(arguments.items)") }

    say("gazetteer benchmark (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
    guard FileManager.default.fileExists(atPath: bundled) else { fail("\(bundled) is missing: run `make gazetteer`") }
    let bundledRuns = (0..<loads).map { _ in child(["load", bundled]) }
    say("bundled \(bundled): \(Int(bundledRuns[0][2])) places")
    report("load, ready to use", bundledRuns.map { $0[0] }, unit: "ms", scale: 1000, target: 150)
    report("peak resident memory", bundledRuns.map { $0[1] }, unit: "MB", scale: 1.0 / 1024, target: 150)
    report("ready to extract", bundledRuns.map { $0[3] }, unit: "ms", scale: 1000)
    report("peak memory, ready to extract", bundledRuns.map { $0[4] }, unit: "MB", scale: 1.0 / 1024)

    if !skipSynthetic {
        try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        let source = "\(work)/allCountries-\(places)-\(seed)-v\(generatorVersion).txt"
        if !FileManager.default.fileExists(atPath: source) {
            say("generating \(source) ...")
            let start = now()
            _ = child(["generate", "--places", String(places), "--seed", String(seed), "--out", source + ".tmp"])
            try? FileManager.default.moveItem(atPath: source + ".tmp", toPath: source)
            say(String(format: "  generated in %.0f s", now() - start))
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: source)[.size] as? Int) ?? 0
        let index = "\(work)/synthetic.gaz"
        let buildRuns = (0..<builds).map { _ in child(["build", source, index]) }
        let gaz = (try? FileManager.default.attributesOfItem(atPath: index)[.size] as? Int) ?? 0
        say(String(
            format: "synthetic allCountries (%.0f MB, %d places): %d names, %d keys, index %.0f MB",
            Double(size) / 1e6, Int(buildRuns[0][2]), Int(buildRuns[0][3]), Int(buildRuns[0][4]), Double(gaz) / 1e6))
        report("build", buildRuns.map { $0[0] }, unit: "s", target: 600)
        report("build peak resident memory", buildRuns.map { $0[1] }, unit: "MB", scale: 1.0 / 1024)
        let syntheticRuns = (0..<loads).map { _ in child(["load", index]) }
        report("load, ready to use", syntheticRuns.map { $0[0] }, unit: "s", target: 2)
        report("load peak resident memory", syntheticRuns.map { $0[1] }, unit: "MB", scale: 1.0 / 1024)
    }
}
