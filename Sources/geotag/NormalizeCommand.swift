import ArgumentParser
import Dispatch
import Foundation
import GeotagCore
import Synchronization

struct NormalizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Prints what the normalize stage makes of HTML or text files, or of standard input."
    )

    @Option(help: "json (one object per line with doc_id, title, published, author, site, url, language, text) or text.")
    var format: Format = .json

    @Argument(help: "Files to read; standard input when none.")
    var files: [String] = []

    enum Format: String, ExpressibleByArgument { case json, text }

    func run() throws {
        try reportingErrors {
            let output = FileOutput(descriptor: STDOUT_FILENO, path: "stdout")
            var failed = false
            let documents = try InputFiles(paths: files).documents()
            for (document, result) in zip(documents, Self.normalize(documents)) {
                switch result {
                case let .success(article):
                    for warning in article.warnings {
                        FileHandle.standardError.write(Data("geotag: \(document.location): \(warning)\n".utf8))
                    }
                    try output.write(render(article) + "\n")
                case let .failure(error):
                    FileHandle.standardError.write(Data("geotag: \(document.location): \(error.reason)\n".utf8))
                    failed = true
                }
            }
            try output.flush()
            if failed { throw ExitCode(1) }
        }
    }

    private func render(_ article: Article) -> String {
        switch format {
        case .text:
            return article.text
        case .json:
            var object = JSONObjectWriter()
            object.add("doc_id", article.docID)
            object.add("title", article.title)
            object.add("published", article.published)
            object.add("author", article.author)
            object.add("site", article.site)
            object.add("url", article.url)
            object.add("language", article.language)
            object.add("text", article.text)
            return object.text
        }
    }

    /// The articles of `documents`, in their order, normalized on every core: the
    /// normalizer holds no state, as the pipeline's workers rely on too.
    static func normalize(_ documents: [RawDocument]) -> [Result<Article, DocumentError>] {
        let results = Mutex([Result<Article, DocumentError>?](repeating: nil, count: documents.count))
        let next = Atomic<Int>(0)
        let workers = min(documents.count, max(1, ProcessInfo.processInfo.activeProcessorCount))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            let normalizer = Normalizer()
            while true {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < documents.count else { return }
                let result = Result<Article, DocumentError> { () throws(DocumentError) in try normalizer.process(documents[index]) }
                results.withLock { $0[index] = result }
            }
        }
        return results.withLock { $0.map { $0! } }
    }
}
