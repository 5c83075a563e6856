/// The row ids of an R-tree's leaves, put in their slots (their places in the leaves'
/// order) as the rows come, in any order, and handed back in slot order, a run of
/// slots at a time: the first run in memory, the later ones (a run into an empty
/// database of a million articles has 25 million rows) in files beside the database
/// until the first is done, so memory stays flat: 2 MB for a run of 5,000 leaves, and
/// 64 KB for each file's buffer.
final class RTreeSlots {
    /// Slots per run: a whole number of leaves, so no leaf spans two runs.
    private let runLength: Int
    private let total: Int
    /// The row ids of the first run, by slot.
    private var first: [Int]
    /// The later runs: (slot within the run as 32 bits, row id as 64), little-endian.
    private var spills: [SpillWriter] = []
    private var scratch: ScratchDirectory?
    private let scratchNear: String

    /// Room for `total` slots, in runs of `leavesPerRun` leaves of `capacity`; any
    /// files go into a scratch folder beside `path`.
    init(total: Int, capacity: Int, leavesPerRun: Int, scratchNear path: String) {
        self.total = total
        runLength = capacity * leavesPerRun
        first = Array(repeating: 0, count: min(total, runLength))
        scratchNear = path
    }

    /// Puts row `fid` in `slot`.
    func put(_ fid: Int, at slot: Int) throws {
        guard slot >= runLength else { return first[slot] = fid }
        let run = slot / runLength - 1
        if spills.isEmpty { try createSpills() }
        try spills[run].appendLittleEndian(UInt32(slot % runLength))
        try spills[run].appendLittleEndian(Int64(fid))
    }

    private func createSpills() throws {
        let scratch = try ScratchDirectory(near: scratchNear)
        self.scratch = scratch
        let runs = (total + runLength - 1) / runLength
        spills = try (1..<runs).map { try SpillWriter(path: scratch.file("rtree-slots-\($0)"), capacity: 1 << 16) }
    }

    /// Calls `body` with the row ids of each run's slots, run after run. Every slot
    /// must have been filled.
    func forEachRun(_ body: (_ fids: ArraySlice<Int>) throws -> Void) throws {
        try body(first[...])
        for (k, spill) in spills.enumerated() {
            try spill.flush()
            let start = (k + 1) * runLength
            first.removeAll(keepingCapacity: true)
            first.append(contentsOf: repeatElement(0, count: min(total - start, runLength)))
            let reader = try SpillReader(path: spill.path)
            var entry = [UInt8](repeating: 0, count: 12 * 4_096)
            var kept = 0
            while true {
                let n = try entry.withUnsafeMutableBytes { try reader.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[kept...])) }
                if n == 0 { break }
                let whole = (kept + n) / 12 * 12
                entry.withUnsafeBytes { raw in
                    for at in stride(from: 0, to: whole, by: 12) {
                        let slot = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: at, as: UInt32.self)))
                        first[slot] = Int(Int64(littleEndian: raw.loadUnaligned(fromByteOffset: at + 4, as: Int64.self)))
                    }
                }
                kept = kept + n - whole
                entry.replaceSubrange(0..<kept, with: entry[whole..<whole + kept])
            }
            try body(first[...])
        }
        spills = []
        scratch = nil
    }
}
