/// The band keys of a ``DuplicateIndex``: a multimap from 64-bit band keys to band
/// ids (a slot of the index times its bands, plus the band), in one open-addressing
/// table of 32-bit integers with linear probing.
///
/// The keys are not stored: the caller computes a band id's key again from the
/// signature it belongs to (`keyOf`), when a lookup meets the id, when the table grows
/// and when a removal shifts ids back. A cell is 4 bytes and the table is 5/16 to 5/8
/// full: 7 to 13 bytes per band, where a dictionary of keys and per-key arrays took
/// about 45, most of a full index's memory.
///
/// The ids under one key come back in the order they were inserted: they all sit in
/// the run of occupied cells that starts at the key's home cell, an insertion takes
/// the first free cell after them, and neither a removal (backward shift, no
/// tombstones) nor a growth (cells moved run by run) reorders them.
struct BandTable: Sendable {
    /// 0 for a free cell, else the id plus 1.
    private var cells: [UInt32] = []
    /// How many ids the table holds.
    private(set) var count = 0

    /// Ids above this do not fit a cell.
    static let maximumID = Int(UInt32.max) - 1
    private static let minimumCells = 1 << 10

    /// Calls `body` with each id inserted under `key`, in the order they were inserted.
    func forEach(under key: UInt64, keyOf: (Int) -> UInt64, _ body: (Int) -> Void) {
        guard !cells.isEmpty else { return }
        var position = home(of: key)
        while cells[position] != 0 {
            let id = Int(cells[position] - 1)
            if keyOf(id) == key { body(id) }
            position = (position + 1) & mask
        }
    }

    /// Inserts `id` under `key`, after the ids already there. An id is inserted once.
    mutating func insert(_ id: Int, under key: UInt64, keyOf: (Int) -> UInt64) {
        precondition(id >= 0 && id <= Self.maximumID, "band id out of range")
        // At most five eighths full: runs of occupied cells stay short.
        if (count + 1) * 8 > cells.count * 5 { grow(keyOf: keyOf) }
        place(UInt32(id + 1), at: home(of: key))
        count += 1
    }

    /// Removes `id`, which was inserted under `key`; nothing when it is not there.
    mutating func remove(_ id: Int, under key: UInt64, keyOf: (Int) -> UInt64) {
        guard !cells.isEmpty else { return }
        let cell = UInt32(id + 1)
        var hole = home(of: key)
        while cells[hole] != cell {
            if cells[hole] == 0 { return }
            hole = (hole + 1) & mask
        }
        // Backward shift: each later id of the run whose home is not between the hole
        // and itself moves into the hole, which moves to where it was.
        var next = (hole + 1) & mask
        while cells[next] != 0 {
            let home = home(of: keyOf(Int(cells[next] - 1)))
            if (next - home) & mask >= (next - hole) & mask {
                cells[hole] = cells[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        cells[hole] = 0
        count -= 1
    }

    private var mask: Int { cells.count - 1 }

    /// The key's first cell: the top bits of a Fibonacci hash (band keys are products,
    /// whose low bits mix poorly).
    private func home(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> UInt64(64 - cells.count.trailingZeroBitCount))
    }

    /// Puts `cell` in the first free cell from `position` on.
    private mutating func place(_ cell: UInt32, at position: Int) {
        var position = position
        while cells[position] != 0 { position = (position + 1) & mask }
        cells[position] = cell
    }

    /// Doubles the cells and puts every id in again.
    private mutating func grow(keyOf: (Int) -> UInt64) {
        let old = cells
        cells = [UInt32](repeating: 0, count: max(Self.minimumCells, old.count * 2))
        // From a free cell on, so that every run is read from its start and ids under
        // one key go in again in the order they came.
        let start = old.firstIndex(of: 0) ?? 0
        for offset in old.indices {
            let cell = old[(start + offset) & (old.count - 1)]
            if cell != 0 { place(cell, at: home(of: keyOf(Int(cell - 1)))) }
        }
    }
}
