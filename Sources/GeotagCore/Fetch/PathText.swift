/// Lexical operations on slash-separated paths, kept as text so a location stays the
/// path as configured (relative stays relative) and document ids stay the same on every
/// machine.
enum PathText {
    /// `path` without empty and `.` components and without a trailing slash:
    /// `./seeds/` and `seeds//` both become `seeds`; `..` is kept (resolving it lexically
    /// would be wrong across symbolic links). An empty or all-dot path becomes `.`.
    static func clean(_ path: String) -> String {
        let isAbsolute = path.hasPrefix("/")
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).filter { $0 != "." }
        let joined = parts.joined(separator: "/")
        if isAbsolute { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }

    /// `child` appended to `parent`, where a parent of `.` or the empty string adds nothing.
    static func join(_ parent: String, _ child: String) -> String {
        if parent.isEmpty || parent == "." { return child }
        return parent.hasSuffix("/") ? parent + child : parent + "/" + child
    }

    /// Where `location` is on disk: itself when absolute, else below `base`.
    static func resolve(_ location: String, against base: String) -> String {
        location.hasPrefix("/") ? location : join(base, location)
    }

    /// The last component's extension, lower-cased, without the dot; empty when none.
    static func pathExtension(_ path: String) -> String {
        let name = path.split(separator: "/").last ?? ""
        guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return "" }
        return name[name.index(after: dot)...].lowercased()
    }
}
