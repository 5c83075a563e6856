/// What a worker hands to the loader for one document.
enum ProcessedDocument: Sendable {
    /// A new or changed article with its mentions, and the record of its fetch (with
    /// its doc id) when it came over HTTP.
    case article(Article, [Mention], fetched: FetchRecord?)
    /// An article the database already holds with the same text and gazetteer, or a
    /// page the server says has not changed (304); the fetch record to update, if any.
    case unchanged(docID: String, fetched: FetchRecord?)
    case failure(Failure)
}

/// The CPU part of the pipeline for one document: normalize, skip what is unchanged,
/// extract. Runs on the worker pool; holds only immutable state.
struct DocumentProcessor: Sendable {
    let normalizer: Normalizer
    /// A document over one of these is a failure (the depth is the normalizer's).
    var limits = LimitsConfig()
    let extractor: Extractor
    /// The articles the database already holds with this gazetteer, by doc id and
    /// text; empty when reprocessing, so everything is extracted again.
    let known: ArticleFingerprints

    func process(_ item: SourceItem) -> ProcessedDocument {
        switch item {
        case let .failure(failure):
            return .failure(failure)
        case let .unchanged(record):
            return .unchanged(docID: record.docID ?? "", fetched: record)
        case let .document(raw):
            guard raw.body.count <= limits.maxDocumentBytes else {
                return .failure(Failure(source: raw.source, location: raw.location, stage: .normalize, reason: limits.documentTooLarge(raw.body.count)))
            }
            var article: Article
            do {
                article = try normalizer.process(raw)
            } catch {
                return .failure(Failure(source: raw.source, location: raw.location, stage: .normalize, reason: error.reason))
            }
            let fetched = raw.fetch.map { record in
                var record = record
                record.docID = article.docID
                return record
            }
            if known.contains(docID: article.docID, contentHash: article.contentHash) {
                return .unchanged(docID: article.docID, fetched: fetched)
            }
            article.signature = TextSignature(text: article.text)
            do {
                let mentions = try extractor.process(article)
                guard mentions.count <= limits.maxMentions else {
                    return .failure(Failure(
                        source: raw.source, location: raw.location, docID: article.docID, stage: .extract,
                        reason: "\(mentions.count) mentions, over limits.max_mentions (\(limits.maxMentions))"))
                }
                return .article(article, mentions, fetched: fetched)
            } catch {
                return .failure(Failure(source: raw.source, location: raw.location, docID: article.docID, stage: .extract, reason: error.reason))
            }
        }
    }
}
