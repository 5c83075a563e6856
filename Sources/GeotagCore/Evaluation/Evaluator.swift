/// Scores an extractor against a gold set (`geotag eval`).
///
/// Per document: the gold toponyms whose `type` is in ``skipTypes`` are set aside, and
/// so are the predictions that overlap one of them and no other gold toponym, so a
/// predicted "English" over a skipped `Language` is neither right nor wrong. The rest are
/// paired one to one by span (exact offsets first, then the largest overlap; see
/// ``DocumentEvaluation/matches``), and each pair whose gold toponym has coordinates
/// gets its error: the great-circle distance from the gold point to the predicted place.
/// ``EvaluationReport`` sums the documents up.
public struct Evaluator: Sendable {
    /// The annotation types left out of scoring (compared case-insensitively), as given.
    public var skipTypes: [String]

    public init(skipTypes: [String] = []) {
        self.skipTypes = skipTypes
    }

    /// Runs `extract` over the text of every document and scores its mentions.
    public func evaluate(_ documents: [GoldDocument], extract: (String) -> [Mention]) -> EvaluationReport {
        evaluate(documents) { _, text in extract(text) }
    }

    /// Runs `extract` over the text of every document, told the document's position in
    /// the set (for cross-validation), and scores its mentions.
    public func evaluate(_ documents: [GoldDocument], extract: (Int, String) -> [Mention]) -> EvaluationReport {
        EvaluationReport(documents: documents.enumerated().map { evaluate($1, predictions: extract($0, $1.text)) }, skipTypes: skipTypes)
    }

    /// Scores the mentions predicted for one document.
    public func evaluate(_ document: GoldDocument, predictions: [Mention]) -> DocumentEvaluation {
        let skip = Set(skipTypes.map { $0.lowercased() })
        let isSkipped = { (t: GoldToponym) in t.type.map { skip.contains($0.lowercased()) } ?? false }
        let gold = document.toponyms.filter { !isSkipped($0) }
        let skipped = document.toponyms.filter(isSkipped).map(\.span)
        let scored = predictions.filter { m in
            let span = m.start..<m.end
            return !skipped.contains(where: span.overlaps) || gold.contains { $0.span.overlaps(span) }
        }
        let matches = SpanMatching.pairs(gold: gold.map(\.span), predicted: scored.map { $0.start..<$0.end }).map { pair in
            let (place, toponym) = (scored[pair.prediction].place, gold[pair.gold])
            return DocumentEvaluation.Match(
                gold: pair.gold, prediction: pair.prediction, exact: pair.exact,
                errorKilometers: toponym.coordinate?.kilometers(to: place.latitude, place.longitude),
                sameGeonameID: toponym.geonameID.map { $0 == place.id })
        }
        return DocumentEvaluation(
            id: document.id, gold: gold, predictions: scored, matches: matches.sorted { $0.gold < $1.gold },
            skippedGold: document.toponyms.count - gold.count, removedPredictions: predictions.count - scored.count)
    }
}
