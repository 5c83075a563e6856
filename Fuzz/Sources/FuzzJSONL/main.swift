import Foundation
import FuzzSupport
@testable import GeotagCore

/// A JSONL line's string fields (``JSONStringFields``) against `JSONSerialization` on
/// arbitrary bytes: the same lines are objects, with the same strings. Left out,
/// where the two differ by design (see JSONStringFields): inputs with a U+FEFF, and
/// inputs with a NUL byte, which `JSONSerialization` may take for UTF-16 or UTF-32.
let keys = ["text", "html", "url", "title", "published"]
runFuzzer { data, size in
    let line = fuzzBytes(data, size)
    guard !line.contains(0), !line.indices.contains(where: { line[$0...].starts(with: [0xEF, 0xBB, 0xBF]) }) else { return 0 }
    let ours = line.withUnsafeBufferPointer { try? JSONStringFields.values(of: keys, in: $0) }?
        .map { $0.map { String(decoding: $0, as: UTF8.self) } }
    let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
    let theirs = object.map { object in keys.map { object[$0] as? String } }
    precondition(ours == theirs, "JSONStringFields read \(String(describing: ours)), JSONSerialization \(String(describing: theirs))")
    return 0
}
