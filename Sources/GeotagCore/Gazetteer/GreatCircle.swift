import Foundation

/// Distances on the WGS 84 sphere approximation used to score resolution.
public enum GreatCircle {
    /// Mean Earth radius in kilometres.
    public static let earthRadius = 6371.0088

    /// The haversine distance in kilometres between two points in decimal degrees.
    public static func kilometers(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
        let rad = Double.pi / 180
        let dLat = (lat2 - lat1) * rad
        let dLon = (lon2 - lon1) * rad
        let a = sin(dLat / 2) * sin(dLat / 2) + cos(lat1 * rad) * cos(lat2 * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * earthRadius * asin(min(1, sqrt(a)))
    }

    /// Whether two points are at most `limit` kilometres apart. Points whose latitudes
    /// alone are farther apart are told without trigonometry: a great circle is at least
    /// as long as its north–south part.
    public static func areWithin(_ limit: Double, _ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Bool {
        // The margin covers rounding: the full formula decides near the limit.
        if abs(lat2 - lat1) * (Double.pi / 180) * earthRadius > limit * (1 + 1e-9) { return false }
        return kilometers(lat1, lon1, lat2, lon2) <= limit
    }
}
