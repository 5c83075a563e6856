/// Numbers as plain decimal text, the same bytes for the same number on every run
/// and platform: what the CSV cells, the WKT and the JSON numbers are written with.
///
/// Never an exponent (`1e-05` would be valid JSON, but spreadsheets and people read
/// `0.00001` better) and never `nan` or `inf`: those have no text here (nil), and the
/// writers put an empty cell or JSON `null` instead.
public enum DecimalText {
    /// The shortest decimal that reads back as exactly `x` (Swift's round-trip
    /// digits), always with a fractional part: `3.0`, `-3.7`, `0.00001`. Nil when `x`
    /// is not finite; both zeros are `0.0`.
    public static func shortest(_ x: Double) -> String? {
        guard x.isFinite else { return nil }
        if x == 0 { return "0.0" }
        let text = x.description
        // Looked for in the bytes: a search by `Character` cost more than `description`.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "e") || $0 == UInt8(ascii: "E") }),
              let e = text.firstIndex(where: { $0 == "e" || $0 == "E" })
        else { return text }
        // Expand d.ddde±x into plain digits.
        let negative = text.hasPrefix("-")
        let mantissa = text[text.index(text.startIndex, offsetBy: negative ? 1 : 0)..<e]
        guard let exponent = Int(text[text.index(after: e)...]) else { return text }
        let digits = Array(mantissa.filter { $0 != "." })
        let point = (mantissa.firstIndex(of: ".").map { mantissa.distance(from: mantissa.startIndex, to: $0) } ?? mantissa.count) + exponent
        var plain: String
        if point <= 0 {
            plain = "0." + String(repeating: "0", count: -point) + String(digits)
        } else if point >= digits.count {
            plain = String(digits) + String(repeating: "0", count: point - digits.count) + ".0"
        } else {
            plain = String(digits[..<point]) + "." + String(digits[point...])
        }
        if negative { plain = "-" + plain }
        return plain
    }

    /// `x` rounded to at most `places` decimals (half away from zero), without
    /// trailing zeros or a trailing point: `44.361488`, `-3.7`, `33`. Nil when `x` is
    /// not finite. GeoJSON coordinates use 6 places (about 10 cm).
    public static func rounded(_ x: Double, places: Int = 6) -> String? {
        precondition((0...15).contains(places), "places must be 0...15")
        guard x.isFinite else { return nil }
        var scale: UInt64 = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (x.magnitude * Double(scale)).rounded()
        // Beyond 2^53 the double has no fractional digits to round away.
        guard scaled < 9_007_199_254_740_992 else { return shortest(x) }
        let units = UInt64(scaled)
        if units == 0 { return "0" }
        var text = (x < 0 ? "-" : "") + String(units / scale)
        var fraction = units % scale
        if fraction != 0 {
            var width = places
            while fraction % 10 == 0 {
                fraction /= 10
                width -= 1
            }
            let digits = String(fraction)
            text += "." + String(repeating: "0", count: width - digits.count) + digits
        }
        return text
    }
}
