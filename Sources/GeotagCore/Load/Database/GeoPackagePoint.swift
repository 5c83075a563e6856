/// A point in the GeoPackage binary geometry encoding (OGC GeoPackage 1.4, §2.1.3):
/// the `geom` value of a `mentions` row.
///
/// Encoded as the header (`GP` magic, version 0, a flags byte saying little-endian
/// without an envelope, the `srs_id`), then a little-endian WKB Point: 29 bytes in all.
/// A point's envelope would only repeat it (32 bytes more, 61 in all: 7% of a mention
/// row), and GDAL writes points without one too; readers take the bounds from
/// the point (``envelope(ofBlob:)``). Decoding accepts either byte order, every
/// envelope kind and the empty point (NaN coordinates).
public struct GeoPackagePoint: Sendable, Equatable {
    /// Longitude for EPSG:4326.
    public var x: Double
    /// Latitude for EPSG:4326.
    public var y: Double
    /// The `gpkg_spatial_ref_sys.srs_id` of the coordinates.
    public var srsID: Int32

    /// A point at `x`, `y` in the SRS `srsID` (WGS 84 longitude/latitude by default).
    public init(x: Double, y: Double, srsID: Int32 = 4326) {
        self.x = x
        self.y = y
        self.srsID = srsID
    }

    /// Flags: bit 0 little-endian, bits 1-3 envelope kind (0, none), bit 4 empty.
    private static let littleEndianWithoutEnvelope: UInt8 = 0b0000_0001
    private static let emptyFlag: UInt8 = 0b0001_0000
    private static let wkbPoint: UInt32 = 1

    /// Whether this is the empty point (both coordinates NaN, as WKB writes it).
    public var isEmpty: Bool { x.isNaN && y.isNaN }

    /// The GeoPackage geometry blob.
    public var blob: [UInt8] {
        var bytes: [UInt8] = [0x47, 0x50, 0]  // "GP", version 0
        bytes.reserveCapacity(29)
        bytes.append(Self.littleEndianWithoutEnvelope | (isEmpty ? Self.emptyFlag : 0))
        Self.append(UInt32(bitPattern: srsID), to: &bytes)
        bytes.append(1)  // WKB byte order: little-endian
        Self.append(Self.wkbPoint, to: &bytes)
        Self.append(x.bitPattern, to: &bytes)
        Self.append(y.bitPattern, to: &bytes)
        return bytes
    }

    /// Reads a point from a GeoPackage geometry blob; nil when the blob is not a
    /// well-formed standard GeoPackage point (2D; Z and M values are ignored).
    public init?(blob: [UInt8]) {
        guard let point = blob.withUnsafeBytes(Self.decode) else { return nil }
        self = point
    }

    /// The point in `blob`, as ``init(blob:)`` reads it.
    private static func decode(_ blob: UnsafeRawBufferPointer) -> GeoPackagePoint? {
        guard blob.count >= 8, blob[0] == 0x47, blob[1] == 0x50, blob[2] == 0 else { return nil }
        let flags = blob[3]
        guard flags & 0b0010_0000 == 0 else { return nil }  // extended geometry
        let envelopeSize: Int
        switch (flags >> 1) & 0b111 {
        case 0: envelopeSize = 0
        case 1: envelopeSize = 32
        case 2, 3: envelopeSize = 48
        case 4: envelopeSize = 64
        default: return nil
        }
        guard let srsID = read(UInt32.self, from: blob, at: 4, littleEndian: flags & 1 == 1) else { return nil }
        let wkb = 8 + envelopeSize
        guard blob.count >= wkb + 21, blob[wkb] <= 1 else { return nil }
        let littleEndian = blob[wkb] == 1
        guard let type = read(UInt32.self, from: blob, at: wkb + 1, littleEndian: littleEndian),
              type == 1 || type == 1001 || type == 2001 || type == 3001,  // Point, Point Z, Point M, Point ZM
              let x = read(UInt64.self, from: blob, at: wkb + 5, littleEndian: littleEndian),
              let y = read(UInt64.self, from: blob, at: wkb + 13, littleEndian: littleEndian)
        else { return nil }
        return GeoPackagePoint(x: Double(bitPattern: x), y: Double(bitPattern: y), srsID: Int32(bitPattern: srsID))
    }

    /// The bounds of any GeoPackage geometry blob, as the R-tree triggers ask for them
    /// (`ST_MinX`, `ST_IsEmpty`, ...): the envelope in the header when it has one, else
    /// the point itself. Nil when the blob is not a GeoPackage geometry, or has no
    /// envelope and is not a point. Called for every row written to a feature table
    /// and twice for every row of a bulk-loaded R-tree, so it allocates nothing for
    /// contiguous bytes and reads them through one non-generic function.
    public static func envelope<Bytes: RandomAccessCollection<UInt8>>(ofBlob blob: Bytes) -> Envelope? where Bytes.Index == Int {
        if let envelope = blob.withContiguousStorageIfAvailable({ envelope(of: UnsafeRawBufferPointer($0)) }) { return envelope }
        return Array(blob).withUnsafeBytes(envelope(of:))
    }

    /// ``envelope(ofBlob:)`` of raw bytes.
    static func envelope(of blob: UnsafeRawBufferPointer) -> Envelope? {
        guard blob.count >= 8, blob[0] == 0x47, blob[1] == 0x50 else { return nil }
        let flags = blob[3]
        let littleEndian = flags & 1 == 1
        let empty = flags & emptyFlag != 0
        let kind = (flags >> 1) & 0b111
        if (1...4).contains(kind) {
            func bound(_ i: Int) -> Double? {
                read(UInt64.self, from: blob, at: 8 + 8 * i, littleEndian: littleEndian).map { Double(bitPattern: $0) }
            }
            guard let minX = bound(0), let maxX = bound(1), let minY = bound(2), let maxY = bound(3) else { return nil }
            return Envelope(minX: minX, maxX: maxX, minY: minY, maxY: maxY, isEmpty: empty)
        }
        guard kind == 0, let point = decode(blob) else { return nil }
        return Envelope(minX: point.x, maxX: point.x, minY: point.y, maxY: point.y, isEmpty: empty || point.isEmpty)
    }

    /// A geometry's bounding box, and whether it is empty (its box then means nothing).
    public struct Envelope: Sendable, Equatable {
        public var minX: Double
        public var maxX: Double
        public var minY: Double
        public var maxY: Double
        public var isEmpty: Bool
    }

    private static func append<T: FixedWidthInteger>(_ value: T, to bytes: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    /// The integer of type `T` at `offset` in `bytes`, in the byte order given; nil
    /// when the bytes end first.
    @inline(__always)
    private static func read<T: FixedWidthInteger>(_: T.Type, from bytes: UnsafeRawBufferPointer, at offset: Int, littleEndian: Bool) -> T? {
        guard offset >= 0, offset + MemoryLayout<T>.size <= bytes.count else { return nil }
        let value = bytes.loadUnaligned(fromByteOffset: offset, as: T.self)
        return littleEndian ? T(littleEndian: value) : T(bigEndian: value)
    }
}
