import Foundation

/// The few POSIX file operations the file source needs, with failures reported as the
/// system's own short reason ("Permission denied", "Is a directory") so a `failures`
/// row says plainly why a file could not be read.
enum FileSystem {
    /// What a path names on disk.
    enum EntryKind: Equatable {
        /// A regular file, a link to one, a dangling link or anything else that is not a
        /// folder: reading it tells whether it can be read.
        case file
        /// A folder reached without following a symbolic link.
        case folder
        /// A symbolic link to a folder. Walks do not enter these, so a link cycle cannot
        /// make a walk endless; a path that names one explicitly does enter it.
        case linkedFolder
        case missing
    }

    /// What `path` names.
    static func kind(of path: String) -> EntryKind {
        var info = stat()
        guard lstat(path, &info) == 0 else { return .missing }
        if info.st_mode & S_IFMT == S_IFDIR { return .folder }
        guard info.st_mode & S_IFMT == S_IFLNK else { return .file }
        var target = stat()
        if stat(path, &target) == 0, target.st_mode & S_IFMT == S_IFDIR { return .linkedFolder }
        return .file
    }

    /// The names in the folder at `path`, without `.` and `..`, in no particular order.
    static func names(inFolder path: String) throws(DocumentError) -> [String] {
        guard let folder = opendir(path) else { throw DocumentError(systemReason()) }
        defer { closedir(folder) }
        var names: [String] = []
        // The name is read in place, up to its NUL: an entry is only as long as its
        // name, and copying `d_name` whole (256 bytes) read past the last entry of
        // readdir's buffer (AddressSanitizer, on a folder of 3,000 files).
        let nameOffset = MemoryLayout<dirent>.offset(of: \.d_name)!
        while let entry = readdir(folder) {
            let name = String(cString: (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self))
            if name != ".", name != ".." { names.append(name) }
        }
        return names
    }

    /// The bytes of the file at `path`; when it holds more than `limit` bytes, throws
    /// `tooLarge(size)` after reading no more than `limit` + 64 KiB of it.
    ///
    /// The bytes are read straight into an array of the size `fstat` gives, plus one
    /// byte to see the end. Read through a 64 KiB chunk into an array that grew by
    /// doubling, a 46 MB corpus part was copied about three times over. A file longer
    /// than `fstat` said (one that grows, a pipe, a file under /proc) is read on in chunks.
    static func contents(ofFile path: String, limit: Int? = nil, tooLarge: (Int) -> String = { "\($0) bytes" }) throws(DocumentError) -> [UInt8] {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw DocumentError(systemReason()) }
        defer { close(descriptor) }
        var status = stat()
        let size = fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0
        if let limit, size > limit { throw DocumentError(tooLarge(size)) }
        var bytes = try readBytes(from: descriptor, upTo: size + 1)
        // A read that filled all it asked for may not have reached the end.
        var more = bytes.count == size + 1
        while true {
            if let limit, bytes.count > limit {
                throw DocumentError(tooLarge(max(fstat(descriptor, &status) == 0 ? Int(status.st_size) : 0, bytes.count)))
            }
            guard more else { return bytes }
            let chunk = try readBytes(from: descriptor, upTo: 1 << 16)
            bytes += chunk
            more = chunk.count == 1 << 16
        }
    }

    /// Up to `count` bytes (at least one) read from `descriptor` straight into an
    /// array; fewer only at the end of the file.
    private static func readBytes(from descriptor: Int32, upTo count: Int) throws(DocumentError) -> [UInt8] {
        var failure: DocumentError?
        let bytes = [UInt8](unsafeUninitializedCapacity: count) { buffer, filled in
            filled = 0
            while filled < buffer.count {
                let n = read(descriptor, buffer.baseAddress! + filled, buffer.count - filled)
                if n > 0 {
                    filled += n
                } else if n == 0 {
                    return
                } else if errno != EINTR {
                    failure = DocumentError(systemReason())
                    return
                }
            }
        }
        if let failure { throw failure }
        return bytes
    }

    /// The text of the current `errno`.
    private static func systemReason() -> String {
        String(cString: strerror(errno))
    }
}
