import Testing
@testable import GeotagCore

@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
struct ExtractorTests {
    let extractor = Extractor(index: BundledGazetteer.index)

    private func mentions(_ text: String) -> [Mention] { extractor.mentions(in: text, docID: "t") }

    @Test func theIssueExample() throws {
        let text = "Clashes were reported near Deir ez-Zor and in Baqubah, Diyala province."
        let found = mentions(text)
        #expect(found.map(\.text) == ["Deir ez-Zor", "Baqubah", "Diyala"])
        #expect(found.map(\.start) == [27, 46, 55])
        #expect(found.map(\.end) == [38, 53, 61])
        #expect(found.map(\.place.id) == [170794, 97990, 96965])
        #expect(found.map(\.precision) == [2, 1, 3])
        for m in found {
            #expect(m.sentence == text)
            #expect((0...1).contains(m.score))
        }
    }

    @Test(arguments: [
        ("Fighting resumed in Deir Al-Zour on Monday.", "Deir Al-Zour", 170794),
        ("Fighting resumed in Deir ez-Zor on Monday.", "Deir ez-Zor", 170794),
        ("Fighting resumed in Dayr az-Zawr on Monday.", "Dayr az-Zawr", 170794),
        ("Fighting resumed in Deir el-Zor on Monday.", "Deir el-Zor", 170794),
        ("FIGHTING RESUMED IN DEIR EZ-ZOR", "DEIR EZ-ZOR", 170794),
        ("Aid reached Ba'qubah late on Sunday.", "Ba'qubah", 97990),
        ("Aid reached Baquba late on Sunday.", "Baquba", 97990),
        ("Aid reached Baqubah’s hospital late on Sunday.", "Baqubah", 97990),
        ("Families fled to al-Hasakah city.", "al-Hasakah", 173811),
        ("Families fled to Al Hasakah city.", "Al Hasakah", 173811),
        ("Families fled to Hasakah city.", "Hasakah", 173811),
        ("Families fled to Qamishli.", "Qamishli", 173377),
        ("Families fled to Al-Qamishli.", "Al-Qamishli", 173377),
        ("Mosul lies on the Tigris.", "Mosul", 99072),
        ("وصلت المساعدات إلى بغداد يوم الأحد", "بغداد", 98182),
        ("وصلت المساعدات إلى دير الزور يوم الأحد", "دير الزور", 170794),
    ])
    func spellingVariantsResolve(text: String, mention: String, placeID: Int) {
        let found = mentions(text)
        #expect(found.contains { $0.text == mention && $0.place.id == placeID }, "\(found.map { "\($0.text)→\($0.place.name) \($0.place.id)" })")
        // Read again, the look-ups come from the index's memo and its cache of those
        // that found nothing.
        #expect(mentions(text) == found)
    }

    @Test(arguments: [
        "Fighters of the Syrian Democratic Forces advanced.",
        "The report was carried by Al Arabiya TV channel.",
        "Iraqi security forces and Kurdish officials met.",
        "He studied at the University of Mosul before the war.",
        "A statement from the Bank of Baghdad followed.",
        "Iraqis, Syrians and Kurds spoke. The British said so in English.",
        "Hit the road, he said.",
        "Reading the news is hard.",
        "ISIS claimed the attack.",
        "Reporting by Layla Hassan; editing by Omar Saleh. Hassan added a note.",
        "The crossing at Hammam al-Alil floods every spring.",
        "The White House said on Monday that it would send aid.",
        "Thousands attended Mass on Sunday. I’ll be there, he said.",
        "Christian and Muslim leaders met; Baptist and Sunni clerics joined them.",
        "The Taliban and Hamas issued statements.",
        "Fighting spread to Ain Zara and Ras Lanuf overnight.",
        "قال مسؤول إن المياه وصلت إلى مستوى لم يشهدوه، وإن السكان في شمال شرق المنطقة قلقون.",
    ])
    func namesThatAreNotPlaces(text: String) {
        let found = mentions(text)
        #expect(found.isEmpty, "\(found.map { "\($0.text)→\($0.place.name)" })")
    }

    @Test func personNamesAreNotPlaces() {
        let found = mentions("Jordan Peterson spoke in Toronto on Friday.")
        #expect(found.map(\.text) == ["Toronto"])
    }

    /// An article ends no name: "Al Hillah, Al Qadisiyah" is two names, not "Al Hillah,
    /// Al" (whose key without articles is Al Hillah's) and "Qadisiyah".
    @Test func anArticleEndsNoName() {
        let found = mentions("Displaced families reached Al Hillah, Al Qadisiyah and Karbala on Monday.")
        #expect(found.map(\.text) == ["Al Hillah", "Al Qadisiyah", "Karbala"])
    }

    /// "the" after a name opens a new phrase: no organisation's name runs through it.
    @Test func theAfterANameEndsIt() {
        let found = mentions("Air strikes hit Saada, while in Aden the Southern Transitional Council said it had taken control.")
        #expect(found.map(\.text) == ["Saada", "Aden"])
    }

    /// A given name makes no person of the same word elsewhere; a surname does.
    @Test func aPersonsGivenNameLeavesThePlaceAlone() {
        let found = mentions("AMMAN, Jordan (AP) — Jordan's army closed the border. Jordan Peterson was not there.")
        #expect(found.map(\.text) == ["AMMAN", "Jordan", "Jordan"])
        #expect(mentions("Reporting by Layla Hassan in Mosul. Hassan added a note.").map(\.text) == ["Mosul"])
    }

    /// A country right before a person's name ends a title; it is no given name, so it
    /// stays a place there and everywhere else in the article.
    @Test func aCountryBeforeAPersonsNameIsStillTheCountry() {
        let found = mentions("The General Secretary of the Communist Party of Vietnam Nguyen Phu Trong met officials. Vietnam wants closer ties.")
        #expect(found.map(\.text) == ["Vietnam", "Vietnam"])
        #expect(found.allSatisfy { $0.place.id == 1562822 })
    }

    /// Names made of common words are places without context when they name a country
    /// or a region, but not when a big town bears them only as another name ("White
    /// House", a translation of Casablanca: see `namesThatAreNotPlaces`).
    @Test func countriesAndRegionsNamedByCommonWords() {
        let found = mentions("Envoys of the Holy See toured the Middle East.")
        #expect(found.map(\.text) == ["Holy See", "Middle East"])
        #expect(found.map(\.place.id) == [3164670, -101])
    }

    /// A gazetteer name written with a full stop ("Ill.") matches where the text has it,
    /// and the mention includes it.
    @Test func abbreviationsWithAFullStopNeedIt() {
        let found = mentions("He lives in Springfield, Ill., with his wife.")
        #expect(found.map(\.place.id) == [4250542, 4896861])
        #expect(found.map(\.text) == ["Springfield", "Ill."])
        #expect(found.allSatisfy { $0.sentence == "He lives in Springfield, Ill., with his wife." })
    }

    /// "St." opens a name; it does not end a sentence.
    @Test func namesOpeningWithAnAbbreviation() {
        let found = mentions("Storms hit St. Louis on Monday; ST. LOUIS officials said Ft. Worth was spared.")
        #expect(found.map(\.text) == ["St. Louis", "ST. LOUIS", "Ft. Worth"])
        #expect(found.map(\.place.id) == [4407066, 4407066, 4691930])
    }

    /// "the Atlantic": the article before a name points to a sea, a river or a region
    /// rather than a town or a county.
    @Test func theArticleBeforeANamePointsToAFeature() {
        #expect(mentions("The ship sank in the Atlantic.").map(\.place.id) == [-201])
    }

    /// A sea outweighs the provinces named after it, unless the context says province.
    @Test func seasBeforeTheirNamesakeProvinces() {
        #expect(mentions("The Houthis attacked a ship in the Red Sea on Monday.").map(\.place.id) == [-207])
        #expect(mentions("Floods hit Port Sudan, the capital of Red Sea state.").map(\.place.id) == [377039, 408646])
    }

    /// One sense per discourse in recognition: an occurrence the model doubts on its own
    /// ("Lelystad Mayor Ina Adema", a sentence's first word before other capitalised
    /// words) stands with the one that shows the name is a place.
    @Test func aNameShownToBeAPlaceIsKeptThroughTheArticle() {
        #expect(mentions("Lelystad Mayor Ina Adema said the dike held.").isEmpty)
        let found = mentions("Lelystad Mayor Ina Adema said the dike held. Farmers near Lelystad were evacuated.")
        #expect(found.map(\.text) == ["Lelystad", "Lelystad"])
        #expect(found.allSatisfy { $0.place.id == 2751738 })
    }

    /// Clitics written onto an Arabic name are not part of the mention: و ("and"), ب
    /// ("in") before the article.
    @Test func arabicCliticsAreLeftOutOfTheMention() {
        let text = "يقلق مزارعي دير الزور والحسكة وبالموصل"
        let found = mentions(text)
        #expect(found.map(\.text) == ["دير الزور", "الحسكة", "الموصل"])
        let scalars = Array(text.unicodeScalars)
        for m in found { #expect(String(String.UnicodeScalarView(scalars[m.start..<m.end])) == m.text) }
        #expect(found.map(\.place.countryCode) == ["SY", "SY", "IQ"])
    }

    @Test func contextMakesACommonWordAPlace() {
        let found = mentions("Clashes broke out in Hit, a town in Anbar province.")
        #expect(found.first?.text == "Hit")
        #expect(found.first?.place.countryCode == "IQ")
    }

    @Test func articleCountriesTipAmbiguousNames() throws {
        // Many towns are called Hama or Homs; the Syrian ones win among Syrian places.
        let found = mentions("Shelling hit Hama and Homs, Syrian monitors said, while Damascus denied it.")
        #expect(found.map(\.text) == ["Hama", "Homs", "Syrian", "Damascus"])
        #expect(found.map(\.place.countryCode) == ["SY", "SY", "SY", "SY"])
    }

    @Test func minScoreDropsWeakMentions() {
        let strict = Extractor(index: BundledGazetteer.index, options: ExtractOptions(minScore: 0.99))
        #expect(strict.mentions(in: "Shelling hit Hama.", docID: "t").isEmpty)
    }
}

extension ExtractorTests {
    /// Near-miss romanisations resolve by their skeleton when the context says place.
    @Test(arguments: [
        ("Fighting resumed in Deir Ezzor on Monday.", "Deir Ezzor", 170794),
        ("Families fled to Kamishli.", "Kamishli", 173377),
        ("Families fled to Hasakeh.", "Hasakeh", 173811),
        ("Aid reached Baqouba late on Sunday.", "Baqouba", 97990),
        ("Shelling was reported in Tal Tamr, in Hasakah province.", "Tal Tamr", 163434),
        ("Shelling was reported near Maarat al-Numan in Idlib.", "Maarat al-Numan", 167611),
    ])
    func nearMissSpellingsResolve(text: String, mention: String, placeID: Int) {
        let found = mentions(text)
        #expect(found.contains { $0.text == mention && $0.place.id == placeID }, "\(found.map { "\($0.text)→\($0.place.name) \($0.place.id)" })")
        // Read again, the look-ups come from the index's memo and its cache of those
        // that found nothing.
        #expect(mentions(text) == found)
    }

    /// A near-miss spelling stays in the countries the article names: "Al-Shuhail", a
    /// village the gazetteer lacks, is no Chuhal in Punjab.
    @Test func nearMissesStayInTheArticlesCountries() {
        let found = mentions("SDF fighters detained a commander in the village of Al-Shuhail in eastern Deir ez-Zor, Syria.")
        #expect(found.map(\.text) == ["Deir ez-Zor", "Syria"])
    }

    /// A name that only sounds like a town stays out: "Michelle" is no Mechelen.
    @Test func nearMissesNeedPlaceContext() {
        #expect(mentions("The letter was signed by Michelle Jones in Chicago.").map(\.text) == ["Chicago"])
    }
}

extension ExtractorTests {
    /// One sense per discourse: every occurrence of a name means the place the article
    /// shows it to be, here by the dateline's country.
    @Test func aNameKeepsItsPlaceThroughTheArticle() {
        let found = mentions("TRIPOLI, Lebanon (Reuters) – Gunmen traded fire in Tripoli for a second night.")
        #expect(found.filter { $0.text.uppercased() == "TRIPOLI" }.map(\.place.countryCode) == ["LB", "LB"])
    }

    /// A common word shown to be a town is that town wherever it is written with a
    /// capital mid-sentence, and only there.
    @Test(arguments: [
        ("Floods swept through Of, a town in Trabzon province. Shops in the centre of Of were under water.", "Of", 2),
        ("March, a market town in Cambridgeshire, was cut off. \"I have lived in March for 60 years,\" one said.", "March", 2),
        ("The talks began in March. Traders in Irbid were hopeful.", "March", 0),
    ])
    func aTownShownOnceIsThatTownThroughout(text: String, name: String, count: Int) {
        #expect(mentions(text).filter { $0.text == name }.count == count)
    }

    @Test func campsAndStationsAreToldApart() {
        let camp = mentions("The Zaatari refugee camp still shelters about 80,000 Syrians.")
        #expect(camp.map(\.text) == ["Zaatari"])
        #expect(camp.first?.place.countryCode == "JO")
        #expect(mentions("Commuters were stranded at Penn Station on Monday.").isEmpty)
    }
}
