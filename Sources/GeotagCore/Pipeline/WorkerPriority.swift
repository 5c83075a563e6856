#if canImport(Glibc)
import Glibc
#endif

/// The workers, and the export beside the end of a run, give way to the writer.
///
/// The single writer is the run's critical path: each batch it commits frees the
/// workers' queue. With as many workers as cores, the scheduler shares the cores
/// evenly among the writer and the workers, so on two cores the writer got two thirds
/// of one and the whole run waited on it. A worker thread therefore sets its own
/// scheduling priority below the process's (nice + 5, about a third of the writer's
/// weight) before it starts: the writer runs whenever it has work, and the workers
/// still take every cycle it leaves.
///
/// The same holds at the end of a run, when the export (``BackgroundExport``: its
/// reader, formatters and file writer) shares the cores with the writer's indexes.
/// Those threads were pooled threads that a worker had lowered or not, by chance; the
/// writer got about 60% of a core and, once the export was done, worked on alone for
/// seconds while the other core idled; with them lowered, it gets a whole core and the
/// two finish together (100k runs about 4% shorter). Linux only (per-thread nice);
/// elsewhere it does nothing. An unprivileged process cannot raise a priority again, so
/// the pooled Dispatch thread keeps it for the rest of the process; that only ever makes
/// it yield to the threads that were not lowered.
enum WorkerPriority {
    /// How much lower than the process a worker thread runs, in nice steps.
    static let increment: Int32 = 5

    /// Sets the calling thread's nice value to the process's plus ``increment``
    /// (at most 19); calling it again on the same thread changes nothing.
    static func yieldToWriter() {
        #if os(Linux)
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        errno = 0
        let process = getpriority(which, id_t(getpid()))  // the main thread's
        guard errno == 0 else { return }
        // On Linux the nice value belongs to the thread, and 0 names the calling one.
        _ = setpriority(which, 0, min(process + increment, 19))
        #endif
    }
}
