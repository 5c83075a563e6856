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

    @OptionGroup var gazetteer: GazetteerOption

    enum OutputFormat: String, ExpressibleByArgument { case text, jsonl }

    func validate() throws {
        guard limit >= 1 else { throw ValidationError("--limit must be at least 1") }
        if let country, country.count != 2 || !country.allSatisfy({ $0.isASCII && $0.isLetter }) {
            throw ValidationError("--country takes an ISO 3166-1 alpha-2 code such as IQ, not '\(country)'")
        }
    }

    func run() throws {
        try reportingErrors {
            let index = try gazetteer.open()
            let candidates = index.lookup(name, country: country, limit: limit)
            for candidate in candidates {
                let p = candidate.place
                switch format {
                case .jsonl:
                    var object = JSONObjectWriter()
                    object.add("place_id", p.id)
                    object.add("place_name", p.name)
                    object.add("feature_class", p.featureClass)
                    object.add("feature_code", p.featureCode)
                    object.add("country_code", p.countryCode.isEmpty ? nil : p.countryCode)
                    object.add("admin1_code", p.admin1Code.isEmpty ? nil : p.admin1Code)
                    object.add("lat", p.latitude)
                    object.add("lon", p.longitude)
                    object.add("population", p.population)
                    object.add("matched_name", candidate.matchedName)
                    object.add("score", candidate.score)
                    printLine(object.text)
                case .text:
                    let admin = [p.admin1Name, p.countryCode].filter { !$0.isEmpty }.joined(separator: ", ")
                    let score = String(format: "%.3f", candidate.score)
                    let point = String(format: "%.5f,%.5f", p.latitude, p.longitude)
                    printLine("\(score)  \(p.id)  \(p.name)  \(p.featureClass)/\(p.featureCode)  \(admin.isEmpty ? "-" : admin)  \(point)  pop \(p.population)  (matched \"\(candidate.matchedName)\")")
                }
            }
            if candidates.isEmpty, format == .text { printLine("no place named \"\(name)\"") }
        }
    }
}
