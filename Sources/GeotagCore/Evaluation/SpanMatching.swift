/// Pairs gold spans with predicted spans one to one, for scoring recognition.
///
/// Exact pairs come first: a gold span and a prediction with the same offsets, taken
/// in text order. The spans left over are then paired by overlap: among every gold
/// and prediction that share at least one scalar, the pair sharing the most scalars
/// wins, then the pair whose ends are closest (the sum of the start and end
/// differences), then the earlier gold span, then the earlier prediction; both leave
/// the pool, and so on. Each gold span so matches at most one prediction and each
/// prediction at most one gold span, so a prediction spanning two gold toponyms
/// ("Rmelan, Hasakah" read as one name) counts once, and the other gold toponym is missed.
enum SpanMatching {
    /// A gold span paired with a prediction, by their indices.
    struct Pair: Equatable {
        var gold: Int
        var prediction: Int
        /// Whether the offsets are identical.
        var exact: Bool
    }

    /// The pairs of `gold` and `predicted`, exact ones first.
    static func pairs(gold: [Range<Int>], predicted: [Range<Int>]) -> [Pair] {
        var pairs: [Pair] = []
        var goldFree = [Bool](repeating: true, count: gold.count)
        var predictionFree = [Bool](repeating: true, count: predicted.count)
        var predictionsBySpan: [Range<Int>: [Int]] = [:]
        for (p, span) in predicted.enumerated().reversed() { predictionsBySpan[span, default: []].append(p) }
        for (g, span) in gold.enumerated() {
            guard let p = predictionsBySpan[span]?.popLast() else { continue }
            pairs.append(Pair(gold: g, prediction: p, exact: true))
            goldFree[g] = false
            predictionFree[p] = false
        }

        struct Candidate { var gold: Int, prediction: Int, shared: Int, distance: Int }
        var candidates: [Candidate] = []
        for (g, a) in gold.enumerated() where goldFree[g] {
            for (p, b) in predicted.enumerated() where predictionFree[p] && a.overlaps(b) {
                let shared = min(a.upperBound, b.upperBound) - max(a.lowerBound, b.lowerBound)
                let distance = abs(a.lowerBound - b.lowerBound) + abs(a.upperBound - b.upperBound)
                candidates.append(Candidate(gold: g, prediction: p, shared: shared, distance: distance))
            }
        }
        candidates.sort {
            ($0.shared, -$0.distance, -$0.gold, -$0.prediction) > ($1.shared, -$1.distance, -$1.gold, -$1.prediction)
        }
        for c in candidates where goldFree[c.gold] && predictionFree[c.prediction] {
            pairs.append(Pair(gold: c.gold, prediction: c.prediction, exact: false))
            goldFree[c.gold] = false
            predictionFree[c.prediction] = false
        }
        return pairs
    }
}
