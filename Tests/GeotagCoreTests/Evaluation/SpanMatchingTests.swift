import Testing
@testable import GeotagCore

struct SpanMatchingTests {
    private typealias Pair = SpanMatching.Pair

    @Test func exactSpansArePairedFirst() {
        // The long prediction overlaps the first gold span most, but that one has an
        // exact prediction; the long one then pairs with the second.
        let pairs = SpanMatching.pairs(gold: [0..<8, 9..<15], predicted: [0..<15, 0..<8])
        #expect(pairs == [Pair(gold: 0, prediction: 1, exact: true), Pair(gold: 1, prediction: 0, exact: false)])
    }

    @Test func onePredictionOverTwoGoldToponymsCountsOnce() {
        // "Rmelan, Hasakah" read as one name: it pairs with Hasakah (more shared
        // scalars); Rmelan is missed.
        let pairs = SpanMatching.pairs(gold: [0..<6, 8..<15], predicted: [0..<15])
        #expect(pairs == [Pair(gold: 1, prediction: 0, exact: false)])
    }

    @Test func twoPredictionsInOneGoldToponymCountOnce() {
        // "New York City" read as "New" and "York City": the larger piece pairs.
        let pairs = SpanMatching.pairs(gold: [0..<13], predicted: [0..<3, 4..<13])
        #expect(pairs == [Pair(gold: 0, prediction: 1, exact: false)])
    }

    @Test func tiesGoToTheClosestEnds() {
        // Both predictions share 4 scalars with the gold span; the second one's ends
        // are closer to it.
        let pairs = SpanMatching.pairs(gold: [10..<14], predicted: [6..<14, 10..<15])
        #expect(pairs == [Pair(gold: 0, prediction: 1, exact: false)])
    }

    @Test func duplicatePredictionsPairOnce() {
        let pairs = SpanMatching.pairs(gold: [0..<5], predicted: [0..<5, 0..<5])
        #expect(pairs == [Pair(gold: 0, prediction: 0, exact: true)])
    }

    @Test func aPredictionOverASkippedAndAKeptToponymIsScored() {
        // "Iraqi Kurdistan": the demonym is skipped, the prediction stays and pairs
        // with Kurdistan.
        let text = "Iraqi Kurdistan voted."
        let document = GoldDocument(id: "k", text: text, toponyms: [
            GoldToponym(start: 0, end: 5, name: "Iraqi", type: "Demonym"),
            GoldToponym(start: 6, end: 15, name: "Kurdistan", coordinate: .init(latitude: 36, longitude: 44), type: "Literal"),
        ])
        let prediction = EvaluatorTests.mention("Iraqi Kurdistan", in: text, at: .init(latitude: 36, longitude: 44), score: 0.9)
        let result = Evaluator(skipTypes: ["Demonym"]).evaluate(document, predictions: [prediction])
        #expect(result.removedPredictions == 0)
        #expect(result.matches == [.init(gold: 0, prediction: 0, exact: false, errorKilometers: 0)])
    }
}
