import FuzzSupport
@testable import GeotagCore

/// The HTML normalizer on arbitrary bytes: binary sniffing, parsing, the depth limit,
/// page survey, metadata, main text, hygiene. A page may be refused (a DocumentError),
/// never crash.
runFuzzer { data, size in
    let document = RawDocument(source: "fuzz", location: "fuzz.html", body: fuzzBytes(data, size), format: .html)
    _ = try? Normalizer().process(document)
    return 0
}
