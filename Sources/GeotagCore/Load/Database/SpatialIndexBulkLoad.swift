/// Builds the R-tree of a feature table in one go from its rows, writing the nodes
/// straight into the R-tree's own tables (``RTreeNodeWriter``) instead of inserting row
/// by row: for a load into an empty database, whose R-tree is built once at the end of
/// the run (``GeotagDatabase/beginRun(_:)``). GDAL (3.7 and later) creates GeoPackage
/// spatial indexes the same way.
///
/// Row by row, SQLite's R-tree costs about 8 µs a point even in the best order: it
/// looks for the leaf whose box grows least, splits full nodes, and rewrites every node
/// on the path, each a row of its own tables. A 100k-article run spent about 30 s of
/// its 103 s on it (the same run without the R-tree took 72 s). Here the rows are laid
/// out in the Z order of their boxes, consecutive rows fill leaves to the brim, and the
/// levels above are packed the same way from the boxes of the level below.
///
/// The rows are read twice, in the table's order, and never sorted. Mentions share
/// their places' points: a first pass counts the rows of each distinct box, and the
/// boxes, sorted by Z order, give each one a run of slots in the leaves. The second pass
/// puts each row in the next slot of its box, so a box's rows keep the table's order,
/// links each row to its leaf as it goes (appends to `<name>_rowid`, in row order), and
/// hands the row ids to ``RTreeSlots``, which gives them back in slot order to fill the
/// leaves. Sorting 2.5 million rows by Z order in SQL, with the links sorted again by
/// row, took about 7 s at the end of a 100k-article run.
///
/// The result is an R-tree as SQLite's own code reads and goes on changing it
/// (`rtreecheck` finds nothing wrong, and inserts, updates and deletes through the
/// virtual table or the GeoPackage triggers work on it). Boxes are rounded to floats
/// outwards, as SQLite rounds the values of an insert.
enum SpatialIndexBulkLoad {
    typealias Box = RTreeNodeWriter.Box

    /// Leaves whose row ids ``RTreeSlots`` holds in memory at once: about 2 MB.
    static let leavesPerRun = 5_000

    /// Empties the R-tree of `table` and builds it again from every row with a
    /// non-empty geometry (the rows the GeoPackage insert trigger would index); returns
    /// how many. Runs inside the caller's transaction; the row ids of leaves after the
    /// first `leavesPerRun` wait in temporary files beside the database (``RTreeSlots``).
    ///
    /// The R-tree is emptied through its tables, not dropped and created again: SQLite
    /// refuses to drop a table while any statement of the connection is running.
    ///
    /// With `visiting`, the second pass reads every row of the table, in its own order
    /// (`NOT INDEXED`), with the columns `also` after `fid` and the geometry (from
    /// column 2 on), and hands each row to `visit` before the R-tree takes it, so that
    /// a count over the same rows needs no pass of its own.
    @discardableResult
    static func rebuild(
        _ table: String, on connection: SQLite.Connection, leavesPerRun: Int = SpatialIndexBulkLoad.leavesPerRun,
        visiting also: [String] = [], _ visit: ((SQLite.Statement) throws -> Void)? = nil
    ) throws -> Int {
        let g = SQLite.quote(GeoPackageSchema.geometryColumn)
        let rows = try connection.prepare("SELECT fid, \(g) FROM \(SQLite.quote(table)) WHERE \(g) NOTNULL")
        let layout = try Layout(counting: rows)
        let writer = try RTreeNodeWriter(index: GeoPackageSchema.spatialIndex(of: table), on: connection)
        let leafCount = (layout.total + writer.capacity - 1) / writer.capacity
        let slots = RTreeSlots(total: layout.total, capacity: writer.capacity, leavesPerRun: leavesPerRun, scratchNear: connection.path)

        var next = layout.starts
        let visited = visit == nil ? rows : try connection.prepare(
            "SELECT \((["fid", GeoPackageSchema.geometryColumn] + also).map(SQLite.quote).joined(separator: ", ")) FROM \(SQLite.quote(table)) NOT INDEXED")
        try rows.reset()
        while try visited.step() {
            try visit?(visited)
            guard let box = visited.withBlob(at: 1, Box.init(blob:)), let point = layout.numbers.number(of: box) else { continue }
            let slot = next[point]
            next[point] += 1
            let fid = visited.int(at: 0)
            try writer.link(fid, toLeaf: RTreeNodeWriter.leafNumber(slot / writer.capacity, of: leafCount))
            try slots.put(fid, at: slot)
        }

        var leaves: [RTreeNodeWriter.Cell] = []
        leaves.reserveCapacity(leafCount)
        var boxes = layout.boxesInSlotOrder.makeIterator()
        var cells: [RTreeNodeWriter.Cell] = []
        cells.reserveCapacity(writer.capacity)
        try slots.forEachRun { fids in
            for fid in fids {
                cells.append(RTreeNodeWriter.Cell(id: fid, box: boxes.next()!))
                if cells.count == writer.capacity {
                    leaves.append(try writer.writeLeaf(leaves.count, of: leafCount, cells: cells))
                    cells.removeAll(keepingCapacity: true)
                }
            }
        }
        if !cells.isEmpty { leaves.append(try writer.writeLeaf(leaves.count, of: leafCount, cells: cells)) }
        try writer.writeLevels(over: leaves)
        return layout.total
    }

    /// The distinct boxes of a table's rows, each numbered in the order first met, and
    /// their places in the leaves.
    private struct Layout {
        /// The number of each box.
        var numbers = BoxNumbers()
        /// The boxes by number, and how many rows have each.
        var boxes: [Box] { numbers.boxes }
        var counts: [Int] = []
        /// The first slot of each box's run, by number.
        var starts: [Int] = []
        /// The boxes in Z order (then by their bits).
        var order: [Int] = []
        /// Rows with a box.
        var total = 0

        /// Counts the boxes of the rows of `rows`, `(fid, geometry)`, in one pass.
        init(counting rows: SQLite.Statement) throws {
            while try rows.step() {
                guard let box = rows.withBlob(at: 1, Box.init(blob:)) else { continue }
                if let number = numbers.number(of: box) {
                    counts[number] += 1
                } else {
                    numbers.add(box)
                    counts.append(1)
                }
                total += 1
            }
            let codes = boxes.map { SpatialIndexBatch.mortonCode(x: Double($0.minX), y: Double($0.minY)) }
            order = boxes.indices.sorted { a, b in
                codes[a] != codes[b] ? codes[a] < codes[b] : boxes[a].bits < boxes[b].bits
            }
            starts = Array(repeating: 0, count: boxes.count)
            var start = 0
            for number in order {
                starts[number] = start
                start += counts[number]
            }
        }

        /// The box of each slot, in slot order.
        var boxesInSlotOrder: some Sequence<Box> {
            order.lazy.flatMap { number in repeatElement(boxes[number], count: counts[number]) }
        }
    }

    /// Numbers for distinct boxes, in the order they are added, and each box's number:
    /// open addressing over a power of two of slots, at most half full, hashed by
    /// multiplying the box's bits. Both passes look up every row's box; a `Dictionary`
    /// hashed each with SipHash, about a tenth of the build.
    struct BoxNumbers {
        /// The boxes by number.
        private(set) var boxes: [Box] = []
        /// Each slot's box number, or -1 for a free slot.
        private var slots = [Int32](repeating: -1, count: 1 << 10)

        /// The number of `box`, if added.
        func number(of box: Box) -> Int? {
            let mask = slots.count - 1
            var slot = Self.start(of: box, slots: slots.count)
            while true {
                let number = Int(slots[slot])
                if number < 0 { return nil }
                if boxes[number] == box { return number }
                slot = (slot + 1) & mask
            }
        }

        /// Gives `box`, which is not in yet, the next number.
        mutating func add(_ box: Box) {
            if (boxes.count + 1) * 2 > slots.count {
                slots = [Int32](repeating: -1, count: slots.count * 2)
                for number in boxes.indices { place(number) }
            }
            boxes.append(box)
            place(boxes.count - 1)
        }

        private mutating func place(_ number: Int) {
            let mask = slots.count - 1
            var slot = Self.start(of: boxes[number], slots: slots.count)
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(number)
        }

        /// The first slot to look in: the top bits of the box's bits, mixed by
        /// multiplying with odd constants.
        private static func start(of box: Box, slots: Int) -> Int {
            let (minX, maxX, minY, maxY) = box.bits
            let x = (UInt64(minX) << 32 | UInt64(maxX)) &* 0x9E37_79B9_7F4A_7C15
            let y = (UInt64(minY) << 32 | UInt64(maxY)) &* 0xC2B2_AE3D_27D4_EB4F
            return Int(truncatingIfNeeded: (x ^ y) >> UInt64(64 - slots.trailingZeroBitCount))
        }
    }
}
