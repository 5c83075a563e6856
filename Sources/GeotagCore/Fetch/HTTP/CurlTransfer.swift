import CCurl
import Foundation

/// One libcurl easy handle: it performs one HTTP GET at a time and keeps its
/// connections and DNS cache between them (`curl_easy_reset` keeps both), so a thread
/// that fetches many pages from one host reuses its connection.
///
/// A handle belongs to the thread that made it: each fetch thread creates its own, uses
/// it for every transfer, and drops it when it ends. It is therefore neither `Sendable`
/// nor shared, and needs no lock.
final class CurlTransfer {
    /// What one attempt asks for.
    struct Request {
        var url: String
        /// Extra request headers, `Name: value`.
        var headers: [String] = []
        var userAgent: String
        /// The whole transfer, connection included, must end within this.
        var timeoutSeconds: Double
        /// The largest body accepted, counted after content decoding.
        var maxBytes: Int
    }

    /// What one attempt got: a complete HTTP response, or the reason there is none.
    enum Outcome {
        case response(status: Int, headers: HTTPHeaders, body: [UInt8])
        case failed(TransferError)
    }

    /// Why an attempt ended without a usable response.
    enum TransferError: Equatable {
        /// The total timeout passed (connecting, waiting or reading a slow body).
        case timedOut
        /// The body, after gzip/deflate/br decoding, passed `max_bytes`. `encoded` is
        /// the `Content-Encoding` when there was one: a small body that inflates past
        /// the cap is a decompression bomb.
        case tooLarge(encoded: String?)
        /// A network error worth trying again (refused, reset, nothing received).
        case transient(String)
        /// An error that a retry will not fix (TLS, a bad URL, a protocol violation).
        case permanent(String)
    }

    private let handle: UnsafeMutableRawPointer
    private let errorBuffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)

    init() {
        _ = Self.globalInit
        guard let handle = curl_easy_init() else { fatalError("curl_easy_init failed: out of memory") }
        self.handle = handle
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// `curl_global_init`, once per process before the first handle.
    private static let globalInit: Void = {
        let code = curl_global_init(Int(CURL_GLOBAL_DEFAULT))
        precondition(code == CURLE_OK, "curl_global_init failed: \(code)")
    }()

    /// Performs one GET of `request.url` without following redirects (the client follows
    /// them itself, to check each hop).
    func perform(_ request: Request) -> Outcome {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        let sink = Sink(maxBytes: request.maxBytes)
        var headerList: UnsafeMutablePointer<curl_slist>?
        for header in request.headers { headerList = curl_slist_append(headerList, header) }
        defer { curl_slist_free_all(headerList) }

        let context = Unmanaged.passUnretained(sink).toOpaque()
        let timeout = max(1, Int(request.timeoutSeconds * 1000))
        var setup = [
            geotag_curl_setopt_string(handle, CURLOPT_URL, request.url),
            // Only HTTP(S), for the request and any redirect libcurl might see: never
            // file:, ftp:, gopher: or the rest.
            geotag_curl_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https"),
            geotag_curl_setopt_string(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"),
            geotag_curl_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0),
            // Signals and threads do not mix; timeouts then rely on the threaded resolver.
            geotag_curl_setopt_long(handle, CURLOPT_NOSIGNAL, 1),
            geotag_curl_setopt_long(handle, CURLOPT_TIMEOUT_MS, timeout),
            geotag_curl_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, min(timeout, 10_000)),
            geotag_curl_setopt_string(handle, CURLOPT_USERAGENT, request.userAgent),
            // The empty string offers every encoding this libcurl decodes (gzip, deflate,
            // br, zstd) and has libcurl decode the body before the write callback.
            geotag_curl_setopt_string(handle, CURLOPT_ACCEPT_ENCODING, ""),
            // Refuses at once a response whose Content-Length is over the cap.
            geotag_curl_setopt_offset(handle, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(request.maxBytes)),
            geotag_curl_setopt_slist(handle, CURLOPT_HTTPHEADER, headerList),
            geotag_curl_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer),
            geotag_curl_setopt_write_function(handle, CURLOPT_WRITEFUNCTION, curlWriteBody),
            geotag_curl_setopt_pointer(handle, CURLOPT_WRITEDATA, context),
            geotag_curl_setopt_write_function(handle, CURLOPT_HEADERFUNCTION, curlWriteHeader),
            geotag_curl_setopt_pointer(handle, CURLOPT_HEADERDATA, context),
        ]
        setup.removeAll { $0 == CURLE_OK }
        if let code = setup.first { return .failed(.permanent("cannot set up the request: \(Self.describe(code))")) }

        let code = withExtendedLifetime(sink) { curl_easy_perform(handle) }
        if sink.exceeded { return .failed(.tooLarge(encoded: sink.headers.contentEncoding)) }
        guard code == CURLE_OK else { return .failed(error(for: code)) }
        var status = 0
        _ = geotag_curl_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return .response(status: status, headers: sink.headers, body: sink.body)
    }

    /// The error of a failed `curl_easy_perform`.
    private func error(for code: CURLcode) -> TransferError {
        let detail = errorBuffer[0] == 0 ? Self.describe(code) : String(cString: errorBuffer)
        switch code {
        case CURLE_OPERATION_TIMEDOUT:
            return .timedOut
        case CURLE_FILESIZE_EXCEEDED:
            return .tooLarge(encoded: nil)
        // A garbled reply (CURLE_WEIRD_SERVER_REPLY) is most often a reused keep-alive
        // connection left dirty by the previous response: worth one more try.
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_CONNECT, CURLE_SEND_ERROR, CURLE_RECV_ERROR,
             CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE, CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_WEIRD_SERVER_REPLY:
            return .transient(detail)
        default:
            return .permanent(detail)
        }
    }

    private static func describe(_ code: CURLcode) -> String {
        String(cString: curl_easy_strerror(code))
    }

    /// Where the callbacks put what arrives; lives for one `perform`, on its thread.
    fileprivate final class Sink {
        let maxBytes: Int
        var body: [UInt8] = []
        var headers = HTTPHeaders()
        /// Set when the decoded body passed `maxBytes`; the transfer was aborted.
        var exceeded = false

        init(maxBytes: Int) { self.maxBytes = maxBytes }
    }
}

/// libcurl's write callback: appends decoded body bytes, or aborts the transfer (by
/// taking fewer bytes than given) once they would pass the cap.
private func curlWriteBody(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context, let data else { return 0 }
    let sink = Unmanaged<CurlTransfer.Sink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    if sink.body.count + length > sink.maxBytes {
        sink.exceeded = true
        return 0
    }
    data.withMemoryRebound(to: UInt8.self, capacity: length) { sink.body.append(contentsOf: UnsafeBufferPointer(start: $0, count: length)) }
    return length
}

/// libcurl's header callback: one header line at a time. A status line starts a new
/// header block (after `100 Continue`, say), so only the last response's headers stay.
private func curlWriteHeader(_ data: UnsafeMutablePointer<CChar>?, _ size: Int, _ count: Int, _ context: UnsafeMutableRawPointer?) -> Int {
    guard let context, let data else { return 0 }
    let sink = Unmanaged<CurlTransfer.Sink>.fromOpaque(context).takeUnretainedValue()
    let length = size * count
    let line = data.withMemoryRebound(to: UInt8.self, capacity: length) {
        String(decoding: UnsafeBufferPointer(start: $0, count: length), as: UTF8.self)
    }
    if line.hasPrefix("HTTP/") {
        sink.headers = HTTPHeaders()
    } else {
        sink.headers.append(line: line)
    }
    return length
}
