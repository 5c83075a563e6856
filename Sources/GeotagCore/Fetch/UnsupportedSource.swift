/// A configured source of a type this version cannot fetch yet (`urls`, `feed`: they
/// need the HTTP client). It delivers one failure saying so, so the run records it and
/// goes on with the other sources instead of ignoring the source silently.
struct UnsupportedSource: Source {
    let name: String
    let type: SourceType

    func fetch(_ deliver: @Sendable (SourceItem) -> Bool) {
        _ = deliver(.failure(Failure(
            source: name, location: name, stage: .fetch,
            reason: "sources of type '\(type.rawValue)' are not supported by geotag \(GeotagVersion.current) yet; disable it or use a files source")))
    }
}
