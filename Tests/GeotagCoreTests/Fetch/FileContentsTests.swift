import Foundation
import Testing
@testable import GeotagCore

/// ``FileSystem/contents(ofFile:limit:tooLarge:)``: a file's bytes read into an array
/// of the size `fstat` gives, and on in chunks when the file is longer than that.
@Suite struct FileContentsTests {
    @Test(arguments: [0, 1, 4_095, 65_536, 65_537, 200_003])
    func everyByteIsRead(size: Int) throws {
        try withTemporaryFolder { folder in
            let bytes = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
            let path = folder + "/file"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            #expect(try FileSystem.contents(ofFile: path) == bytes)
            #expect(try FileSystem.contents(ofFile: path, limit: size) == bytes)
        }
    }

    @Test func aFileOverTheLimitIsRefusedWithItsSize() throws {
        try withTemporaryFolder { folder in
            let path = folder + "/big"
            try Data(count: 10_000).write(to: URL(fileURLWithPath: path))
            #expect(throws: DocumentError("10000 bytes")) { try FileSystem.contents(ofFile: path, limit: 9_999) }
        }
    }

    /// Files under /proc say they hold 0 bytes and have more.
    @Test func aFileLongerThanItsStatusSaysIsReadToTheEnd() throws {
        let path = "/proc/self/status"
        guard FileManager.default.fileExists(atPath: path) else { return }
        let text = String(decoding: try FileSystem.contents(ofFile: path), as: UTF8.self)
        #expect(text.hasPrefix("Name:") && text.contains("\nPid:") && text.hasSuffix("\n"))
        #expect(throws: DocumentError.self) { try FileSystem.contents(ofFile: path, limit: 10) }
    }

    @Test func aMissingFileSaysWhy() {
        #expect(throws: DocumentError("No such file or directory")) { try FileSystem.contents(ofFile: "/nonexistent/file") }
    }
}
