/// Errors that end a command, each carrying what a person needs to act on it and
/// mapping to one of the spec's exit codes.
///
/// Errors about a single document never end a run: they become ``Failure`` rows.
public enum GeotagError: Error, Equatable, CustomStringConvertible {
    /// A configuration problem: the file, the 1-based line (0 when unknown) and the key.
    case config(file: String, line: Int, key: String, reason: String)
    /// Bad command-line usage.
    case usage(String)
    /// The gazetteer at `path` is missing, unreadable or corrupt. A person must fix the
    /// `gazetteer` setting or rebuild it, so this counts as bad configuration (exit 2).
    case gazetteer(path: String, reason: String)
    /// Another run holds the lock on the same output.
    case locked(path: String, holder: String)
    /// A fatal I/O error on an output or the database.
    case io(path: String, reason: String)

    /// The process exit code the spec assigns to this error.
    public var exitCode: Int32 {
        switch self {
        case .config, .usage, .gazetteer: return 2
        case .locked: return 3
        case .io: return 4
        }
    }

    public var description: String {
        switch self {
        case let .config(file, line, key, reason):
            let place = line > 0 ? "\(file):\(line)" : file
            return key.isEmpty ? "\(place): \(reason)" : "\(place): key '\(key)': \(reason)"
        case let .usage(message):
            return message
        case let .gazetteer(path, reason):
            return "gazetteer \(path): \(reason)"
        case let .locked(path, holder):
            return "\(path) is locked by another run (\(holder))"
        case let .io(path, reason):
            return "\(path): \(reason)"
        }
    }
}
