/// Finds the files a configured path names: one file, every file below a folder, or the
/// files a ``GlobPattern`` matches.
///
/// Paths are handled as text relative to the configuration (`seeds/a.txt` stays
/// `seeds/a.txt`) and resolved against ``baseDirectory`` only to touch the disk. Walks
/// skip hidden names (a leading dot: `.git`, `.DS_Store`) and do not enter symbolic
/// links to folders.
struct FileTree {
    /// The files found, as configured-relative locations, sorted by their UTF-8 bytes so
    /// the order is the same on every machine and in every locale.
    var files: [String] = []
    /// Paths that do not exist or could not be listed, with the reason.
    var problems: [(location: String, reason: String)] = []

    /// Folder that relative locations are resolved against.
    private let baseDirectory: String
    private var found = Set<String>()

    /// Lists what `configuredPath` names, resolving relative paths against `baseDirectory`.
    init(path configuredPath: String, baseDirectory: String) {
        self.baseDirectory = baseDirectory
        if GlobPattern.hasWildcards(configuredPath) {
            let pattern = GlobPattern(configuredPath)
            expand(pattern.components[...], in: pattern.root)
        } else {
            let location = PathText.clean(configuredPath)
            switch kind(of: location) {
            case .folder, .linkedFolder: collectAll(in: location)
            case .file: found.insert(location)
            case .missing: problems.append((location, "No such file or directory"))
            }
        }
        files = found.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    private func kind(of location: String) -> FileSystem.EntryKind {
        FileSystem.kind(of: PathText.resolve(location.isEmpty ? "." : location, against: baseDirectory))
    }

    /// The names in the folder at `location`, or nil (and a problem) when it cannot be read.
    private mutating func names(in location: String) -> [String]? {
        do {
            return try FileSystem.names(inFolder: PathText.resolve(location.isEmpty ? "." : location, against: baseDirectory))
        } catch {
            problems.append((location.isEmpty ? "." : location, error.reason))
            return nil
        }
    }

    /// Adds every file below the folder at `location`, recursively.
    private mutating func collectAll(in location: String) {
        for name in names(in: location) ?? [] where !name.hasPrefix(".") {
            let child = PathText.join(location, name)
            switch kind(of: child) {
            case .folder: collectAll(in: child)
            case .file: found.insert(child)
            case .linkedFolder, .missing: break
            }
        }
    }

    /// Adds the files below `location` that match `components`.
    private mutating func expand(_ components: ArraySlice<GlobPattern.Component>, in location: String) {
        guard let component = components.first else { return }
        let rest = components.dropFirst()
        switch component {
        case let .literal(name):
            let child = PathText.join(location, name)
            visit(child, kind: kind(of: child), rest: rest, followLinks: true)
        case let .wildcard(pattern):
            for name in names(in: location) ?? [] where GlobPattern.matches(pattern, name: name) {
                let child = PathText.join(location, name)
                visit(child, kind: kind(of: child), rest: rest, followLinks: false)
            }
        case .anyFolders:
            if rest.isEmpty {
                collectAll(in: location)
                return
            }
            expand(rest, in: location)
            for name in names(in: location) ?? [] where !name.hasPrefix(".") {
                let child = PathText.join(location, name)
                if kind(of: child) == .folder { expand(components, in: child) }
            }
        }
    }

    /// Takes `child`, which matched one pattern component: a file when the pattern ends
    /// here, a folder to go on in when it does not.
    private mutating func visit(_ child: String, kind: FileSystem.EntryKind, rest: ArraySlice<GlobPattern.Component>, followLinks: Bool) {
        switch kind {
        case .file where rest.isEmpty:
            found.insert(child)
        case .folder where !rest.isEmpty:
            expand(rest, in: child)
        case .linkedFolder where !rest.isEmpty && followLinks:
            expand(rest, in: child)
        default:
            break
        }
    }
}
