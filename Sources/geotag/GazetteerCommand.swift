import ArgumentParser
import Foundation
import GeotagCore

struct GazetteerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gazetteer",
        abstract: "Builds a gazetteer index from GeoNames files, or describes one.",
        subcommands: [Build.self, Info.self]
    )

    struct Build: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Builds an index from GeoNames dump files (plain, .gz or .zip) and overlays.",
            discussion: """
                Either name the files, or give --from a folder with the standard GeoNames \
                names (allCountries, cities500 or XX; admin1CodesASCII, admin2Codes, \
                countryInfo, alternateNamesV2, hierarchy; each .txt, .txt.gz or .zip). Bad \
                lines are reported with file and line and skipped.
                """
        )

        @Option(help: "A folder of GeoNames files with their standard names.")
        var from: String?
        @Option(name: .customLong("places"), help: "A places file (19 columns); repeatable.")
        var places: [String] = []
        @Option(help: "admin1CodesASCII.txt")
        var admin1: String?
        @Option(help: "admin2Codes.txt")
        var admin2: String?
        @Option(help: "countryInfo.txt")
        var countryInfo: String?
        @Option(help: "alternateNamesV2.txt: names with their languages (replaces the places files' alternatenames column).")
        var alternateNames: String?
        @Option(help: "hierarchy.txt: fills missing administrative codes from parents.")
        var hierarchy: String?
        @Option(help: ArgumentHelp(
            "Keep only these languages of alternateNamesV2.txt, comma-separated ('none' for names without a language, 'abbr' for abbreviations).",
            discussion: "Default: Latin- and Arabic-script names with a language code, none, or abbr."))
        var languages: String?
        @Flag(help: "Keep the historic names of alternateNamesV2.txt.")
        var historic = false
        @Option(help: "An overlay file of your own places and names; repeatable.")
        var overlay: [String] = []
        @Option(help: "A demonym table (demonym, country codes) to store in the index.")
        var demonyms: String?
        @Option(help: "The gazetteer's name, the first part of its version.")
        var name = "custom"
        @Option(help: "Where to write the index.")
        var out: String

        func run() throws {
            try reportingErrors {
                var inputs = try from.map { dir throws(GeotagError) in try GazetteerInputs.discover(in: dir) } ?? GazetteerInputs(places: [])
                inputs.places += places
                inputs.admin1Codes = admin1 ?? inputs.admin1Codes
                inputs.admin2Codes = admin2 ?? inputs.admin2Codes
                inputs.countryInfo = countryInfo ?? inputs.countryInfo
                inputs.alternateNames = alternateNames ?? inputs.alternateNames
                inputs.hierarchy = hierarchy ?? inputs.hierarchy
                inputs.overlays += overlay
                inputs.demonyms = demonyms ?? inputs.demonyms
                guard !inputs.places.isEmpty else { throw GeotagError.usage("name a places file with --places or a folder with --from") }
                var builder = GazetteerBuilder(name: name)
                builder.alternateNamePolicy = languages.map { AlternateNamePolicy(languageList: $0, keepHistoric: historic) }
                    ?? AlternateNamePolicy(keepHistoric: historic)
                let started = Date()
                let metadata = try builder.build(inputs, to: out)
                for problem in builder.problems.prefix(20) { FileHandle.standardError.write(Data("skipped \(problem)\n".utf8)) }
                if builder.skippedCount > 20 {
                    FileHandle.standardError.write(Data("... and \(builder.skippedCount - 20) more skipped lines\n".utf8))
                }
                for note in builder.notes { FileHandle.standardError.write(Data("\(note)\n".utf8)) }
                let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
                printLine(String(
                    format: "%@: %d places, %d names, %d keys, %.1f MB, %.1f s",
                    metadata.version, metadata.places, metadata.names, metadata.keys,
                    Double(size) / 1_000_000, Date().timeIntervalSince(started)))
            }
        }
    }

    struct Info: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Prints a gazetteer's version, sources and counts.")

        @Option(help: "text or json.")
        var format: OutputFormat = .text
        @OptionGroup var gazetteer: GazetteerOption

        enum OutputFormat: String, ExpressibleByArgument { case text, json }

        /// What `info --format json` prints: the metadata with the demonym table counted,
        /// not listed.
        struct Summary: Encodable {
            var metadata: GazetteerMetadata

            enum CodingKeys: String, CodingKey { case demonyms }

            func encode(to encoder: any Encoder) throws {
                var listed = metadata
                listed.demonyms = nil
                try listed.encode(to: encoder)
                var container = encoder.container(keyedBy: CodingKeys.self)
                try container.encode(metadata.demonyms?.count ?? 0, forKey: .demonyms)
            }
        }

        func run() throws {
            try reportingErrors {
                let m = try gazetteer.open().metadata
                switch format {
                case .json:
                    let encoder = JSONEncoder()
                    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
                    printLine(String(decoding: try! encoder.encode(Summary(metadata: m)), as: UTF8.self))
                case .text:
                    printLine("version   \(m.version)")
                    printLine("places    \(m.places)")
                    printLine("names     \(m.names) (\(m.keys) distinct folded keys)")
                    printLine("demonyms  \(m.demonyms?.count ?? 0)")
                    if m.skippedLines > 0 { printLine("skipped   \(m.skippedLines) input lines") }
                    printLine("sources")
                    for s in m.sources { printLine("  \(s.file)  \(s.lines) lines  sha256 \(s.sha256)") }
                    printLine("by feature class")
                    for (k, v) in m.byFeatureClass.sorted(by: { $0.key < $1.key }) { printLine("  \(k)  \(v)") }
                    printLine("by country (\(m.byCountryCode.count), most places first; - for none)")
                    let countries = m.byCountryCode.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
                    for row in stride(from: 0, to: countries.count, by: 8) {
                        printLine("  " + countries[row..<min(row + 8, countries.count)].map { "\($0.key) \($0.value)".padding(toLength: 10, withPad: " ", startingAt: 0) }.joined())
                    }
                }
            }
        }
    }
}
