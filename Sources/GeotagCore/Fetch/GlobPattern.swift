/// A shell-style path pattern such as `seeds/*.txt` or `data/**/*.htm[l]`.
///
/// Each slash-separated component is matched on its own: `*` any run of characters,
/// `?` one character, `[abc]`, `[a-z]`, `[!a]` (or `[^a]`) a character class, `\` escapes
/// the next character. A component that is exactly `**` matches zero or more folders.
/// As in the shell, a wildcard never matches a name that starts with a dot unless the
/// pattern component itself starts with one.
struct GlobPattern {
    /// One component of the pattern.
    enum Component: Equatable {
        /// A plain name, matched exactly.
        case literal(String)
        /// A name pattern with wildcards, as Unicode scalars.
        case wildcard([Unicode.Scalar])
        /// `**`: zero or more folders.
        case anyFolders
    }

    /// The components, in order.
    let components: [Component]
    /// `/` for an absolute pattern, else the empty string.
    let root: String

    init(_ pattern: String) {
        root = pattern.hasPrefix("/") ? "/" : ""
        components = pattern.split(separator: "/").filter { $0 != "." }.map { part in
            if part == "**" { return .anyFolders }
            return GlobPattern.hasWildcards(part) ? .wildcard(Array(part.unicodeScalars)) : .literal(String(part))
        }
    }

    /// Whether `text` holds a wildcard (`*`, `?` or `[`), that is, whether a configured
    /// path is a glob rather than the name of a file or folder.
    static func hasWildcards(_ text: some StringProtocol) -> Bool {
        text.unicodeScalars.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// Whether the file or folder name `name` matches the component pattern `pattern`.
    static func matches(_ pattern: [Unicode.Scalar], name: String) -> Bool {
        let text = Array(name.unicodeScalars)
        if text.first == ".", pattern.first != "." { return false }
        var p = 0, t = 0
        // Where the last `*` was and how much of the text it has taken so far; on a
        // mismatch the star takes one character more (linear backtracking).
        var star: (pattern: Int, text: Int)? = nil
        while t < text.count {
            if p < pattern.count {
                switch pattern[p] {
                case "*":
                    star = (p, t)
                    p += 1
                    continue
                case "?":
                    p += 1; t += 1
                    continue
                case "[":
                    if let (isMatch, next) = matchClass(pattern, at: p, scalar: text[t]) {
                        if isMatch { p = next; t += 1; continue }
                    } else if text[t] == "[" {
                        p += 1; t += 1
                        continue
                    }
                case "\\" where p + 1 < pattern.count:
                    if pattern[p + 1] == text[t] { p += 2; t += 1; continue }
                default:
                    if pattern[p] == text[t] { p += 1; t += 1; continue }
                }
            }
            guard let last = star else { return false }
            star = (last.pattern, last.text + 1)
            p = last.pattern + 1
            t = last.text + 1
        }
        while p < pattern.count, pattern[p] == "*" { p += 1 }
        return p == pattern.count
    }

    /// Matches `scalar` against the class that opens at `pattern[open]` (a `[`).
    /// Returns whether it matched and the index after the closing `]`, or nil when the
    /// class is never closed (then the `[` is an ordinary character).
    private static func matchClass(_ pattern: [Unicode.Scalar], at open: Int, scalar: Unicode.Scalar) -> (Bool, Int)? {
        var i = open + 1
        let negated = i < pattern.count && (pattern[i] == "!" || pattern[i] == "^")
        if negated { i += 1 }
        var found = false
        var first = true
        while i < pattern.count {
            let c = pattern[i]
            if c == "]", !first { return (found != negated, i + 1) }
            first = false
            if i + 2 < pattern.count, pattern[i + 1] == "-", pattern[i + 2] != "]" {
                if c.value <= scalar.value, scalar.value <= pattern[i + 2].value { found = true }
                i += 3
            } else {
                if c == scalar { found = true }
                i += 1
            }
        }
        return nil
    }
}
