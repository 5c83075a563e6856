/// Precision, recall and F1 of recognition.
public struct RecognitionScore: Sendable, Equatable {
    /// Predictions paired with a gold toponym.
    public var truePositives: Int
    public var predicted: Int
    public var gold: Int

    public init(truePositives: Int, predicted: Int, gold: Int) {
        self.truePositives = truePositives
        self.predicted = predicted
        self.gold = gold
    }

    /// `truePositives / predicted`; 0 when nothing was predicted.
    public var precision: Double { ratio(truePositives, predicted) ?? 0 }
    /// `truePositives / gold`; 0 when there is no gold toponym.
    public var recall: Double { ratio(truePositives, gold) ?? 0 }
    /// The harmonic mean of precision and recall; 0 when both are 0.
    public var f1: Double {
        let (p, r) = (precision, recall)
        return p + r > 0 ? 2 * p * r / (p + r) : 0
    }
}

/// `part / whole`, nil when `whole` is 0.
func ratio(_ part: Int, _ whole: Int) -> Double? {
    whole > 0 ? Double(part) / Double(whole) : nil
}
