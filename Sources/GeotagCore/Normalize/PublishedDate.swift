import Foundation

/// Publication times as the spec wants them: ISO 8601, keeping what was given.
///
/// Accepted: ISO 8601 / RFC 3339 dates and date-times (`2024-03-05`,
/// `2024-03-05T10:15:00+03:00`, `2024-03-05 10:15Z`, `20240305T101500Z`, with or
/// without seconds, fraction and zone) and RFC 2822 dates as feeds write them
/// (`Tue, 05 Mar 2024 10:15:00 +0300`). The result is the extended ISO form with the
/// precision and zone offset as given: a date stays a date, `+03:00` is not converted
/// to UTC, a time without a zone gets none; missing seconds become `:00`, `GMT`/`UT`
/// become `Z`. Anything else (prose dates like "March 5, 2024") gives nil.
enum PublishedDate {
    /// `text` as an ISO 8601 date or date-time, or nil when it is not a date.
    static func normalized(_ text: String) -> String? {
        let trimmed = TextHygiene.trimmingWhitespace(text)
        return iso8601(Array(trimmed.utf8)) ?? rfc2822(trimmed)
    }

    /// The date in a URL's path, as CMSs put it there (`/2024/05/16/slug`,
    /// `/news/2024-05-16-slug`, `/2024_05_16/`): a year from 1990 on, a month and a day
    /// between separators, or nil.
    static func inURL(_ url: String) -> String? {
        var path = Substring(url)
        if let scheme = path.range(of: "://") { path = path[scheme.upperBound...].drop { $0 != "/" } }
        if let query = path.firstIndex(where: { $0 == "?" || $0 == "#" }) { path = path[..<query] }
        let bytes = Array(path.utf8)
        func number(_ start: Int, _ count: Int) -> Int? { Self.number(in: bytes, at: start, digits: count) }
        let separators: Set<UInt8> = [0x2F, 0x2D, 0x5F]  // / - _
        for start in bytes.indices where separators.contains(bytes[start]) {
            guard let year = number(start + 1, 4), (1990...2100).contains(year),
                  start + 11 <= bytes.count, separators.contains(bytes[start + 5]), separators.contains(bytes[start + 8]),
                  let month = number(start + 6, 2), let day = number(start + 9, 2),
                  isValidDate(year: year, month: month, day: day)
            else { continue }
            let end = start + 11
            guard end == bytes.count || !(0x30...0x39).contains(bytes[end]) else { continue }
            return format(year, 4) + "-" + format(month, 2) + "-" + format(day, 2)
        }
        return nil
    }

    /// Seconds since 1970 of a time as ``normalized(_:)`` writes it, to compare times
    /// given in different zones (a date alone is its midnight UTC; a time without a
    /// zone is taken as UTC); nil for anything else.
    static func instant(_ iso: String) -> Int? {
        let bytes = Array(iso.utf8)
        func number(_ start: Int, _ count: Int) -> Int? { Self.number(in: bytes, at: start, digits: count) }
        guard let year = number(0, 4), let month = number(5, 2), let day = number(8, 2) else { return nil }
        // Days from the civil date (Howard Hinnant's algorithm).
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let days = era * 146_097 + yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear - 719_468
        var seconds = days * 86_400
        guard bytes.count > 10 else { return seconds }
        guard let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2) else { return nil }
        seconds += hour * 3600 + minute * 60 + second
        if let sign = bytes.lastIndex(where: { $0 == 0x2B || $0 == 0x2D }), sign > 10,
           let hours = number(sign + 1, 2), let minutes = number(sign + 4, 2) {
            seconds -= (bytes[sign] == 0x2B ? 1 : -1) * (hours * 3600 + minutes * 60)
        }
        return seconds
    }

    /// The number spelled by exactly `count` ASCII digits at `start`, or nil.
    static func number(in bytes: [UInt8], at start: Int, digits count: Int) -> Int? {
        guard start >= 0, start + count <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<start + count] {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    // MARK: ISO 8601

    private static func iso8601(_ bytes: [UInt8]) -> String? {
        var scanner = Scanner(bytes)
        guard let year = scanner.number(digits: 4) else { return nil }
        let extended = scanner.skip("-")
        guard let month = scanner.number(digits: 2), extended == scanner.skip("-"),
              let day = scanner.number(digits: 2), isValidDate(year: year, month: month, day: day)
        else { return nil }
        let date = format(year, 4) + "-" + format(month, 2) + "-" + format(day, 2)
        if scanner.atEnd { return date }
        guard scanner.skip("T") || scanner.skip("t") || scanner.skip(" ") else { return nil }
        guard let hour = scanner.number(digits: 2) else { return nil }
        _ = scanner.skip(":")
        guard let minute = scanner.number(digits: 2) else { return nil }
        var second = 0
        var fraction = ""
        if scanner.skip(":") || scanner.peekDigit {
            guard let value = scanner.number(digits: 2) else { return nil }
            second = value
            if scanner.skip(".") || scanner.skip(",") {
                fraction = "." + scanner.digits()
                guard fraction.count > 1 else { return nil }
            }
        }
        guard hour < 24, minute < 60, second <= 60 else { return nil }
        guard let zone = isoZone(&scanner), scanner.atEnd else { return nil }
        return date + "T" + format(hour, 2) + ":" + format(minute, 2) + ":" + format(second, 2) + fraction + zone
    }

    /// The zone at the scanner (`Z`, `±hh`, `±hhmm`, `±hh:mm`, a trailing ` UTC`/` GMT`)
    /// in extended form; the empty string when there is none, nil when it is malformed.
    private static func isoZone(_ scanner: inout Scanner) -> String? {
        if scanner.atEnd { return "" }
        if scanner.skip("Z") || scanner.skip("z") || scanner.skip(" UTC") || scanner.skip(" GMT") { return "Z" }
        _ = scanner.skip(" ")
        let sign: String
        if scanner.skip("+") {
            sign = "+"
        } else if scanner.skip("-") {
            sign = "-"
        } else {
            return nil
        }
        guard let hours = scanner.number(digits: 2) else { return nil }
        _ = scanner.skip(":")
        let minutes = scanner.atEnd ? 0 : scanner.number(digits: 2)
        guard let minutes, hours <= 14, minutes < 60 else { return nil }
        return sign + format(hours, 2) + ":" + format(minutes, 2)
    }

    // MARK: RFC 2822

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// Named zones RFC 2822 allows, as offsets.
    private static let namedZones = [
        "gmt": "Z", "ut": "Z", "utc": "Z", "z": "Z", "est": "-05:00", "edt": "-04:00", "cst": "-06:00",
        "cdt": "-05:00", "mst": "-07:00", "mdt": "-06:00", "pst": "-08:00", "pdt": "-07:00",
    ]

    private static func rfc2822(_ text: String) -> String? {
        var parts = text.split { $0 == " " || $0 == "," }.map { String($0).lowercased() }
        if let first = parts.first, first.allSatisfy(\.isLetter) { parts.removeFirst() }
        guard parts.count >= 4, let day = Int(parts[0]), let month = months.firstIndex(of: String(parts[1].prefix(3))),
              var year = Int(parts[2]), parts[2].count == 2 || parts[2].count == 4
        else { return nil }
        if parts[2].count == 2 { year += year < 50 ? 2000 : 1900 }
        guard isValidDate(year: year, month: month + 1, day: day) else { return nil }
        let time = parts[3].split(separator: ":").map { Int($0) }
        guard time.count == 2 || time.count == 3, let hour = time[0], let minute = time[1],
              hour < 24, minute < 60 else { return nil }
        let second = time.count == 3 ? time[2] : 0
        guard let second, second <= 60 else { return nil }
        var zone = ""
        if parts.count > 4 {
            let given = parts[4]
            if let named = namedZones[given] {
                zone = named
            } else if given.count == 5, let sign = given.first, sign == "+" || sign == "-",
                      let hours = Int(given.dropFirst().prefix(2)), let minutes = Int(given.suffix(2)) {
                zone = String(sign) + format(hours, 2) + ":" + format(minutes, 2)
            } else {
                return nil
            }
        }
        return format(year, 4) + "-" + format(month + 1, 2) + "-" + format(day, 2) + "T"
            + format(hour, 2) + ":" + format(minute, 2) + ":" + format(second, 2) + zone
    }

    // MARK: Helpers

    private static func isValidDate(year: Int, month: Int, day: Int) -> Bool {
        guard (1...12).contains(month), day >= 1 else { return false }
        let isLeap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
        let lengths = [31, isLeap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        return day <= lengths[month - 1]
    }

    private static func format(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }

    /// Reads ASCII text left to right.
    private struct Scanner {
        private let bytes: [UInt8]
        private var index = 0

        init(_ bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { index == bytes.count }

        var peekDigit: Bool { !atEnd && (0x30...0x39).contains(bytes[index]) }

        /// Skips `literal` when the text continues with it.
        mutating func skip(_ literal: String) -> Bool {
            let expected = Array(literal.utf8)
            guard bytes[index...].starts(with: expected) else { return false }
            index += expected.count
            return true
        }

        /// Exactly `digits` decimal digits as a number.
        mutating func number(digits count: Int) -> Int? {
            guard index + count <= bytes.count else { return nil }
            var value = 0
            for byte in bytes[index..<index + count] {
                guard (0x30...0x39).contains(byte) else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }

        /// All the digits from here on.
        mutating func digits() -> String {
            var result = ""
            while peekDigit {
                result.append(Character(Unicode.Scalar(bytes[index])))
                index += 1
            }
            return result
        }
    }
}
