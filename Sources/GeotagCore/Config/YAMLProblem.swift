import Yams

/// Turns the errors Yams throws while composing the document into
/// ``GeotagError/config(file:line:key:reason:)`` with a plain reason and the line.
enum YAMLProblem {
    /// The configuration error for `error`, thrown by `Yams.compose(yaml:)`.
    static func error(_ error: any Error, yaml: String, file: String) -> GeotagError {
        guard let yamlError = error as? YamlError else {
            return .config(file: file, line: 0, key: "", reason: "cannot read the YAML: \(error)")
        }
        switch yamlError {
        case let .scanner(context, problem, mark, _),
             let .parser(context, problem, mark, _),
             let .composer(context, problem, mark, _):
            // An unclosed quote or bracket runs to the end of the file: the mistake is
            // where it opened.
            let line = problem.contains("end of stream") ? context?.mark.line ?? mark.line : mark.line
            return .config(file: file, line: line, key: "",
                           reason: syntaxReason(problem: problem, context: context, mark: mark, yaml: yaml))
        case let .reader(problem, offset, _, _):
            let line = offset.map { yaml.prefix($0).count(where: { $0 == "\n" }) + 1 } ?? 0
            return .config(file: file, line: line, key: "", reason: "cannot be read as YAML: \(problem)")
        case let .duplicatedKeysInMapping(duplicates, context):
            return DuplicateKey.error(key: duplicates.first ?? "", first: context.mark, yaml: yaml, file: file)
        default:
            return .config(file: file, line: 0, key: "", reason: "cannot read the YAML: \(yamlError)")
        }
    }

    /// A reason a person can act on. Tabs used for indentation get their own plain
    /// message, since libyaml describes them obliquely ("found character that cannot
    /// start any token").
    private static func syntaxReason(problem: String, context: YamlError.Context?, mark: Mark, yaml: String) -> String {
        let text = line(mark.line, of: yaml)
        let indentation = text.prefix { $0 == " " || $0 == "\t" }
        if indentation.contains("\t") || problem.contains("tab character") {
            return "a tab is used for indentation, but YAML allows only spaces there: indent with spaces"
        }
        if problem == "but found another document" {
            return "holds more than one YAML document ('---'), but a configuration is one document"
        }
        let during = context.map { "\($0.text) that starts on line \($0.mark.line), " } ?? ""
        let hint = hints.first { problem.contains($0.problem) }.map { " (\($0.hint))" } ?? ""
        return "invalid YAML at line \(mark.line), column \(mark.column): \(during)\(problem)\(hint)"
    }

    /// Plain words for libyaml's most common complaints.
    private static let hints: [(problem: String, hint: String)] = [
        ("mapping values are not allowed", "check the indentation, or quote a value that holds ': '"),
        ("did not find expected key", "check the indentation of this line and the one before"),
        ("did not find expected ',' or ']'", "a list in [brackets] is not closed"),
        ("did not find expected ',' or '}'", "a group in {braces} is not closed"),
    ]

    /// The text of the 1-based line `number` of `yaml`, empty when there is none.
    static func line(_ number: Int, of yaml: String) -> Substring {
        let lines = lines(of: yaml)
        return lines.indices.contains(number - 1) ? lines[number - 1] : ""
    }

    /// The lines of `yaml` as YAML counts them (and so Yams' marks): broken at LF, CR,
    /// CR LF, NEL, LS and PS. (A Swift `Character` holds CR LF whole, so splitting at
    /// "\n" alone misses it.)
    static func lines(of yaml: String) -> [Substring] {
        yaml.split(omittingEmptySubsequences: false) { ["\n", "\r", "\r\n", "\u{85}", "\u{2028}", "\u{2029}"].contains($0) }
    }
}
