import FuzzSupport
@testable import GeotagCore

/// The RSS/Atom feed parser on arbitrary bytes.
runFuzzer { data, size in
    _ = try? FeedParser.items(of: fuzzBytes(data, size), feedURL: "https://example.org/feed")
    return 0
}
