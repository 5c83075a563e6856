import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file replaced all at once: bytes go to a temporary file in the target's folder;
/// ``commit()`` syncs it to disk, renames it over the target and syncs the folder.
///
/// A reader sees the old file or the new one, never a part; a process killed before
/// the rename leaves the old file as it was (and a hidden `.<name>.tmp-…` file).
/// On any error the temporary file is removed and ``GeotagError/io(path:reason:)``
/// is thrown; a file neither committed nor discarded is discarded when released.
public final class AtomicFile {
    /// The file to replace.
    public let path: String
    /// Where the new content is written until the commit.
    public let temporaryPath: String
    /// Write the new content here.
    public let output: FileOutput
    private var state = State.writing

    private enum State {
        case writing, synced, committed, discarded
    }

    /// Creates the temporary file (mode 0666 less the umask) next to `path`.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        for _ in 0..<16 {
            let suffix = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            let candidate = (folder as NSString).appendingPathComponent(".\(url.lastPathComponent).tmp-\(suffix)")
            let descriptor = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o666)
            if descriptor >= 0 {
                temporaryPath = candidate
                output = FileOutput(descriptor: descriptor, path: path, owning: true)
                return
            }
            if errno != EEXIST { throw FileOutput.error(path, "cannot create a temporary file in \(folder)") }
        }
        throw GeotagError.io(path: path, reason: "cannot find a free temporary file name in \(folder)")
    }

    deinit {
        if state != .committed { discard() }
    }

    /// Flushes, syncs and closes the temporary file, so that ``commit()`` has only
    /// the rename left: call it on several files first to make their renames
    /// follow each other closely. ``commit()`` calls it when needed.
    public func sync() throws {
        guard state == .writing else { return }
        do {
            try output.sync()
            try output.close()
            state = .synced
        } catch {
            discard()
            throw error
        }
    }

    /// Puts the new content in place of the target.
    public func commit() throws {
        try sync()
        guard state == .synced else { throw GeotagError.io(path: path, reason: "temporary file was already discarded") }
        if rename(temporaryPath, path) != 0 {
            let error = FileOutput.error(path, "cannot replace the file")
            discard()
            throw error
        }
        state = .committed
        try Self.syncFolder(of: path)
    }

    /// Drops the new content: closes and removes the temporary file. The target is
    /// untouched. Does nothing after a commit.
    public func discard() {
        guard state == .writing || state == .synced else { return }
        try? output.close()
        unlink(temporaryPath)
        state = .discarded
    }

    /// Writes `path` through `body` and commits it; when `body` or the commit throws,
    /// the old file stays and the error is thrown as ``GeotagError/io(path:reason:)``.
    public static func write(to path: String, _ body: (FileOutput) throws -> Void) throws {
        let file = try AtomicFile(path: path)
        do {
            try body(file.output)
            try file.commit()
        } catch {
            file.discard()
            throw asIOError(error, path: path)
        }
    }

    /// `error` as it is, when it is already a ``GeotagError``, else as an I/O error
    /// about `path`.
    static func asIOError(_ error: any Error, path: String) -> GeotagError {
        (error as? GeotagError) ?? .io(path: path, reason: "\(error)")
    }

    /// Makes a rename in the folder of `path` durable (`fsync` of the folder). File
    /// systems that cannot sync a folder (EINVAL) are taken at their word.
    static func syncFolder(of path: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard descriptor >= 0 else { throw FileOutput.error(folder, "cannot open folder to sync it") }
        defer { close(descriptor) }
        if fsync(descriptor) != 0, errno != EINVAL { throw FileOutput.error(folder, "cannot sync folder") }
    }
}

/// A file being written belongs to one thread; see ``AtomicFile``.
@available(*, unavailable)
extension AtomicFile: Sendable {}
