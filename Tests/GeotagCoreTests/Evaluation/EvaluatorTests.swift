import Foundation
import Testing
@testable import GeotagCore

/// The metrics on a tiny gold set, with a fake extractor whose answers are known.
struct EvaluatorTests {
    static let paris = GoldToponym.Coordinate(latitude: 48.8566, longitude: 2.3522)
    static let parisTexas = GoldToponym.Coordinate(latitude: 33.6609, longitude: -95.5555)
    static let newYork = GoldToponym.Coordinate(latitude: 40.7128, longitude: -74.0060)
    static let baghdad = GoldToponym.Coordinate(latitude: 33.3152, longitude: 44.3661)
    static let nearBaghdad = GoldToponym.Coordinate(latitude: 33.3406, longitude: 44.4009)
    static let mosul = GoldToponym.Coordinate(latitude: 36.335, longitude: 43.119)

    static let flights = "Flights from Paris to New York City were cancelled, Iraqi officials said in Baghdad."
    static let rain = "Rain fell on Mosul."
    static let meeting = "They met in Springfield."

    static let gold = [
        GoldDocument(id: "a", text: flights, toponyms: [
            toponym("Paris", in: flights, paris, geonameID: 2988507),
            toponym("New York City", in: flights, newYork),
            toponym("Iraqi", in: flights, nil, type: "Demonym"),
            toponym("Baghdad", in: flights, baghdad, geonameID: 98182),
        ]),
        GoldDocument(id: "b", text: rain, toponyms: [toponym("Mosul", in: rain, mosul)]),
        GoldDocument(id: "c", text: meeting, toponyms: [toponym("Springfield", in: meeting, nil)]),
    ]

    /// What the fake extractor answers for each text: Paris placed in Texas, "New York"
    /// for "New York City", the demonym, Baghdad a few km off, a spurious "Flights",
    /// nothing in the second document, and Springfield (gold has no coordinates).
    static func fakeExtractor(_ text: String) -> [Mention] {
        switch text {
        case flights:
            return [
                mention("Flights", in: text, at: parisTexas, score: 0.3),
                mention("Paris", in: text, at: parisTexas, score: 0.95, id: 4717560),
                mention("New York", in: text, at: newYork, score: 0.85),
                mention("Iraqi", in: text, at: baghdad, score: 0.5),
                mention("Baghdad", in: text, at: nearBaghdad, score: 0.92, id: 98182),
            ]
        case meeting:
            return [mention("Springfield", in: text, at: parisTexas, score: 0.6)]
        default:
            return []
        }
    }

    let report = Evaluator(skipTypes: ["demonym", "Language"]).evaluate(gold, extract: fakeExtractor)

    @Test func recognitionExactAndOverlapping() {
        #expect(report.exact == RecognitionScore(truePositives: 3, predicted: 5, gold: 5))
        #expect(report.overlapping == RecognitionScore(truePositives: 4, predicted: 5, gold: 5))
        #expect(abs(report.exact.f1 - 0.6) < 1e-12)
        #expect(abs(report.overlapping.precision - 0.8) < 1e-12)
        #expect(abs(report.overlapping.recall - 0.8) < 1e-12)
        #expect(abs(report.overlapping.f1 - 0.8) < 1e-12)
    }

    @Test func skippedTypesTakeTheirPredictionsWithThem() {
        #expect(report.skippedGold == 1)
        #expect(report.removedPredictions == 1)
        #expect(!report.documents[0].predictions.contains { $0.text == "Iraqi" })

        // Without skipping, the demonym is gold and its prediction an exact match.
        let all = Evaluator().evaluate(Self.gold, extract: Self.fakeExtractor)
        #expect(all.exact == RecognitionScore(truePositives: 4, predicted: 6, gold: 6))
        #expect(all.skippedGold == 0)
    }

    @Test func resolutionOverRecognisedToponymsWithCoordinates() throws {
        let parisError = Self.paris.kilometers(to: Self.parisTexas.latitude, Self.parisTexas.longitude)
        let baghdadError = Self.baghdad.kilometers(to: Self.nearBaghdad.latitude, Self.nearBaghdad.longitude)
        #expect(parisError > 7000 && baghdadError < 10)
        // Paris, New York (partial span, exact place) and Baghdad; Springfield has no
        // gold coordinates and Mosul was missed.
        #expect(report.resolution.errors == [0, baghdadError, parisError])
        #expect(report.resolution.withinTolerance == 2)
        #expect(report.resolution.accuracy == 2.0 / 3)
        #expect(report.resolution.meanKilometers == (parisError + baghdadError) / 3)
        #expect(report.resolution.medianKilometers == baghdadError)
        let expectedAUC = (log(1 + baghdadError) + log(1 + parisError) / 2) / (2 * log(20039))
        #expect(try abs(#require(report.resolution.auc) - expectedAUC) < 1e-12)
    }

    @Test func endToEndCountsMissedToponymsAsWrong() {
        // Paris, New York City, Baghdad and Mosul have coordinates; New York and Baghdad are right.
        #expect(report.endToEnd == Tally(right: 2, total: 4))
        #expect(report.endToEnd.accuracy == 0.5)
    }

    @Test func sameGeonameIDOverRecognisedToponymsWithAGoldID() {
        // Paris (resolved to Paris, Texas) and Baghdad carry gold ids.
        #expect(report.sameGeonameID == Tally(right: 1, total: 2))
        #expect(report.documents[0].matches.map(\.sameGeonameID) == [false, nil, true])
    }

    @Test func calibrationCountsRightMentionsPerBand() {
        #expect(report.calibration.map(\.lower) == [0, 0.5, 0.7, 0.8, 0.9])
        #expect(report.calibration.map(\.mentions) == [1, 1, 0, 1, 2])
        // Springfield is right without coordinates; Paris at 0.95 is misplaced.
        #expect(report.calibration.map(\.right) == [0, 1, 0, 1, 1])
        #expect(report.calibration[4].meanScore == (0.95 + 0.92) / 2)
        #expect(report.calibration[2].rightRate == nil)
        #expect(ScoreBand.table([(1.0, true), (0.5, false), (0.4999, false)]).map(\.mentions) == [1, 1, 0, 0, 1])
    }

    @Test func errorsPerDocument() {
        let a = report.documents[0]
        #expect(a.missed.isEmpty)
        #expect(a.spurious.map(\.text) == ["Flights"])
        #expect(a.partial.map { a.gold[$0.gold].name } == ["New York City"])
        #expect(a.misplaced.map { a.gold[$0.gold].name } == ["Paris"])
        #expect(report.documents[1].missed.map(\.name) == ["Mosul"])
        #expect(report.mostMissed(15).map(\.text) == ["Mosul"])
        #expect(report.mostSpurious(15).map(\.text) == ["Flights"])
        #expect(report.mostMisplaced(15).map(\.text) == ["Paris"])

        let listing = report.explanation()
        #expect(listing.contains(#"missed     13-18 "Mosul""#))
        #expect(listing.contains(#"partial    22-35 "New York City", predicted 22-30 "New York""#))
        #expect(listing.contains(#"misplaced  13-18 "Paris" → "#))
        #expect(!listing.contains("c: "), "a document without errors is left out")
    }

    @Test func jsonHasEveryMetric() throws {
        let object = try #require(JSONSerialization.jsonObject(with: Data(report.json(explain: true).utf8)) as? [String: Any])
        #expect(object["documents"] as? Int == 3)
        #expect(object["skip_types"] as? [String] == ["demonym", "Language"])
        let recognition = try #require(object["recognition"] as? [String: [String: Any]])
        #expect(try abs(#require(recognition["overlapping"]?["f1"] as? Double) - 0.8) < 1e-9)
        #expect(recognition["exact"]?["matched"] as? Int == 3)
        let resolution = try #require(object["resolution"] as? [String: Any])
        #expect(try abs(#require(resolution["auc"] as? Double) - #require(report.resolution.auc)) < 1e-9)
        #expect((object["end_to_end"] as? [String: Any])?["accuracy"] as? Double == 0.5)
        #expect((object["calibration"] as? [[String: Any]])?.count == 5)
        let explain = try #require(object["explain"] as? [[String: Any]])
        #expect(explain.map { $0["id"] as? String } == ["a", "b"])
        #expect((object["most_missed"] as? [[String: Any]])?.first?["text"] as? String == "Mosul")
        #expect(JSONSerialization.isValidJSONObject(object))
        #expect(!report.json().contains("\"explain\""))
    }

    @Test func emptyPredictionsGiveZerosNotNaN() {
        let none = Evaluator().evaluate(Self.gold) { _ in [] }
        #expect(none.overlapping.precision == 0 && none.overlapping.recall == 0 && none.overlapping.f1 == 0)
        #expect(none.resolution.accuracy == nil && none.resolution.auc == nil && none.resolution.medianKilometers == nil)
        #expect(none.endToEnd.accuracy == 0)
        #expect(none.json().contains(#""auc":null"#))
    }

    @Test func aucOfKnownErrors() throws {
        #expect(ResolutionScore.areaUnderLogErrorCurve([]) == nil)
        #expect(ResolutionScore.areaUnderLogErrorCurve([0, 0, 0]) == 0)
        #expect(try abs(#require(ResolutionScore.areaUnderLogErrorCurve([20038, 20038])) - 1) < 1e-12)
        #expect(ResolutionScore.areaUnderLogErrorCurve([20038]) == 1)
        // Order does not matter: the errors are sorted.
        #expect(ResolutionScore.areaUnderLogErrorCurve([500, 0, 10]) == ResolutionScore.areaUnderLogErrorCurve([0, 10, 500]))
        #expect(ResolutionScore(errors: [4, 1, 3, 2]).medianKilometers == 2.5)
    }

    // MARK: - helpers

    static func toponym(
        _ name: String, in text: String, _ coordinate: GoldToponym.Coordinate?, type: String = "Literal", geonameID: Int? = nil
    ) -> GoldToponym {
        let span = scalarSpan(of: name, in: text)
        return GoldToponym(start: span.lowerBound, end: span.upperBound, name: name, coordinate: coordinate, geonameID: geonameID, type: type)
    }

    static func mention(_ name: String, in text: String, at point: GoldToponym.Coordinate, score: Double, id: Int = 1) -> Mention {
        let span = scalarSpan(of: name, in: text)
        let place = Place(id: id, name: name, featureClass: "P", featureCode: "PPL", countryCode: "XX", latitude: point.latitude, longitude: point.longitude)
        return Mention(docID: "", text: name, start: span.lowerBound, end: span.upperBound, sentence: text, place: place, precision: 1, score: score)
    }

    /// The scalar offsets of the first occurrence of `name` in `text`.
    static func scalarSpan(of name: String, in text: String) -> Range<Int> {
        let haystack = Array(text.unicodeScalars), needle = Array(name.unicodeScalars)
        let start = (0...(haystack.count - needle.count)).first { haystack[$0..<($0 + needle.count)].elementsEqual(needle) }!
        return start..<(start + needle.count)
    }
}
