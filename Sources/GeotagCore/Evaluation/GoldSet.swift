import Foundation

/// Reads gold sets for `geotag eval`: JSONL, one document a line,
///
///     {"id": "d1", "text": "...", "toponyms": [{"start": 0, "end": 4, "name": "Rome",
///       "lat": 41.89, "lon": 12.51, "geonameid": 3169070, "type": "Literal"}]}
///
/// with `start`/`end` in Unicode scalars of `text`, end exclusive. `lat`, `lon`,
/// `geonameid` and `type` are optional (`lat` and `lon` go together); other keys are
/// ignored. Blank lines and a leading byte-order mark are skipped.
///
/// A bad line stops the reading with ``GeotagError/config(file:line:key:reason:)``
/// naming the file, the line and the key (exit 2): JSON that does not parse, a missing
/// or mistyped key, offsets outside the text, a toponym whose `name` is not exactly the
/// scalars at `start..<end` (the first such mismatch, with its document id), or an id
/// that an earlier line already used.
public enum GoldSet {
    /// The documents of the gold file at `path`, in file order.
    public static func read(path: String) throws(GeotagError) -> [GoldDocument] {
        let bytes: [UInt8]
        do {
            bytes = try FileSystem.contents(ofFile: path)
        } catch {
            throw .usage("cannot read the gold set \(path): \(error.reason)")
        }
        let documents = try decode(bytes, file: path)
        guard !documents.isEmpty else { throw .config(file: path, line: 0, key: "", reason: "the gold set holds no documents") }
        return documents
    }

    /// The documents of a gold set whose bytes are `bytes`; `file` names it in errors.
    public static func decode(_ bytes: [UInt8], file: String) throws(GeotagError) -> [GoldDocument] {
        let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        let decoder = JSONDecoder()
        var documents: [GoldDocument] = []
        var lineOfID: [String: Int] = [:]
        var lineNumber = 0
        for line in content.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            func problem(_ key: String, _ reason: String) -> GeotagError {
                .config(file: file, line: lineNumber, key: key, reason: reason)
            }
            let wire: WireDocument
            do {
                wire = try decoder.decode(WireDocument.self, from: Data(line))
            } catch let error as DecodingError {
                let (key, reason) = describe(error)
                throw problem(key, reason)
            } catch {
                throw problem("", "not a gold document: \(error)")
            }
            if let earlier = lineOfID[wire.id.text] {
                throw problem("id", "document id \"\(wire.id.text)\" is already used on line \(earlier)")
            }
            lineOfID[wire.id.text] = lineNumber
            let document = GoldDocument(id: wire.id.text, text: wire.text, toponyms: try toponyms(of: wire, problem: problem))
            documents.append(document)
        }
        return documents
    }

    /// The toponyms of one line, checked against its text.
    private static func toponyms(of wire: WireDocument, problem: (String, String) -> GeotagError) throws(GeotagError) -> [GoldToponym] {
        let scalars = Array(wire.text.unicodeScalars)
        var toponyms: [GoldToponym] = []
        for (i, t) in wire.toponyms.enumerated() {
            let key = "toponyms[\(i)]"
            let document = "document \"\(wire.id.text)\""
            guard t.start >= 0, t.start < t.end, t.end <= scalars.count else {
                throw problem(key, "\(document): offsets \(t.start)..<\(t.end) are not a span of its \(scalars.count)-scalar text")
            }
            let written = scalars[t.start..<t.end]
            guard written.elementsEqual(t.name.unicodeScalars) else {
                let actual = String(String.UnicodeScalarView(written))
                throw problem(key, "\(document): the text at \(t.start)..<\(t.end) is \"\(actual)\", not the name \"\(t.name)\"")
            }
            var coordinate: GoldToponym.Coordinate?
            switch (t.lat, t.lon) {
            case let (lat?, lon?):
                guard (-90...90).contains(lat), (-180...180).contains(lon) else {
                    throw problem(key, "\(document): \(lat), \(lon) is not a latitude and longitude")
                }
                coordinate = .init(latitude: lat, longitude: lon)
            case (nil, nil):
                coordinate = nil
            default:
                throw problem(key, "\(document): give both lat and lon, or neither")
            }
            toponyms.append(GoldToponym(start: t.start, end: t.end, name: t.name, coordinate: coordinate, geonameID: t.geonameid, type: t.type))
        }
        return toponyms
    }

    /// The key path and a plain reason for a decoding error.
    private static func describe(_ error: DecodingError) -> (key: String, reason: String) {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue, key.stringValue == "Index \(index)" || key.stringValue == "\(index)" {
                    text += "[\(index)]"
                } else {
                    text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
                }
            }
            return text
        }
        switch error {
        case let .keyNotFound(key, context):
            return (path(context.codingPath + [key]), "missing")
        case let .typeMismatch(type, context):
            return (path(context.codingPath), "expected \(typeName(type))")
        case let .valueNotFound(type, context):
            return (path(context.codingPath), "is null, expected \(typeName(type))")
        case let .dataCorrupted(context):
            let key = path(context.codingPath)
            return (key, key.isEmpty ? "not valid JSON" : context.debugDescription)
        @unknown default:
            return ("", "not a gold document: \(error)")
        }
    }

    private static func typeName(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: return "an integer"
        case is Double.Type: return "a number"
        case is String.Type: return "a string"
        case is [WireToponym].Type: return "an array of toponyms"
        default: return "an object"
        }
    }
}

/// One line as it is written.
private struct WireDocument: Decodable {
    var id: WireID
    var text: String
    var toponyms: [WireToponym]
}

/// A document id: a string, or an integer taken as its decimal text.
private struct WireID: Decodable {
    var text: String

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Int.self) {
            text = String(number)
        } else {
            text = try container.decode(String.self)
        }
    }
}

private struct WireToponym: Decodable {
    var start: Int
    var end: Int
    var name: String
    var lat: Double?
    var lon: Double?
    var geonameid: Int?
    var type: String?
}
