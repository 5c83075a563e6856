import Foundation

/// Draws the quick-look map: the places as circles sized by their mention count, over
/// the country outlines, as one self-contained SVG (no script, no fonts, no network).
///
/// The view fits the places (``MapView``). Circle areas grow with the mention count
/// (the radius with its square root); the biggest are drawn first so that small ones
/// stay visible on top, each with a tooltip (`<title>`) giving its name, country and
/// counts. The most mentioned places are labelled where the labels do not collide. The
/// same places and outlines give the same bytes.
struct SVGMap {
    typealias Point = CountryOutlines.Point

    /// Places drawn at most (the most mentioned), to keep the file small.
    static let placeLimit = 2_000
    /// Places labelled at most.
    static let labelLimit = 12
    static let minimumRadius = 2.5
    static let maximumRadius = 22.0
    /// Height of the band under the map for the legend and the credits.
    static let footer = 34.0

    let places: [MentionedPlace]
    let outlines: CountryOutlines?
    let view: MapView

    /// A map of `places` (the most mentioned first, as ``GeotagDatabase/places(runID:)``
    /// gives them) over `outlines` (nil: no outlines, with a note saying so).
    init(places: [MentionedPlace], outlines: CountryOutlines?) {
        self.places = Array(places.prefix(Self.placeLimit))
        self.outlines = outlines
        view = MapView(fitting: self.places.map { Point(x: $0.longitude, y: $0.latitude) })
    }

    /// The whole SVG document.
    var svg: String {
        let height = (view.height * 10).rounded() / 10
        let total = places.reduce(0) { $0 + $1.mentionCount }
        var out = """
            <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(MapView.width))" height="\(number(height + Self.footer))" \
            viewBox="0 0 \(Int(MapView.width)) \(number(height + Self.footer))" font-family="DejaVu Sans, Verdana, sans-serif">
            <title>Places mentioned: \(places.count) places, \(total) mentions</title>
            <style>.sea{fill:#dfeaf2}.grid{fill:none;stroke:#c5d6e3;stroke-width:.6}.land{fill:#f3f0e8;stroke:#a99f8b;stroke-width:.5;fill-rule:evenodd}\
            .named{fill:#eadfc4}.place{fill:#c0392b;fill-opacity:.55;stroke:#7b1d14;stroke-width:.8}\
            .label{font-size:11px;fill:#222;stroke:#fff;stroke-width:3px;stroke-opacity:.8;paint-order:stroke}\
            .small{font-size:10px;fill:#555}</style>
            <rect class="sea" width="\(Int(MapView.width))" height="\(number(height))"/>

            """
        out += graticule(height: height)
        if let outlines {
            out += countries(outlines, height: height)
        } else {
            out += "<text class=\"small\" x=\"8\" y=\"16\">country outlines not available</text>\n"
        }
        out += circles()
        out += labels()
        out += legend(top: height)
        out += "</svg>\n"
        return out
    }

    // MARK: Layers

    private func graticule(height: Double) -> String {
        let step = view.graticuleStep
        var d = ""
        for lon in stride(from: (view.box.minX / step).rounded(.up) * step, through: view.box.maxX, by: step) {
            let x = view.project(Point(x: lon, y: 0)).x
            d += "M\(number(x)) 0V\(number(height))"
        }
        for lat in stride(from: (view.box.minY / step).rounded(.up) * step, through: view.box.maxY, by: step) {
            let y = view.project(Point(x: 0, y: lat)).y
            d += "M0 \(number(y))H\(Int(MapView.width))"
        }
        return "<path class=\"grid\" d=\"\(d)\"/>\n"
    }

    private func countries(_ outlines: CountryOutlines, height: Double) -> String {
        let mentioned = Set(places.map(\.place.countryCode))
        // Clip a little outside the page, so that the clip's own edges are not seen.
        let page = Clip(minX: -20, minY: -20, maxX: MapView.width * 10 + 20, maxY: height * 10 + 20)
        var out = "<g>\n"
        for country in outlines.countries where country.bounds.intersects(view.box) {
            let d = country.rings.map { ring in path(page.clipped(ring.map { tenths(view.project($0)) })) }.joined()
            guard !d.isEmpty else { continue }
            let named = country.code.map(mentioned.contains) == true
            out += "<path class=\"land\(named ? " named" : "")\" d=\"\(d)\"><title>\(Markup.escaped(country.name))</title></path>\n"
        }
        return out + "</g>\n"
    }

    private func circles() -> String {
        var out = "<g class=\"place\">\n"
        for place in places.sorted(by: { ($0.mentionCount, $1.place.id) > ($1.mentionCount, $0.place.id) }) {
            let p = view.project(Point(x: place.longitude, y: place.latitude))
            let mentions = place.mentionCount == 1 ? "1 mention" : "\(place.mentionCount) mentions"
            let articles = place.articleCount == 1 ? "1 article" : "\(place.articleCount) articles"
            let name = place.place.countryCode.isEmpty ? place.place.name : "\(place.place.name), \(place.place.countryCode)"
            out += "<circle cx=\"\(number(p.x))\" cy=\"\(number(p.y))\" r=\"\(number(radius(place.mentionCount)))\">"
                + "<title>\(Markup.escaped(name)): \(mentions) in \(articles)</title></circle>\n"
        }
        return out + "</g>\n"
    }

    /// Labels for the most mentioned places, skipping one that would overlap a label
    /// already placed.
    private func labels() -> String {
        var taken: [CountryOutlines.Box] = []
        var out = "<g class=\"label\">\n"
        for place in places.prefix(Self.labelLimit * 2) where taken.count < Self.labelLimit {
            let p = view.project(Point(x: place.longitude, y: place.latitude))
            let x = p.x + radius(place.mentionCount) + 2
            let box = CountryOutlines.Box(minX: x, minY: p.y - 8, maxX: x + Double(place.place.name.count) * 6.5, maxY: p.y + 4)
            guard box.maxX < MapView.width, !taken.contains(where: { $0.intersects(box) }) else { continue }
            taken.append(box)
            out += "<text x=\"\(number(x))\" y=\"\(number(p.y + 4))\">\(Markup.escaped(place.place.name))</text>\n"
        }
        return out + "</g>\n"
    }

    /// Under the map: circles for a few mention counts, and where the data comes from.
    private func legend(top: Double) -> String {
        let largest = places.first?.mentionCount ?? 1
        let counts = Array(Set([1, max(1, largest / 4), largest])).sorted()
        let middle = top + Self.footer / 2
        var out = "<g class=\"small\">\n"
        var x = 10.0
        for count in counts {
            let r = min(radius(count), Self.footer / 2 - 3)
            out += "<circle class=\"place\" cx=\"\(number(x + r))\" cy=\"\(number(middle))\" r=\"\(number(r))\"/>"
            out += "<text x=\"\(number(x + 2 * r + 4))\" y=\"\(number(middle + 4))\">\(count == 1 ? "1 mention" : "\(count) mentions")</text>\n"
            x += 2 * r + 4 + Double(count == 1 ? 9 : 10 + String(count).count) * 6 + 14
        }
        let credit = "Country outlines: Natural Earth (public domain) \u{00B7} places: GeoNames (CC BY 4.0) \u{00B7} geotag"
        out += "<text x=\"\(Int(MapView.width) - 8)\" y=\"\(number(middle + 4))\" text-anchor=\"end\">\(credit)</text>\n"
        return out + "</g>\n"
    }

    // MARK: Geometry

    /// A circle's radius: its area grows with the count, 4 px for one mention, up to
    /// ``maximumRadius`` for the most mentioned place, never under ``minimumRadius``.
    private func radius(_ count: Int) -> Double {
        let largest = Double(max(places.first?.mentionCount ?? 1, 1))
        let top = min(Self.maximumRadius, 4 * largest.squareRoot())
        return max(Self.minimumRadius, top * (Double(count) / largest).squareRoot())
    }

    /// A point in whole tenths of a pixel.
    private func tenths(_ p: Point) -> Point {
        Point(x: (p.x * 10).rounded(), y: (p.y * 10).rounded())
    }

    /// A ring (in tenths of a pixel) as path data: an absolute move, then lines
    /// relative to the point before, points closer than half a pixel to the last one
    /// dropped; nothing when fewer than three points are left.
    private func path(_ ring: [Point]) -> String {
        var kept: [Point] = []
        for p in ring where kept.last.map({ abs($0.x - p.x) + abs($0.y - p.y) >= 5 }) ?? true {
            kept.append(p)
        }
        guard kept.count >= 3 else { return "" }
        var d = "M\(number(kept[0].x / 10)) \(number(kept[0].y / 10))l"
        for (a, b) in zip(kept, kept.dropFirst()) {
            d += "\(number((b.x - a.x) / 10)) \(number((b.y - a.y) / 10)) "
        }
        d.removeLast()
        return d + "z"
    }

    /// A coordinate with at most one decimal, as short as it goes: `12`, `-3.5`.
    private func number(_ x: Double) -> String {
        DecimalText.rounded(x, places: 1) ?? "0"
    }
}

/// A rectangle that cuts polygons to itself (Sutherland–Hodgman, one edge at a time).
private struct Clip {
    typealias Point = CountryOutlines.Point
    var minX: Double
    var minY: Double
    var maxX: Double
    var maxY: Double

    /// `ring` cut to the rectangle; empty when nothing of it is inside.
    func clipped(_ ring: [Point]) -> [Point] {
        var points = ring
        points = cut(points, inside: { $0.x >= minX }, at: { a, b in Self.crossing(a, b, x: minX) })
        points = cut(points, inside: { $0.x <= maxX }, at: { a, b in Self.crossing(a, b, x: maxX) })
        points = cut(points, inside: { $0.y >= minY }, at: { a, b in Self.crossing(a, b, y: minY) })
        points = cut(points, inside: { $0.y <= maxY }, at: { a, b in Self.crossing(a, b, y: maxY) })
        return points
    }

    private func cut(_ ring: [Point], inside: (Point) -> Bool, at crossing: (Point, Point) -> Point) -> [Point] {
        guard let last = ring.last else { return [] }
        var out: [Point] = []
        var previous = last
        for point in ring {
            switch (inside(previous), inside(point)) {
            case (true, true): out.append(point)
            case (true, false): out.append(crossing(previous, point))
            case (false, true): out += [crossing(previous, point), point]
            case (false, false): break
            }
            previous = point
        }
        return out
    }

    private static func crossing(_ a: Point, _ b: Point, x: Double) -> Point {
        Point(x: x, y: (a.y + (b.y - a.y) * (x - a.x) / (b.x - a.x)).rounded())
    }

    private static func crossing(_ a: Point, _ b: Point, y: Double) -> Point {
        Point(x: (a.x + (b.x - a.x) * (y - a.y) / (b.y - a.y)).rounded(), y: y)
    }
}

/// Text made safe for XML and HTML content and attribute values.
enum Markup {
    static func escaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            // Control characters other than tab and line breaks are not allowed in XML.
            case "\u{0}"..."\u{8}", "\u{B}", "\u{C}", "\u{E}"..."\u{1F}", "\u{FFFE}", "\u{FFFF}": out += "\u{FFFD}"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
