import Yams

/// The error for a key written twice in one mapping.
///
/// Yams refuses such a document and only tells the first occurrence, so the second one
/// is looked for in the text (same column, a later line), and its dotted path found by
/// composing the document again with that occurrence renamed.
enum DuplicateKey {
    /// The error for `key` first written at `first`, reported at its second occurrence
    /// when it can be found, else at the first.
    static func error(key: String, first: Mark, yaml: String, file: String) -> GeotagError {
        guard let second = secondLine(of: key, after: first, in: yaml) else {
            return .config(file: file, line: first.line, key: key,
                           reason: "is written more than once in the same group of settings")
        }
        let path = pathOfKey(key, line: second, column: first.column, yaml: yaml) ?? key
        return .config(file: file, line: second, key: path,
                       reason: "is written twice in the same group of settings (first on line \(first.line))")
    }

    /// The first line after `first` where `key` (plain or quoted) starts at the same
    /// column and is followed by a colon.
    private static func secondLine(of key: String, after first: Mark, in yaml: String) -> Int? {
        let lines = YAMLProblem.lines(of: yaml)
        guard first.line < lines.count else { return nil }
        for number in (first.line + 1)...lines.count {
            let rest = Substring(lines[number - 1].unicodeScalars.dropFirst(first.column - 1))
            for written in [key, "'\(key)'", "\"\(key)\""] where rest.hasPrefix(written) {
                if rest.dropFirst(written.count).drop(while: { $0 == " " }).hasPrefix(":") { return number }
            }
        }
        return nil
    }

    /// The dotted path of the key at `line` and `column` (1-based, in Unicode scalars),
    /// found by renaming the key there and composing the document again.
    private static func pathOfKey(_ key: String, line: Int, column: Int, yaml: String) -> String? {
        var lines = YAMLProblem.lines(of: yaml).map(String.init)
        var scalars = lines[line - 1].unicodeScalars
        let start = scalars.index(scalars.startIndex, offsetBy: column - 1)
        let quote = scalars[start] == "'" || scalars[start] == "\"" ? 1 : 0
        let end = scalars.index(start, offsetBy: quote + key.unicodeScalars.count)
        scalars.insert(contentsOf: "-second-occurrence".unicodeScalars, at: end)
        lines[line - 1] = String(scalars)
        guard let root = try? Yams.compose(yaml: lines.joined(separator: "\n")) else { return nil }
        return path(toKeyAt: (line, column), in: root, under: "", naming: key)
    }

    /// The path to the mapping key that starts at `mark` under `node`, whose path is
    /// `path`; the key is named `key` in the result.
    private static func path(
        toKeyAt mark: (line: Int, column: Int), in node: Node, under path: String, naming key: String
    ) -> String? {
        switch node {
        case let .mapping(mapping):
            for (name, value) in mapping {
                let child = path.isEmpty ? (name.string ?? "") : "\(path).\(name.string ?? "")"
                if name.mark?.line == mark.line, name.mark?.column == mark.column {
                    return path.isEmpty ? key : "\(path).\(key)"
                }
                if let found = self.path(toKeyAt: mark, in: value, under: child, naming: key) { return found }
            }
        case let .sequence(sequence):
            for (index, element) in sequence.enumerated() {
                if let found = self.path(toKeyAt: mark, in: element, under: "\(path)[\(index)]", naming: key) {
                    return found
                }
            }
        case .scalar, .alias:
            break
        }
        return nil
    }
}
