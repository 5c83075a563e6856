import Dispatch
import Synchronization

/// Writes the formatted chunks of the mention files (``MentionChunk``) in order, on a
/// thread of its own, so that the thread reading the database does not also copy
/// every byte into the files: in the export of a 100k-article database, `write(2)`
/// took 42% of that thread's time, and the other core was half idle.
///
/// The writers are handed over at `init` and back by ``finish()``; in between only
/// the serial queue uses them.
final class ChunkWriter: @unchecked Sendable {
    // Unchecked: the writers are not Sendable (each owns a file's buffer), and are used
    // by one thread at a time: the serial `queue` from `init` to `finish()`, the
    // caller before and after. `finish()` waits for the queue's group, which orders its
    // last write before the caller's next use.
    private var csv: CSVWriter
    private var geoJSON: GeoJSONWriter
    private var sequence: GeoJSONWriter?
    private let queue = DispatchQueue(label: "geotag.export.files")
    private let group = DispatchGroup()
    /// Chunks queued and not yet written, at most this many: memory stays bounded when
    /// the disk is slower than the formatting.
    private let slots = DispatchSemaphore(value: 4)
    private let failure = Mutex<(any Error)?>(nil)

    init(csv: CSVWriter, geoJSON: GeoJSONWriter, sequence: GeoJSONWriter?) {
        self.csv = csv
        self.geoJSON = geoJSON
        self.sequence = sequence
    }

    /// Queues `chunk` to be written after those queued before it; waits while the
    /// queue is full. After a write error, chunks are dropped (``finish()`` throws).
    func write(_ chunk: MentionChunk.Formatted) {
        slots.wait()
        queue.async(group: group) { [self] in
            defer { slots.signal() }
            WorkerPriority.yieldToWriter()
            guard failure.withLock({ $0 == nil }) else { return }
            do {
                try csv.write(formatted: chunk.csv)
                try geoJSON.write(formatted: chunk.geoJSON, count: chunk.count)
                try sequence?.write(formatted: chunk.sequence, count: chunk.count)
            } catch {
                failure.withLock { $0 = error }
            }
        }
    }

    /// Waits until every queued chunk is written; returns the GeoJSON writers, which
    /// count the features written, or throws the first write error.
    func finish() throws -> (geoJSON: GeoJSONWriter, sequence: GeoJSONWriter?) {
        group.wait()
        if let error = failure.withLock({ $0 }) { throw error }
        return (geoJSON, sequence)
    }
}
