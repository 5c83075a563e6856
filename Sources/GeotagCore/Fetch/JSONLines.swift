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
        guard let parsed = try? JSONSerialization.jsonObject(with: Data(line)),
              let object = parsed as? [String: Any]
        else { throw DocumentError("not a JSON object") }
        func string(_ key: String) -> String? {
            guard let value = object[key] as? String, !value.allSatisfy(\.isWhitespace) else { return nil }
            return value
        }
        let body: String
        let format: RawDocument.Format
        if let text = string("text") {
            (body, format) = (text, .text)
        } else if let html = string("html") {
            (body, format) = (html, .html)
        } else {
            throw DocumentError("neither \"text\" nor \"html\"")
        }
        return RawDocument(
            source: source, location: location, url: string("url"), body: Array(body.utf8), format: format,
            title: string("title"), published: string("published"), fetchedAt: fetchedAt)
    }
}
