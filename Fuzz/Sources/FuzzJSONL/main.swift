import Foundation
import FuzzSupport
@testable import GeotagCore

/// A JSONL line's string fields (``JSONStringFields``) against `JSONSerialization` on
/// arbitrary bytes: the same lines are objects, with the same strings. Inputs with a
/// U+FEFF are left out, where the two differ by design (see JSONStringFields).
let keys = ["text", "html", "url", "title", "published"]
runFuzzer { data, size in
    let line = fuzzBytes(data, size)
    guard !line.indices.contains(where: { line[$0...].starts(with: [0xEF, 0xBB, 0xBF]) }) else { return 0 }
    let ours = line.withUnsafeBufferPointer { try? JSONStringFields.values(of: keys, in: $0) }?
        .map { $0.map { String(decoding: $0, as: UTF8.self) } }
    let object = (try? JSONSerialization.jsonObject(with: Data(line))) as? [String: Any]
    let theirs = object.map { object in keys.map { object[$0] as? String } }
    precondition(ours == theirs, "JSONStringFields read \(String(describing: ours)), JSONSerialization \(String(describing: theirs))")
    return 0
}
