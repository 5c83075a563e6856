/// The keys of one group of settings in `pipeline.yaml`, spelled as written there.
protocol ConfigKey: RawRepresentable, CaseIterable, Hashable where RawValue == String {}

extension ConfigNode {
    /// Walks this mapping's fields in the order written and calls `body` with each key
    /// and its value, so that the first mistake in the file is the one reported.
    ///
    /// - An unknown key throws at its line, suggesting the closest known key;
    ///   `explainUnknown` may give a better reason first (e.g. "belongs under 'fetch'").
    /// - An empty value (`key:`, `~`) means "use the default" and is skipped, unless the
    ///   key is in `required`, where it throws "needs a value".
    /// - After the walk, a key of `required` that was not written throws at this
    ///   mapping's line; `owner` names what needs it ("a files source").
    func forEachField<Key: ConfigKey>(
        _: Key.Type,
        required: [Key] = [],
        owner: String,
        explainUnknown: (String) -> String? = { _ in nil },
        _ body: (Key, ConfigNode) throws(GeotagError) -> Void
    ) throws(GeotagError) {
        var seen = Set<Key>()
        for field in try fields() {
            guard let key = Key(rawValue: field.key) else {
                let known = Key.allCases.map(\.rawValue)
                throw field.error(explainUnknown(field.key)
                    ?? "unknown key" + KeySuggestion.hint(for: field.key, among: known))
            }
            seen.insert(key)
            if field.value.isNull {
                if required.contains(key) { throw field.error("needs a value: \(owner) needs it") }
                continue
            }
            try body(key, field.value)
        }
        if let missing = required.first(where: { !seen.contains($0) }) {
            throw self.missing(missing.rawValue, owner: owner)
        }
    }

    /// The error for `key`, required by `owner`, not written in this mapping: reported
    /// at the mapping's first line.
    func missing(_ key: String, owner: String) -> GeotagError {
        .config(file: file, line: line, key: child(key), reason: "is missing: \(owner) needs it")
    }

    /// The dotted path of `key` under this node.
    func child(_ key: String) -> String {
        path.isEmpty ? key : "\(path).\(key)"
    }
}

extension ConfigNode.Field {
    /// An error about this key, at the line of the key itself (an empty or block value
    /// may start on a later line).
    func error(_ reason: String) -> GeotagError {
        .config(file: value.file, line: keyLine, key: value.path, reason: reason)
    }
}
