/// Turns the YAML tree of `pipeline.yaml` into a ``PipelineConfig``, checking every key
/// and value on the way.
///
/// The walk follows the file from top to bottom and stops at the first mistake, so the
/// error reported is the first one in the file, with two exceptions: a key that is
/// required but not written is reported when its group of settings ends (at the line
/// the group starts), and a source's `type` is checked before its other keys because it
/// decides which keys the source may have.
struct ConfigReader {
    /// The file name used in messages, as the user gave it.
    let file: String
    /// The absolute folder relative paths are resolved against.
    let directory: String
    /// The geotag version, for `user_agent`.
    let version: String

    /// The top-level keys.
    enum Key: String, ConfigKey {
        case sources, gazetteer, output, fetch, extract, limits
    }

    /// Reads the whole document into `config`, which holds the defaults.
    func read(_ root: ConfigNode, into config: inout PipelineConfig) throws(GeotagError) {
        try root.forEachField(Key.self, required: [.sources], owner: "the pipeline",
                              explainUnknown: Self.sectionHint) { key, value throws(GeotagError) in
            switch key {
            case .sources: config.sources = try sources(value)
            case .gazetteer: config.gazetteer = try value.path(relativeTo: directory)
            case .output: config.output = try output(value)
            case .fetch: config.fetch = try fetch(value)
            case .extract: config.extract = try extract(value)
            case .limits: config.limits = try limits(value)
            }
        }
    }

    /// "is not a top-level key; it belongs under 'fetch'" for a setting of a section
    /// written at the top level.
    private static func sectionHint(_ key: String) -> String? {
        let sections: [(String, [String])] = [
            ("output", OutputKey.allCases.map(\.rawValue)),
            ("fetch", FetchKey.allCases.map(\.rawValue)),
            ("extract", ExtractKey.allCases.map(\.rawValue)),
            ("limits", LimitKey.allCases.map(\.rawValue)),
            ("sources", SourceKey.allCases.map(\.rawValue)),
        ]
        guard let (section, _) = sections.first(where: { $0.1.contains(key) }) else { return nil }
        return "is not a top-level key; it belongs under '\(section)'"
    }
}
