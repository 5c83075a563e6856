import Foundation

/// A path from the configuration file, kept both as written and resolved.
///
/// Relative paths are relative to the folder that holds the configuration file, not to
/// the working directory, so that a pipeline runs the same from anywhere. A leading `~`
/// stands for the home directory. The resolved path is absolute and free of `.` and `..`
/// components; glob characters (`*`, `?`, `[`) are kept as they are.
public struct ConfigPath: Sendable, Hashable, CustomStringConvertible {
    /// The path exactly as written in the configuration (or the default's text), e.g.
    /// `seeds`. The runner uses it for `files` sources to make document ids that do not
    /// change when the project folder moves.
    public let written: String
    /// The absolute path it stands for.
    public let resolved: String

    /// Resolves `written` against `directory`, an absolute folder path.
    public init(_ written: String, relativeTo directory: String) {
        self.written = written
        self.resolved = Self.absolute(written, relativeTo: directory)
    }

    /// The resolved path.
    public var description: String { resolved }

    /// The absolute path of `path` taken relative to this one (as a folder), unless
    /// `path` is itself absolute or starts with `~`.
    public func appending(_ path: String) -> String {
        Self.absolute(path, relativeTo: resolved)
    }

    /// `path` made absolute against `directory` and normalized.
    static func absolute(_ path: String, relativeTo directory: String) -> String {
        var full = path
        if path == "~" || path.hasPrefix("~/") {
            full = NSHomeDirectory() + "/" + path.dropFirst()
        } else if !path.hasPrefix("/") {
            full = directory + "/" + path
        }
        return normalized(full)
    }

    /// An absolute path without empty, `.` and `..` components (`..` at the root stays
    /// at the root) and without a trailing slash.
    static func normalized(_ absolutePath: String) -> String {
        var parts: [Substring] = []
        for part in absolutePath.split(separator: "/", omittingEmptySubsequences: true) {
            switch part {
            case ".": continue
            case "..": _ = parts.popLast()
            default: parts.append(part)
            }
        }
        return "/" + parts.joined(separator: "/")
    }
}
