/// The band keys of a ``DuplicateIndex``: a multimap from 64-bit band keys to band
/// ids (a slot of the index times its bands, plus the band), in one open-addressing
/// table of 32-bit integers with linear probing.
///
/// The keys are not stored: the caller computes a band id's key again from the
/// signature it belongs to (`keyOf`), when a lookup meets the id, when the table grows
/// and when a removal shifts ids back. A cell is 4 bytes and the table is 5/16 to 5/8
/// full: 7 to 13 bytes per band, where a dictionary of keys and per-key arrays took
/// about 45, most of a full index's memory. The bits of a cell that its table's largest
/// id leaves free hold a tag of the id's key (10 bits for the duplicate index's 2.1
/// million ids), so a lookup computes the key of a met id only when the tags agree:
/// every other id of a run cost two cache misses (its slot's signature and values).
///
/// The ids under one key come back in the order they were inserted: they all sit in
/// the run of occupied cells that starts at the key's home cell, an insertion takes
/// the first free cell after them, and neither a removal (backward shift, no
/// tombstones) nor a growth (cells moved run by run) reorders them.
struct BandTable: Sendable {
    /// 0 for a free cell, else the id plus 1 in the low ``idBits`` bits and the tag of
    /// its key above them.
    private var cells: [UInt32] = []
    /// How many ids the table holds.
    private(set) var count = 0
    /// The largest id this table takes (``maximumID`` at most).
    let largestID: Int
    /// The bits of a cell that hold an id plus 1.
    private let idBits: Int

    /// Ids above this do not fit a cell.
    static let maximumID = Int(UInt32.max) - 1
    private static let minimumCells = 1 << 10

    /// An empty table for ids up to `maximumID`: the smaller it is, the more bits each
    /// cell has for its key's tag.
    init(maximumID: Int = BandTable.maximumID) {
        precondition(maximumID >= 0 && maximumID <= Self.maximumID, "band id out of range")
        largestID = maximumID
        idBits = UInt64.bitWidth - UInt64(maximumID + 1).leadingZeroBitCount
    }

    /// Calls `body` with each id inserted under `key`, in the order they were inserted.
    func forEach(under key: UInt64, keyOf: (Int) -> UInt64, _ body: (Int) -> Void) {
        guard !cells.isEmpty else { return }
        let tag = tag(of: key)
        var position = home(of: key)
        while cells[position] != 0 {
            let cell = cells[position]
            if cell & ~idMask == tag, keyOf(storedID(in: cell)) == key { body(storedID(in: cell)) }
            position = (position + 1) & mask
        }
    }

    /// Inserts `id` under `key`, after the ids already there. An id is inserted once.
    mutating func insert(_ id: Int, under key: UInt64, keyOf: (Int) -> UInt64) {
        precondition(id >= 0 && id <= largestID, "band id out of range")
        // At most five eighths full: runs of occupied cells stay short.
        if (count + 1) * 8 > cells.count * 5 { grow(keyOf: keyOf) }
        place(tag(of: key) | UInt32(id + 1), at: home(of: key))
        count += 1
    }

    /// Removes `id`, which was inserted under `key`; nothing when it is not there.
    mutating func remove(_ id: Int, under key: UInt64, keyOf: (Int) -> UInt64) {
        guard !cells.isEmpty, id >= 0, id <= largestID else { return }
        let cell = tag(of: key) | UInt32(id + 1)
        var hole = home(of: key)
        while cells[hole] != cell {
            if cells[hole] == 0 { return }
            hole = (hole + 1) & mask
        }
        // Backward shift: each later id of the run whose home is not between the hole
        // and itself moves into the hole, which moves to where it was.
        var next = (hole + 1) & mask
        while cells[next] != 0 {
            let home = home(of: keyOf(storedID(in: cells[next])))
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

    /// The bits of a cell that hold an id plus 1, set.
    private var idMask: UInt32 { UInt32(truncatingIfNeeded: (UInt64(1) << UInt64(idBits)) - 1) }

    /// The id an occupied cell holds.
    private func storedID(in cell: UInt32) -> Int { Int(cell & idMask) - 1 }

    /// The key's tag, in the bits of a cell above the id's: top bits of a hash by
    /// another multiplier than ``home(of:)``'s, so keys that share a home mostly differ
    /// in their tags. 0 when an id takes all 32 bits.
    private func tag(of key: UInt64) -> UInt32 {
        guard idBits < 32 else { return 0 }
        let tagBits = UInt64(32 - idBits)
        return UInt32(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> (64 - tagBits)) << UInt32(idBits)
    }

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
            if cell != 0 { place(cell, at: home(of: keyOf(storedID(in: cell)))) }
        }
    }
}
