import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// An advisory lock on one output database, held for the whole run, so two runs never
/// write the same dataset at once (a nightly cron job that overruns, a manual rerun).
///
/// It is a `flock(2)` on `<database>.lock`: the operating system releases it when the
/// process ends, however it ends, so a crashed run never leaves a stale lock behind.
/// The file holds the holder's PID and start time, which a second run reports.
public final class RunLock {
    public let path: String
    private var descriptor: Int32

    /// Takes the lock for `databasePath`, or throws ``GeotagError/locked(path:holder:)``
    /// naming the run that holds it.
    public init(databasePath: String, startedAt: Date = Date()) throws(GeotagError) {
        path = databasePath + ".lock"
        // Taken before `descriptor` is set: a refused lock never becomes an object, so
        // no deinit releases a descriptor it has closed already (whose number another
        // thread's file may have taken by then).
        descriptor = try Self.acquire(path, for: databasePath)
        let stamp = ISO8601DateFormatter().string(from: startedAt)
        let text = "PID \(getpid()), started \(stamp)\n"
        _ = ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    /// Releases the lock (also done when the lock is dropped, or by the OS on exit).
    public func release() {
        guard descriptor >= 0 else { return }
        _ = ftruncate(descriptor, 0)
        flock(descriptor, LOCK_UN)
        Glibc.close(descriptor)
        descriptor = -1
    }

    deinit { release() }

    /// Opens the lock file and locks it: the descriptor, or the error naming the run
    /// that holds it (with the descriptor closed).
    private static func acquire(_ path: String, for databasePath: String) throws(GeotagError) -> Int32 {
        let descriptor = Glibc.open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw GeotagError.io(path: path, reason: "cannot create the lock file: \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            // The holder writes its PID just after it takes the lock: two runs started
            // together can find the lock taken and the file still empty, so give the
            // holder a moment (up to 200 ms) to say who it is.
            var holder = readHolder(descriptor)
            for _ in 0..<20 where holder.isEmpty {
                usleep(10_000)
                holder = readHolder(descriptor)
            }
            Glibc.close(descriptor)
            throw GeotagError.locked(path: databasePath, holder: holder.isEmpty ? "holder unknown" : holder)
        }
        return descriptor
    }

    private static func readHolder(_ fd: Int32) -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        let n = pread(fd, &buffer, buffer.count, 0)
        guard n > 0 else { return "" }
        return String(decoding: buffer[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
