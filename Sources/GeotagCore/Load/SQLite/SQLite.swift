import CSQLite

/// A small, honest wrapper over the SQLite C API: a ``Connection`` that owns one
/// `sqlite3` handle and the ``Statement``s prepared on it.
///
/// Every failure becomes ``GeotagError/io(path:reason:)`` (exit code 4) whose reason
/// carries SQLite's own message, its extended result code and the SQL that failed.
///
/// Nothing here is `Sendable`: a connection and its statements belong to the one
/// thread that uses them (the pipeline's single writer thread, or the command that
/// opened it). SQLite is opened in multi-thread mode (`SQLITE_OPEN_NOMUTEX`), which is
/// safe exactly under that rule and skips SQLite's per-call mutex.
public enum SQLite {}

extension SQLite {
    /// Process-wide settings, made once before the first connection opens: SQLite's
    /// memory statistics off. With them on, each allocation SQLite makes takes a global
    /// mutex and asks the allocator for the block's size (`malloc_usable_size`): about
    /// 5% of the writer thread's time while a run loads. Nothing here reads them
    /// (`sqlite3_memory_used`, a soft heap limit).
    static let configureOnce: Void = { _ = geotag_sqlite_config_memstatus(0) }()

    /// The storage class of a value in a row (SQLite's datatypes).
    public enum StorageClass: Sendable {
        case null, integer, real, text, blob
    }

    /// A value as SQLite stores it (its five storage classes).
    public enum Value: Sendable, Equatable {
        case null
        case integer(Int)
        case real(Double)
        case text(String)
        case blob([UInt8])
    }

    /// How to open a database file (`SQLITE_OPEN_*`).
    public struct OpenFlags: OptionSet, Sendable {
        /// The `SQLITE_OPEN_*` bits.
        public let rawValue: Int32
        /// Flags from `SQLITE_OPEN_*` bits.
        public init(rawValue: Int32) { self.rawValue = rawValue }

        /// Open for reading only.
        public static let readOnly = OpenFlags(rawValue: SQLITE_OPEN_READONLY)
        /// Open for reading and writing.
        public static let readWrite = OpenFlags(rawValue: SQLITE_OPEN_READWRITE)
        /// Create the file when it does not exist (with ``readWrite``).
        public static let create = OpenFlags(rawValue: SQLITE_OPEN_CREATE)
        /// Multi-thread mode: no per-connection mutex; the connection must not be used
        /// by two threads at once (this wrapper's rule anyway).
        public static let noMutex = OpenFlags(rawValue: SQLITE_OPEN_NOMUTEX)

        /// What a writer wants: read-write, created if missing, no mutex.
        public static let writer: OpenFlags = [.readWrite, .create, .noMutex]
        /// What an exporter or an inspection wants.
        public static let reader: OpenFlags = [.readOnly, .noMutex]
    }

    /// `name` quoted as an SQL identifier (`"end"`), safe for any name.
    public static func quote(_ name: String) -> String {
        // Foundation's replacingOccurrences only where there is something to replace:
        // statements are built per article (their text is the statement cache's key).
        guard name.utf8.contains(UInt8(ascii: "\"")) else { return "\"" + name + "\"" }
        return "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// The error for a failed call: SQLite's message (from the connection when there
    /// is one, else the generic text of `code`), the code and the SQL.
    static func error(path: String, handle: OpaquePointer?, code: Int32, sql: String?) -> GeotagError {
        let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
        var reason = "SQLite error \(code): \(message)"
        if let sql {
            let oneLine = sql.split(whereSeparator: \.isNewline).joined(separator: " ")
            reason += " (in: \(oneLine.prefix(120)))"
        }
        return GeotagError.io(path: path, reason: reason)
    }
}
