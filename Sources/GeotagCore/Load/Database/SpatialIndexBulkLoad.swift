/// Builds the R-tree of a feature table in one go from its rows, writing the nodes
/// straight into the R-tree's own tables instead of inserting row by row: for a load
/// into an empty database, whose R-tree is built once at the end of the run
/// (``GeotagDatabase/beginRun(_:)``). GDAL (3.7 and later) creates GeoPackage spatial
/// indexes the same way.
///
/// Row by row, SQLite's R-tree costs about 8 µs a point even in the best order: it
/// looks for the leaf whose box grows least, splits full nodes, and rewrites every node
/// on the path, each a row of its own tables. A 100k-article run spent about 30 s of
/// its 103 s on it (the same run without the R-tree took 72 s). Here SQLite sorts the
/// rows by the Z order of their boxes (in bounded memory, spilling to temporary files
/// like any `ORDER BY`), consecutive rows fill leaves to the brim, and the levels above
/// are packed the same way from the boxes of the level below.
///
/// The result is an R-tree as SQLite's own code reads and goes on changing it
/// (`rtreecheck` finds nothing wrong, and inserts, updates and deletes through the
/// virtual table or the GeoPackage triggers work on it). Its layout, from SQLite's
/// `ext/rtree/rtree.c`:
/// - `<name>_node(nodeno, data)`: one row per node, the root numbered 1. `data` is as
///   long as the root's when SQLite created the table (the page size less 64, at most
///   4 + 51 cells); it starts with the tree's depth (on the root; 0 elsewhere) and the
///   number of cells, each a big-endian 16-bit integer, followed by the cells: a
///   big-endian 64-bit id (the row's `fid` in a leaf, the child's node number above)
///   and the box as big-endian 32-bit floats in column order (min x, max x, min y,
///   max y).
/// - `<name>_rowid(rowid, nodeno)`: the leaf that holds each row.
/// - `<name>_parent(nodeno, parentnode)`: the parent of each node but the root.
///
/// Boxes are rounded to floats outwards, as SQLite rounds the values of an insert.
enum SpatialIndexBulkLoad {
    /// A box as the R-tree stores it.
    private struct Box {
        var minX: Float, maxX: Float, minY: Float, maxY: Float

        /// `envelope` rounded outwards to floats, as SQLite's R-tree rounds an insert.
        init(_ envelope: GeoPackagePoint.Envelope) {
            (minX, maxX) = (Self.down(envelope.minX), Self.up(envelope.maxX))
            (minY, maxY) = (Self.down(envelope.minY), Self.up(envelope.maxY))
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
    private struct Cell {
        var id: Int
        var box: Box
    }

    /// Empties the R-tree of `table` and builds it again from every row with a
    /// non-empty geometry (the rows the GeoPackage insert trigger would index); returns
    /// how many. Runs inside the caller's transaction, on a connection with
    /// ``GeoPackageFunctions`` defined.
    ///
    /// The R-tree is emptied through its tables, not dropped and created again: SQLite
    /// refuses to drop a table while any statement of the connection is running.
    @discardableResult
    static func rebuild(_ table: String, on connection: SQLite.Connection) throws -> Int {
        let index = GeoPackageSchema.spatialIndex(of: table)
        let g = SQLite.quote(GeoPackageSchema.geometryColumn)
        let rows = try connection.prepare("""
            SELECT fid, \(g) FROM \(SQLite.quote(table)) WHERE \(g) NOTNULL ORDER BY \(zOrderFunction)(\(g)), fid
            """)
        let writer = try NodeWriter(index: index, on: connection)
        var leaves: [Cell] = []
        var cells: [Cell] = []
        cells.reserveCapacity(writer.capacity)
        var count = 0
        while try rows.step() {
            guard let blob = rows.blob(at: 1), let envelope = GeoPackagePoint.envelope(ofBlob: blob), !envelope.isEmpty else { continue }
            cells.append(Cell(id: rows.int(at: 0), box: Box(envelope)))
            count += 1
            if cells.count == writer.capacity {
                leaves.append(try writer.writeLeaf(cells))
                cells.removeAll(keepingCapacity: true)
            }
        }
        if !cells.isEmpty { leaves.append(try writer.writeLeaf(cells)) }
        try writer.writeLevels(over: leaves)
        try writer.finish()
        return count
    }

    /// The SQL function that gives a geometry's Z-order code, which
    /// ``GeoPackageFunctions`` defines with the others: defined again here on every
    /// rebuild, it failed while any statement of the connection was still open.
    static let zOrderFunction = "geotag_zorder"

    /// Writes nodes into the R-tree's tables and numbers them.
    private final class NodeWriter {
        /// Cells per node.
        let capacity: Int
        private let index: String
        private let connection: SQLite.Connection
        private let nodeSize: Int
        private let node: SQLite.Statement
        /// Into a temporary table of (row, leaf) links: written in Z order, the links
        /// go into `<name>_rowid` sorted by row at the end, each an append instead of an
        /// insert at a random place (3.8 s instead of 5.5 s for 2.5 million rows).
        private let link: SQLite.Statement
        private let parent: SQLite.Statement
        /// The next node number; 1 is the root's.
        private var next = 2
        /// The first leaf, written once it is known whether it is the root (the only
        /// leaf) or node 2.
        private var firstLeaf: [Cell] = []

        init(index: String, on connection: SQLite.Connection) throws {
            self.index = index
            self.connection = connection
            let (nodes, rowIDs, parents) = (SQLite.quote(index + "_node"), SQLite.quote(index + "_rowid"), SQLite.quote(index + "_parent"))
            nodeSize = try Self.rootSize(nodes, on: connection)
            guard nodeSize >= 4 + SpatialIndexBulkLoad.cellSize else {
                throw GeotagError.io(path: index, reason: "the R-tree has no root node")
            }
            capacity = (nodeSize - 4) / SpatialIndexBulkLoad.cellSize
            // Emptied as SQLite creates it: an empty root and nothing else.
            try connection.execute("""
                DELETE FROM \(nodes); DELETE FROM \(rowIDs); DELETE FROM \(parents);
                INSERT INTO \(nodes) VALUES (1, zeroblob(\(nodeSize)));
                CREATE TEMP TABLE IF NOT EXISTS geotag_rtree_links (fid INTEGER, nodeno INTEGER);
                DELETE FROM temp.geotag_rtree_links;
                """)
            node = try connection.prepare("INSERT OR REPLACE INTO \(nodes) VALUES (?, ?)")
            link = try connection.prepare("INSERT INTO temp.geotag_rtree_links VALUES (?, ?)")
            parent = try connection.prepare("INSERT INTO \(parents) VALUES (?, ?)")
        }

        /// The length of the root node's blob in the table `nodes`, 0 without a root;
        /// read in a statement of its own, done before the table is emptied.
        private static func rootSize(_ nodes: String, on connection: SQLite.Connection) throws -> Int {
            let root = try connection.prepare("SELECT length(data) FROM \(nodes) WHERE nodeno = 1")
            return try root.step() ? root.int(at: 0) : 0
        }

        /// Writes a leaf (the first one later) and returns its cell in the level above.
        func writeLeaf(_ cells: [Cell]) throws -> Cell {
            if next == 2, firstLeaf.isEmpty {
                firstLeaf = cells
            } else {
                try write(cells, as: next, depth: 0, leaf: true)
            }
            next += 1
            return Cell(id: next - 1, box: Self.box(of: cells))
        }

        /// Writes the levels above `leaves`, each packed from the one below, up to the
        /// root; a single leaf becomes the root itself, and none leaves the root empty.
        func writeLevels(over leaves: [Cell]) throws {
            guard leaves.count > 1 else {
                if leaves.count == 1 { try write(firstLeaf, as: 1, depth: 0, leaf: true) }
                return
            }
            try write(firstLeaf, as: leaves[0].id, depth: 0, leaf: true)
            var level = leaves
            var depth = 1
            while level.count > capacity {
                level = try writeBranches(over: level)
                depth += 1
            }
            try write(level, as: 1, depth: depth, leaf: false)
        }

        /// Moves the row links into `<name>_rowid`, in row order.
        func finish() throws {
            try connection.execute("""
                INSERT INTO \(SQLite.quote(index + "_rowid")) SELECT fid, nodeno FROM temp.geotag_rtree_links ORDER BY fid;
                DELETE FROM temp.geotag_rtree_links
                """)
        }

        /// Writes the nodes of the level above `children`, as evenly filled as their
        /// number allows, and returns their cells.
        private func writeBranches(over children: [Cell]) throws -> [Cell] {
            let groups = (children.count + capacity - 1) / capacity
            var cells: [Cell] = []
            var start = 0
            for g in 0..<groups {
                let end = start + (children.count - start) / (groups - g)
                let members = Array(children[start..<end])
                try write(members, as: next, depth: 0, leaf: false)
                cells.append(Cell(id: next, box: Self.box(of: members)))
                next += 1
                start = end
            }
            return cells
        }

        /// Writes node `number` (`depth` is the tree's, on the root; 0 elsewhere) and
        /// the links of its cells: row to leaf, or child to parent.
        private func write(_ cells: [Cell], as number: Int, depth: Int, leaf: Bool) throws {
            var data = [UInt8](repeating: 0, count: nodeSize)
            Self.store(UInt16(depth), in: &data, at: 0)
            Self.store(UInt16(cells.count), in: &data, at: 2)
            for (k, cell) in cells.enumerated() {
                let at = 4 + k * SpatialIndexBulkLoad.cellSize
                Self.store(UInt64(bitPattern: Int64(cell.id)), in: &data, at: at)
                Self.store(cell.box.minX.bitPattern, in: &data, at: at + 8)
                Self.store(cell.box.maxX.bitPattern, in: &data, at: at + 12)
                Self.store(cell.box.minY.bitPattern, in: &data, at: at + 16)
                Self.store(cell.box.maxY.bitPattern, in: &data, at: at + 20)
                let statement = leaf ? link : parent
                try statement.bind(cell.id, at: 1)
                try statement.bind(number, at: 2)
                try statement.run()
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

    /// Bytes per cell of a two-dimensional R-tree of floats: the id and four coordinates.
    fileprivate static let cellSize = 8 + 4 * 4
}
