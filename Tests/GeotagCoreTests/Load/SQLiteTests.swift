import Testing
@testable import GeotagCore

@Suite struct SQLiteTests {
    private func memory() throws -> SQLite.Connection {
        try SQLite.Connection(path: ":memory:")
    }

    @Test func valuesRoundTripWithTheirTypes() throws {
        let db = try memory()
        try db.execute("CREATE TABLE t (v)")
        let values: [SQLite.Value] = [
            .null, .integer(-42), .integer(Int.max), .real(-3.7), .text(""), .text("a\u{0}b"),
            .text("Dēr ez-Zōr دير الزور 🇮🇶"), .blob([]), .blob([0, 1, 255]),
        ]
        let insert = try db.prepare("INSERT INTO t (v) VALUES (?)")
        for value in values {
            try insert.bind(value, at: 1)
            try insert.run()
        }
        let select = try db.prepare("SELECT v FROM t ORDER BY rowid")
        var read: [SQLite.Value] = []
        while try select.step() { read.append(select.value(at: 0)) }
        #expect(read == values)
    }

    @Test func emptyStringIsNotNull() throws {
        let db = try memory()
        let statement = try db.prepare("SELECT ? IS NULL, length(?)")
        try statement.bind("", at: 1)
        try statement.bind("", at: 2)
        #expect(try statement.step())
        #expect(statement.int(at: 0) == 0)
        #expect(statement.int(at: 1) == 0)
        try statement.reset()
        try statement.bind(nil as String?, at: 1)
        #expect(try statement.step())
        #expect(statement.int(at: 0) == 1)
    }

    /// Texts bound through the statement's row buffer are stored as given, row after
    /// row: empty ones, ones that fill the buffer and ones that no longer fit in it.
    @Test func rowTextIsStoredAsBoundRowAfterRow() throws {
        let db = try memory()
        try db.execute("CREATE TABLE t (a, b, c)")
        let insert = try db.prepare("INSERT INTO t (a, b, c) VALUES (?, ?, ?)")
        // 18 kB: one fits in the 32 kB buffer, a second in the same row does not.
        let long = String(repeating: "Deir ez-Zor ", count: 1_500)
        let rows: [[String]] = [
            ["Mosul", "", "دير الزور"], [long, "Raqqa", long], ["", long + long, "Kirkuk"], ["a", "b", "c"],
        ]
        for row in rows {
            insert.beginRowText()
            for (offset, var text) in row.enumerated() {
                try text.withUTF8 { try insert.bindRowText($0, at: offset + 1) }
            }
            try insert.run()
        }
        let select = try db.prepare("SELECT a, b, c FROM t ORDER BY rowid")
        var read: [[String]] = []
        while try select.step() { read.append((0..<3).map { select.text(at: $0) ?? "NULL" }) }
        #expect(read == rows)
    }

    @Test func transactionCommitsOrRollsBack() throws {
        struct Oops: Error {}
        let db = try memory()
        try db.execute("CREATE TABLE t (v INTEGER)")
        try db.transaction { try db.execute("INSERT INTO t VALUES (1)") }
        #expect(throws: Oops.self) {
            try db.transaction {
                try db.execute("INSERT INTO t VALUES (2)")
                throw Oops()
            }
        }
        #expect(db.isAutocommit)
        let count = try db.prepare("SELECT count(*), sum(v) FROM t")
        try count.step()
        #expect(count.int(at: 0) == 1)
        #expect(count.int(at: 1) == 1)
    }

    @Test func errorsCarrySQLitesMessageAsIOErrors() throws {
        let db = try memory()
        do {
            _ = try db.prepare("SELECT * FROM missing_table")
            Issue.record("prepare should fail")
        } catch let GeotagError.io(path, reason) {
            #expect(path == ":memory:")
            #expect(reason.contains("no such table: missing_table"))
            #expect(reason.contains("SELECT * FROM missing_table"))
        }
        try db.execute("CREATE TABLE t (v INTEGER UNIQUE)")
        try db.execute("INSERT INTO t VALUES (1)")
        let insert = try db.prepare("INSERT INTO t VALUES (1)")
        do {
            try insert.run()
            Issue.record("the insert should fail")
        } catch let GeotagError.io(_, reason) {
            #expect(reason.contains("UNIQUE constraint failed: t.v"))
        }
        #expect(throws: GeotagError.self) { _ = try db.prepare("SELECT 1; SELECT 2") }
        #expect(throws: GeotagError.self) { try db.pragma("user_version; DROP TABLE t") }
    }

    @Test func cachedStatementsAreReusedAndReset() throws {
        let db = try memory()
        let first = try db.cachedStatement("SELECT ?")
        try first.bind(7, at: 1)
        try first.step()
        let again = try db.cachedStatement("SELECT ?")
        #expect(first === again)
        #expect(try again.step())
        #expect(again.isNull(at: 0))  // bindings cleared
    }

    @Test func aReleasedConnectionWithCachedStatementsIsFreed() throws {
        weak var released: SQLite.Connection?
        do {
            let db = try memory()
            _ = try db.cachedStatement("SELECT 1")
            released = db
        }
        #expect(released == nil)
    }

    @Test func closedConnectionRefusesWork() throws {
        let db = try memory()
        let statement = try db.prepare("SELECT 1")
        try db.close()
        try db.close()
        #expect(!db.isOpen)
        #expect(throws: GeotagError.self) { try db.execute("SELECT 1") }
        #expect(throws: GeotagError.self) { try statement.step() }
    }

    @Test func pragmasReadAndSet() throws {
        let db = try memory()
        try db.pragma("user_version", "7")
        #expect(try db.pragma("user_version") == .integer(7))
    }
}
