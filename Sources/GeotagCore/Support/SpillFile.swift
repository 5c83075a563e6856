import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An append-only file written through a buffer: the gazetteer index builder's
/// sections and sorted runs, and the R-tree builder's row ids
/// (``SpatialIndexBulkLoad``), so that their memory does not grow with their output.
final class SpillWriter {
    let path: String
    private let fd: Int32
    private var buffer: [UInt8] = []
    private let capacity: Int
    /// Bytes appended so far.
    private(set) var count = 0

    init(path: String, capacity: Int = 1 << 20) throws(GeotagError) {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard fd >= 0 else { throw GeotagError.io(path: path, reason: "cannot create (\(String(cString: strerror(errno))))") }
        self.fd = fd
        self.path = path
        self.capacity = capacity
        buffer.reserveCapacity(capacity)
    }

    deinit { Glibc.close(fd) }

    func append(_ bytes: some Collection<UInt8>) throws(GeotagError) {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= capacity { try flush() }
    }

    func append(raw bytes: UnsafeRawBufferPointer) throws(GeotagError) {
        buffer.append(contentsOf: bytes)
        count += bytes.count
        if buffer.count >= capacity { try flush() }
    }

    func appendLittleEndian<T: FixedWidthInteger>(_ value: T) throws(GeotagError) {
        try withUnsafeBytes(of: value.littleEndian) { raw in Result { () throws(GeotagError) in try append(raw: raw) } }.get()
    }

    func flush() throws(GeotagError) {
        try buffer.withUnsafeBytes { raw in Result { () throws(GeotagError) in try Self.write(fd, raw, path: path) } }.get()
        buffer.removeAll(keepingCapacity: true)
    }

    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer, path: String) throws(GeotagError) {
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { throw GeotagError.io(path: path, reason: "write error (\(String(cString: strerror(errno))))") }
            done += n
        }
    }
}

/// Reads a file written by ``SpillWriter`` from the start, in chunks.
final class SpillReader {
    let path: String
    private let fd: Int32

    init(path: String) throws(GeotagError) {
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw GeotagError.io(path: path, reason: "cannot open (\(String(cString: strerror(errno))))") }
        self.fd = fd
        self.path = path
    }

    deinit { Glibc.close(fd) }

    /// Reads up to `buffer.count` bytes; 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws(GeotagError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n < 0, errno == EINTR { continue }
            guard n >= 0 else { throw GeotagError.io(path: path, reason: "read error (\(String(cString: strerror(errno))))") }
            return n
        }
    }
}

/// A folder for a build's temporary files next to its output (same file system, so the
/// final rename is atomic, and room like the output's), removed when the value goes away.
final class ScratchDirectory {
    let path: String

    init(near output: String) throws(GeotagError) {
        let folder = (output as NSString).deletingLastPathComponent
        var template = Array("\(folder.isEmpty ? "." : folder)/.geotag-build-XXXXXX".utf8CString)
        guard template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) != nil else {
            throw GeotagError.io(path: folder, reason: "cannot create a scratch folder (\(String(cString: strerror(errno))))")
        }
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String) -> String { "\(path)/\(name)" }
}
