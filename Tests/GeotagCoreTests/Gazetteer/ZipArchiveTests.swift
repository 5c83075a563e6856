import Foundation
import Testing
@testable import GeotagCore

/// The zip reader on the archives of `Fixtures/gazetteer/zipped/`: stored, deflate,
/// ZIP64 and streamed (data descriptor) members, and damaged archives.
@Suite struct ZipArchiveTests {
    private func lines(_ reader: LineReader) throws -> [String] {
        var lines: [String] = []
        while let line = try reader.nextLine() { lines.append(String(decoding: line, as: UTF8.self)) }
        return lines
    }

    private func plainLines(_ name: String) throws -> [String] {
        try lines(LineReader(path: "\(GazetteerFixtures.plain)/\(name)"))
    }

    @Test(arguments: [
        ("IQ.zip", "IQ.txt"),  // deflate, beside a readme.txt
        ("SY.zip", "SY.txt"),  // stored
        ("cities500.zip", "cities500.txt"),  // ZIP64 records
        ("alternateNamesV2.zip", "alternateNamesV2.txt"),  // data descriptors, beside iso-languagecodes.txt
        ("hierarchy.zip", "hierarchy.txt"),
        ("admin2Codes.txt.gz", "admin2Codes.txt"),  // not a zip: gzip
    ])
    func readsTheDumpMember(archive: String, member: String) throws {
        let reader = try GazetteerInputs.lines(of: "\(GazetteerFixtures.zipped)/\(archive)")
        #expect(try lines(reader) == plainLines(member))
        #expect(reader.path.hasSuffix(archive.hasSuffix(".zip") ? "\(archive)!\(member)" : archive))
    }

    @Test func readsInChunksSmallerThanALine() throws {
        let archive = try ZipArchive(path: "\(GazetteerFixtures.zipped)/IQ.zip")
        #expect(archive.entries.map(\.name) == ["IQ.txt", "readme.txt"])
        let reader = LineReader(source: try archive.open(try archive.dumpMember()), path: "IQ", chunkSize: 16)
        #expect(try lines(reader) == plainLines("IQ.txt"))
    }

    @Test func zip64SizesComeFromTheExtraField() throws {
        let archive = try ZipArchive(path: "\(GazetteerFixtures.zipped)/cities500.zip")
        let entry = try #require(archive.entries.first)
        let plain = try Data(contentsOf: URL(fileURLWithPath: "\(GazetteerFixtures.plain)/cities500.txt"))
        #expect(entry.uncompressedSize == UInt64(plain.count))
        #expect(entry.localHeaderOffset == 0)
        #expect(entry.method == 8)
    }

    @Test func aDamagedMemberFailsItsCRC() throws {
        let scratch = try ScratchFolder()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(GazetteerFixtures.zipped)/SY.zip")))
        let dataStart = 30 + Int(bytes[26]) + Int(bytes[27]) << 8 + Int(bytes[28]) + Int(bytes[29]) << 8
        bytes[dataStart] ^= 0x01  // the member is stored: its first byte, 1 -> 0
        try scratch.write("SY.zip", bytes)
        let reader = try GazetteerInputs.lines(of: "\(scratch.path)/SY.zip")
        #expect { _ = try self.lines(reader) } throws: { "\($0)".contains("CRC-32") }
    }

    @Test func aTruncatedArchiveIsNoZip() throws {
        let scratch = try ScratchFolder()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(GazetteerFixtures.zipped)/IQ.zip")))
        try scratch.write("IQ.zip", Array(bytes.prefix(bytes.count / 2)))
        #expect {
            _ = try ZipArchive(path: "\(scratch.path)/IQ.zip")
        } throws: { "\($0)".contains("not a readable zip archive") }
    }

    @Test func otherCompressionMethodsAreRefused() throws {
        let scratch = try ScratchFolder()
        var bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(GazetteerFixtures.zipped)/hierarchy.zip")))
        // Method 12 (bzip2) in the central directory record.
        let central = try #require((0..<(bytes.count - 4)).first { bytes[$0..<($0 + 4)] == [0x50, 0x4B, 0x01, 0x02] })
        bytes[central + 10] = 12
        try scratch.write("hierarchy.zip", bytes)
        #expect {
            _ = try GazetteerInputs.lines(of: "\(scratch.path)/hierarchy.zip")
        } throws: { "\($0)".contains("compression method 12") }
    }

    @Test func anArchiveWithoutTheDumpSaysWhatItHolds() throws {
        let scratch = try ScratchFolder()
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(GazetteerFixtures.zipped)/IQ.zip")))
        try scratch.write("XY.zip", bytes)  // holds IQ.txt and readme.txt
        #expect(try ZipArchive(path: "\(scratch.path)/XY.zip").dumpMember().name == "IQ.txt")
        let two = try [UInt8](Data(contentsOf: URL(fileURLWithPath: "\(GazetteerFixtures.zipped)/alternateNamesV2.zip")))
        try scratch.write("other.zip", two)
        #expect(try ZipArchive(path: "\(scratch.path)/other.zip").dumpMember().name == "alternateNamesV2.txt")
    }
}
