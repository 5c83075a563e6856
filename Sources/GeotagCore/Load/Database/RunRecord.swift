import Foundation

/// One run of the pipeline as the `runs` table records it.
///
/// The runner stores it with ``GeotagDatabase/beginRun(_:)`` when it starts (status
/// ``Status/running``, no end) and again with ``GeotagDatabase/finishRun(_:)`` when it
/// ends, with the counts and the final status.
public struct RunRecord: Sendable, Equatable {
    /// How a run ended, as `runs.status` spells it.
    public enum Status: String, Sendable, CaseIterable {
        /// Started and not finished (or killed before it could say so).
        case running
        /// Finished with every document through (exit 0).
        case done
        /// Finished, but some documents failed and are in `failures` (exit 1).
        case doneWithFailures = "done_with_failures"
        /// Ended by a fatal error before finishing.
        case aborted
        /// Stopped early by SIGINT or SIGTERM: the documents loaded are committed and
        /// exported, the rest is left for the next run.
        case interrupted
    }

    /// What a run did, document by document.
    public struct Counts: Sendable, Equatable {
        /// Documents the sources handed over.
        public var documents: Int
        /// Articles stored (new or changed).
        public var loaded: Int
        /// Articles skipped because the database already held them unchanged.
        public var unchanged: Int
        /// Documents that failed a stage.
        public var failed: Int
        /// Mentions stored.
        public var mentions: Int

        /// Counts, zero unless given.
        public init(documents: Int = 0, loaded: Int = 0, unchanged: Int = 0, failed: Int = 0, mentions: Int = 0) {
            self.documents = documents
            self.loaded = loaded
            self.unchanged = unchanged
            self.failed = failed
            self.mentions = mentions
        }
    }

    /// Unique id of the run (`runs.run_id`, and `run_id` of the mentions it writes).
    public var runID: String
    /// When the run started.
    public var startedAt: Date
    /// Nil while the run is going.
    public var endedAt: Date?
    /// The geotag version that ran.
    public var version: String
    /// The version of the gazetteer mentions were resolved against.
    public var gazetteerVersion: String
    /// A hash of the configuration the run used.
    public var configHash: String
    /// What the run did so far (all zero at the start).
    public var counts: Counts
    /// Where the run stands.
    public var status: Status

    /// A run record; a new run is ``Status/running`` with no end and zero counts.
    public init(
        runID: String, startedAt: Date, endedAt: Date? = nil, version: String, gazetteerVersion: String,
        configHash: String, counts: Counts = Counts(), status: Status = .running
    ) {
        self.runID = runID
        self.startedAt = startedAt
        self.endedAt = endedAt
        self.version = version
        self.gazetteerVersion = gazetteerVersion
        self.configHash = configHash
        self.counts = counts
        self.status = status
    }
}
