/// The `extract:` section: how place mentions are found and resolved.
public struct ExtractConfig: Sendable, Equatable {
    /// Mentions resolved with a lower score are dropped (default 0.0, in 0...1).
    public var minScore = 0.0
    /// ISO 3166-1 alpha-2 country codes, upper-cased, that tip ties between candidates
    /// (default none), in the order written, without repeats.
    public var countryBias: [String] = []

    /// The defaults.
    public init() {}
}
