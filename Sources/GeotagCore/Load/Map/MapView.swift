import Foundation

/// The part of the world a map shows and how it is projected onto the page.
///
/// The projection is equirectangular with longitudes shrunk by the cosine of the
/// view's middle latitude: the simplest projection that keeps shapes right near the
/// middle of a regional map and needs no library. The view is fitted around the points
/// to show, with a margin, at least ``minimumSpan`` degrees wide and tall, and then
/// widened or heightened so the page is between ``minimumHeight`` and
/// ``maximumHeight`` pixels tall at ``width`` pixels wide.
struct MapView: Equatable {
    typealias Point = CountryOutlines.Point
    typealias Box = CountryOutlines.Box

    static let width = 960.0
    static let minimumHeight = 360.0
    static let maximumHeight = 640.0
    /// Degrees of longitude and latitude a view shows at least.
    static let minimumSpan = (longitude: 12.0, latitude: 8.0)
    /// The world, as far as it has land worth drawing: the view when there are no points.
    static let world = Box(minX: -180, minY: -58, maxX: 180, maxY: 84)

    /// The longitudes and latitudes shown.
    private(set) var box: Box
    /// Pixels per degree of latitude.
    private(set) var scale: Double
    /// How much narrower a degree of longitude is drawn than one of latitude.
    private(set) var shrink: Double
    /// The page's height in pixels.
    var height: Double { (box.maxY - box.minY) * scale }

    /// A view of `points` (longitude `x`, latitude `y`), or of the world when empty.
    init(fitting points: [Point]) {
        var box = Self.world
        if let around = Box(around: points) {
            let margin = (x: max(2, (around.maxX - around.minX) * 0.08), y: max(2, (around.maxY - around.minY) * 0.1))
            box = Box(minX: around.minX - margin.x, minY: around.minY - margin.y,
                      maxX: around.maxX + margin.x, maxY: around.maxY + margin.y)
            (box.minX, box.maxX) = Self.widened(box.minX, box.maxX, to: Self.minimumSpan.longitude, within: -180...180)
            (box.minY, box.maxY) = Self.widened(box.minY, box.maxY, to: Self.minimumSpan.latitude, within: -85...85)
        }
        let shrink = max(cos((box.minY + box.maxY) / 2 * .pi / 180), 0.3)
        var scale = Self.width / ((box.maxX - box.minX) * shrink)
        if (box.maxY - box.minY) * scale > Self.maximumHeight {
            // Too tall: show more longitude, as far as there is any.
            let span = (box.maxY - box.minY) * Self.width / (Self.maximumHeight * shrink)
            (box.minX, box.maxX) = Self.widened(box.minX, box.maxX, to: span, within: -180...180)
            scale = Self.width / ((box.maxX - box.minX) * shrink)
        }
        if (box.maxY - box.minY) * scale < Self.minimumHeight {
            // Too flat: show more latitude.
            (box.minY, box.maxY) = Self.widened(box.minY, box.maxY, to: Self.minimumHeight / scale, within: -85...85)
        }
        (self.box, self.scale, self.shrink) = (box, scale, shrink)
    }

    /// `low...high` widened about its middle to at least `span`, shifted back inside
    /// `limits` (and cut to them when it is wider).
    private static func widened(_ low: Double, _ high: Double, to span: Double, within limits: ClosedRange<Double>) -> (Double, Double) {
        let width = min(max(high - low, span), limits.upperBound - limits.lowerBound)
        var start = (low + high) / 2 - width / 2
        start = min(max(start, limits.lowerBound), limits.upperBound - width)
        return (start, start + width)
    }

    /// Where a longitude, latitude pair falls on the page, in pixels from the top left.
    func project(_ point: Point) -> Point {
        Point(x: (point.x - box.minX) * shrink * scale, y: (box.maxY - point.y) * scale)
    }

    /// The lines of longitude and latitude to draw: every 5, 10 or 30 degrees, by
    /// the span shown.
    var graticuleStep: Double {
        let span = max(box.maxX - box.minX, box.maxY - box.minY)
        return span > 120 ? 30 : span > 40 ? 10 : 5
    }
}
