/// What an index says about itself: its version, what it was built from, and counts.
/// Stored as JSON in the index and printed by `geotag gazetteer info`.
public struct GazetteerMetadata: Codable, Sendable, Equatable {
    /// One input file of a build.
    public struct Source: Codable, Sendable, Equatable {
        /// The file name (not the full path, so builds on two machines agree).
        public var file: String
        public var sha256: String
        /// Lines read from it.
        public var lines: Int
    }

    /// The index format version.
    public var format: Int
    /// The gazetteer version recorded with every mention: `<name>-<12 hex digits of the
    /// inputs' hash>`, so the same inputs always give the same version.
    public var version: String
    public var name: String
    public var sources: [Source]
    /// Places, names (place–name pairs) and distinct folded keys.
    public var places: Int
    public var names: Int
    public var keys: Int
    public var byFeatureClass: [String: Int]
    public var byCountryCode: [String: Int]
    /// Input lines that were reported and skipped.
    public var skippedLines: Int
    /// The demonym table the index carries for the extractor; nil when it was built
    /// without one.
    public var demonyms: DemonymTable?

    enum CodingKeys: String, CodingKey {
        case format, version, name, sources, places, names, keys
        case byFeatureClass = "by_feature_class"
        case byCountryCode = "by_country_code"
        case skippedLines = "skipped_lines"
        case demonyms
    }
}
