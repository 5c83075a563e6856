import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The character set an HTTP response declares, and the conversion of its body to
/// UTF-8, so that everything inside geotag is UTF-8.
///
/// The order of authority is the HTML standard's: a byte-order mark, then the
/// `charset` of the `Content-Type` header, then (for HTML) the page's own
/// `<meta charset>`, which ``HTMLDocument`` already honours for bytes that are not
/// UTF-8. Bytes are converted here only when the header or a BOM names a charset other
/// than UTF-8; a name iconv does not know leaves them as they are.
enum Charset {
    /// The media type of a `Content-Type` value, lower-cased, without parameters
    /// (`text/html` of `text/HTML; charset=UTF-8`).
    static func mediaType(ofContentType value: String) -> String {
        String(value.split(separator: ";", maxSplits: 1).first ?? "").trimmingASCIIWhitespace.lowercased()
    }

    /// The `charset` parameter of a `Content-Type` value, lower-cased, unquoted.
    static func parameter(ofContentType value: String) -> String? {
        for parameter in value.split(separator: ";").dropFirst() {
            let pair = parameter.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, String(pair[0]).trimmingASCIIWhitespace.lowercased() == "charset" else { continue }
            let name = String(pair[1]).trimmingASCIIWhitespace.trimmingCharacters(in: CharacterSet(charactersIn: "\"'")).lowercased()
            return name.isEmpty ? nil : name
        }
        return nil
    }

    /// `body` as UTF-8 when its BOM or `declared` charset says it is something else
    /// and iconv knows that charset; otherwise `body` unchanged.
    static func utf8(_ body: [UInt8], declared: String?) -> [UInt8] {
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { return body }
        if body.starts(with: [0xFF, 0xFE]) { return convert(Array(body.dropFirst(2)), from: "utf-16le") ?? body }
        if body.starts(with: [0xFE, 0xFF]) { return convert(Array(body.dropFirst(2)), from: "utf-16be") ?? body }
        guard let charset = declared.map(iconvName), !isUTF8(charset) else { return body }
        return convert(body, from: charset) ?? body
    }

    /// Labels that the web means as windows-1252 (the HTML standard's encoding table),
    /// and other names iconv spells differently.
    private static func iconvName(_ label: String) -> String {
        switch label {
        case "iso-8859-1", "iso8859-1", "latin1", "l1", "us-ascii", "ascii", "cp819", "ibm819", "iso_8859-1":
            return "windows-1252"
        default:
            return label
        }
    }

    private static func isUTF8(_ name: String) -> Bool {
        name.filter { $0 != "-" && $0 != "_" } == "utf8"
    }

    /// `bytes` converted from `charset` to UTF-8 (or `target`) by iconv, invalid
    /// sequences replaced by U+FFFD; nil when iconv does not know `charset`.
    static func convert(_ bytes: [UInt8], from charset: String, to target: String = "UTF-8") -> [UInt8]? {
        let converter = iconv_open(target, charset.uppercased())
        guard let converter, converter != iconv_t(bitPattern: -1) else { return nil }
        defer { iconv_close(converter) }
        var input = bytes.map { CChar(bitPattern: $0) }
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count * 2)
        var chunk = [CChar](repeating: 0, count: 1 << 16)
        input.withUnsafeMutableBufferPointer { source in
            var next = source.baseAddress
            var left = source.count
            while left > 0 {
                let (failed, code) = chunk.withUnsafeMutableBufferPointer { target -> (Bool, Int32) in
                    var out = target.baseAddress
                    var room = target.count
                    let failed = iconv(converter, &next, &left, &out, &room) == -1
                    let code = errno
                    target.prefix(target.count - room).withMemoryRebound(to: UInt8.self) { result.append(contentsOf: $0) }
                    return (failed, code)
                }
                guard failed, code != E2BIG else { continue }
                // An invalid (EILSEQ) or truncated (EINVAL) sequence: one replacement
                // character for its first byte, then go on after it.
                result += [0xEF, 0xBF, 0xBD]
                next = next.map { $0 + 1 }
                left -= 1
            }
        }
        return result
    }
}
