/// Numbers as plain decimal text, the same bytes for the same number on every run
/// and platform: what the CSV cells, the WKT and the JSON numbers are written with.
///
/// Never an exponent (`1e-05` would be valid JSON, but spreadsheets and people read
/// `0.00001` better) and never `nan` or `inf`: those have no text here (nil, or
/// nothing appended), and the writers put an empty cell or JSON `null` instead.
///
/// The writers append the bytes straight to their buffers (`append…(_:to:)`): an
/// export formats a few doubles for each of millions of mentions, and making a
/// `String` of each through `description` was a tenth of the formatting threads' time.
public enum DecimalText {
    /// The shortest decimal that reads back as exactly `x` (Swift's round-trip
    /// digits), always with a fractional part: `3.0`, `-3.7`, `0.00001`. Nil when `x`
    /// is not finite; both zeros are `0.0`.
    public static func shortest(_ x: Double) -> String? {
        var bytes: [UInt8] = []
        return appendShortest(x, to: &bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// `x` rounded to at most `places` decimals (half away from zero), without
    /// trailing zeros or a trailing point: `44.361488`, `-3.7`, `33`. Nil when `x` is
    /// not finite. GeoJSON coordinates use 6 places (about 10 cm).
    public static func rounded(_ x: Double, places: Int = 6) -> String? {
        var bytes: [UInt8] = []
        return appendRounded(x, places: places, to: &bytes) ? String(decoding: bytes, as: UTF8.self) : nil
    }

    /// Appends ``shortest(_:)``'s text of `x`; false, with nothing appended, when `x`
    /// is not finite.
    ///
    /// A number of at most six decimals below 10⁹ (every coordinate of the gazetteer,
    /// every score) is written from its integer count of millionths: its decimal reads
    /// back as `x`, and no other decimal as short does, since any other with at most
    /// six decimals is 10⁻⁶ away and `x`'s neighbouring doubles are closer than that.
    /// Other numbers go through Swift's `description`.
    public static func appendShortest(_ x: Double, to bytes: inout [UInt8]) -> Bool {
        guard x.isFinite else { return false }
        if x == 0 {
            bytes.append(contentsOf: "0.0".utf8)
            return true
        }
        let scaled = (x.magnitude * 1e6).rounded()
        if x.magnitude < 1e9, scaled / 1e6 == x.magnitude {
            appendFixed(UInt64(scaled), places: 6, negative: x < 0, pointZero: true, to: &bytes)
        } else {
            bytes.append(contentsOf: expanded(x).utf8)
        }
        return true
    }

    /// Appends ``rounded(_:places:)``'s text of `x`; false, with nothing appended,
    /// when `x` is not finite.
    public static func appendRounded(_ x: Double, places: Int = 6, to bytes: inout [UInt8]) -> Bool {
        precondition((0...15).contains(places), "places must be 0...15")
        guard x.isFinite else { return false }
        let scaled = (x.magnitude * Double(powersOfTen[places])).rounded()
        // Beyond 2^53 the double has no fractional digits to round away.
        guard scaled < 9_007_199_254_740_992 else { return appendShortest(x, to: &bytes) }
        let units = UInt64(scaled)
        appendFixed(units, places: places, negative: x < 0 && units != 0, pointZero: false, to: &bytes)
        return true
    }

    /// Appends `n` in decimal digits, with a minus sign when negative.
    public static func appendInteger(_ n: Int, to bytes: inout [UInt8]) {
        if n < 0 { bytes.append(UInt8(ascii: "-")) }
        appendDigits(UInt64(n.magnitude), width: 1, to: &bytes)
    }

    /// 10⁰ through 10¹⁵.
    private static let powersOfTen: [UInt64] = (0...15).map { (0..<$0).reduce(1) { value, _ in value * 10 } }

    /// Appends `units` of 10⁻`places` as a decimal: the integer part, then the
    /// fraction without trailing zeros, or `.0` (`pointZero`) or nothing when there is
    /// none.
    private static func appendFixed(_ units: UInt64, places: Int, negative: Bool, pointZero: Bool, to bytes: inout [UInt8]) {
        let scale = powersOfTen[places]
        if negative { bytes.append(UInt8(ascii: "-")) }
        appendDigits(units / scale, width: 1, to: &bytes)
        var fraction = units % scale
        guard fraction != 0 else {
            if pointZero { bytes.append(contentsOf: ".0".utf8) }
            return
        }
        var width = places
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        bytes.append(UInt8(ascii: "."))
        appendDigits(fraction, width: width, to: &bytes)
    }

    /// Appends the digits of `n`, with leading zeros up to `width` digits.
    private static func appendDigits(_ n: UInt64, width: Int, to bytes: inout [UInt8]) {
        var count = 1
        var rest = n / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        count = max(count, width)
        let start = bytes.count
        bytes.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: count))
        var value = n
        var i = start + count - 1
        while value > 0 {
            bytes[i] = UInt8(ascii: "0") + UInt8(value % 10)
            value /= 10
            i -= 1
        }
    }

    /// `x.description` with an exponent expanded into plain digits; `x` is finite and
    /// not zero.
    static func expanded(_ x: Double) -> String {
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
}
