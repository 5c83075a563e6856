/// What the loader is given for one document: the article with the mentions found in
/// it, or the failure that stopped it.
public enum LoadItem: Sendable, Equatable {
    /// An article to store, with all its mentions (they replace any it had before).
    case article(Article, [Mention])
    /// A document that failed a stage, to record in `failures`.
    case failure(Failure)
    /// What a run learnt of a fetched URL, to record in `fetches` (in the same
    /// transaction as its article, which the runner puts in the same batch).
    case fetched(FetchRecord)
}

/// What one ``GeotagDatabase/store(_:runID:gazetteerVersion:)`` call wrote.
public struct StoreResult: Sendable, Equatable {
    /// Articles inserted or updated.
    public var articles = 0
    /// Mentions those articles now have in the database (added, changed or the same
    /// as before).
    public var mentions = 0
    /// Mention rows inserted: keys (`doc_id`, `start`, `end`) the database did not have.
    public var addedMentions = 0
    /// Mention rows updated because a field other than `run_id` changed.
    public var changedMentions = 0
    /// Mention rows deleted because their article no longer has their key.
    public var removedMentions = 0
    /// Mentions dropped because another mention of the same article had the same
    /// `start` and `end` (the first one given is kept).
    public var duplicateMentions = 0
    /// Failure rows recorded.
    public var failures = 0

    /// A result with nothing written.
    public init() {}

    /// The sum of two results, for totals over batches.
    public static func + (lhs: StoreResult, rhs: StoreResult) -> StoreResult {
        var sum = lhs
        sum.articles += rhs.articles
        sum.mentions += rhs.mentions
        sum.addedMentions += rhs.addedMentions
        sum.changedMentions += rhs.changedMentions
        sum.removedMentions += rhs.removedMentions
        sum.duplicateMentions += rhs.duplicateMentions
        sum.failures += rhs.failures
        return sum
    }
}
