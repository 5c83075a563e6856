/// One thing a ``Source`` hands over: a document it read, or the failure of an item it
/// could not read (recorded in `failures`; the source carries on with the next item).
public enum SourceItem: Sendable, Equatable {
    /// A document read in full, for the normalize stage.
    case document(RawDocument)
    /// An item that could not be read (stage `fetch`), for the `failures` table.
    case failure(Failure)
    /// A page fetched by an earlier run that the server says has not changed (HTTP
    /// 304): nothing to normalize or extract; the record, with its new check time, is
    /// stored.
    case unchanged(FetchRecord)
}

/// Where documents come from: a folder of files, a list of URLs, a feed.
///
/// A source enumerates its documents and hands each one to a callback, so the runner
/// can push them into a bounded queue as they arrive and memory stays bounded. One bad
/// item never stops the rest: it is delivered as ``SourceItem/failure(_:)`` with stage
/// `fetch` and the enumeration goes on.
public protocol Source: Sendable {
    /// The `sources[].name` from the configuration; every item carries it.
    var name: String { get }

    /// Reads every document of the source and hands each one to `deliver`, returning
    /// when all have been delivered or `deliver` asked to stop.
    ///
    /// The runner calls this from a fetch thread. A source that fetches in parallel may
    /// call `deliver` from several threads at once, hence `@Sendable`; a source that
    /// reads sequentially (``FileSource``) calls it on the calling thread, in a
    /// deterministic order.
    ///
    /// - Parameter deliver: takes one item and returns whether the source should go on
    ///   (`false` stops it early, for `--limit` or a closed queue, so a runner can pass
    ///   `{ queue.push($0) }`).
    func fetch(_ deliver: @Sendable (SourceItem) -> Bool)
}
