#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered writer of bytes to a file descriptor: a file being exported, or standard
/// output for the one-off commands.
///
/// Bytes are gathered in a 64 KiB buffer and written with `write(2)` (whole, retried on
/// interruption) when it fills and on ``flush()``; larger blocks are written directly.
/// Errors become ``GeotagError/io(path:reason:)`` naming ``path``. Owned by one thread;
/// not `Sendable`.
public final class FileOutput {
    /// The name errors give for this output (a target file, or `stdout`).
    public let path: String
    private var descriptor: Int32
    private let ownsDescriptor: Bool
    private var buffer: [UInt8] = []
    private static let capacity = 1 << 16

    /// Writes to an already open descriptor, which the caller keeps and closes (such
    /// as `STDOUT_FILENO`). Call ``flush()`` when done: unflushed bytes are dropped.
    public convenience init(descriptor: Int32, path: String) {
        self.init(descriptor: descriptor, path: path, owning: false)
    }

    init(descriptor: Int32, path: String, owning: Bool) {
        self.descriptor = descriptor
        self.path = path
        self.ownsDescriptor = owning
        buffer.reserveCapacity(Self.capacity)
    }

    deinit {
        if ownsDescriptor, descriptor >= 0 { _ = systemClose(descriptor) }
    }

    /// Appends the UTF-8 bytes of `text`.
    public func write(_ text: String) throws {
        try append { $0.append(contentsOf: text.utf8) }
    }

    /// Appends `bytes`. A block as large as the buffer or larger (a formatted chunk of
    /// the export, a few megabytes) goes to the file directly, after what is buffered:
    /// copying it into the buffer first was one more pass over every byte exported.
    public func write(_ bytes: [UInt8]) throws {
        guard bytes.count >= Self.capacity else { return try append { $0.append(contentsOf: bytes) } }
        try flush()
        try bytes.withUnsafeBytes { try writeAll($0) }
    }

    /// Lets `body` append to the buffer directly (no intermediate copies), then
    /// writes the buffer out if it is full.
    public func append(_ body: (inout [UInt8]) -> Void) throws {
        body(&buffer)
        if buffer.count >= Self.capacity { try flush() }
    }

    /// Writes out everything buffered.
    public func flush() throws {
        guard !buffer.isEmpty else { return }
        defer { buffer.removeAll(keepingCapacity: true) }
        try buffer.withUnsafeBytes { try writeAll($0) }
    }

    /// Writes all of `bytes`, retrying after an interruption and a partial write.
    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let written = systemWrite(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Self.error(path, "cannot write")
            }
            offset += written
        }
    }

    /// Flushes and asks the system to put the bytes on disk (`fsync`).
    func sync() throws {
        try flush()
        if fsync(descriptor) != 0 { throw Self.error(path, "cannot sync to disk") }
    }

    /// Closes an owned descriptor, reporting the error some file systems only give
    /// at close. Buffered bytes not yet flushed are dropped.
    func close() throws {
        guard ownsDescriptor, descriptor >= 0 else { return }
        let code = systemClose(descriptor)
        descriptor = -1
        if code != 0 { throw Self.error(path, "cannot close") }
    }

    /// An I/O error for `path` with the text of the current `errno`.
    static func error(_ path: String, _ what: String) -> GeotagError {
        GeotagError.io(path: path, reason: "\(what): \(String(cString: strerror(errno)))")
    }
}

/// The C library's `write` and `close`, which `FileOutput`'s own methods shadow.
private func systemWrite(_ fd: Int32, _ bytes: UnsafeRawPointer, _ count: Int) -> Int {
    write(fd, bytes, count)
}

private func systemClose(_ fd: Int32) -> Int32 {
    close(fd)
}

/// An output belongs to one thread; see ``FileOutput``.
@available(*, unavailable)
extension FileOutput: Sendable {}
