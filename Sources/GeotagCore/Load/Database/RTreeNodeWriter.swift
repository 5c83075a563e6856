/// Writes the nodes of an R-tree that ``SpatialIndexBulkLoad`` lays out, straight into
/// the R-tree's own tables, in SQLite's format (`ext/rtree/rtree.c`):
/// - `<name>_node(nodeno, data)`: one row per node, the root numbered 1. `data` is as
///   long as the root's when SQLite created the table (the page size less 64, at most
///   4 + 51 cells); it starts with the tree's depth (on the root; 0 elsewhere) and the
///   number of cells, each a big-endian 16-bit integer, followed by the cells: a
///   big-endian 64-bit id (the row's `fid` in a leaf, the child's node number above)
///   and the box as big-endian 32-bit floats in column order (min x, max x, min y,
///   max y).
/// - `<name>_rowid(rowid, nodeno)`: the leaf that holds each row.
/// - `<name>_parent(nodeno, parentnode)`: the parent of each node but the root.
final class RTreeNodeWriter {
    /// A box as the R-tree stores it; equal boxes are those of the same bits.
    struct Box: Hashable {
        var minX: Float, maxX: Float, minY: Float, maxY: Float

        /// `envelope` rounded outwards to floats, as SQLite's R-tree rounds an insert.
        init(_ envelope: GeoPackagePoint.Envelope) {
            (minX, maxX) = (Self.down(envelope.minX), Self.up(envelope.maxX))
            (minY, maxY) = (Self.down(envelope.minY), Self.up(envelope.maxY))
        }

        /// The box of a non-empty GeoPackage geometry blob; nil for an empty or
        /// unreadable one, which the R-tree leaves out as the insert trigger does.
        init?(blob: UnsafeBufferPointer<UInt8>) {
            guard let envelope = GeoPackagePoint.envelope(of: UnsafeRawBufferPointer(blob)), !envelope.isEmpty else { return nil }
            self.init(envelope)
        }

        /// The smallest box holding both.
        func union(_ other: Box) -> Box {
            var box = self
            box.minX = min(minX, other.minX)
            box.maxX = max(maxX, other.maxX)
            box.minY = min(minY, other.minY)
            box.maxY = max(maxY, other.maxY)
            return box
        }

        /// The bits, by which boxes are equal, hashed and ordered.
        var bits: (UInt32, UInt32, UInt32, UInt32) { (minX.bitPattern, maxX.bitPattern, minY.bitPattern, maxY.bitPattern) }

        static func == (a: Box, b: Box) -> Bool { a.bits == b.bits }

        func hash(into hasher: inout Hasher) {
            hasher.combine(UInt64(minX.bitPattern) << 32 | UInt64(maxX.bitPattern))
            hasher.combine(UInt64(minY.bitPattern) << 32 | UInt64(maxY.bitPattern))
        }

        /// The nearest float at or below `value`: the nearest float, or, when that is
        /// above, `value` moved one float step towards minus infinity first (SQLite's
        /// `rtreeValueDown`).
        private static func down(_ value: Double) -> Float {
            let nearest = Float(value)
            guard Double(nearest) > value else { return nearest }
            return Float(value * (value < 0 ? 1 + 1 / 8_388_608 : 1 - 1 / 8_388_608))
        }

        /// The nearest float at or above `value` (SQLite's `rtreeValueUp`).
        private static func up(_ value: Double) -> Float {
            let nearest = Float(value)
            guard Double(nearest) < value else { return nearest }
            return Float(value * (value < 0 ? 1 - 1 / 8_388_608 : 1 + 1 / 8_388_608))
        }
    }

    /// A cell of a node: a row's `fid` and box in a leaf, a child node above.
    struct Cell {
        var id: Int
        var box: Box
    }

    /// Bytes per cell of a two-dimensional R-tree of floats: the id and four coordinates.
    private static let cellSize = 8 + 4 * 4

    /// Cells per node.
    let capacity: Int
    private let nodeSize: Int
    private let node: SQLite.Statement
    private let link: SQLite.Statement
    private let parent: SQLite.Statement

    /// A writer into the empty R-tree `index`: its tables are emptied as SQLite creates
    /// them, an empty root and nothing else.
    init(index: String, on connection: SQLite.Connection) throws {
        let (nodes, rowIDs, parents) = (SQLite.quote(index + "_node"), SQLite.quote(index + "_rowid"), SQLite.quote(index + "_parent"))
        nodeSize = try Self.rootSize(nodes, on: connection)
        guard nodeSize >= 4 + Self.cellSize else {
            throw GeotagError.io(path: index, reason: "the R-tree has no root node")
        }
        capacity = (nodeSize - 4) / Self.cellSize
        try connection.execute("""
            DELETE FROM \(nodes); DELETE FROM \(rowIDs); DELETE FROM \(parents);
            INSERT INTO \(nodes) VALUES (1, zeroblob(\(nodeSize)));
            """)
        node = try connection.prepare("INSERT OR REPLACE INTO \(nodes) VALUES (?, ?)")
        link = try connection.prepare("INSERT INTO \(rowIDs) VALUES (?, ?)")
        parent = try connection.prepare("INSERT INTO \(parents) VALUES (?, ?)")
    }

    /// The length of the root node's blob in the table `nodes`, 0 without a root;
    /// read in a statement of its own, done before the table is emptied.
    private static func rootSize(_ nodes: String, on connection: SQLite.Connection) throws -> Int {
        let root = try connection.prepare("SELECT length(data) FROM \(nodes) WHERE nodeno = 1")
        return try root.step() ? root.int(at: 0) : 0
    }

    /// The number of leaf `k` (from 0) of a tree of `leaves` leaves: the root's when
    /// it is the only one, else 2 on.
    static func leafNumber(_ k: Int, of leaves: Int) -> Int {
        leaves == 1 ? 1 : 2 + k
    }

    /// Records that row `fid` is in the leaf numbered `leaf`; rows in ascending order
    /// append to `<name>_rowid`.
    func link(_ fid: Int, toLeaf leaf: Int) throws {
        try link.bind(fid, at: 1)
        try link.bind(leaf, at: 2)
        try link.run()
    }

    /// Writes leaf `k` of `leaves`; returns its cell in the level above.
    @discardableResult
    func writeLeaf(_ k: Int, of leaves: Int, cells: [Cell]) throws -> Cell {
        let number = Self.leafNumber(k, of: leaves)
        try write(cells, as: number, depth: 0)
        return Cell(id: number, box: Self.box(of: cells))
    }

    /// Writes the levels above `leaves` (numbered after them), each packed from the
    /// one below, up to the root; with one leaf or none there is nothing above.
    func writeLevels(over leaves: [Cell]) throws {
        guard leaves.count > 1 else { return }
        var level = leaves
        var next = 2 + leaves.count
        var depth = 1
        while level.count > capacity {
            level = try writeBranches(over: level, from: &next)
            depth += 1
        }
        try write(level, as: 1, depth: depth)
        try linkParents(of: level, to: 1)
    }

    /// Writes the nodes of the level above `children`, as evenly filled as their
    /// number allows, numbered from `next` on, and returns their cells.
    private func writeBranches(over children: [Cell], from next: inout Int) throws -> [Cell] {
        let groups = (children.count + capacity - 1) / capacity
        var cells: [Cell] = []
        var start = 0
        for g in 0..<groups {
            let end = start + (children.count - start) / (groups - g)
            let members = Array(children[start..<end])
            try write(members, as: next, depth: 0)
            try linkParents(of: members, to: next)
            cells.append(Cell(id: next, box: Self.box(of: members)))
            next += 1
            start = end
        }
        return cells
    }

    private func linkParents(of children: [Cell], to number: Int) throws {
        for child in children {
            try parent.bind(child.id, at: 1)
            try parent.bind(number, at: 2)
            try parent.run()
        }
    }

    /// Writes node `number` (`depth` is the tree's, on the root; 0 elsewhere).
    private func write(_ cells: [Cell], as number: Int, depth: Int) throws {
        var data = [UInt8](repeating: 0, count: nodeSize)
        Self.store(UInt16(depth), in: &data, at: 0)
        Self.store(UInt16(cells.count), in: &data, at: 2)
        for (k, cell) in cells.enumerated() {
            let at = 4 + k * Self.cellSize
            Self.store(UInt64(bitPattern: Int64(cell.id)), in: &data, at: at)
            Self.store(cell.box.minX.bitPattern, in: &data, at: at + 8)
            Self.store(cell.box.maxX.bitPattern, in: &data, at: at + 12)
            Self.store(cell.box.minY.bitPattern, in: &data, at: at + 16)
            Self.store(cell.box.maxY.bitPattern, in: &data, at: at + 20)
        }
        try node.bind(number, at: 1)
        try node.bind(blob: data, at: 2)
        try node.run()
    }

    private static func box(of cells: [Cell]) -> Box {
        cells.dropFirst().reduce(cells[0].box) { $0.union($1.box) }
    }

    /// Writes `value` big-endian at `offset`.
    private static func store<T: FixedWidthInteger>(_ value: T, in data: inout [UInt8], at offset: Int) {
        withUnsafeBytes(of: value.bigEndian) { bytes in
            for (k, byte) in bytes.enumerated() { data[offset + k] = byte }
        }
    }
}
