import CZlib
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The table of contents of a zip archive, as GeoNames ships its dumps
/// (`allCountries.zip`, `IQ.zip`, `cities500.zip`, `alternateNamesV2.zip`): read from the
/// central directory at the end of the file, with the ZIP64 extensions for archives and
/// members past 4 GB.
///
/// Members are read as streams (``ZipMemberSource``), so a 1.5 GB `allCountries.txt`
/// never sits in memory. Stored and deflate members are supported (what `zip`, Python
/// and GeoNames write); encrypted ones and other methods (Deflate64, bzip2) are refused
/// with a message.
public struct ZipArchive: Sendable {
    /// One member of the archive, from its central directory record.
    public struct Entry: Sendable, Equatable {
        public var name: String
        /// 0 stored, 8 deflate.
        public var method: UInt16
        public var flags: UInt16
        public var crc32: UInt32
        public var compressedSize: UInt64
        public var uncompressedSize: UInt64
        /// Where the member's local header starts.
        public var localHeaderOffset: UInt64
    }

    public let path: String
    public let entries: [Entry]

    /// Whether the file at `path` starts like a zip archive (a local file header, or the
    /// end record of an empty archive).
    public static func isZip(path: String) -> Bool {
        guard let handle = FileHandle(forReadingAtPath: path) else { return false }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 4)).map(Array.init) ?? []
        return head == [0x50, 0x4B, 0x03, 0x04] || head == [0x50, 0x4B, 0x05, 0x06]
    }

    /// Reads the central directory of the archive at `path`.
    public init(path: String) throws(GeotagError) {
        let file = try ZipFile(path: path)
        self.path = path
        self.entries = try file.centralDirectory()
    }

    /// The member a GeoNames archive is about: `<stem>.txt` for `<stem>.zip` if there is
    /// one, else its only `.txt` member besides GeoNames' `readme.txt` and
    /// `iso-languagecodes.txt`.
    public func dumpMember() throws(GeotagError) -> Entry {
        let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
        let texts = entries.filter { $0.name.hasSuffix(".txt") && !$0.name.hasSuffix("/") }
        if let named = texts.first(where: { ($0.name as NSString).lastPathComponent == stem + ".txt" }) { return named }
        let data = texts.filter { !["readme.txt", "iso-languagecodes.txt"].contains(($0.name as NSString).lastPathComponent) }
        guard data.count == 1 else {
            let names = entries.map(\.name).joined(separator: ", ")
            throw GeotagError.io(path: path, reason: "cannot tell which member to read (expected \(stem).txt; the archive holds: \(names))")
        }
        return data[0]
    }

    /// A stream of `entry`'s uncompressed bytes.
    public func open(_ entry: Entry) throws(GeotagError) -> ZipMemberSource {
        try ZipMemberSource(file: ZipFile(path: path), entry: entry)
    }
}

/// An open archive file read with `pread`.
final class ZipFile {
    let path: String
    private let fd: Int32
    let size: UInt64

    init(path: String) throws(GeotagError) {
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else { throw GeotagError.io(path: path, reason: "cannot open for reading (\(String(cString: strerror(errno))))") }
        var info = stat()
        guard fstat(fd, &info) == 0 else {
            Glibc.close(fd)
            throw GeotagError.io(path: path, reason: "cannot stat")
        }
        self.path = path
        self.fd = fd
        self.size = UInt64(info.st_size)
    }

    deinit { Glibc.close(fd) }

    func corrupt(_ reason: String) -> GeotagError { .io(path: path, reason: "not a readable zip archive: \(reason)") }

    /// Reads up to `buffer.count` bytes at `offset`; fewer only at the end of the file.
    func read(at offset: UInt64, into buffer: UnsafeMutableRawBufferPointer) throws(GeotagError) -> Int {
        var done = 0
        while done < buffer.count {
            let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset) + off_t(done))
            if n < 0 {
                if errno == EINTR { continue }
                throw GeotagError.io(path: path, reason: "read error (\(String(cString: strerror(errno))))")
            }
            if n == 0 { break }
            done += n
        }
        return done
    }

    /// Exactly `count` bytes at `offset`.
    func bytes(at offset: UInt64, count: Int) throws(GeotagError) -> [UInt8] {
        var result = [UInt8](repeating: 0, count: count)
        let got = try result.withUnsafeMutableBytes { raw in Result { () throws(GeotagError) in try read(at: offset, into: raw) } }.get()
        guard got == count else { throw corrupt("truncated at offset \(offset)") }
        return result
    }

    func centralDirectory() throws(GeotagError) -> [ZipArchive.Entry] {
        // The end-of-central-directory record: 22 bytes plus a comment of up to 64 KB.
        let tailSize = Int(min(size, 22 + 65_535))
        let tail = try bytes(at: size - UInt64(tailSize), count: tailSize)
        guard let eocd = stride(from: tailSize - 22, through: 0, by: -1).first(where: { tail.u32($0) == 0x0605_4B50 }) else {
            throw corrupt("no end of central directory record")
        }
        var count = UInt64(tail.u16(eocd + 10))
        var directorySize = UInt64(tail.u32(eocd + 12))
        var directoryOffset = UInt64(tail.u32(eocd + 16))
        if count == 0xFFFF || directorySize == 0xFFFF_FFFF || directoryOffset == 0xFFFF_FFFF {
            // ZIP64: a locator just before the record points at the ZIP64 end record.
            let locatorAt = size - UInt64(tailSize) + UInt64(eocd)
            guard locatorAt >= 20 else { throw corrupt("no ZIP64 end of central directory locator") }
            let locator = try bytes(at: locatorAt - 20, count: 20)
            guard locator.u32(0) == 0x0706_4B50 else { throw corrupt("no ZIP64 end of central directory locator") }
            let record = try bytes(at: locator.u64(8), count: 56)
            guard record.u32(0) == 0x0606_4B50 else { throw corrupt("no ZIP64 end of central directory record") }
            count = record.u64(32)
            directorySize = record.u64(40)
            directoryOffset = record.u64(48)
        }
        guard directoryOffset + directorySize <= size, directorySize < 1 << 31 else { throw corrupt("central directory out of the file") }
        let directory = try bytes(at: directoryOffset, count: Int(directorySize))
        var entries: [ZipArchive.Entry] = []
        var at = 0
        for _ in 0..<count {
            guard at + 46 <= directory.count, directory.u32(at) == 0x0201_4B50 else { throw corrupt("bad central directory entry \(entries.count + 1)") }
            let nameLength = Int(directory.u16(at + 28)), extraLength = Int(directory.u16(at + 30)), commentLength = Int(directory.u16(at + 32))
            let nameStart = at + 46, extraStart = nameStart + nameLength
            guard extraStart + extraLength + commentLength <= directory.count else { throw corrupt("bad central directory entry \(entries.count + 1)") }
            var entry = ZipArchive.Entry(
                name: String(decoding: directory[nameStart..<extraStart], as: UTF8.self),
                method: directory.u16(at + 10), flags: directory.u16(at + 8), crc32: directory.u32(at + 16),
                compressedSize: UInt64(directory.u32(at + 20)), uncompressedSize: UInt64(directory.u32(at + 24)),
                localHeaderOffset: UInt64(directory.u32(at + 42)))
            Self.applyZip64(Array(directory[extraStart..<(extraStart + extraLength)]), to: &entry)
            entries.append(entry)
            at = extraStart + extraLength + commentLength
        }
        return entries
    }

    /// The ZIP64 extra field (id 1) holds, in this order, the sizes and offset whose
    /// 32-bit fields are all ones.
    private static func applyZip64(_ extra: [UInt8], to entry: inout ZipArchive.Entry) {
        var at = 0
        while at + 4 <= extra.count {
            let id = extra.u16(at), length = Int(extra.u16(at + 2))
            guard at + 4 + length <= extra.count else { return }
            if id == 1 {
                var field = at + 4
                func next(_ value: inout UInt64) {
                    guard value == 0xFFFF_FFFF, field + 8 <= at + 4 + length else { return }
                    value = extra.u64(field)
                    field += 8
                }
                next(&entry.uncompressedSize)
                next(&entry.compressedSize)
                next(&entry.localHeaderOffset)
                return
            }
            at += 4 + length
        }
    }
}

/// The uncompressed bytes of one zip member, read and inflated chunk by chunk (zlib's raw
/// inflate for deflate members), with the member's size and CRC-32 checked at its end.
public final class ZipMemberSource: ByteSource {
    private let file: ZipFile
    private let entry: ZipArchive.Entry
    private var offset: UInt64
    private var remaining: UInt64
    private var produced: UInt64 = 0
    private var crc: UInt = 0
    private var input: [UInt8] = []
    private var inputStart = 0
    private var finished = false
    /// zlib keeps a pointer back to the stream, so it must not move: heap-allocated.
    private let stream: UnsafeMutablePointer<z_stream>?

    init(file: ZipFile, entry: ZipArchive.Entry) throws(GeotagError) {
        let what = "member \(entry.name)"
        guard entry.flags & 1 == 0 else { throw GeotagError.io(path: file.path, reason: "\(what) is encrypted") }
        guard entry.method == 0 || entry.method == 8 else {
            throw GeotagError.io(path: file.path, reason: "\(what) uses compression method \(entry.method); only stored and deflate are supported (unzip it first)")
        }
        let local = try file.bytes(at: entry.localHeaderOffset, count: 30)
        guard local.u32(0) == 0x0403_4B50 else { throw file.corrupt("no local header for \(what)") }
        self.file = file
        self.entry = entry
        self.offset = entry.localHeaderOffset + 30 + UInt64(local.u16(26)) + UInt64(local.u16(28))
        self.remaining = entry.compressedSize
        guard offset + remaining <= file.size else { throw file.corrupt("\(what) runs past the end of the file") }
        if entry.method == 8 {
            let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
            stream.initialize(to: z_stream())
            guard inflateInit2_(stream, -15, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
                stream.deallocate()
                throw GeotagError.io(path: file.path, reason: "zlib cannot start inflating")
            }
            self.stream = stream
            self.input = [UInt8](repeating: 0, count: 1 << 18)
            self.inputStart = input.count
        } else {
            self.stream = nil
        }
    }

    deinit {
        if let stream {
            inflateEnd(stream)
            stream.deallocate()
        }
    }

    public func read(into buffer: UnsafeMutableRawBufferPointer) throws(GeotagError) -> Int {
        guard !finished, buffer.count > 0 else { return 0 }
        let count = try stream == nil ? readStored(into: buffer) : inflate(into: buffer)
        if count > 0 {
            crc = CZlib.crc32(crc, buffer.baseAddress!.assumingMemoryBound(to: UInt8.self), UInt32(count))
            produced += UInt64(count)
        } else {
            finished = true
            guard produced == entry.uncompressedSize, UInt32(truncatingIfNeeded: crc) == entry.crc32 else {
                throw file.corrupt("member \(entry.name) is damaged (size or CRC-32 differs from the directory)")
            }
        }
        return count
    }

    private func readStored(into buffer: UnsafeMutableRawBufferPointer) throws(GeotagError) -> Int {
        let want = Int(min(UInt64(buffer.count), remaining))
        guard want > 0 else { return 0 }
        let got = try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: buffer[..<want]))
        guard got == want else { throw file.corrupt("member \(entry.name) is truncated") }
        offset += UInt64(got)
        remaining -= UInt64(got)
        return got
    }

    private func inflate(into buffer: UnsafeMutableRawBufferPointer) throws(GeotagError) -> Int {
        guard let stream else { return 0 }
        while true {
            if inputStart == input.count, remaining > 0 {
                let want = Int(min(UInt64(input.count), remaining))
                let file = file, offset = offset
                let got = try input.withUnsafeMutableBytes { raw in
                    Result { () throws(GeotagError) in try file.read(at: offset, into: UnsafeMutableRawBufferPointer(rebasing: raw[(raw.count - want)...])) }
                }.get()
                guard got == want else { throw file.corrupt("member \(entry.name) is truncated") }
                self.offset += UInt64(got)
                remaining -= UInt64(got)
                inputStart = input.count - want
            }
            let available = input.count - inputStart
            let (status, consumed, written) = input.withUnsafeMutableBytes { raw in
                stream.pointee.next_in = raw.baseAddress!.assumingMemoryBound(to: UInt8.self) + inputStart
                stream.pointee.avail_in = UInt32(available)
                stream.pointee.next_out = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
                stream.pointee.avail_out = UInt32(clamping: buffer.count)
                let status = CZlib.inflate(stream, Z_NO_FLUSH)
                return (status, available - Int(stream.pointee.avail_in), buffer.count - Int(stream.pointee.avail_out))
            }
            inputStart += consumed
            switch status {
            case Z_OK, Z_STREAM_END:
                if written > 0 || status == Z_STREAM_END { return written }
            case Z_BUF_ERROR where written > 0:
                return written
            case Z_BUF_ERROR where remaining > 0:
                continue // no room to progress without more input
            default:
                let message = stream.pointee.msg.map { String(cString: $0) } ?? "status \(status)"
                throw file.corrupt("member \(entry.name) does not inflate (\(message))")
            }
        }
    }
}

extension [UInt8] {
    /// Little-endian integers at a byte offset, for the zip records.
    func u16(_ at: Int) -> UInt16 { UInt16(self[at]) | UInt16(self[at + 1]) << 8 }
    func u32(_ at: Int) -> UInt32 { UInt32(u16(at)) | UInt32(u16(at + 2)) << 16 }
    func u64(_ at: Int) -> UInt64 { UInt64(u32(at)) | UInt64(u32(at + 4)) << 32 }
}
