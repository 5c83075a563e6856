import Foundation

/// Times as the database stores them: UTC ISO 8601 with milliseconds
/// (`2025-01-31T08:15:00.000Z`), the `DATETIME` form GeoPackage prescribes, which
/// also sorts as text in time order.
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt)

    /// `date` as stored text.
    static func string(_ date: Date) -> String {
        date.formatted(style)
    }

    /// A stored text back as a date; nil when it is not in the stored form.
    static func date(_ text: String) -> Date? {
        try? style.parse(text)
    }
}
