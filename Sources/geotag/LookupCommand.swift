import ArgumentParser
import Foundation
import GeotagCore

struct LookupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lookup",
        abstract: "Shows the gazetteer candidates for a name, best first, with their scores."
    )

    @Argument(help: "The place name to look up.")
    var name: String

    @Option(help: "Only places in this country (ISO 3166-1 alpha-2).")
    var country: String?

    @Option(help: "At most this many candidates.")
    var limit = 10

    @Option(help: "text or jsonl.")
    var format: OutputFormat = .text

    @Option(help: "The gazetteer: a .gaz file or a folder holding geotag.gaz.")
    var gazetteer = "data/gazetteer"

    enum OutputFormat: String, ExpressibleByArgument { case text, jsonl }

    func run() throws {
        try reportingErrors {
            let index = try GazetteerIndex.open(configured: gazetteer)
            let candidates = index.lookup(name, country: country, limit: limit)
            for candidate in candidates {
                let p = candidate.place
                switch format {
                case .jsonl:
                    printLine(jsonLine(candidate))
                case .text:
                    let admin = [p.admin1Name, p.countryCode].filter { !$0.isEmpty }.joined(separator: ", ")
                    printLine(String(
                        format: "%.3f  %d  %@  %@/%@  %@  %.5f,%.5f  pop %d  (matched \"%@\")",
                        candidate.score, p.id, p.name, p.featureClass, p.featureCode, admin,
                        p.latitude, p.longitude, p.population, candidate.matchedName))
                }
            }
            if candidates.isEmpty, format == .text { printLine("no place named \"\(name)\"") }
        }
    }
}

/// One candidate as a JSON object (temporary encoder until the shared JSON writer lands).
private func jsonLine(_ c: LookupCandidate) -> String {
    let p = c.place
    let object: [String: Any] = [
        "place_id": p.id, "place_name": p.name, "feature_class": p.featureClass, "feature_code": p.featureCode,
        "country_code": p.countryCode, "admin1_code": p.admin1Code, "lat": p.latitude, "lon": p.longitude,
        "population": p.population, "matched_name": c.matchedName, "score": c.score,
    ]
    let data = try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
    return String(decoding: data, as: UTF8.self)
}
