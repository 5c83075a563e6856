import Foundation

/// The stages of a run, as named in `failures.stage`.
public enum StageName: String, Sendable, CaseIterable {
    case fetch
    case normalize
    case extract
    case load
}

/// A document that could not go through a stage: recorded in `failures`, never fatal.
public struct Failure: Sendable, Equatable {
    /// The `sources[].name` it came from.
    public var source: String
    /// The URL or file path (with `#L<n>` for a JSONL line).
    public var location: String
    /// The document id when it was already known.
    public var docID: String?
    public var stage: StageName
    public var reason: String
    public var at: Date

    public init(source: String, location: String, docID: String? = nil, stage: StageName, reason: String, at: Date = Date()) {
        self.source = source
        self.location = location
        self.docID = docID
        self.stage = stage
        self.reason = reason
        self.at = at
    }
}

/// A reason a document failed a stage; stages throw it, the runner turns it into a
/// ``Failure``.
public struct DocumentError: Error, Equatable, CustomStringConvertible {
    public var reason: String
    public init(_ reason: String) { self.reason = reason }
    public var description: String { reason }
}
