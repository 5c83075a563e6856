/// The training data of the mention model (``MentionModel``): every mention the
/// extractor makes on a gold set, with its features and whether it is right.
public enum FeatureDump {
    /// One JSON object per scored mention: `doc`, `start`, `end`, `mention`, `place_id`
    /// (the GeoNames id it resolved to), `features`,
    /// `place` (1 when the span overlaps a scored gold toponym, else 0) and `right` (1 when
    /// it also lies within `toleranceKilometers` of the gold point, or the gold has none).
    /// Mentions that overlap only skipped gold toponyms are left out, as in scoring.
    public static func lines(_ documents: [GoldDocument], extractor: Extractor, evaluator: Evaluator, toleranceKilometers: Double = 161) -> [String] {
        var lines: [String] = []
        for (number, document) in documents.enumerated() {
            let scored = extractor.scoredMentions(in: document.text, docID: document.id)
            let evaluation = evaluator.evaluate(document, predictions: scored.map(\.mention))
            let kept = Set(evaluation.predictions.map { $0.start..<$0.end })
            for (mention, features) in scored where kept.contains(mention.start..<mention.end) {
                let span = mention.start..<mention.end
                let gold = evaluation.gold.first { $0.span.overlaps(span) }
                let right = gold.map { g in g.coordinate.map { $0.kilometers(to: mention.place.latitude, mention.place.longitude) <= toleranceKilometers } ?? true } ?? false
                var object = JSONObjectWriter()
                object.add("doc", document.id)
                object.add("fold", number)
                object.add("start", mention.start)
                object.add("end", mention.end)
                object.add("mention", mention.text)
                object.add("place_id", mention.place.id)
                object.add("place", gold == nil ? 0 : 1)
                object.add("right", right ? 1 : 0)
                object.add("features", json: Array(("[" + features.map { String($0) }.joined(separator: ",") + "]").utf8))
                lines.append(object.text)
            }
        }
        return lines
    }
}
