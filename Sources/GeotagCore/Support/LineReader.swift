import CZlib

/// Where a ``LineReader`` gets its bytes: a plain or gzip file (``GzipFileSource``), or
/// a member of an archive.
public protocol ByteSource: AnyObject {
    /// Reads up to `buffer.count` bytes into `buffer` and returns how many; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(GeotagError) -> Int
}

/// A file read through zlib's gzread: plain or gzip-compressed (zlib tells them apart by
/// their first bytes).
public final class GzipFileSource: ByteSource {
    private let file: gzFile
    private let path: String

    /// Opens `path`; throws ``GeotagError/io(path:reason:)`` when it cannot be read.
    public init(path: String) throws(GeotagError) {
        guard let file = gzopen(path, "rb") else {
            throw GeotagError.io(path: path, reason: "cannot open for reading")
        }
        gzbuffer(file, 1 << 17)
        self.file = file
        self.path = path
    }

    deinit { gzclose(file) }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(GeotagError) -> Int {
        let read = gzread(file, buffer.baseAddress, UInt32(clamping: buffer.count))
        if read < 0 {
            var code: Int32 = 0
            let message = gzerror(file, &code).map { String(cString: $0) } ?? "read error"
            throw GeotagError.io(path: path, reason: message)
        }
        return Int(read)
    }
}

/// Reads a text file line by line from a ``ByteSource`` (by default a plain or gzip
/// file), in large chunks so a multi-gigabyte dump streams in constant memory.
public final class LineReader {
    private let source: any ByteSource
    /// The file as messages name it.
    public let path: String
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// The 1-based number of the line last returned.
    public private(set) var lineNumber = 0

    /// Opens `path`, plain or gzip-compressed; throws ``GeotagError/io(path:reason:)``
    /// when it cannot be read.
    public convenience init(path: String, chunkSize: Int = 1 << 20) throws(GeotagError) {
        try self.init(source: GzipFileSource(path: path), path: path, chunkSize: chunkSize)
    }

    /// Reads the lines of `source`; `path` names it in messages.
    public init(source: any ByteSource, path: String, chunkSize: Int = 1 << 20) {
        self.source = source
        self.path = path
        self.buffer = [UInt8](repeating: 0, count: max(chunkSize, 16))
    }

    /// Calls `body` with each line's bytes (without the line end; a trailing `\r` is
    /// dropped too). The bytes are only valid during the call.
    public func forEachLine(_ body: (ArraySlice<UInt8>) throws -> Void) throws {
        while let line = try nextLine() { try body(line) }
    }

    /// The next line, or nil at the end of the file.
    public func nextLine() throws(GeotagError) -> ArraySlice<UInt8>? {
        while true {
            if let newline = buffer[start..<end].firstIndex(of: 0x0A) {
                var lineEnd = newline
                if lineEnd > start, buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
                let line = buffer[start..<lineEnd]
                start = newline + 1
                lineNumber += 1
                return line
            }
            if atEOF {
                guard start < end else { return nil }
                let line = buffer[start..<end]
                start = end
                lineNumber += 1
                return line
            }
            try refill()
        }
    }

    private func refill() throws(GeotagError) {
        if start > 0 {
            buffer.replaceSubrange(0..<(end - start), with: buffer[start..<end])
            end -= start
            start = 0
        }
        if end == buffer.count { buffer.append(contentsOf: repeatElement(0, count: buffer.count)) }
        let source = source
        let end = end
        let read = try buffer.withUnsafeMutableBytes { raw in
            Result { () throws(GeotagError) in try source.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[end...])) }
        }.get()
        if read == 0 { atEOF = true }
        self.end += read
    }
}
