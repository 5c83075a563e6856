import Dispatch
import Synchronization

/// An export (``Exporter``) on a thread and a read-only connection of its own, started
/// as soon as the last batch is stored, while the writer finishes the run
/// (``GeotagDatabase/finishRun(_:placesCommitted:)``).
///
/// The end of a run builds the indexes of a bulk load and refreshes `places`, but
/// leaves the mentions as they are, so the mention files can be written meanwhile: in
/// WAL mode the export reads the mentions the batches committed and never waits for
/// the writer. The places file, the map and the report wait for ``placesAreReady()``,
/// which the writer calls once the run's record and the places are committed (the
/// secondary indexes of a bulk load may still be under way). On a 100k-article run, the
/// end of the run and the mention files each took about 9 s one after the other.
final class BackgroundExport: Sendable {
    private let group = DispatchGroup()
    private let ready = DispatchSemaphore(value: 0)
    private let cancelled = Atomic<Bool>(false)
    private let outcome = Mutex<Result<Exporter.Summary, any Error>?>(nil)

    /// Starts exporting the database at `path` to the files `output` names, for run
    /// `runID` (see ``Exporter/export(from:to:runID:placesReady:)``).
    init(databasePath path: String, to output: OutputConfig, runID: String) {
        DispatchQueue.global().async(group: group) { [self] in
            WorkerPriority.yieldToWriter()
            let result = Result { () throws -> Exporter.Summary in
                let reader = try GeotagDatabase(readingFrom: path)
                defer { try? reader.close() }
                return try Exporter.export(from: reader, to: output, runID: runID) {
                    ready.wait()
                    if cancelled.load(ordering: .acquiring) { throw CancellationError() }
                }
            }
            outcome.withLock { $0 = result }
        }
    }

    /// Lets the export go on to the places, the map and the report: the run's end is
    /// committed.
    func placesAreReady() {
        ready.signal()
    }

    /// Ends the export without replacing any file (the run's end failed), and waits
    /// until it has.
    func cancel() {
        cancelled.store(true, ordering: .releasing)
        ready.signal()
        group.wait()
    }

    /// Waits for the export; throws what it threw.
    func wait() throws -> Exporter.Summary {
        group.wait()
        return try outcome.withLock { $0 ?? .failure(CancellationError()) }.get()
    }
}
