import Foundation
import Synchronization

/// The URLs waiting to be fetched, handed to the fetch threads so that at most
/// `perHost` requests are in flight to one host (the overall limit is the number of
/// threads). A thread asks for the next job whose host has a free slot, in list order,
/// and waits when every waiting job's host is busy.
///
/// `@unchecked Sendable`: every stored `var` is read and written only while
/// `condition` is locked, and the jobs themselves are `Sendable` values, so handing
/// the queue to several threads is safe; `Mutex` cannot be used because the threads
/// must wait on a condition for a host slot to free up.
final class HostQueue<Job: Sendable>: @unchecked Sendable {
    private let condition = NSCondition()
    private let perHost: Int
    private var pending: [(host: String, job: Job)]
    private var inFlight: [String: Int] = [:]
    private var stopped = false

    /// A queue of `jobs`, each with its host, in order.
    init(_ jobs: [(host: String, job: Job)], perHost: Int) {
        self.pending = jobs
        self.perHost = max(1, perHost)
    }

    /// The next job whose host has a free slot, taking that slot; waits while there
    /// are jobs but none can start. Nil when the queue is empty or stopped.
    func next() -> (host: String, job: Job)? {
        condition.lock()
        defer { condition.unlock() }
        while !stopped {
            if let index = pending.firstIndex(where: { inFlight[$0.host, default: 0] < perHost }) {
                let taken = pending.remove(at: index)
                inFlight[taken.host, default: 0] += 1
                return taken
            }
            if pending.isEmpty { return nil }
            condition.wait()
        }
        return nil
    }

    /// Frees the slot that a job of `host` held and, with `stopping`, hands out no
    /// more jobs: in one step, so that no other thread takes the freed slot in between.
    func finished(host: String, stopping: Bool) {
        condition.lock()
        inFlight[host, default: 1] -= 1
        if stopping { stopped = true }
        condition.broadcast()
        condition.unlock()
    }

    /// Hands out no more jobs (the consumer asked to stop).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Starts `threads` new threads that each take jobs and run `work` on them until
    /// the queue is done; the last one to end calls `whenDone`, and each leaves the
    /// returned group. Each thread first makes its own `Context` (its curl handle),
    /// which never leaves it. `work` returns false to stop the queue.
    func start<Context>(
        threads: Int, context makeContext: @escaping @Sendable () -> Context,
        _ work: @escaping @Sendable (Context, Job) -> Bool, whenDone: @escaping @Sendable () -> Void
    ) -> DispatchGroup {
        let group = DispatchGroup()
        let count = max(1, threads)
        let running = Atomic(count)
        for index in 0..<count {
            group.enter()
            let thread = Thread { [self] in
                let context = makeContext()
                while let (host, job) = next() {
                    finished(host: host, stopping: !work(context, job))
                }
                if running.subtract(1, ordering: .acquiringAndReleasing).newValue == 0 { whenDone() }
                group.leave()
            }
            thread.name = "geotag-fetch-\(index)"
            thread.start()
        }
        return group
    }
}
