import Foundation
import Testing
@testable import GeotagCore

struct DocumentFocusTests {
    typealias F = LoadFixtures

    @Test func theMostWeightedCountryThenItsProvinceAndTown() {
        let mosul = Place(id: 99072, name: "Mosul", featureClass: "P", featureCode: "PPL", countryCode: "IQ",
                          admin1Code: "15", admin1Name: "Nineveh", latitude: 36.335, longitude: 43.119)
        let washington = Place(id: 4140963, name: "Washington", featureClass: "P", featureCode: "PPLC", countryCode: "US",
                               admin1Code: "DC", admin1Name: "District of Columbia", latitude: 38.895, longitude: -77.036)
        let mentions = [
            F.mention("d", "Washington", at: 0, washington),
            F.mention("d", "Mosul", at: 20, mosul),
            F.mention("d", "Baghdad", at: 40, F.baghdad),
            F.mention("d", "Mosul", at: 60, mosul),
        ]
        let focus = DocumentFocus(mentions: mentions)
        #expect(focus.country == "IQ")
        #expect(focus.admin1 == "Nineveh")
        #expect(focus.town?.id == 99072)
    }

    @Test func tiesGoToThePlaceMentionedFirstWhateverTheOrderGiven() {
        let (_, mentions) = F.sample("d")  // Madrid (ES) 40, Baghdad (IQ) 18, Diyala (IQ) 29
        let focus = DocumentFocus(mentions: mentions)
        #expect(focus == DocumentFocus(country: "IQ", admin1: "Baghdad", town: F.baghdad))
        #expect(DocumentFocus(mentions: mentions.reversed()) == focus)
    }

    @Test func placesInNoCountryGiveNoFocus() {
        #expect(DocumentFocus(mentions: [F.mention("d", "Camp", at: 0, F.added)]) == DocumentFocus())
        #expect(DocumentFocus(mentions: []) == DocumentFocus())
    }

    @Test func theArticleRowCarriesItsFocus() throws {
        try withTemporaryFolder { folder in
            let db = try GeotagDatabase(path: folder + "/geotag.gpkg")
            let (article, mentions) = F.sample("d1")
            _ = try db.store([.article(article, mentions)], runID: "run-1", gazetteerVersion: "gaz-1")
            let row = try db.connection.prepare("SELECT focus_country, focus_admin1, focus_town, focus_town_id FROM articles")
            #expect(try row.step())
            #expect([row.text(at: 0), row.text(at: 1), row.text(at: 2)] == ["IQ", "Baghdad", "Baghdad"])
            #expect(row.int(at: 3) == 98182)
        }
    }
}
