import Foundation

/// The country outlines the quick-look map is drawn over: simplified Natural Earth
/// admin-0 polygons, read from the text file `data/map/build_outlines.py` writes
/// (`data/map/countries.txt`).
///
/// The file starts with `geotag-outlines 1 UNITS` (format, version, units per degree),
/// then `#` comments, then one country a line: `ISO_A2<TAB>ADM0_A3<TAB>NAME<TAB>rings`,
/// rings separated by `;`, each a list of `x,y` points separated by spaces, the first in
/// units of longitude and latitude, the others relative to the point before. A
/// country's rings follow the even-odd rule: a ring inside another is a hole.
public struct CountryOutlines: Sendable, Equatable {
    /// One country or territory.
    public struct Country: Sendable, Equatable {
        /// ISO 3166-1 alpha-2 code, or nil for the few areas that have none.
        public var code: String?
        /// Natural Earth's `ADM0_A3` code.
        public var a3: String
        public var name: String
        /// Closed rings (the last point is not repeated) of longitude, latitude pairs.
        public var rings: [[Point]]
        /// The bounding box of all rings.
        public var bounds: Box

        /// Whether the point lies inside the country (even-odd rule over its rings).
        public func contains(longitude x: Double, latitude y: Double) -> Bool {
            guard bounds.contains(x: x, y: y) else { return false }
            var inside = false
            for ring in rings {
                var previous = ring[ring.count - 1]
                for point in ring {
                    if (point.y > y) != (previous.y > y),
                       x < (previous.x - point.x) * (y - point.y) / (previous.y - point.y) + point.x {
                        inside.toggle()
                    }
                    previous = point
                }
            }
            return inside
        }
    }

    /// A longitude (`x`), latitude (`y`) pair, or a projected point.
    public struct Point: Sendable, Equatable {
        public var x: Double
        public var y: Double

        public init(x: Double, y: Double) {
            self.x = x
            self.y = y
        }
    }

    /// A rectangle, `minX...maxX` by `minY...maxY`.
    public struct Box: Sendable, Equatable {
        public var minX: Double
        public var minY: Double
        public var maxX: Double
        public var maxY: Double

        public func contains(x: Double, y: Double) -> Bool {
            (minX...maxX).contains(x) && (minY...maxY).contains(y)
        }

        public func intersects(_ other: Box) -> Bool {
            minX <= other.maxX && other.minX <= maxX && minY <= other.maxY && other.minY <= maxY
        }

        /// The box around `points`; nil when there are none.
        init?(around points: some Sequence<Point>) {
            var box: Box?
            for p in points {
                if var b = box {
                    b.minX = min(b.minX, p.x)
                    b.maxX = max(b.maxX, p.x)
                    b.minY = min(b.minY, p.y)
                    b.maxY = max(b.maxY, p.y)
                    box = b
                } else {
                    box = Box(minX: p.x, minY: p.y, maxX: p.x, maxY: p.y)
                }
            }
            guard let box else { return nil }
            self = box
        }

        public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
            self.minX = minX
            self.minY = minY
            self.maxX = maxX
            self.maxY = maxY
        }
    }

    /// The countries, in the file's order.
    public var countries: [Country]

    /// The first line of a file in the format this reader knows, before the units.
    static let signature = "geotag-outlines 1 "

    /// Reads the outlines file at `path`.
    ///
    /// - Throws: ``GeotagError/io(path:reason:)`` when it cannot be read or is not in
    ///   the format.
    public init(path: String) throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GeotagError.io(path: path, reason: "cannot read the map outlines: \(error.localizedDescription)")
        }
        try self.init(text: String(decoding: data, as: UTF8.self), path: path)
    }

    /// Reads outlines from the text of such a file; `path` names it in errors.
    public init(text: String, path: String) throws {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: true)[...]
        guard let first = lines.popFirst(), first.hasPrefix(Self.signature),
              let units = Double(first.dropFirst(Self.signature.count)), units > 0
        else { throw GeotagError.io(path: path, reason: "not a geotag outlines file (its first line must be '\(Self.signature)UNITS')") }
        countries = []
        for (number, line) in zip(2..., lines) where !line.hasPrefix("#") {
            guard let country = Self.country(line, units: units) else {
                throw GeotagError.io(path: path, reason: "line \(number) is not 'ISO_A2<TAB>ADM0_A3<TAB>NAME<TAB>rings'")
            }
            countries.append(country)
        }
    }

    private static func country(_ line: Substring, units: Double) -> Country? {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
        guard columns.count == 4 else { return nil }
        var rings: [[Point]] = []
        for ring in columns[3].split(separator: ";") {
            var points: [Point] = []
            var (x, y) = (0, 0)
            for pair in ring.split(separator: " ") {
                let numbers = pair.split(separator: ",")
                guard numbers.count == 2, let dx = Int(numbers[0]), let dy = Int(numbers[1]) else { return nil }
                x += dx
                y += dy
                points.append(Point(x: Double(x) / units, y: Double(y) / units))
            }
            guard points.count >= 3 else { return nil }
            rings.append(points)
        }
        guard let bounds = Box(around: rings.joined()) else { return nil }
        let code = columns[0].count == 2 ? String(columns[0]) : nil
        return Country(code: code, a3: String(columns[1]), name: String(columns[2]), rings: rings, bounds: bounds)
    }

    /// The countries whose outline holds the point (more than one only where outlines
    /// overlap, as disputed areas may).
    public func countries(containingLongitude x: Double, latitude y: Double) -> [Country] {
        countries.filter { $0.contains(longitude: x, latitude: y) }
    }
}
