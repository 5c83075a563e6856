import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The bytes of a gazetteer index, read-only for the life of the value: the file read
/// into memory of its own, in 2 MB pages where the kernel gives them, or a private copy
/// of bytes given in memory.
///
/// The index is 70 MB, and extraction reads it at random: each look-up of a key, a
/// posting or a place lands on a page of its own. With the file mapped in 4 KB pages
/// (as it was until stop 20), each such read was mostly a TLB miss too; in 2 MB pages
/// (transparent huge pages, asked for with `MADV_HUGEPAGE`, which the usual kernel
/// setting "madvise" grants) the key look-up's share of extraction's samples fell from
/// 7.8% to 5.4%. The price: the bytes are copied once at load (a mapping of the file
/// would get huge pages, if at all, only later from khugepaged), and processes no
/// longer share them.
///
/// `@unchecked Sendable`: `base` points to memory that nothing writes after `init` (a
/// copy this value owns) and that is released only in `deinit`, so any number of
/// threads may read it at once.
final class IndexBytes: @unchecked Sendable {
    let base: UnsafeRawPointer
    let count: Int
    /// The anonymous mapping that holds the bytes (`base` is its first 2 MB boundary),
    /// or nil for memory from `allocate`.
    private let mapping: (start: UnsafeMutableRawPointer, length: Int)?

    /// The size of a huge page, to which the bytes are aligned.
    private static let hugePage = 2 << 20

    /// Reads the file at `path` into memory of its own (a load checks the checksum
    /// over every byte anyway).
    init(reading path: String) throws(GeotagError) {
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
            mapping = nil
            return
        }
        // A huge page more than needed, so that the bytes can start on a boundary.
        let length = (count + 2 * Self.hugePage - 1) / Self.hugePage * Self.hugePage
        guard let start = mmap(nil, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0), start != MAP_FAILED else {
            throw GeotagError.gazetteer(path: path, reason: "cannot allocate \(length) bytes (\(String(cString: strerror(errno))))")
        }
        mapping = (start, length)
        let aligned = start.alignedUp(toMultipleOf: Self.hugePage)
        // Advice only: where the kernel gives no huge pages, ordinary ones serve.
        _ = madvise(aligned, count, MADV_HUGEPAGE)
        var read = 0
        while read < count {
            let n = pread(fd, aligned + read, count - read, off_t(read))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else {
                munmap(start, length)
                throw GeotagError.gazetteer(path: path, reason: "cannot read (\(n < 0 ? String(cString: strerror(errno)) : "shorter than its size"))")
            }
            read += n
        }
        mprotect(aligned, count, PROT_READ)
        base = UnsafeRawPointer(aligned)
    }

    /// A copy of `bytes`.
    init(copying bytes: [UInt8]) {
        let memory = UnsafeMutableRawPointer.allocate(byteCount: max(bytes.count, 1), alignment: 8)
        bytes.withUnsafeBytes { memory.copyMemory(from: $0.baseAddress ?? UnsafeRawPointer(memory), byteCount: $0.count) }
        base = UnsafeRawPointer(memory)
        count = bytes.count
        mapping = nil
    }

    deinit {
        if let mapping { munmap(mapping.start, mapping.length) } else { base.deallocate() }
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
