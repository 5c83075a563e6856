import Foundation
import Synchronization
import Testing
@testable import GeotagCore

#if os(Linux)
import Glibc

@Suite struct WorkerPriorityTests {
    /// A thread that gives way to the writer (a worker, or a thread of the export at the
    /// end of a run) runs five nice steps below the process, however often it asks;
    /// the other threads keep the process's priority.
    @Test func aThreadThatYieldsRunsFiveStepsBelowTheProcess() {
        let which = __priority_which_t(PRIO_PROCESS.rawValue)
        let process = getpriority(which, id_t(getpid()))
        let seen = Mutex<[Int32]>([])
        let done = DispatchSemaphore(value: 0)
        // A thread of its own, not a pooled one, which would keep the lower priority
        // for the other tests.
        let thread = Thread {
            WorkerPriority.yieldToWriter()
            let once = getpriority(which, 0)
            WorkerPriority.yieldToWriter()
            let twice = getpriority(which, 0)
            seen.withLock { $0 = [once, twice] }
            done.signal()
        }
        thread.start()
        #expect(done.wait(timeout: .now() + 10) == .success)
        let expected = min(process + WorkerPriority.increment, 19)
        #expect(seen.withLock { $0 } == [expected, expected])
        #expect(getpriority(which, id_t(getpid())) == process)
    }
}
#endif
