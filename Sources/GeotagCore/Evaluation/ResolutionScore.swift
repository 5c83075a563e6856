import Foundation

/// How far the recognised toponyms that have gold coordinates were resolved from them.
public struct ResolutionScore: Sendable, Equatable {
    /// The errors in kilometres, ascending.
    public var errors: [Double]

    public init(errors: [Double]) {
        self.errors = errors.sorted()
    }

    public var count: Int { errors.count }
    /// Errors of at most ``DocumentEvaluation/toleranceKilometers``.
    public var withinTolerance: Int { errors.count(where: { $0 <= DocumentEvaluation.toleranceKilometers }) }
    /// `withinTolerance / count`; nil without errors.
    public var accuracy: Double? { ratio(withinTolerance, count) }
    public var meanKilometers: Double? { errors.isEmpty ? nil : errors.reduce(0, +) / Double(errors.count) }
    /// The middle error, or the mean of the two middle ones.
    public var medianKilometers: Double? {
        guard !errors.isEmpty else { return nil }
        let middle = errors.count / 2
        return errors.count % 2 == 1 ? errors[middle] : (errors[middle - 1] + errors[middle]) / 2
    }
    /// ``areaUnderLogErrorCurve(_:)`` of the errors: 0 is perfect, 1 is as wrong as can be.
    public var auc: Double? { Self.areaUnderLogErrorCurve(errors) }

    /// The geoparsing AUC of Gritta et al. ("What's missing in geoparsing?", 2018): with
    /// the errors sorted ascending, `y[i] = ln(1 + error[i] km)`, the area under the
    /// curve of `y` by the trapezoidal rule, normalised by the width `n − 1` and by
    /// `ln(20039)` (20,039 km: half the Earth's circumference, the largest error):
    ///
    ///     AUC = Σ_{i=1}^{n−1} (y[i−1] + y[i]) / 2  /  ((n − 1) · ln 20039)
    ///
    /// Lower is better. One error gives `y[0] / ln 20039`; none gives nil.
    public static func areaUnderLogErrorCurve(_ errors: [Double]) -> Double? {
        let y = errors.sorted().map { log(1 + max(0, $0)) }
        let scale = log(20039.0)
        guard let first = y.first, let last = y.last else { return nil }
        guard y.count > 1 else { return first / scale }
        let area = y.reduce(0, +) - (first + last) / 2
        return area / (Double(y.count - 1) * scale)
    }
}

/// How many of `total` were right: end-to-end accuracy (recognised and within the
/// tolerance, over every gold toponym with coordinates, so a missed toponym counts as
/// wrong), or how many recognised toponyms got the gold GeoNames id.
public struct Tally: Sendable, Equatable {
    public var right: Int
    public var total: Int

    public init(right: Int, total: Int) {
        self.right = right
        self.total = total
    }

    /// `right / total`; nil when `total` is 0.
    public var accuracy: Double? { ratio(right, total) }
}
