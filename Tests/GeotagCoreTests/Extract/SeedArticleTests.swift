import Foundation
import Testing
@testable import GeotagCore

/// The example that must always work (SPEC.md): the Shafaq News seed article.
@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
struct SeedArticleTests {
    static let seed: String = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("seeds/000_6f2d1026ffcd891d.txt")
        return try! String(contentsOf: url, encoding: .utf8)
    }()

    static let mentions = Extractor(index: BundledGazetteer.index).mentions(in: seed, docID: "seed")

    /// Every required place is found, within 25 km of its gazetteer point (100 km for a
    /// province or country, whose point is a representative one).
    @Test(arguments: [
        ("Iraq", 99237, 100.0), ("Syria", 163843, 100.0), ("Diyala", 96965, 100.0),
        ("Rumailan", -1, 25.0), ("Deir Al-Zour", 170794, 25.0),
    ])
    func findsRequiredPlace(text: String, placeID: Int, withinKm: Double) throws {
        let reference = try #require(BundledGazetteer.index.lookup(text).first { $0.place.id == placeID }?.place)
        let found = Self.mentions.filter { $0.text == text }
        #expect(!found.isEmpty, "no mention of \(text)")
        for mention in found {
            let km = GreatCircle.kilometers(mention.place.latitude, mention.place.longitude, reference.latitude, reference.longitude)
            #expect(km <= withinKm, "\(text) resolved to \(mention.place.name) (\(mention.place.id)), \(Int(km)) km away")
        }
    }

    @Test func diyalaIsTheGovernorate() throws {
        let diyala = try #require(Self.mentions.first { $0.text == "Diyala" })
        #expect(diyala.place.featureCode == "ADM1")
        #expect(diyala.place.countryCode == "IQ")
        #expect(diyala.precision == 3)
    }

    /// SPEC.md's names that are not places, and the seed's other non-places: nothing
    /// reported overlaps them ("Iraqi" of "Iraqi security forces" included).
    @Test func namesThatAreNotPlacesGiveNoMention() {
        let scalars = Array(Self.seed.unicodeScalars)
        for wrong in ["Al Arabiya TV channel", "Syrian Democratic Forces", "Iraqi security forces", "SDF", "ISIS", "Shafaq", "Arab", "Western"] {
            let needle = Array(wrong.unicodeScalars)
            let starts = (0...(scalars.count - needle.count)).filter { Array(scalars[$0..<($0 + needle.count)]) == needle }
            #expect(!starts.isEmpty, "\(wrong) is not in the seed")
            for start in starts {
                let clash = Self.mentions.first { $0.start < start + needle.count && start < $0.end }
                #expect(clash == nil, "\(clash?.text ?? "") reported as a place inside \(wrong)")
            }
        }
        for mention in Self.mentions {
            #expect(!mention.sentence.isEmpty)
            #expect(mention.sentence.contains(mention.text))
        }
    }

    /// "inside Iraqi and Syrian territories", "the Syrian town of Rumailan": adjectives
    /// of nationality name their country.
    @Test func nationalityAdjectivesNameTheirCountry() throws {
        let adjectives = Self.mentions.filter { ["Iraqi", "Syrian"].contains($0.text) }
        #expect(adjectives.count >= 4)
        for mention in adjectives {
            #expect(mention.place.id == (mention.text == "Iraqi" ? 99237 : 163843))
            #expect(mention.precision == 4)
        }
    }

    @Test func offsetsIndexTheTextInUnicodeScalars() {
        let scalars = Array(Self.seed.unicodeScalars)
        for mention in Self.mentions {
            let slice = String(String.UnicodeScalarView(scalars[mention.start..<mention.end]))
            #expect(slice == mention.text)
        }
    }
}
