import CZlib
import Foundation
@testable import GeotagCore

/// Runs `work` on a thread of its own and waits for it without holding one of the
/// cooperative threads, which the in-process loopback server needs to answer.
func offThePool<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try work() }) }.start()
    }
}

/// Fetch settings for tests: short timeouts and backoffs so failures are quick.
func testFetchConfig(timeout: Double = 5, retries: Int = 1, maxBytes: Int = 1_000_000, cacheDir: String = "/nonexistent") -> FetchConfig {
    var config = FetchConfig(version: "test", relativeTo: "/")
    config.timeoutSeconds = timeout
    config.retries = retries
    config.maxBytes = maxBytes
    config.backoffSeconds = 0.05
    config.cacheDir = ConfigPath(cacheDir, relativeTo: "/")
    return config
}

/// GETs `url` with a client of `config`'s policy on a thread of its own.
func fetch(_ url: String, config: FetchConfig = testFetchConfig(), validators: Validators? = nil) async throws -> HTTPResult {
    let client = HTTPClient(policy: HTTPPolicy(config))
    return try await offThePool { client.get(url, validators: validators, using: CurlTransfer()) }
}

extension HTTPResult {
    /// The response of a 2xx, nil otherwise.
    var ok: HTTPResponse? {
        if case let .ok(response) = self { return response }
        return nil
    }

    /// The failure reason, nil when the fetch did not fail.
    var failure: String? {
        if case let .failed(reason, _) = self { return reason }
        return nil
    }

    var isNotModified: Bool {
        if case .notModified = self { return true }
        return false
    }
}

/// zlib compression for the loopback server's encoded bodies.
enum Compression {
    /// `bytes` in gzip format (`gzip: true`) or as a zlib stream (HTTP's `deflate`).
    static func compress(_ bytes: [UInt8], gzip: Bool) -> [UInt8] {
        var stream = z_stream()
        let windowBits: Int32 = gzip ? 31 : 15
        guard deflateInit2_(&stream, 9, Z_DEFLATED, windowBits, 8, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            fatalError("deflateInit2 failed")
        }
        defer { deflateEnd(&stream) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, UInt(bytes.count))) + 64)
        let produced = input.withUnsafeMutableBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                stream.next_in = source.baseAddress
                stream.avail_in = UInt32(source.count)
                stream.next_out = target.baseAddress
                stream.avail_out = UInt32(target.count)
                precondition(deflate(&stream, Z_FINISH) == Z_STREAM_END, "deflate did not finish")
                return target.count - Int(stream.avail_out)
            }
        }
        return Array(output.prefix(produced))
    }
}
