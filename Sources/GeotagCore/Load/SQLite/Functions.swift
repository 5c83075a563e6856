import CSQLite

extension SQLite.Connection {
    /// The body of a scalar SQL function: the argument values in, the result out.
    public typealias ScalarFunction = ([SQLite.Value]) -> SQLite.Value
    /// The body of a scalar SQL function of one BLOB: its bytes in (valid for the call
    /// only), the result out.
    public typealias BlobFunction = (UnsafeRawBufferPointer) -> SQLite.Value

    /// Defines (or redefines) the scalar SQL function `name` of `arguments` arguments
    /// on this connection, as triggers and statements then call it.
    ///
    /// A deterministic function is also declared innocuous (it reads and changes
    /// nothing), so that SQLite lets triggers and views in the schema use it.
    public func defineFunction(
        _ name: String, arguments: Int, deterministic: Bool = true, _ body: @escaping ScalarFunction
    ) throws {
        try define(name, arguments: arguments, deterministic: deterministic, .values(body))
    }

    /// Defines the scalar SQL function `name` of one BLOB argument, called without
    /// copying the argument: for functions that run on every row written, such as the
    /// GeoPackage R-tree triggers' `ST_MinX`. A NULL or non-BLOB argument gives NULL
    /// without calling `body`.
    public func defineBlobFunction(_ name: String, deterministic: Bool = true, _ body: @escaping BlobFunction) throws {
        try define(name, arguments: 1, deterministic: deterministic, .blob(body))
    }

    private func define(_ name: String, arguments: Int, deterministic: Bool, _ body: FunctionBox.Body) throws {
        let db = try handle.open()
        var flags = SQLITE_UTF8
        if deterministic { flags |= SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS }
        // SQLite keeps the box until the function is replaced or the connection closes,
        // and then calls the destructor, which releases it (also when this call fails).
        let box = Unmanaged.passRetained(FunctionBox(body)).toOpaque()
        let code = sqlite3_create_function_v2(
            db, name, Int32(arguments), flags, box,
            { context, count, values in
                guard let context, let data = sqlite3_user_data(context) else { return }
                let function = Unmanaged<FunctionBox>.fromOpaque(data).takeUnretainedValue()
                switch function.body {
                case let .values(body):
                    let arguments = (0..<Int(count)).map { SQLite.Value(values?[$0]) }
                    SQLite.Value.setResult(body(arguments), of: context)
                case let .blob(body):
                    let argument = count == 1 ? values?[0] : nil
                    guard sqlite3_value_type(argument) == SQLITE_BLOB else { return sqlite3_result_null(context) }
                    // Ask for the bytes first, then their count (SQLite's rule).
                    let bytes = sqlite3_value_blob(argument)
                    let size = Int(sqlite3_value_bytes(argument))
                    SQLite.Value.setResult(body(UnsafeRawBufferPointer(start: size > 0 ? bytes : nil, count: size)), of: context)
                }
            },
            nil, nil,
            { data in
                if let data { Unmanaged<FunctionBox>.fromOpaque(data).release() }
            })
        if code != SQLITE_OK { throw handle.error(code, sql: "(defining the function \(name))") }
    }
}

/// Holds a function's body for SQLite, which keeps only a raw pointer to it.
private final class FunctionBox {
    enum Body {
        case values(SQLite.Connection.ScalarFunction)
        case blob(SQLite.Connection.BlobFunction)
    }

    let body: Body
    init(_ body: Body) { self.body = body }
}

extension SQLite.Value {
    /// An argument of a function call, by its storage class.
    fileprivate init(_ value: OpaquePointer?) {
        switch sqlite3_value_type(value) {
        case SQLITE_INTEGER: self = .integer(Int(sqlite3_value_int64(value)))
        case SQLITE_FLOAT: self = .real(sqlite3_value_double(value))
        case SQLITE_TEXT:
            let count = Int(sqlite3_value_bytes(value))
            self = sqlite3_value_text(value).map { .text(String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self)) } ?? .null
        case SQLITE_BLOB:
            let count = Int(sqlite3_value_bytes(value))
            guard let bytes = sqlite3_value_blob(value), count > 0 else { self = .blob([]); return }
            self = .blob(Array(UnsafeRawBufferPointer(start: bytes, count: count)))
        default: self = .null
        }
    }

    /// Makes `value` the result of the function call `context`.
    fileprivate static func setResult(_ value: SQLite.Value, of context: OpaquePointer) {
        switch value {
        case .null: sqlite3_result_null(context)
        case let .integer(n): sqlite3_result_int64(context, Int64(n))
        case let .real(x): sqlite3_result_double(context, x)
        case .text(""):
            sqlite3_result_text(context, "", 0, geotag_sqlite_transient())
        case var .text(s):
            s.withUTF8 { bytes in
                bytes.withMemoryRebound(to: CChar.self) {
                    sqlite3_result_text(context, $0.baseAddress, Int32($0.count), geotag_sqlite_transient())
                }
            }
        case let .blob(bytes):
            bytes.withUnsafeBytes { sqlite3_result_blob(context, $0.baseAddress, Int32($0.count), geotag_sqlite_transient()) }
        }
    }
}
