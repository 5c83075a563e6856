import Foundation
import Synchronization
import Testing
@testable import GeotagCore

@Suite struct HostQueueTests {
    @Test func perHostAndOverallLimitsHold() {
        let jobs = (0..<60).map { (host: "h\($0 % 3)", job: $0) }
        let queue = HostQueue(jobs, perHost: 2)
        let state = Mutex<(now: [String: Int], most: [String: Int], overall: Int, mostOverall: Int, done: [Int])>(([:], [:], 0, 0, []))
        let finished = Atomic(false)
        let group = queue.start(threads: 5, context: { () }, { _, job in
            let host = "h\(job % 3)"
            state.withLock { s in
                s.now[host, default: 0] += 1
                s.most[host] = max(s.most[host] ?? 0, s.now[host]!)
                s.overall += 1
                s.mostOverall = max(s.mostOverall, s.overall)
            }
            Thread.sleep(forTimeInterval: 0.002)
            state.withLock { s in
                s.now[host, default: 0] -= 1
                s.overall -= 1
                s.done.append(job)
            }
            return true
        }, whenDone: { finished.store(true, ordering: .sequentiallyConsistent) })
        group.wait()
        let result = state.withLock { $0 }
        #expect(result.done.sorted() == Array(0..<60))
        #expect(result.most.values.allSatisfy { $0 <= 2 })
        #expect(result.mostOverall <= 5)
        let calledWhenDone = finished.load(ordering: .sequentiallyConsistent)
        #expect(calledWhenDone)
    }

    @Test func stoppingHandsOutNoMore() {
        let queue = HostQueue((0..<100).map { (host: "h", job: $0) }, perHost: 1)
        let count = Atomic(0)
        queue.start(threads: 3, context: { () }, { _, _ in
            count.add(1, ordering: .relaxed).newValue < 5
        }, whenDone: {}).wait()
        let taken = count.load(ordering: .relaxed)
        #expect(taken == 5)
    }
}
