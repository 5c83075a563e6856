import ArgumentParser
import Foundation
import GeotagCore

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
            for document in try InputFiles(paths: files).documents() {
                do {
                    let article = try Normalizer().process(document)
                    for warning in article.warnings {
                        FileHandle.standardError.write(Data("geotag: \(document.location): \(warning)\n".utf8))
                    }
                    switch format {
                    case .text:
                        try output.write(article.text + "\n")
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
                        try output.write(object.text + "\n")
                    }
                } catch let error as DocumentError {
                    FileHandle.standardError.write(Data("geotag: \(document.location): \(error.reason)\n".utf8))
                    failed = true
                }
            }
            try output.flush()
            if failed { throw ExitCode(1) }
        }
    }
}
