/// A pipeline, as `pipeline.yaml` describes it (see the spec's "pipeline.yaml").
///
/// Every optional key has its default; paths are resolved against ``directory``, the
/// folder that holds the configuration file. Read one with
/// ``load(file:version:)`` or ``parse(yaml:file:version:)``.
public struct PipelineConfig: Sendable, Equatable {
    /// Where articles come from; never empty, names unique, in the order written.
    public var sources: [SourceConfig]
    /// The gazetteer folder (default `data/gazetteer`).
    public var gazetteer: ConfigPath
    /// Where and what to write.
    public var output: OutputConfig
    /// How to download.
    public var fetch: FetchConfig
    /// How to find and resolve places.
    public var extract: ExtractConfig
    /// The most one document may ask of a run.
    public var limits: LimitsConfig
    /// The absolute path of the configuration file.
    public var file: String
    /// The absolute path of the folder relative paths are resolved against.
    public var directory: String
    /// The SHA-256 of the configuration file's bytes, in lower-case hex, recorded in the
    /// `runs` table.
    public var configHash: String

    /// A configuration with `sources` and every default, as if read from `file` (an
    /// absolute path) whose bytes hash to `configHash`.
    public init(sources: [SourceConfig], file: String, configHash: String, version: String) {
        let directory = ConfigPath.normalized(file + "/..") // the folder that holds `file`
        self.sources = sources
        self.gazetteer = ConfigPath("data/gazetteer", relativeTo: directory)
        self.output = OutputConfig(relativeTo: directory)
        self.fetch = FetchConfig(version: version, relativeTo: directory)
        self.extract = ExtractConfig()
        self.limits = LimitsConfig()
        self.file = file
        self.directory = directory
        self.configHash = configHash
    }

    /// The sources whose `enabled` is true, in order.
    public var enabledSources: [SourceConfig] { sources.filter(\.enabled) }
}
