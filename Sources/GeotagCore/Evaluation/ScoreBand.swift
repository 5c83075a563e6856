/// The predictions whose score falls in `lower..<upper` (the last band includes 1),
/// and how many of them were right: paired with a gold toponym and, when it has
/// coordinates, within the tolerance. A calibrated score is right about as often as it says.
public struct ScoreBand: Sendable, Equatable {
    public var lower: Double
    public var upper: Double
    public var mentions: Int
    public var right: Int
    /// The sum of the scores in the band, for their mean.
    public var scoreSum: Double

    /// The bands' lower bounds: 0–0.5, 0.5–0.7, 0.7–0.8, 0.8–0.9, 0.9–1.
    public static let bounds: [Double] = [0, 0.5, 0.7, 0.8, 0.9, 1]

    /// `right / mentions`; nil for an empty band.
    public var rightRate: Double? { ratio(right, mentions) }
    /// The mean score in the band; nil for an empty band.
    public var meanScore: Double? { mentions > 0 ? scoreSum / Double(mentions) : nil }

    /// The bands of ``bounds``, filled with `(score, right)` pairs; scores outside 0...1
    /// go to the nearest band.
    static func table(_ scored: some Sequence<(Double, Bool)>) -> [ScoreBand] {
        var bands = zip(bounds, bounds.dropFirst()).map { ScoreBand(lower: $0, upper: $1, mentions: 0, right: 0, scoreSum: 0) }
        for (score, right) in scored {
            let i = (bands.lastIndex { score >= $0.lower }) ?? 0
            bands[i].mentions += 1
            bands[i].scoreSum += score
            if right { bands[i].right += 1 }
        }
        return bands
    }
}
