import Foundation
import FuzzSupport
@testable import GeotagCore

/// The bundled gazetteer (or GEOTAG_FUZZ_GAZETTEER), loaded once for all inputs.
let index: GazetteerIndex = {
    let path = ProcessInfo.processInfo.environment["GEOTAG_FUZZ_GAZETTEER"]
        ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("data/gazetteer/geotag.gaz").path
    do {
        return try GazetteerIndex(path: path)
    } catch {
        fatalError("FuzzMatcher needs a gazetteer index: \(error) (make gazetteer, or set GEOTAG_FUZZ_GAZETTEER)")
    }
}()

/// The matcher on arbitrary text: folding, the candidate finder's windows over the
/// index, then the recognizer and resolver that rank what it found.
runFuzzer { data, size in
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    _ = CandidateFinder(index: index).candidates(in: FoldedText(text))
    let document = RawDocument(source: "fuzz", location: "fuzz.txt", body: Array(text.utf8), format: .text)
    if let article = try? Normalizer().process(document) {
        _ = try? Extractor(index: index).process(article)
    }
    return 0
}
