/// The names of administrative divisions by their GeoNames code, from
/// `admin1CodesASCII.txt` (`IQ.10`) and `admin2Codes.txt` (`IQ.10.97988`): code,
/// name, ASCII name, geonameid.
public struct AdminCodes: Sendable, Equatable {
    public private(set) var names: [String: String] = [:]

    public init() {}

    /// Adds a name for `code`.
    public mutating func add(code: String, name: String) { names[code] = name }

    /// Reads one line of an admin codes file.
    public mutating func add(line: ArraySlice<UInt8>) throws(DocumentError) {
        let columns = line.split(separator: 0x09, omittingEmptySubsequences: false)
        guard columns.count >= 2, !columns[0].isEmpty, !columns[1].isEmpty else {
            throw DocumentError("expected code<TAB>name<TAB>asciiname<TAB>geonameid")
        }
        names[String(decoding: columns[0], as: UTF8.self)] = String(decoding: columns[1], as: UTF8.self)
    }

    public subscript(code: String) -> String? { names[code] }
}

/// Country names by ISO code, from GeoNames' `countryInfo.txt`.
public struct CountryInfo: Sendable, Equatable {
    public private(set) var names: [String: String] = [:]

    public init() {}

    /// Reads one line of `countryInfo.txt`; comment lines (`#`) are skipped.
    public mutating func add(line: ArraySlice<UInt8>) throws(DocumentError) {
        if line.first == UInt8(ascii: "#") || line.isEmpty { return }
        let columns = line.split(separator: 0x09, omittingEmptySubsequences: false)
        guard columns.count >= 5, columns[0].count == 2 else {
            throw DocumentError("expected ISO<TAB>ISO3<TAB>ISO-Numeric<TAB>fips<TAB>Country ...")
        }
        names[String(decoding: columns[0], as: UTF8.self)] = String(decoding: columns[4], as: UTF8.self)
    }

    public subscript(code: String) -> String? { names[code] }
}
