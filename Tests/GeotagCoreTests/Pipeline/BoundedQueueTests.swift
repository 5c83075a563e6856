import Foundation
import Dispatch
import Synchronization
import Testing
@testable import GeotagCore

@Suite struct BoundedQueueTests {
    @Test func deliversInOrderThenNilAfterClose() {
        let queue = BoundedQueue<Int>(capacity: 3)
        for i in 1...3 { #expect(queue.push(i)) }
        queue.close()
        #expect(!queue.push(4))
        #expect([queue.pop(), queue.pop(), queue.pop(), queue.pop()] == [1, 2, 3, nil])
    }

    /// A queue dropped with items still in it (a run stopped by a signal leaves its
    /// queues so) is released quietly; libdispatch used to trap on its semaphore.
    @Test func aQueueDroppedWhileHoldingItemsIsReleased() {
        weak var released: BoundedQueue<Int>?
        do {
            let queue = BoundedQueue<Int>(capacity: 4)
            for i in 0..<3 { #expect(queue.push(i)) }
            queue.close()
            #expect(queue.pop() == 0)
            released = queue
        }
        #expect(released == nil)
    }

    /// A full queue holds its producer back until a consumer takes an item.
    @Test func aFullQueueBlocksItsProducer() {
        let queue = BoundedQueue<Int>(capacity: 2)
        let pushed = Atomic<Int>(0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            for i in 0..<5 {
                queue.push(i)
                pushed.add(1, ordering: .relaxed)
            }
            done.signal()
        }
        // The producer fills the queue, then stops there while nobody pops (waiting for
        // it to get that far first, however slowly a loaded machine schedules it).
        Self.waitUntil { pushed.load(ordering: .relaxed) >= 2 }
        #expect(done.wait(timeout: .now() + .milliseconds(200)) == .timedOut)
        #expect(pushed.load(ordering: .relaxed) == 2)
        var seen: [Int] = []
        while seen.count < 5, let item = queue.pop() { seen.append(item) }
        done.wait()
        #expect(seen == [0, 1, 2, 3, 4])
    }

    /// A consumer that found the queue empty sleeps until a whole batch is queued;
    /// closing the queue wakes it for fewer.
    @Test func aWaitingConsumerIsWokenForABatch() {
        let queue = BoundedQueue<Int>(capacity: 8, wakeBatch: 4)
        let taken = Atomic<Int>(0)
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            while queue.pop() != nil { taken.add(1, ordering: .relaxed) }
            done.signal()
        }
        Self.waitUntil { queue.waiting.consumers == 1 }
        for i in 0..<3 { queue.push(i) }
        usleep(200_000)
        #expect(taken.load(ordering: .relaxed) == 0, "woken before the batch was queued")
        queue.push(3)
        Self.waitUntil { taken.load(ordering: .relaxed) == 4 }
        #expect(taken.load(ordering: .relaxed) == 4)
        Self.waitUntil { queue.waiting.consumers == 1 }
        queue.push(4)
        queue.close()
        #expect(done.wait(timeout: .now() + 10) == .success)
        #expect(taken.load(ordering: .relaxed) == 5)
    }

    /// A producer that found the queue full sleeps until there is room for a whole
    /// batch.
    @Test func aWaitingProducerIsWokenForRoomForABatch() {
        let queue = BoundedQueue<Int>(capacity: 4, wakeBatch: 2)
        for i in 0..<4 { queue.push(i) }
        let pushed = DispatchSemaphore(value: 0)
        DispatchQueue.global().async {
            queue.push(4)
            pushed.signal()
        }
        Self.waitUntil { queue.waiting.producers == 1 }
        #expect(queue.pop() == 0)
        #expect(pushed.wait(timeout: .now() + .milliseconds(200)) == .timedOut, "woken for one free place")
        #expect(queue.pop() == 1)
        #expect(pushed.wait(timeout: .now() + 10) == .success)
        queue.close()
        #expect([queue.pop(), queue.pop(), queue.pop(), queue.pop()] == [2, 3, 4, nil])
    }

    /// Many producers and consumers, woken for every item or in batches: every item
    /// arrives exactly once and every consumer ends after close.
    @Test(arguments: [1, 3])
    func manyProducersAndConsumers(wakeBatch: Int) {
        let queue = BoundedQueue<Int>(capacity: 4, wakeBatch: wakeBatch)
        let received = Mutex<[Int]>([])
        let producers = DispatchGroup()
        let consumers = DispatchGroup()
        for c in 0..<3 {
            _ = c
            DispatchQueue.global().async(group: consumers) {
                while let item = queue.pop() { received.withLock { $0.append(item) } }
            }
        }
        for p in 0..<4 {
            DispatchQueue.global().async(group: producers) {
                for i in 0..<250 { queue.push(p * 1000 + i) }
            }
        }
        producers.wait()
        queue.close()
        consumers.wait()
        let all = received.withLock { $0 }
        #expect(all.count == 1000)
        #expect(Set(all).count == 1000)
    }

    /// Polls `condition` until it holds, for at most 10 s (a loaded machine schedules
    /// the other thread slowly).
    static func waitUntil(_ condition: () -> Bool) {
        let deadline = Date().addingTimeInterval(10)
        while !condition(), Date() < deadline { usleep(1_000) }
    }
}
