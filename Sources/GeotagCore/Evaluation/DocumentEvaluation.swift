/// How the predictions for one gold document compare with its gold toponyms.
public struct DocumentEvaluation: Sendable, Equatable {
    /// A resolution counts as right when it is at most this far from the gold point:
    /// 161 km (100 miles), the usual geoparsing tolerance.
    public static let toleranceKilometers = 161.0

    /// A gold toponym paired with a prediction that overlaps it.
    public struct Match: Sendable, Equatable {
        /// Indices into ``DocumentEvaluation/gold`` and ``DocumentEvaluation/predictions``.
        public var gold: Int
        public var prediction: Int
        /// Whether the offsets are identical.
        public var exact: Bool
        /// Kilometres from the gold point to the predicted place; nil when the gold
        /// toponym has no coordinates.
        public var errorKilometers: Double?
        /// Whether the predicted place has the gold GeoNames id; nil when the gold has none.
        public var sameGeonameID: Bool?

        public init(gold: Int, prediction: Int, exact: Bool, errorKilometers: Double?, sameGeonameID: Bool? = nil) {
            self.gold = gold
            self.prediction = prediction
            self.exact = exact
            self.errorKilometers = errorKilometers
            self.sameGeonameID = sameGeonameID
        }

        /// Whether the predicted place is within ``toleranceKilometers`` of the gold point
        /// (nil when the gold toponym has no coordinates).
        public var isWithinTolerance: Bool? { errorKilometers.map { $0 <= DocumentEvaluation.toleranceKilometers } }
    }

    /// The gold document's id.
    public var id: String
    /// The gold toponyms that are scored (not of a skipped type), in gold order.
    public var gold: [GoldToponym]
    /// The predictions that are scored (not set aside with a skipped toponym), in extractor order.
    public var predictions: [Mention]
    /// The one-to-one pairs, by gold index. Exact spans are paired first; then, among
    /// the rest, the pairs sharing the most scalars, then with the closest ends.
    public var matches: [Match]
    /// Gold toponyms of a skipped type.
    public var skippedGold: Int
    /// Predictions set aside because they overlap only toponyms of a skipped type.
    public var removedPredictions: Int

    public init(id: String, gold: [GoldToponym], predictions: [Mention], matches: [Match], skippedGold: Int = 0, removedPredictions: Int = 0) {
        self.id = id
        self.gold = gold
        self.predictions = predictions
        self.matches = matches
        self.skippedGold = skippedGold
        self.removedPredictions = removedPredictions
    }

    /// Gold toponyms no prediction overlaps (after pairing).
    public var missed: [GoldToponym] {
        let matched = Set(matches.map(\.gold))
        return gold.indices.filter { !matched.contains($0) }.map { gold[$0] }
    }

    /// Predictions that overlap no gold toponym (after pairing).
    public var spurious: [Mention] {
        let matched = Set(matches.map(\.prediction))
        return predictions.indices.filter { !matched.contains($0) }.map { predictions[$0] }
    }

    /// Matches whose span differs from the gold span.
    public var partial: [Match] { matches.filter { !$0.exact } }

    /// Matches resolved farther than ``toleranceKilometers`` from the gold point.
    public var misplaced: [Match] { matches.filter { $0.isWithinTolerance == false } }

    /// For each prediction, whether it is right: paired with a gold toponym and, when
    /// that has coordinates, within ``toleranceKilometers`` of it.
    public var predictionIsRight: [Bool] {
        var right = [Bool](repeating: false, count: predictions.count)
        for match in matches { right[match.prediction] = match.isWithinTolerance ?? true }
        return right
    }
}
