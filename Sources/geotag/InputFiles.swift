import Foundation
import GeotagCore

/// The documents named on a one-off command line (`extract`, `normalize`), or standard
/// input when none is named. Each is one document whose location is the file name as
/// given (`stdin` for standard input).
struct InputFiles {
    var paths: [String]
    /// Read every input as HTML, whatever its name.
    var forceHTML = false

    /// The raw documents, in the order named.
    func documents() throws -> [RawDocument] {
        if paths.isEmpty {
            let body = Array(FileHandle.standardInput.readDataToEndOfFile())
            return [RawDocument(source: "stdin", location: "stdin", body: body, format: format(path: nil, body: body))]
        }
        return try paths.map { path in
            guard let data = FileManager.default.contents(atPath: path) else {
                throw GeotagError.usage("cannot read \(path)")
            }
            let body = Array(data)
            return RawDocument(source: "cli", location: path, body: body, format: format(path: path, body: body))
        }
    }

    /// HTML when asked, or when the name says `.html`/`.htm` (or, on standard input,
    /// when the text starts with `<`); Markdown for `.md`; text otherwise.
    private func format(path: String?, body: [UInt8]) -> RawDocument.Format {
        if forceHTML { return .html }
        if let path, case let .document(format)? = FileSource.kind(ofPath: path) { return format }
        if path == nil, body.first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }) == UInt8(ascii: "<") {
            return .html
        }
        return .text
    }
}
