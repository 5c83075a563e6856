import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a gazetteer index, read-only for the life of the value: the file mapped
/// into memory (the kernel pages it in from its cache, with no copy and no allocation;
/// processes that load the same index share its pages), or a private copy of bytes
/// given in memory.
///
/// `@unchecked Sendable`: `base` points to memory that nothing writes after `init` (a
/// `PROT_READ` private mapping or a copy this value owns) and that is released only in
/// `deinit`, so any number of threads may read it at once.
final class IndexBytes: @unchecked Sendable {
    let base: UnsafeRawPointer
    let count: Int
    private let mapped: Bool

    /// Maps the file at `path`, its pages read in at once (`MAP_POPULATE`), since a
    /// load checks the checksum over every byte anyway.
    init(mapping path: String) throws(GeotagError) {
        let fd = Glibc.open(path, O_RDONLY)
        guard fd >= 0 else {
            throw GeotagError.gazetteer(path: path, reason: "cannot open (\(String(cString: strerror(errno)))); build it with `make gazetteer`")
        }
        defer { Glibc.close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw GeotagError.gazetteer(path: path, reason: "cannot stat") }
        count = Int(info.st_size)
        guard count > 0 else {
            base = UnsafeRawPointer(UnsafeMutableRawPointer.allocate(byteCount: 1, alignment: 8))
            mapped = false
            return
        }
        let address = mmap(nil, count, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0)
        guard let address, address != MAP_FAILED else {
            throw GeotagError.gazetteer(path: path, reason: "cannot map into memory (\(String(cString: strerror(errno))))")
        }
        base = UnsafeRawPointer(address)
        mapped = true
    }

    /// A copy of `bytes`.
    init(copying bytes: [UInt8]) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(memory), byteCount: $0.count) }
        base = UnsafeRawPointer(memory)
        count = bytes.count
        mapped = false
    }

    deinit {
        if mapped { munmap(UnsafeMutableRawPointer(mutating: base), count) } else { base.deallocate() }
    }

    /// The little-endian integer at `offset`.
    @inline(__always)
    func load<T: FixedWidthInteger>(at offset: Int) -> T {
        T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
    }

    /// The bytes in `range`.
    @inline(__always)
    subscript(range: Range<Int>) -> UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: base + range.lowerBound, count: range.count)
    }
}
