import Dispatch
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A request to end a run early, as SIGINT or SIGTERM make it: the run stops taking new
/// documents, commits the batch in hand, writes the exports and ends with exit code
/// 128 + the signal's number (130, 143).
///
/// Shared between the thread that notices the signal and the pipeline's threads, which
/// only read it; the first request wins.
public final class StopRequest: Sendable {
    private let signalNumber = Atomic<Int32>(0)

    public init() {}

    /// Asks the run to stop because of `signal`. Returns false when a stop was already
    /// requested (the first signal is the one reported).
    @discardableResult
    public func request(signal: Int32) -> Bool {
        signalNumber.compareExchange(expected: 0, desired: signal, ordering: .relaxed).exchanged
    }

    /// The signal that asked for the stop, or nil while none has.
    public var signal: Int32? {
        let number = signalNumber.load(ordering: .relaxed)
        return number == 0 ? nil : number
    }

    public var isRequested: Bool { signal != nil }
}

/// SIGINT and SIGTERM, received through Dispatch signal sources (never a C signal
/// handler, whose body could only touch async-signal-safe functions) and turned into a
/// ``StopRequest``.
///
/// The first signal asks for a graceful stop. A second one ends the process at once
/// with `_exit(128 + signal)`: the database is crash-safe (every batch is one
/// transaction, exports are renamed into place), so a person who insists loses at most
/// the batch in hand, which the next run loads again.
///
/// Hold the value for as long as the signals should be handled; ``cancel()`` restores
/// the default dispositions.
public final class SignalStop {
    public static let handled: [Int32] = [SIGINT, SIGTERM]
    private let sources: [any DispatchSourceSignal]

    public init(_ stop: StopRequest, logger: Logger) {
        let queue = DispatchQueue(label: "geotag.signals")
        sources = Self.handled.map { number in
            // The default action would end the process before the source sees the signal.
            Glibc.signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                let name = SignalName.of(number)
                if stop.request(signal: number) {
                    logger.warning("\(name): stopping after the batch in hand; send it again to stop at once")
                } else {
                    logger.warning("\(name) again: stopping at once; the next run loads the batch that was in hand")
                    _exit(128 + number)
                }
            }
            source.resume()
            return source
        }
    }

    /// Stops handling the signals and restores their default actions.
    public func cancel() {
        for source in sources { source.cancel() }
        for number in Self.handled { Glibc.signal(number, SIG_DFL) }
    }

    deinit { cancel() }
}
