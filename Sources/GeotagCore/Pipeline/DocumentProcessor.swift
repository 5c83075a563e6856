/// What a worker hands to the loader for one document.
enum ProcessedDocument: Sendable {
    /// A new or changed article with its mentions.
    case article(Article, [Mention])
    /// An article the database already holds with the same text and gazetteer.
    case unchanged(docID: String)
    case failure(Failure)
}

/// The CPU part of the pipeline for one document: normalize, skip what is unchanged,
/// extract. Runs on the worker pool; holds only immutable state.
struct DocumentProcessor: Sendable {
    let normalizer: Normalizer
    let extractor: Extractor
    /// Content hash and gazetteer version of every article already in the database,
    /// by doc id; empty when reprocessing, so everything is extracted again.
    let known: [String: ArticleFingerprint]

    func process(_ item: SourceItem) -> ProcessedDocument {
        switch item {
        case let .failure(failure):
            return .failure(failure)
        case let .document(raw):
            var article: Article
            do {
                article = try normalizer.process(raw)
            } catch {
                return .failure(Failure(source: raw.source, location: raw.location, stage: .normalize, reason: error.reason))
            }
            if let fingerprint = known[article.docID], fingerprint.contentHash == article.contentHash,
               fingerprint.gazetteerVersion == extractor.index.version {
                return .unchanged(docID: article.docID)
            }
            article.signature = TextSignature(text: article.text)
            do {
                return .article(article, try extractor.process(article))
            } catch {
                return .failure(Failure(source: raw.source, location: raw.location, docID: article.docID, stage: .extract, reason: error.reason))
            }
        }
    }
}
