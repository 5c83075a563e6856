import CSQLite

extension SQLite {
    /// One open SQLite database: the owner of a `sqlite3` handle.
    ///
    /// Owned by one thread (see ``SQLite``); it is deliberately not `Sendable`. The
    /// handle is closed with `sqlite3_close_v2` by ``close()`` or, failing that, when
    /// the connection is released; statements still alive keep the handle open until
    /// they are finalized.
    public final class Connection {
        /// The file it was opened on, as given; used in error messages.
        public var path: String { handle.path }
        /// The `sqlite3` handle, shared with the statements prepared on it.
        let handle: Handle
        /// Statements kept prepared for reuse, by their SQL.
        private var cache: [String: Statement] = [:]

        /// Opens (and with ``OpenFlags/create``, creates) the database at `path`.
        ///
        /// Extended result codes are on, and a busy handler waits up to
        /// `busyTimeoutMilliseconds` for another connection's lock before failing.
        public init(path: String, flags: OpenFlags = .writer, busyTimeoutMilliseconds: Int32 = 5_000) throws {
            _ = SQLite.configureOnce
            var db: OpaquePointer?
            let code = sqlite3_open_v2(path, &db, flags.rawValue, nil)
            guard code == SQLITE_OK, let db else {
                let error = SQLite.error(path: path, handle: db, code: code, sql: nil)
                sqlite3_close_v2(db)
                throw error
            }
            handle = Handle(path: path, pointer: db)
            sqlite3_extended_result_codes(db, 1)
            sqlite3_busy_timeout(db, busyTimeoutMilliseconds)
        }

        /// Whether ``close()`` has not been called yet.
        public var isOpen: Bool { handle.pointer != nil }

        /// Finalizes the cached statements and closes the handle. Statements the
        /// caller still holds are finalized when released (SQLite keeps the handle as a
        /// zombie until then) and refuse to run in the meantime. Calling it again does
        /// nothing. A connection released without it is closed all the same.
        public func close() throws {
            cache.removeAll()
            try handle.close()
        }

        /// Runs one or more SQL statements that return no rows of interest (schema,
        /// `BEGIN`/`COMMIT`, `PRAGMA` settings).
        public func execute(_ sql: String) throws {
            let db = try handle.open()
            var message: UnsafeMutablePointer<CChar>?
            let code = sqlite3_exec(db, sql, nil, nil, &message)
            defer { sqlite3_free(message) }
            if code != SQLITE_OK { throw handle.error(code, sql: sql) }
        }

        /// Compiles exactly one SQL statement. Text after the first statement is an
        /// error rather than silently ignored.
        public func prepare(_ sql: String) throws -> Statement {
            try prepare(sql, flags: 0)
        }

        /// A statement for `sql` that stays prepared on this connection: the first call
        /// compiles it, later calls hand back the same statement, reset and with its
        /// bindings cleared. Meant for the statements a batch runs again and again; do
        /// not step two uses of the same SQL at once.
        public func cachedStatement(_ sql: String) throws -> Statement {
            if let statement = cache[sql] {
                try statement.reset()
                statement.clearBindings()
                return statement
            }
            let statement = try prepare(sql, flags: UInt32(SQLITE_PREPARE_PERSISTENT))
            cache[sql] = statement
            return statement
        }

        private func prepare(_ sql: String, flags: UInt32) throws -> Statement {
            let db = try handle.open()
            var statement: OpaquePointer?
            var rest = ""
            let code = sql.withCString { text -> Int32 in
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v3(db, text, -1, flags, &statement, &tail)
                if let tail { rest = String(cString: tail) }
                return code
            }
            guard code == SQLITE_OK else { throw handle.error(code, sql: sql) }
            guard let statement else {
                throw GeotagError.io(path: path, reason: "SQLite: no statement in SQL (in: \(sql.prefix(120)))")
            }
            guard rest.allSatisfy({ $0.isWhitespace || $0 == ";" }) else {
                sqlite3_finalize(statement)
                throw GeotagError.io(path: path, reason: "SQLite: more than one statement given to prepare (in: \(sql.prefix(120)))")
            }
            return Statement(pointer: statement, handle: handle, sql: sql)
        }

        /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`, so the write lock is
        /// taken up front rather than failing half-way): commits when it returns,
        /// rolls back when it, or the commit, throws. Transactions do not nest.
        @discardableResult
        public func transaction<T>(_ body: () throws -> T) throws -> T {
            try execute("BEGIN IMMEDIATE")
            do {
                let result = try body()
                try execute("COMMIT")
                return result
            } catch {
                if let db = handle.pointer, sqlite3_get_autocommit(db) == 0 {
                    // Best effort: the original error is the one worth reporting.
                    sqlite3_exec(db, "ROLLBACK", nil, nil, nil)
                }
                throw error
            }
        }

        /// Reads `PRAGMA name`, or sets it with `PRAGMA name = value`, and returns the
        /// first column of the first row it yields (nil when it yields none).
        ///
        /// `name` must be a plain pragma name (letters, digits, `_`); `value` is put
        /// into the SQL as given, so pass only literals the code itself chooses.
        @discardableResult
        public func pragma(_ name: String, _ value: String? = nil) throws -> Value? {
            let plain = name.utf8.allSatisfy { byte in
                (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte | 0x20) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "_")
            }
            guard !name.isEmpty, plain else {
                throw GeotagError.io(path: path, reason: "SQLite: not a pragma name: \(name)")
            }
            let statement = try prepare(value.map { "PRAGMA \(name) = \($0)" } ?? "PRAGMA \(name)")
            var first: Value?
            while try statement.step() {
                if first == nil, statement.columnCount > 0 { first = statement.value(at: 0) }
            }
            return first
        }

        /// Rows changed by the most recent `INSERT`, `UPDATE` or `DELETE`.
        public var changes: Int { handle.changes }

        /// The rowid of the most recent successful `INSERT`.
        public var lastInsertRowID: Int {
            handle.pointer.map { Int(sqlite3_last_insert_rowid($0)) } ?? 0
        }

        /// Whether no transaction is open.
        public var isAutocommit: Bool {
            handle.pointer.map { sqlite3_get_autocommit($0) != 0 } ?? true
        }
    }
}

extension SQLite {
    /// Owns the `sqlite3` pointer and closes it when the connection and every
    /// statement prepared on it are gone. Statements hold this, not the
    /// ``Connection``, so that the connection's statement cache makes no cycle.
    final class Handle {
        let path: String
        private(set) var pointer: OpaquePointer?

        init(path: String, pointer: OpaquePointer) {
            self.path = path
            self.pointer = pointer
        }

        deinit {
            if let pointer { sqlite3_close_v2(pointer) }
        }

        /// The open pointer, or an error once the connection was closed.
        func open() throws -> OpaquePointer {
            guard let pointer else { throw GeotagError.io(path: path, reason: "SQLite connection already closed") }
            return pointer
        }

        func close() throws {
            guard let pointer else { return }
            self.pointer = nil
            let code = sqlite3_close_v2(pointer)
            if code != SQLITE_OK { throw SQLite.error(path: path, handle: nil, code: code, sql: nil) }
        }

        /// The error SQLite reported for `code`, with the failing SQL.
        func error(_ code: Int32, sql: String?) -> GeotagError {
            SQLite.error(path: path, handle: pointer, code: code, sql: sql)
        }

        /// Rows changed by the most recent `INSERT`, `UPDATE` or `DELETE`.
        var changes: Int {
            pointer.map { Int(sqlite3_changes64($0)) } ?? 0
        }
    }
}

/// A connection belongs to one thread; see ``SQLite``.
@available(*, unavailable)
extension SQLite.Connection: Sendable {}
