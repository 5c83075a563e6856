import Foundation
import Testing
@testable import GeotagCore

/// Adjectives of nationality that modify a noun are mentions of their place; demonyms
/// for people, languages and adjectives inside organisations' names are not.
@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
struct NationalityAdjectivesTests {
    let extractor = Extractor(index: BundledGazetteer.index)

    private func adjectives(_ text: String) -> [String] {
        extractor.mentions(in: text, docID: "t").filter { $0.precision >= 3 }.map { "\($0.text)→\($0.place.id)" }
    }

    @Test(arguments: [
        ("Syrian forces shelled the area on Monday.", ["Syrian→163843"]),
        ("Turkish-backed fighters advanced.", ["Turkish→298795"]),
        ("Russian President Vladimir Putin spoke.", ["Russian→2017370"]),
        ("The Iraqi Foreign Ministry protested.", ["Iraqi→99237"]),
        ("Russian and Venezuelan delegations met.", ["Russian→2017370", "Venezuelan→3625428"]),
        ("Trucks queued at the Syrian-Turkish border.", ["Syrian→163843", "Turkish→298795"]),
        ("British, French and German troops left.", ["British→2635167", "French→3017382", "German→2921044"]),
        ("South African miners went on strike.", ["South African→953987"]),
        ("European airlines cut flights.", ["European→6255148"]),
        ("The English city of Salisbury was quiet.", ["English→6269131"]),
        ("SYRIAN TROOPS ENTER TOWN", ["SYRIAN→163843"]),
        ("Georgian troops left Tbilisi for the Russian border.", ["Georgian→614540", "Russian→2017370"]),
    ])
    func adjectivesNameTheirPlace(text: String, expected: [String]) {
        #expect(adjectives(text) == expected)
    }

    @Test(arguments: [
        "Syrians fled across the border.",
        "The British said they would help.",
        "She speaks English and Arabic-speaking staff translate.",
        "Fighters of the Syrian Democratic Forces and the Free Syrian Army met.",
        "Iraqi security forces sealed the road.",
        "An African-American aid worker was hurt.",
        "Kurdish and Arab elders met Yazidi leaders.",
        "The Syrian Observatory for Human Rights reported it.",
        "He is Syrian, she said.",
    ])
    func demonymsThatAreNotPlaces(text: String) {
        #expect(adjectives(text).isEmpty)
    }

    /// "Georgian" is the country or the US state: the article's places decide.
    @Test func theArticleChoosesAmongAnAdjectivesPlaces() {
        let found = extractor.mentions(in: "Georgian voters lined up in Atlanta, Savannah and Augusta on Tuesday.", docID: "t")
        #expect(found.first { $0.text == "Georgian" }?.place.id == 4197000, "\(found.map { "\($0.text)→\($0.place.id)" })")
    }

    /// The table beside the bundled index: every line names a place the index holds.
    @Test func everyTableLineResolves() throws {
        let path = (BundledGazetteer.path as NSString).deletingLastPathComponent + "/" + Lexicon.nationalitiesPath
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let lines = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
        let table = Lexicon.nationalities(fromTSV: text, in: BundledGazetteer.index)
        #expect(lines.count > 200)
        #expect(table.count == lines.count)
    }
}
