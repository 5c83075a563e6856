import Foundation
import GeotagCore

// What the benchmark executables (GazetteerBench, GeotagBench) share.

/// Draws for the generators, from GeotagCore's seedable SplitMix64 (the same numbers on
/// every platform, so a corpus is the same on every machine).
extension SplitMix64 {
    /// Uniform in 0..<n.
    public mutating func below(_ n: UInt64) -> UInt64 { next() % n }
    /// Uniform in 0..<n.
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
    /// True with probability `p`.
    public mutating func chance(_ p: Double) -> Bool { unit() < p }
}

/// Ends the benchmark with a message on standard error, named after the executable.
public func fail(_ message: String) -> Never {
    let name = (CommandLine.arguments.first.map { ($0 as NSString).lastPathComponent }) ?? "bench"
    FileHandle.standardError.write(Data("\(name): \(message)\n".utf8))
    exit(2)
}

/// The process's peak resident set size in kB (VmHWM).
public func peakRSS() -> Int {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
    for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
        return Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]) ?? 0
    }
    return 0
}

/// The command line, consumed option by option.
public struct Arguments {
    public var items: [String]

    public init(_ items: [String] = Array(CommandLine.arguments.dropFirst())) { self.items = items }

    public var first: String? { items.first }
    public var count: Int { items.count }
    public var isEmpty: Bool { items.isEmpty }
    public subscript(i: Int) -> String { items[i] }
    public mutating func removeFirst() { items.removeFirst() }

    public mutating func option(_ name: String) -> String? {
        guard let i = items.firstIndex(of: name) else { return nil }
        guard i + 1 < items.count else { fail("\(name) needs a value") }
        let value = items[i + 1]
        items.removeSubrange(i...(i + 1))
        return value
    }

    public mutating func int(_ name: String, default value: Int) -> Int {
        guard let text = option(name) else { return value }
        guard let n = Int(text.replacingOccurrences(of: "_", with: "")) else { fail("\(name): not a number: \(text)") }
        return n
    }

    public mutating func flag(_ name: String) -> Bool {
        guard let i = items.firstIndex(of: name) else { return false }
        items.remove(at: i)
        return true
    }

    /// Fails when anything is left that no option took.
    public func done() {
        guard items.isEmpty else { fail("unknown arguments \(items)") }
    }
}
