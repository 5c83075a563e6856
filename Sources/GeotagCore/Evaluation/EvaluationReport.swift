/// The metrics of a gold set, summed over its documents (see the spec's "Gold sets
/// for `geotag eval`").
public struct EvaluationReport: Sendable, Equatable {
    /// The per-document comparisons the metrics come from (``DocumentEvaluation``).
    public var documents: [DocumentEvaluation]
    /// Recognition with exact spans: a prediction counts only with the gold offsets.
    public var exact: RecognitionScore
    /// Recognition with overlapping spans: a prediction counts when paired with a gold
    /// toponym it overlaps (exact pairs included).
    public var overlapping: RecognitionScore
    /// Resolution of the recognised toponyms (overlap pairs) that have gold coordinates.
    public var resolution: ResolutionScore
    /// Recognised and within the tolerance, over every scored gold toponym with coordinates.
    public var endToEnd: Tally
    /// Recognised toponyms resolved to the very GeoNames id of the gold, over those whose
    /// gold has an id. It tells a wrong place from the right place whose gazetteer point
    /// is not the gold's (a country's label point against GeoNames' centre, say).
    public var sameGeonameID: Tally
    /// Predictions by score band, with how many were right.
    public var calibration: [ScoreBand]
    /// The annotation types left out of scoring.
    public var skipTypes: [String]

    public init(documents: [DocumentEvaluation], skipTypes: [String] = []) {
        self.documents = documents
        self.skipTypes = skipTypes
        let goldCount = documents.reduce(0) { $0 + $1.gold.count }
        let predictedCount = documents.reduce(0) { $0 + $1.predictions.count }
        let matches = documents.flatMap(\.matches)
        exact = RecognitionScore(truePositives: matches.count(where: \.exact), predicted: predictedCount, gold: goldCount)
        overlapping = RecognitionScore(truePositives: matches.count, predicted: predictedCount, gold: goldCount)
        resolution = ResolutionScore(errors: matches.compactMap(\.errorKilometers))
        endToEnd = Tally(
            right: matches.count(where: { $0.isWithinTolerance == true }),
            total: documents.reduce(0) { $0 + $1.gold.count(where: { $0.coordinate != nil }) })
        sameGeonameID = Tally(right: matches.count(where: { $0.sameGeonameID == true }), total: matches.count(where: { $0.sameGeonameID != nil }))
        calibration = ScoreBand.table(documents.flatMap { d in zip(d.predictions.map(\.score), d.predictionIsRight) })
    }

    /// Gold toponyms of a skipped type, over all documents.
    public var skippedGold: Int { documents.reduce(0) { $0 + $1.skippedGold } }
    /// Predictions set aside because they overlap only skipped toponyms.
    public var removedPredictions: Int { documents.reduce(0) { $0 + $1.removedPredictions } }

    /// The texts most often missed (gold names), most frequent first, ties by text.
    public func mostMissed(_ limit: Int) -> [(text: String, count: Int)] {
        mostFrequent(documents.flatMap { $0.missed.map(\.name) }, limit)
    }

    /// The texts most often predicted where there is no gold toponym.
    public func mostSpurious(_ limit: Int) -> [(text: String, count: Int)] {
        mostFrequent(documents.flatMap { $0.spurious.map(\.text) }, limit)
    }

    /// The gold names most often resolved beyond the tolerance.
    public func mostMisplaced(_ limit: Int) -> [(text: String, count: Int)] {
        mostFrequent(documents.flatMap { d in d.misplaced.map { d.gold[$0.gold].name } }, limit)
    }

    private func mostFrequent(_ texts: [String], _ limit: Int) -> [(text: String, count: Int)] {
        let counts = Dictionary(texts.map { ($0, 1) }, uniquingKeysWith: +)
        let sorted = counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
        return sorted.prefix(limit).map { (text: $0.key, count: $0.value) }
    }
}
