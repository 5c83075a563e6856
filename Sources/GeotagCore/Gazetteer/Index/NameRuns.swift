import Foundation

/// The (folded key, place, name) tuples of a build, sorted by key with an external merge
/// sort: tuples collect in a memory budget, each full budget is sorted and written to a
/// run file, and ``merge(_:)`` streams the runs back as groups of equal keys. So a build
/// from `allCountries.txt` with 12 million names needs a few hundred megabytes, not the
/// gigabytes that a dictionary from key to places would.
///
/// A tuple's bytes (little-endian, packed):
/// ```
/// hash u64 | order u64 | place id i32 | record u32 | key length u16 | name length u16 | key | name
/// ```
/// `order` numbers the tuples as they come, so the sort is total and the result does not
/// depend on the budget; `record` is the places-file row a name came from (or
/// ``anyRecord``); a name length of `0xFFFF` marks the row's own name, not stored again.
final class NameRuns {
    static let anyRecord = UInt32.max
    static let primaryName = UInt16.max
    private static let headerSize = 28

    private let scratch: ScratchDirectory
    private let budget: Int
    private var buffer: [UInt8] = []
    private var offsets: [UInt32] = []
    private var runs: [String] = []
    private var nextOrder: UInt64 = 0

    /// Tuples added.
    private(set) var count = 0

    init(scratch: ScratchDirectory, budget: Int) {
        self.scratch = scratch
        self.budget = max(budget, 256)
    }

    /// Adds a tuple; `name` nil for the row's own name.
    func add(key: [UInt8], hash: UInt64, id: Int32, record: UInt32, name: String?) throws(GeotagError) {
        let key = key.prefix(Int(UInt16.max) - 1)
        let name = name?.utf8.prefix(Int(UInt16.max) - 1)
        if buffer.count + Self.headerSize + key.count + (name?.count ?? 0) > budget, !offsets.isEmpty { try spill() }
        offsets.append(UInt32(buffer.count))
        buffer.appendLittleEndian(hash)
        buffer.appendLittleEndian(nextOrder)
        buffer.appendLittleEndian(id)
        buffer.appendLittleEndian(record)
        buffer.appendLittleEndian(UInt16(key.count))
        buffer.appendLittleEndian(name.map { UInt16($0.count) } ?? Self.primaryName)
        buffer.append(contentsOf: key)
        if let name { buffer.append(contentsOf: name) }
        nextOrder += 1
        count += 1
    }

    /// Sorts the tuples in memory and writes them as one run.
    private func spill() throws(GeotagError) {
        buffer.withUnsafeBytes { raw in
            offsets.sort { Self.precedes(raw.baseAddress! + Int($0), raw.baseAddress! + Int($1)) }
        }
        let writer = try SpillWriter(path: scratch.file("run-\(runs.count)"))
        try buffer.withUnsafeBytes { raw in
            Result { () throws(GeotagError) in
                for offset in offsets {
                    let tuple = raw.baseAddress! + Int(offset)
                    try writer.append(raw: UnsafeRawBufferPointer(start: tuple, count: Self.size(tuple)))
                }
            }
        }.get()
        try writer.flush()
        runs.append(writer.path)
        buffer.removeAll(keepingCapacity: true)
        offsets.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    static func size(_ tuple: UnsafeRawPointer) -> Int {
        let nameLength = Int(tuple.loadUnaligned(fromByteOffset: 26, as: UInt16.self))
        return headerSize + Int(tuple.loadUnaligned(fromByteOffset: 24, as: UInt16.self)) + (nameLength == Int(primaryName) ? 0 : nameLength)
    }

    /// Sort order: hash, then key bytes, then order.
    @inline(__always)
    static func precedes(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer) -> Bool {
        let ha = a.loadUnaligned(as: UInt64.self), hb = b.loadUnaligned(as: UInt64.self)
        if ha != hb { return ha < hb }
        let la = Int(a.loadUnaligned(fromByteOffset: 24, as: UInt16.self)), lb = Int(b.loadUnaligned(fromByteOffset: 24, as: UInt16.self))
        let c = memcmp(a + headerSize, b + headerSize, min(la, lb))
        if c != 0 { return c < 0 }
        if la != lb { return la < lb }
        return a.loadUnaligned(fromByteOffset: 8, as: UInt64.self) < b.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    }

    /// Whether two tuples have the same key.
    @inline(__always)
    static func sameKey(_ a: UnsafeRawPointer, _ b: UnsafeRawPointer) -> Bool {
        let la = a.loadUnaligned(fromByteOffset: 24, as: UInt16.self)
        return a.loadUnaligned(as: UInt64.self) == b.loadUnaligned(as: UInt64.self)
            && la == b.loadUnaligned(fromByteOffset: 24, as: UInt16.self)
            && memcmp(a + headerSize, b + headerSize, Int(la)) == 0
    }

    /// Calls `body` once per distinct key, in (hash, key) order, with the key's tuples in
    /// the order they were added. Consumes the runs.
    func merge(_ body: (NameGroup) throws(GeotagError) -> Void) throws(GeotagError) {
        if !offsets.isEmpty { try spill() }
        buffer = []  // the budget's memory is free for the writing that follows
        offsets = []
        var cursors: [RunCursor] = []
        for run in runs {
            let cursor = try RunCursor(path: run)
            if try cursor.advance() { cursors.append(cursor) }
        }
        let group = NameGroup()
        while !cursors.isEmpty {
            var best = 0
            for i in 1..<cursors.count where Self.precedes(cursors[i].tuple, cursors[best].tuple) { best = i }
            let tuple = cursors[best].tuple
            if let first = group.first, !Self.sameKey(first, tuple) {
                try body(group)
                group.clear()
            }
            group.add(tuple)
            if try !cursors[best].advance() { cursors.remove(at: best) }
        }
        if group.first != nil { try body(group) }
        for run in runs { try? FileManager.default.removeItem(atPath: run) }
        runs = []
    }
}

/// The tuples of one key, copied out of the runs.
final class NameGroup {
    struct Tuple {
        var id: Int32
        var record: UInt32
        var order: UInt64
        /// Where the name is in ``names``; nil for the row's own name.
        var name: Range<Int>?
    }

    private(set) var hash: UInt64 = 0
    private(set) var key: [UInt8] = []
    private(set) var tuples: [Tuple] = []
    private(set) var names: [UInt8] = []
    /// The first tuple's header and key, for comparing with the next tuple.
    private let head = UnsafeMutableRawPointer.allocate(byteCount: 28 + Int(UInt16.max), alignment: 8)
    private var isEmpty = true

    deinit { head.deallocate() }

    /// The first tuple's header and key, nil while the group is empty.
    var first: UnsafeRawPointer? { isEmpty ? nil : UnsafeRawPointer(head) }

    func clear() {
        key.removeAll(keepingCapacity: true)
        tuples.removeAll(keepingCapacity: true)
        names.removeAll(keepingCapacity: true)
        isEmpty = true
    }

    func add(_ tuple: UnsafeRawPointer) {
        let keyLength = Int(tuple.loadUnaligned(fromByteOffset: 24, as: UInt16.self))
        let nameLength = tuple.loadUnaligned(fromByteOffset: 26, as: UInt16.self)
        if isEmpty {
            isEmpty = false
            hash = tuple.loadUnaligned(as: UInt64.self)
            head.copyMemory(from: tuple, byteCount: 28 + keyLength)
            key.append(contentsOf: UnsafeRawBufferPointer(start: tuple + 28, count: keyLength))
        }
        var name: Range<Int>?
        if nameLength != NameRuns.primaryName {
            let start = names.count
            names.append(contentsOf: UnsafeRawBufferPointer(start: tuple + 28 + keyLength, count: Int(nameLength)))
            name = start..<names.count
        }
        tuples.append(Tuple(
            id: tuple.loadUnaligned(fromByteOffset: 16, as: Int32.self), record: tuple.loadUnaligned(fromByteOffset: 20, as: UInt32.self),
            order: tuple.loadUnaligned(fromByteOffset: 8, as: UInt64.self), name: name))
    }
}

/// Reads the tuples of one run file in order.
private final class RunCursor {
    private let reader: SpillReader
    private var buffer: UnsafeMutableRawPointer
    private let capacity = 1 << 20
    private var start = 0
    private var end = 0
    private var atEOF = false
    /// The current tuple; valid until the next ``advance()``.
    private(set) var tuple: UnsafeRawPointer
    private var tupleSize = 0

    init(path: String) throws(GeotagError) {
        reader = try SpillReader(path: path)
        buffer = .allocate(byteCount: capacity, alignment: 8)
        tuple = UnsafeRawPointer(buffer)
    }

    deinit { buffer.deallocate() }

    /// Moves to the next tuple; false at the end of the run.
    func advance() throws(GeotagError) -> Bool {
        start += tupleSize
        tupleSize = 0
        guard try fill(28) else { return false }
        let size = NameRuns.size(buffer + start)
        guard try fill(size) else { throw GeotagError.io(path: reader.path, reason: "truncated run file") }
        tuple = UnsafeRawPointer(buffer + start)
        tupleSize = size
        return true
    }

    /// Makes `count` bytes available at `start`; false at a clean end of the file.
    private func fill(_ count: Int) throws(GeotagError) -> Bool {
        while end - start < count {
            if atEOF {
                guard end == start else { throw GeotagError.io(path: reader.path, reason: "truncated run file") }
                return false
            }
            if start > 0 {
                memmove(buffer, buffer + start, end - start)
                end -= start
                start = 0
            }
            let n = try reader.read(into: UnsafeMutableRawBufferPointer(start: buffer + end, count: capacity - end))
            if n == 0 { atEOF = true }
            end += n
        }
        return true
    }
}
