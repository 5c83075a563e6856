import Foundation

/// Documents read from local files: a folder (every file below it, recursively), a
/// single file, or a glob such as `seeds/*.txt` or `data/**/*.html` (see
/// ``GlobPattern``).
///
/// Files are read in the order of their sorted paths, so a run over the same tree always
/// sees the same sequence. By extension: `.txt` is text, `.md`/`.markdown` Markdown,
/// `.html`/`.htm` HTML, and `.jsonl` holds one article a line (see ``JSONLines``);
/// other files are skipped without a word. A path that does not exist, a folder that
/// cannot be listed or a file that cannot be read becomes a ``Failure`` with stage
/// `fetch`, and the source goes on with the next one.
///
/// A document's `location` is the path as configured joined with the file's path below
/// it (`seeds/a.txt`, relative stays relative), so document ids do not depend on where
/// the project lives; ``baseDirectory`` is used only to find the files on disk.
public struct FileSource: Source {
    /// What a file holds, by its extension.
    public enum FileKind: Sendable, Equatable {
        /// One document of the given format.
        case document(RawDocument.Format)
        /// One article a line.
        case jsonLines
    }

    /// The `sources[].name` from the configuration.
    public let name: String
    /// The folder, file or glob as configured.
    public let path: String
    /// The folder relative paths are resolved against (the configuration's folder, or
    /// the working directory).
    public let baseDirectory: String
    /// A document file larger than this is a failure, read no further than that
    /// (`limits.max_document_bytes`); a `.jsonl` file is limited line by line instead,
    /// by the runner. Nil reads any size.
    public var limits: LimitsConfig?

    /// A source named `name` over `path`, resolved against `baseDirectory`.
    public init(name: String, path: String, baseDirectory: String, limits: LimitsConfig? = nil) {
        self.name = name
        self.path = path
        self.baseDirectory = baseDirectory
        self.limits = limits
    }

    /// What a file with this path holds, judged by its extension (any case); nil for
    /// files the pipeline does not read.
    public static func kind(ofPath path: String) -> FileKind? {
        switch PathText.pathExtension(path) {
        case "txt": return .document(.text)
        case "md", "markdown": return .document(.markdown)
        case "html", "htm": return .document(.html)
        case "jsonl": return .jsonLines
        default: return nil
        }
    }

    /// The locations of the files this source reads, in reading order, with the
    /// failures of paths that could not be listed.
    public func locations() -> (files: [String], failures: [Failure]) {
        let tree = FileTree(path: path, baseDirectory: baseDirectory)
        let failures = tree.problems.map { Failure(source: name, location: $0.location, stage: .fetch, reason: $0.reason) }
        return (tree.files.filter { Self.kind(ofPath: $0) != nil }, failures)
    }

    /// Reads every file, in sorted order, and hands each document (or failure) to
    /// `deliver` on the calling thread. Listing failures come first.
    public func fetch(_ deliver: @Sendable (SourceItem) -> Bool) {
        let (files, failures) = locations()
        for failure in failures where !deliver(.failure(failure)) { return }
        for location in files {
            guard let kind = Self.kind(ofPath: location) else { continue }
            let fetchedAt = Date()
            let bytes: [UInt8]
            do {
                let limit = kind == .jsonLines ? nil : limits
                bytes = try FileSystem.contents(
                    ofFile: PathText.resolve(location, against: baseDirectory),
                    limit: limit?.maxDocumentBytes, tooLarge: { limit?.documentTooLarge($0) ?? "" })
            } catch {
                let reason = error.reason.hasPrefix("the document is") ? error.reason : "cannot read: \(error.reason)"
                let failure = Failure(source: name, location: location, stage: .fetch, reason: reason, at: fetchedAt)
                if !deliver(.failure(failure)) { return }
                continue
            }
            switch kind {
            case let .document(format):
                let document = RawDocument(source: name, location: location, body: bytes, format: format, fetchedAt: fetchedAt)
                if !deliver(.document(document)) { return }
            case .jsonLines:
                var stopped = false
                JSONLines.items(of: bytes, location: location, source: name, fetchedAt: fetchedAt) { item in
                    stopped = !deliver(item)
                    return !stopped
                }
                if stopped { return }
            }
        }
    }
}
