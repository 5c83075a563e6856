import CFuzzer
import Foundation

/// Hands `input` to libFuzzer, which parses its flags from the command line and calls
/// it on every input it makes, then exits with libFuzzer's status.
///
/// SwiftPM links an executable's own `main` (renamed `<target>_main`, with `main`
/// pointed at it), so libFuzzer's `main` cannot be used; LLVMFuzzerRunDriver is its
/// entry point for programs with a main of their own.
public func runFuzzer(_ input: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, input))
}

/// libFuzzer's input as bytes (it passes a null pointer for the empty input).
public func fuzzBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}
