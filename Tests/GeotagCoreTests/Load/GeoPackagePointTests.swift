import Testing
@testable import GeotagCore

@Suite struct GeoPackagePointTests {
    @Test func encodesTheStandardLittleEndianPointWithoutEnvelope() {
        let blob = GeoPackagePoint(x: -3.7, y: 40.4165).blob
        #expect(blob.count == 29)
        #expect(Array(blob[0..<4]) == [0x47, 0x50, 0x00, 0x01])  // "GP", version 0, LE, no envelope
        #expect(Array(blob[4..<8]) == [0xE6, 0x10, 0x00, 0x00])  // srs_id 4326
        func double(at offset: Int) -> Double {
            Double(bitPattern: (0..<8).reduce(UInt64(0)) { $0 | UInt64(blob[offset + $1]) << (8 * UInt64($1)) })
        }
        #expect(Array(blob[8..<13]) == [0x01, 0x01, 0x00, 0x00, 0x00])  // WKB LE, type 1 Point
        #expect(double(at: 13) == -3.7)
        #expect(double(at: 21) == 40.4165)
        let envelope = GeoPackagePoint.envelope(ofBlob: blob)
        #expect(envelope == .init(minX: -3.7, maxX: -3.7, minY: 40.4165, maxY: 40.4165, isEmpty: false))
        #expect(GeoPackagePoint.envelope(ofBlob: GeoPackagePoint(x: .nan, y: .nan).blob)?.isEmpty == true)
        // A slice that does not start at 0, and bytes that are not contiguous.
        #expect(GeoPackagePoint.envelope(ofBlob: ([0xFF] + blob).dropFirst()) == envelope)
        #expect(GeoPackagePoint.envelope(ofBlob: blob.lazy.map { $0 }) == envelope)
    }

    /// Databases written by earlier versions hold 61-byte points with an envelope;
    /// they still read, and give the same bounds.
    @Test func decodesThePointsOfOlderDatabasesWithEnvelope() {
        var blob: [UInt8] = [0x47, 0x50, 0x00, 0x03, 0xE6, 0x10, 0x00, 0x00]
        for bound in [-3.7, -3.7, 40.4165, 40.4165] { blob += withUnsafeBytes(of: bound.bitPattern.littleEndian, Array.init) }
        blob += [0x01, 0x01, 0x00, 0x00, 0x00]
        for coordinate in [-3.7, 40.4165] { blob += withUnsafeBytes(of: coordinate.bitPattern.littleEndian, Array.init) }
        #expect(blob.count == 61)
        #expect(GeoPackagePoint(blob: blob) == GeoPackagePoint(x: -3.7, y: 40.4165))
        #expect(GeoPackagePoint.envelope(ofBlob: blob) == GeoPackagePoint.envelope(ofBlob: GeoPackagePoint(x: -3.7, y: 40.4165).blob))
    }

    @Test func decodesWhatItEncodes() {
        for point in [GeoPackagePoint(x: 44.40088, y: 33.34058), GeoPackagePoint(x: -180, y: -90), GeoPackagePoint(x: 0, y: 0, srsID: 0)] {
            #expect(GeoPackagePoint(blob: point.blob) == point)
        }
        let empty = GeoPackagePoint(blob: GeoPackagePoint(x: .nan, y: .nan).blob)
        #expect(empty?.isEmpty == true)
    }

    @Test func decodesBigEndianWithoutEnvelope() {
        var blob: [UInt8] = [0x47, 0x50, 0x00, 0x00, 0x00, 0x00, 0x10, 0xE6, 0x00, 0x00, 0x00, 0x00, 0x01]
        for x in [12.5, -7.25] { blob += withUnsafeBytes(of: x.bitPattern.bigEndian, Array.init) }
        #expect(GeoPackagePoint(blob: blob) == GeoPackagePoint(x: 12.5, y: -7.25, srsID: 4326))
    }

    @Test func rejectsWhatIsNotAPoint() {
        #expect(GeoPackagePoint(blob: []) == nil)
        #expect(GeoPackagePoint(blob: Array("GP not a geometry at all, really".utf8)) == nil)
        var lineString = GeoPackagePoint(x: 1, y: 2).blob
        lineString[9] = 2
        #expect(GeoPackagePoint(blob: lineString) == nil)
        #expect(GeoPackagePoint(blob: Array(GeoPackagePoint(x: 1, y: 2).blob.dropLast())) == nil)
    }
}
