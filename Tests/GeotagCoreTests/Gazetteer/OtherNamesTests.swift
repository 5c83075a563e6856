import Testing
@testable import GeotagCore

@Suite struct OtherNamesTests {
    /// Another name altogether: a former name, an absorbed place's, a translation.
    @Test(arguments: [
        ("Salisbury", "Harare"),
        ("Philadelphia", "Amman"),
        ("Riverdale", "Glendale"),
        ("Franklin", "Columbus"),
        ("Garden City", "Singapore"),
        ("Zaragoza", "Tijuana"),
        ("Madras", "Chennai"),
    ])
    func otherNames(name: String, own: String) {
        #expect(OtherNames.isOtherName(name, own: own))
    }

    /// Spellings, transliterations, short and long forms and abbreviations of the
    /// place's own name are not other names.
    @Test(arguments: [
        ("Sao Paulo", "São Paulo"),
        ("Raqqa", "Ar Raqqah"),
        ("Kiev", "Kyiv"),
        ("Ras el Ain", "Ra’s al ‘Ayn"),
        ("Rmelan", "Rumailan"),
        ("Baqubah", "Ba'qubah"),
        ("New York", "New York City"),
        ("Franklin", "Franklin County"),
        ("Najaf", "An Najaf"),
        ("Amsterdam", "Gemeente Amsterdam"),
        ("St. George", "Saint George"),
        ("N.J.", "New Jersey"),
        ("UAE", "United Arab Emirates"),
        ("حلب", "Aleppo"),
        ("Harare", "Harare"),
    ])
    func notOtherNames(name: String, own: String) {
        #expect(!OtherNames.isOtherName(name, own: own))
    }
}

@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
struct OtherNameResolutionTests {
    let extractor = Extractor(index: BundledGazetteer.index)

    /// A big town named only by an other name no longer beats the place whose own name it
    /// is: Philadelphia is Amman's ancient name, and GeoNames lists "Zaragoza" among
    /// Tijuana's names; an exonym still wins over a small namesake (Madras, Oregon).
    @Test(arguments: [
        ("Tourists flocked to Philadelphia last summer.", 4560349),
        ("The fair opened in Zaragoza on Monday.", 3104324),
        ("Flights to Madras were cancelled.", 1264527),
    ])
    func ownNameBeatsOtherName(text: String, placeID: Int) {
        let found = extractor.mentions(in: text, docID: "t")
        #expect(found.map(\.place.id) == [placeID], "\(found.map { "\($0.text)→\($0.place.name) \($0.place.id)" })")
    }

    /// The index tells a place's own name from its other names: a posting holds the
    /// place's own name ref when its own name folds to the key.
    @Test func indexKnowsOwnNames() throws {
        let index = BundledGazetteer.index
        let text = FoldedText("Salisbury")
        var key: [UInt8] = []
        text.appendKey(0..<text.tokens.count, stripped: false, to: &key)
        let postings = try #require(index.postings(key: key)).map { index.posting($0) }
        let harare = try #require(postings.first { index.record($0.place).id == 890299 })
        let england = try #require(postings.first { index.record($0.place).id == 2638664 })
        #expect(index.isOtherName(harare.nameRef, of: harare.place))
        #expect(!index.isOtherName(england.nameRef, of: england.place))
        #expect(england.nameRef == index.ownNameRef(of: england.place))
    }

    /// The verdicts the builder stored (``OtherNameTable``) are those of
    /// ``OtherNames/isOtherName(_:own:)``, for a sample of every 37th posting.
    @Test func theIndexKeepsTheBuildersVerdicts() {
        let index = BundledGazetteer.index
        var others = 0
        for i in stride(from: 0, to: index.postingCount, by: 37) {
            let (place, nameRef) = index.posting(i)
            let own = index.ownNameRef(of: place)
            let expected = nameRef != own && OtherNames.isOtherName(index.string(nameRef), own: index.string(own))
            #expect(index.isOtherName(nameRef, of: place) == expected, "\(index.string(nameRef)) for \(index.string(own))")
            if expected { others += 1 }
        }
        #expect(others > 100)
    }
}
