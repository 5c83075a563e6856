import Dispatch
import Synchronization

/// Runs of mentions (``FeatureRows``) formatted for the mention files while the export
/// reads the next run from the database: every file's bytes of one run on a thread of
/// its own. Formatting costs about what the database read does, and at the end of a
/// run the workers' cores are idle.
enum MentionChunk {
    /// Mentions per chunk: enough to make the hand-over to other threads cheap, few
    /// enough that the formatted bytes stay a few megabytes.
    static let size = 2_048
    /// Chunks formatted at once while the next is read: with one, reading waited for
    /// the formatting half the time.
    static let formattedAtOnce = 3

    /// The bytes of one chunk for each mention file.
    struct Formatted {
        var csv: [UInt8]
        var geoJSON: [UInt8]
        var sequence: [UInt8]
        /// Mentions in the chunk.
        var count: Int
    }

    /// A chunk being formatted.
    final class Pending: Sendable {
        private let group = DispatchGroup()
        private let formatted = Mutex<Formatted?>(nil)

        /// Starts formatting `rows` as CSV rows, as GeoJSON collection features
        /// (`first`: the chunk begins the collection) and, when `sequence`, as a GeoJSON
        /// text sequence: every file's bytes on one thread. Chunks in flight
        /// (``formattedAtOnce``) keep the cores busy; each chunk stays with one thread
        /// (when each file had a thread of its own, two threads retained and released
        /// the same records' strings, whose reference counts then moved between cores).
        init(_ rows: FeatureRows<MentionRecord>, first: Bool, sequence: Bool) {
            DispatchQueue.global().async(group: group) { [self] in
                WorkerPriority.yieldToWriter()
                let geoJSON = GeoJSONWriter.formatted(rows, first: first, sequence: sequence)
                let chunk = Formatted(
                    csv: CSVWriter.formatted(rows), geoJSON: geoJSON.collection, sequence: geoJSON.sequence,
                    count: rows.count)
                formatted.withLock { $0 = chunk }
            }
        }

        /// Waits until the chunk is formatted.
        func wait() -> Formatted {
            group.wait()
            return formatted.withLock { $0! }
        }
    }
}
