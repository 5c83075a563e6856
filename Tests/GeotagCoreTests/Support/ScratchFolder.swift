import Foundation
import Synchronization
@testable import GeotagCore

/// A fresh folder under the system's temporary folder, one per test so tests can run in
/// parallel; removed when the value is dropped.
final class ScratchFolder {
    let path: String

    init() throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("geotag-test-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    /// Writes `bytes` to the relative path `name`, creating folders on the way.
    func write(_ name: String, _ bytes: [UInt8]) throws {
        let url = URL(fileURLWithPath: path).appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
    }

    /// Writes `text` as UTF-8 to the relative path `name`.
    func write(_ name: String, _ text: String) throws {
        try write(name, Array(text.utf8))
    }

    /// Everything `source` delivers, in delivery order.
    static func items(of source: some Source) -> [SourceItem] {
        let items = Mutex<[SourceItem]>([])
        source.fetch { item in
            items.withLock { $0.append(item) }
            return true
        }
        return items.withLock { $0 }
    }
}

extension SourceItem {
    var document: RawDocument? {
        if case let .document(document) = self { return document }
        return nil
    }

    var failure: Failure? {
        if case let .failure(failure) = self { return failure }
        return nil
    }

    /// The location of the document or failure.
    var location: String { document?.location ?? failure?.location ?? "" }
}

/// A thread-safe counter for callbacks that must be `@Sendable`.
final class ScratchCounter: Sendable {
    private let count = Mutex(0)

    /// Adds one and returns the new count.
    func increment() -> Int { count.withLock { $0 += 1; return $0 } }

    var value: Int { count.withLock { $0 } }
}
