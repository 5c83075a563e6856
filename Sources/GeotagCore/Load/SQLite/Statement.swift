import CSQLite

extension SQLite {
    /// A compiled SQL statement: bind parameters, step through rows, read columns,
    /// reset and run again.
    ///
    /// Parameter indexes are 1-based and column indexes 0-based, as in SQLite. Text is
    /// bound and read as UTF-8 by its byte count, so strings with NUL characters round
    /// trip and an empty string stays an empty string (not NULL). The statement is
    /// finalized when released; it keeps its connection's `sqlite3` handle open until
    /// then.
    public final class Statement {
        /// The SQL it was compiled from.
        public let sql: String
        /// The `sqlite3_stmt`.
        private let handle: OpaquePointer
        /// The connection's `sqlite3`, kept open while this statement lives.
        private let database: Handle

        /// One row's text, bound by ``bindRowText(_:at:)`` without SQLite's own copy;
        /// made at the first use.
        private var rowText: UnsafeMutableRawBufferPointer?
        /// How much of ``rowText`` the current row holds.
        private var rowTextCount = 0
        /// The size of ``rowText``: a mention row's text (its sentence the most of it)
        /// fits many times over; a longer value is bound with a copy.
        private static let rowTextCapacity = 1 << 15

        init(pointer: OpaquePointer, handle: Handle, sql: String) {
            self.handle = pointer
            self.database = handle
            self.sql = sql
        }

        deinit {
            sqlite3_finalize(handle)
            rowText?.deallocate()
        }

        private func check(_ code: Int32) throws {
            if code != SQLITE_OK { throw database.error(code, sql: sql) }
        }

        // MARK: Binding

        /// Binds an integer to the 1-based parameter `index`.
        public func bind(_ value: Int, at index: Int) throws {
            try check(sqlite3_bind_int64(handle, Int32(index), Int64(value)))
        }

        /// Binds a double to the 1-based parameter `index`.
        public func bind(_ value: Double, at index: Int) throws {
            try check(sqlite3_bind_double(handle, Int32(index), value))
        }

        /// Binds a string (or NULL for nil) to the 1-based parameter `index`; SQLite
        /// copies the bytes.
        public func bind(_ value: String?, at index: Int) throws {
            guard var value else { return try bindNull(at: index) }
            try value.withUTF8 { try bind(utf8: $0, at: index) }
        }

        /// Binds UTF-8 bytes as text, as they are, to the 1-based parameter `index`;
        /// SQLite copies them.
        public func bind(utf8 bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws {
            // An empty buffer may have no address, and a NULL pointer would bind NULL.
            if bytes.isEmpty { return try check(sqlite3_bind_text(handle, Int32(index), "", 0, geotag_sqlite_transient())) }
            guard bytes.count <= Int(Int32.max) else { return try check(SQLITE_TOOBIG) }
            try check(bytes.withMemoryRebound(to: CChar.self) { chars in
                sqlite3_bind_text(handle, Int32(index), chars.baseAddress, Int32(chars.count), geotag_sqlite_transient())
            })
        }

        /// Starts a new row of ``bindRowText(_:at:)``: the bytes of the row before are
        /// overwritten, so every parameter bound that way must be bound again before the
        /// statement steps.
        public func beginRowText() {
            rowTextCount = 0
        }

        /// Binds UTF-8 bytes as text to the 1-based parameter `index`, copied into the
        /// statement's own buffer, which SQLite reads in place (`SQLITE_STATIC`) instead
        /// of making a copy of its own: a loader binds a dozen texts for each of millions
        /// of rows, and SQLite's copies were a `malloc`, a copy and a `free` each. The
        /// bytes stay there until ``beginRowText()``; what does not fit is bound with
        /// a copy (``bind(utf8:at:)``).
        public func bindRowText(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) throws {
            guard !bytes.isEmpty, bytes.count <= Self.rowTextCapacity - rowTextCount else { return try bind(utf8: bytes, at: index) }
            let buffer = rowText ?? {
                let made = UnsafeMutableRawBufferPointer.allocate(byteCount: Self.rowTextCapacity, alignment: 1)
                rowText = made
                return made
            }()
            let start = buffer.baseAddress! + rowTextCount
            start.copyMemory(from: bytes.baseAddress!, byteCount: bytes.count)
            rowTextCount += bytes.count
            try check(sqlite3_bind_text(handle, Int32(index), start.assumingMemoryBound(to: CChar.self), Int32(bytes.count), nil))
        }

        /// Binds bytes as a BLOB to the 1-based parameter `index`; SQLite copies them.
        public func bind(blob: [UInt8], at index: Int) throws {
            guard !blob.isEmpty else { return try check(sqlite3_bind_zeroblob(handle, Int32(index), 0)) }
            guard blob.count <= Int(Int32.max) else { return try check(SQLITE_TOOBIG) }
            let code = blob.withUnsafeBytes { bytes in
                sqlite3_bind_blob(handle, Int32(index), bytes.baseAddress, Int32(bytes.count), geotag_sqlite_transient())
            }
            try check(code)
        }

        /// Binds NULL to the 1-based parameter `index`.
        public func bindNull(at index: Int) throws {
            try check(sqlite3_bind_null(handle, Int32(index)))
        }

        /// Binds any ``Value`` to the 1-based parameter `index`.
        public func bind(_ value: Value, at index: Int) throws {
            switch value {
            case .null: try bindNull(at: index)
            case let .integer(n): try bind(n, at: index)
            case let .real(x): try bind(x, at: index)
            case let .text(s): try bind(s, at: index)
            case let .blob(b): try bind(blob: b, at: index)
            }
        }

        /// Binds `values` to consecutive parameters, the first at `index`.
        public func bind(_ values: [Value], from index: Int = 1) throws {
            for (offset, value) in values.enumerated() { try bind(value, at: index + offset) }
        }

        /// Sets every parameter back to NULL.
        public func clearBindings() {
            sqlite3_clear_bindings(handle)
        }

        // MARK: Running

        /// Advances to the next row: true when a row is ready to read, false when the
        /// statement has finished.
        @discardableResult
        public func step() throws -> Bool {
            _ = try database.open()
            switch sqlite3_step(handle) {
            case SQLITE_ROW: return true
            case SQLITE_DONE: return false
            case let code:
                // Reset returns the same error; call it so the statement can run again.
                sqlite3_reset(handle)
                throw database.error(code, sql: sql)
            }
        }

        /// Runs the statement to its end, ignoring any rows, and resets it; returns the
        /// number of rows it changed (for `INSERT`, `UPDATE`, `DELETE`).
        @discardableResult
        public func run() throws -> Int {
            while try step() {}
            let changed = database.changes
            try reset()
            return changed
        }

        /// Rewinds the statement so it can run again; bindings are kept.
        public func reset() throws {
            try check(sqlite3_reset(handle))
        }

        // MARK: Reading the current row

        /// The number of columns in a row.
        public var columnCount: Int { Int(sqlite3_column_count(handle)) }

        /// The name of the 0-based column `index`.
        public func columnName(at index: Int) -> String {
            sqlite3_column_name(handle, Int32(index)).map { String(cString: $0) } ?? ""
        }

        /// Whether the 0-based column `index` of the current row is NULL.
        public func isNull(at index: Int) -> Bool {
            storageClass(at: index) == .null
        }

        /// The 0-based column `index` as an integer (0 for NULL).
        public func int(at index: Int) -> Int {
            Int(sqlite3_column_int64(handle, Int32(index)))
        }

        /// The 0-based column `index` as a double (0 for NULL).
        public func double(at index: Int) -> Double {
            sqlite3_column_double(handle, Int32(index))
        }

        /// The 0-based column `index` as text, nil for NULL.
        public func text(at index: Int) -> String? {
            withText(at: index) { $0.map { String(decoding: $0, as: UTF8.self) } }
        }

        /// The storage class of the 0-based column `index` of the current row.
        public func storageClass(at index: Int) -> StorageClass {
            switch sqlite3_column_type(handle, Int32(index)) {
            case SQLITE_INTEGER: .integer
            case SQLITE_FLOAT: .real
            case SQLITE_TEXT: .text
            case SQLITE_BLOB: .blob
            default: .null
            }
        }

        /// Calls `body` with the UTF-8 bytes of the 0-based column `index` as text, in
        /// place (valid until the next step), nil for NULL: no `String` is made.
        public func withText<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>?) throws -> R) rethrows -> R {
            // Per SQLite's rules: ask for the text first, then its byte count.
            guard let bytes = sqlite3_column_text(handle, Int32(index)) else { return try body(nil) }
            return try body(UnsafeBufferPointer(start: bytes, count: Int(sqlite3_column_bytes(handle, Int32(index)))))
        }

        /// Calls `body` with the bytes of the 0-based column `index` as a blob, in place
        /// (valid until the next step); empty for NULL.
        public func withBlob<R>(at index: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            // Per SQLite's rules: ask for the blob first, then its byte count.
            let pointer = sqlite3_column_blob(handle, Int32(index))
            let count = Int(sqlite3_column_bytes(handle, Int32(index)))
            guard let pointer, count > 0 else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
            return try body(UnsafeBufferPointer(start: pointer.assumingMemoryBound(to: UInt8.self), count: count))
        }

        /// The 0-based column `index` as bytes, nil for NULL.
        public func blob(at index: Int) -> [UInt8]? {
            isNull(at: index) ? nil : withBlob(at: index) { Array($0) }
        }

        /// The 0-based column `index` as the ``Value`` of its storage class.
        public func value(at index: Int) -> Value {
            switch storageClass(at: index) {
            case .integer: .integer(int(at: index))
            case .real: .real(double(at: index))
            case .text: text(at: index).map(Value.text) ?? .null
            case .blob: .blob(blob(at: index) ?? [])
            case .null: .null
            }
        }
    }
}

/// A statement belongs to its connection's thread; see ``SQLite``.
@available(*, unavailable)
extension SQLite.Statement: Sendable {}
