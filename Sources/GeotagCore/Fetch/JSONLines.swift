import Foundation

/// Reads a JSONL file of articles: one JSON object a line with `url`, `title`,
/// `published` and `text` or `html` (`text` wins when both are given: it is already the
/// clean text the publisher meant). Each line becomes one ``RawDocument`` whose location
/// is `path#L<n>`; a line that is not a JSON object, or has neither `text` nor `html`,
/// becomes a ``Failure`` for that line. Blank lines and a leading byte-order mark
/// are skipped.
enum JSONLines {
    /// The items of the JSONL file at `location`, whose bytes are `bytes`, in line order.
    static func items(
        of bytes: [UInt8], location: String, source: String, fetchedAt: Date,
        _ deliver: (SourceItem) -> Bool
    ) {
        // Editors on Windows like to start UTF-8 files with a byte-order mark.
        let content = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? bytes.dropFirst(3) : bytes[...]
        var lineNumber = 0
        var start = content.startIndex
        while start <= content.endIndex {
            let end = newline(in: content, from: start)
            defer { start = end + 1 }
            let line = content[start..<end]
            lineNumber += 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let lineLocation = "\(location)#L\(lineNumber)"
            let item: SourceItem
            do {
                item = .document(try document(from: line, location: lineLocation, source: source, fetchedAt: fetchedAt))
            } catch {
                item = .failure(Failure(source: source, location: lineLocation, stage: .fetch, reason: "line \(lineNumber): \(error.reason)"))
            }
            if !deliver(item) { return }
        }
    }

    /// Where the first newline of `bytes` from `start` on is, or the end of `bytes`:
    /// `memchr` finds it several bytes at a time, where `split` asked a closure about
    /// every byte of the file (about 30 instructions a byte in callgrind).
    private static func newline(in bytes: ArraySlice<UInt8>, from start: Int) -> Int {
        bytes.withUnsafeBytes { raw in
            let offset = start - bytes.startIndex
            guard offset < raw.count, let base = raw.baseAddress,
                  let found = memchr(base + offset, 0x0A, raw.count - offset)
            else { return bytes.endIndex }
            return bytes.startIndex + base.distance(to: UnsafeRawPointer(found))
        }
    }

    /// The document that one line describes.
    private static func document(from line: ArraySlice<UInt8>, location: String, source: String, fetchedAt: Date) throws(DocumentError) -> RawDocument {
        let values: [[UInt8]?]
        do {
            values = try line.withUnsafeBufferPointer { bytes throws(JSONStringFields.Invalid) in
                try JSONStringFields.values(of: fields, in: bytes)
            }
        } catch {
            throw DocumentError("not a JSON object")
        }
        func utf8(_ field: Field) -> [UInt8]? {
            guard let value = values[field.rawValue], !isBlank(value) else { return nil }
            return value
        }
        func string(_ field: Field) -> String? { utf8(field).map { String(decoding: $0, as: UTF8.self) } }
        let body: [UInt8]
        let format: RawDocument.Format
        if let text = utf8(.text) {
            (body, format) = (text, .text)
        } else if let html = utf8(.html) {
            (body, format) = (html, .html)
        } else {
            throw DocumentError("neither \"text\" nor \"html\"")
        }
        return RawDocument(
            source: source, location: location, url: string(.url), body: body, format: format,
            title: string(.title), published: string(.published), fetchedAt: fetchedAt)
    }

    /// Whether valid UTF-8 is empty or all white space (``TextHygiene/isWhitespace(_:)``).
    static func isBlank(_ utf8: [UInt8]) -> Bool {
        utf8.withUnsafeBufferPointer { utf8 in
            var i = 0
            while i < utf8.count {
                let (scalar, length) = utf8[i] < 0x80 ? (Unicode.Scalar(utf8[i]), 1) : ValidUTF8.scalar(in: utf8, at: i)
                guard TextHygiene.isWhitespace(scalar) else { return false }
                i += length
            }
            return true
        }
    }

    /// The fields a line's object is read for; a case's name is its key.
    private enum Field: Int, CaseIterable {
        case text, html, url, title, published
    }

    /// The keys of ``Field``, in its order.
    private static let fields = Field.allCases.map { "\($0)" }
}
