/// The rules of one `robots.txt` that apply to one crawler, as RFC 9309 defines them.
///
/// - Groups start with one or more `User-agent:` lines and hold `Allow:` and
///   `Disallow:` rules. The crawler takes every group that names its product token
///   (case-insensitive, `geotag` for a User-Agent of `geotag/1.0 (...)`); when none
///   does, the groups of `*`; when there are none either, everything is allowed.
/// - Of the rules whose pattern matches a URL's path and query, the longest pattern
///   wins; between an `Allow` and a `Disallow` of the same length, `Allow`. `*` matches
///   any run of characters and a final `$` ends the match; otherwise a pattern matches
///   a prefix.
/// - Other lines (`Sitemap:`, `Crawl-delay:`, comments, nonsense) are skipped, and only
///   the first 500 KiB are read, as the RFC allows. `/robots.txt` itself is always
///   allowed.
public struct RobotsTxt: Sendable, Equatable {
    /// One `Allow` or `Disallow` line.
    struct Rule: Sendable, Equatable {
        var allow: Bool
        /// The pattern, non-ASCII bytes percent-encoded and escapes upper-cased.
        var pattern: [UInt8]
    }

    /// The rules that apply to the crawler.
    let rules: [Rule]

    /// Everything allowed: what a missing `robots.txt` (a 4xx) means.
    public static let allowAll = RobotsTxt(rules: [])
    /// Nothing allowed: what an unreachable `robots.txt` (5xx, network errors) means.
    public static let disallowAll = RobotsTxt(rules: [Rule(allow: false, pattern: Array("/".utf8))])

    init(rules: [Rule]) { self.rules = rules }

    /// The rules in `content` for the crawler whose User-Agent is `userAgent`.
    public init(_ content: [UInt8], userAgent: String) {
        let token = Self.productToken(userAgent)
        var specific: [Rule] = []
        var general: [Rule] = []
        var foundSpecific = false, foundGeneral = false
        // The agents of the group being read, and whether its rules have started (a
        // User-agent line after a rule starts a new group).
        var agents: [String] = []
        var inRules = false
        for line in Self.lines(of: content.prefix(500 * 1024)) {
            guard let (key, value) = Self.field(line) else { continue }
            switch key {
            case "user-agent":
                if inRules { agents = []; inRules = false }
                let agent = Self.productToken(value)
                agents.append(agent)
                if agent == token { foundSpecific = true }
                if agent == "*" { foundGeneral = true }
            case "allow", "disallow":
                guard !agents.isEmpty else { continue }
                inRules = true
                guard !value.isEmpty else { continue }  // "Disallow:" alone allows everything
                let rule = Rule(allow: key == "allow", pattern: Self.normalized(Array(value.utf8)))
                if agents.contains(token) { specific.append(rule) }
                if agents.contains("*") { general.append(rule) }
            default:
                continue
            }
        }
        rules = foundSpecific ? specific : (foundGeneral ? general : [])
    }

    /// Whether the URL path (with its query) `path` may be fetched.
    public func allows(path: String) -> Bool {
        let target = Self.normalized(Array((path.isEmpty ? "/" : path).utf8))
        if target == Array("/robots.txt".utf8) { return true }
        var best: Rule?
        for rule in rules where Self.matches(rule.pattern, target) {
            guard let current = best else { best = rule; continue }
            if rule.pattern.count > current.pattern.count || (rule.pattern.count == current.pattern.count && rule.allow) {
                best = rule
            }
        }
        return best?.allow ?? true
    }

    /// The lower-cased product token of a User-Agent or `User-agent:` value: the
    /// leading run of letters, `_` and `-` (`geotag` of `geotag/1.0 (+https://…)`),
    /// or `*`.
    static func productToken(_ agent: String) -> String {
        let trimmed = agent.trimmingASCIIWhitespace
        if trimmed.hasPrefix("*") { return "*" }
        return String(trimmed.prefix { $0.isASCII && ($0.isLetter || $0 == "_" || $0 == "-") }).lowercased()
    }

    /// The lines of `content`, split at LF, CR or CRLF, without a leading byte-order mark.
    private static func lines(of content: ArraySlice<UInt8>) -> [String] {
        let body = content.starts(with: [0xEF, 0xBB, 0xBF]) ? content.dropFirst(3) : content
        return body.split(omittingEmptySubsequences: true) { $0 == 0x0A || $0 == 0x0D }
            .map { String(decoding: $0, as: UTF8.self) }
    }

    /// The lower-cased key and the value of a `key: value` line, comments removed.
    private static func field(_ line: String) -> (String, String)? {
        let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        guard let colon = content.firstIndex(of: ":") else { return nil }
        let key = String(content[..<colon]).trimmingASCIIWhitespace.lowercased()
        let value = String(content[content.index(after: colon)...]).trimmingASCIIWhitespace
        return (key, value)
    }

    /// `bytes` with non-ASCII bytes and spaces percent-encoded and the hex digits of
    /// existing escapes upper-cased, so a pattern and a path compare as the RFC asks.
    static func normalized(_ bytes: [UInt8]) -> [UInt8] {
        let hex = Array("0123456789ABCDEF".utf8)
        var result: [UInt8] = []
        result.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.count, isHex(bytes[i + 1]), isHex(bytes[i + 2]) {
                result += [byte, upper(bytes[i + 1]), upper(bytes[i + 2])]
                i += 3
                continue
            }
            if byte >= 0x80 || byte <= 0x20 {
                result += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
            } else {
                result.append(byte)
            }
            i += 1
        }
        return result
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x46).contains(byte) || (0x61...0x66).contains(byte)
    }

    private static func upper(_ byte: UInt8) -> UInt8 {
        (0x61...0x66).contains(byte) ? byte - 0x20 : byte
    }

    /// Whether `pattern` matches `path` from its start: `*` takes any run of bytes, a
    /// final `$` must meet the end of the path, and without one the rest of the path
    /// is free.
    static func matches(_ pattern: [UInt8], _ path: [UInt8]) -> Bool {
        let star = UInt8(ascii: "*")
        let anchored = pattern.last == UInt8(ascii: "$")
        let body = anchored ? Array(pattern.dropLast()) : pattern
        var p = 0, t = 0
        // The last `*` seen and where in the path it started taking bytes; on a
        // mismatch it takes one byte more (linear backtracking, as in a glob).
        var backtrack: (pattern: Int, path: Int)? = nil
        while true {
            if p == body.count {
                if !anchored || t == path.count { return true }
            } else if body[p] == star {
                backtrack = (p, t)
                p += 1
                continue
            } else if t < path.count, body[p] == path[t] {
                p += 1
                t += 1
                continue
            }
            guard let last = backtrack, last.path < path.count else { return false }
            backtrack = (last.pattern, last.path + 1)
            p = last.pattern + 1
            t = last.path + 1
        }
    }
}
