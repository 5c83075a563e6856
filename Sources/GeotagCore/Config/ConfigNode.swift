import Foundation
import Yams

/// A YAML node with where it stands: the file and its dotted key path (`fetch.retries`,
/// `sources[1].urls[0]`; list indices count from 0). Its readers check the node's type
/// and range and throw a ``GeotagError/config(file:line:key:reason:)`` naming the node's
/// line and path.
struct ConfigNode {
    let node: Node
    let path: String
    let file: String

    /// The 1-based line the node starts on.
    var line: Int { node.mark?.line ?? 0 }

    /// An error about this node.
    func error(_ reason: String) -> GeotagError {
        .config(file: file, line: line, key: path, reason: reason)
    }

    /// Whether the node is empty (`key:` with nothing after it, `~` or `null`). The
    /// loader takes an empty optional key to mean "use the default".
    var isNull: Bool { node.tag.rawValue == Tag.Name.null.rawValue }

    // MARK: Collections

    /// A key and its value, in a mapping.
    struct Field {
        let key: String
        /// The line of the key, where errors about the key itself are reported.
        let keyLine: Int
        let value: ConfigNode
    }

    /// The fields of a mapping, in the order written. Empty for an empty node.
    func fields() throws(GeotagError) -> [Field] {
        if isNull { return [] }
        guard case let .mapping(mapping) = node else {
            throw error("expected settings (indented 'key: value' lines), found \(found)")
        }
        var fields: [Field] = []
        for (key, value) in mapping {
            guard case let .scalar(scalar) = key else {
                throw ConfigNode(node: key, path: path, file: file).error("a key must be a plain name")
            }
            let value = ConfigNode(node: value, path: child(scalar.string), file: file)
            fields.append(Field(key: scalar.string, keyLine: scalar.mark?.line ?? line, value: value))
        }
        return fields
    }

    /// The elements of a list, in order. Empty for an empty node.
    func elements() throws(GeotagError) -> [ConfigNode] {
        if isNull { return [] }
        guard case let .sequence(sequence) = node else {
            throw error("expected a list, found \(found)")
        }
        return sequence.enumerated().map { index, element in
            ConfigNode(node: element, path: "\(path)[\(index)]", file: file)
        }
    }

    // MARK: Scalars

    /// The text of a scalar, as written (`NO` stays `NO`, `007` stays `007`).
    func string() throws(GeotagError) -> String {
        guard case let .scalar(scalar) = node, !isNull else {
            throw error("expected a text value, found \(found)")
        }
        guard !scalar.string.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw error("must not be empty")
        }
        return scalar.string
    }

    /// A path, resolved against `directory`.
    func path(relativeTo directory: String) throws(GeotagError) -> ConfigPath {
        ConfigPath(try string(), relativeTo: directory)
    }

    /// An absolute `http` or `https` URL.
    func url() throws(GeotagError) -> URL {
        let text = try string()
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(),
              scheme == "http" || scheme == "https", url.host?.isEmpty == false
        else {
            throw error("expected an http:// or https:// URL, found '\(text)'")
        }
        return url
    }

    /// One of `values`, as written (case matters).
    func choice<Value: RawRepresentable & CaseIterable>(
        of _: Value.Type
    ) throws(GeotagError) -> Value where Value.RawValue == String {
        let text = try string()
        if let value = Value(rawValue: text) { return value }
        let names = Value.allCases.map(\.rawValue)
        throw error("must be one of \(names.joined(separator: ", ")), found '\(text)'"
            + KeySuggestion.hint(for: text, among: names))
    }

    /// A whole number of at least `minimum`. `5e6` is accepted; `2.5` and `"8"` are not.
    func int(atLeast minimum: Int) throws(GeotagError) -> Int {
        let value: Int
        switch tag {
        case .int:
            guard let int = node.int else { throw error("\(found) is too large") }
            value = int
        case .float:
            guard let double = node.float, double.rounded() == double, let int = Int(exactly: double) else {
                throw error("expected a whole number, found \(found)")
            }
            value = int
        default:
            throw error("expected a whole number, found \(found)")
        }
        guard value >= minimum else { throw error("must be at least \(minimum), found \(value)") }
        return value
    }

    /// A finite number in `range`, or above `range.lowerBound` when `open` is true.
    func double(in range: ClosedRange<Double>, excludingLowerBound open: Bool = false) throws(GeotagError) -> Double {
        guard tag == .int || tag == .float, let value = node.float, value.isFinite else {
            throw error("expected a number, found \(found)")
        }
        let low = open ? value > range.lowerBound : value >= range.lowerBound
        guard low, value <= range.upperBound else {
            let limit = open ? "more than \(range.lowerBound.formatted)" : "at least \(range.lowerBound.formatted)"
            let high = range.upperBound.isInfinite ? "" : " and at most \(range.upperBound.formatted)"
            throw error("must be \(limit)\(high), found \(value.formatted)")
        }
        return value
    }

    /// `true` or `false` (YAML also reads `yes`, `no`, `on` and `off` as such).
    func bool() throws(GeotagError) -> Bool {
        guard tag == .bool, let value = node.bool else {
            throw error("expected true or false, found \(found)")
        }
        return value
    }

    // MARK: Describing

    /// The kinds of scalar YAML resolves, as far as the readers care.
    private enum ScalarKind { case int, float, bool, null, other }

    private var tag: ScalarKind {
        switch node.tag.rawValue {
        case Tag.Name.int.rawValue: return .int
        case Tag.Name.float.rawValue: return .float
        case Tag.Name.bool.rawValue: return .bool
        case Tag.Name.null.rawValue: return .null
        default: return .other
        }
    }

    /// What the node is, for messages: "a list", "nothing", "'fast'".
    var found: String {
        switch node {
        case .mapping: return "a group of settings"
        case .sequence: return "a list"
        case .alias: return "an alias"
        case let .scalar(scalar):
            if isNull { return "nothing" }
            return scalar.style == .plain ? "'\(scalar.string)'" : "the quoted text \"\(scalar.string)\""
        }
    }
}

private extension Double {
    /// `20` rather than `20.0`, for messages.
    var formatted: String {
        rounded() == self && abs(self) < 1e15 ? String(Int(self)) : String(self)
    }
}
