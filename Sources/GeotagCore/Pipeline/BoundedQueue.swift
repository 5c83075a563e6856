import Dispatch
import Synchronization

/// A blocking FIFO with a fixed capacity that joins two stages: `push` waits while the
/// queue is full, so a slow consumer slows its producers and memory stays bounded by
/// the capacity, not by the corpus.
///
/// Any number of producers and consumers. After ``close()``, `push` drops its item and
/// returns false, and `pop` drains what is left, then returns nil to every consumer.
public final class BoundedQueue<Element: Sendable>: Sendable {
    private struct State {
        var buffer: [Element?]
        var head = 0
        var count = 0
        var closed = false
    }

    private let state: Mutex<State>
    private let slots: DispatchSemaphore
    private let items = DispatchSemaphore(value: 0)
    /// The most items the queue holds at once.
    public let capacity: Int

    public init(capacity: Int) {
        precondition(capacity > 0, "a queue needs room for at least one item")
        self.capacity = capacity
        // libdispatch traps ("semaphore object deallocated while in use") when a
        // semaphore is released with a value below the one it was created with, as
        // `slots` is when a queue is dropped with items still in it (a run stopped by a
        // signal or an error). Created at zero and raised to `capacity`, it never is.
        self.slots = DispatchSemaphore(value: 0)
        for _ in 0..<capacity { slots.signal() }
        self.state = Mutex(State(buffer: Array(repeating: nil, count: capacity)))
    }

    /// Appends `element`, waiting for room. Returns false when the queue was closed.
    @discardableResult
    public func push(_ element: Element) -> Bool {
        slots.wait()
        let accepted = state.withLock { s -> Bool in
            if s.closed { return false }
            s.buffer[(s.head + s.count) % capacity] = element
            s.count += 1
            return true
        }
        if accepted { items.signal() } else { slots.signal() }
        return accepted
    }

    /// Removes the oldest element, waiting for one; nil once the queue is closed and empty.
    public func pop() -> Element? {
        items.wait()
        let element = state.withLock { s -> Element? in
            guard s.count > 0 else { return nil }
            let element = s.buffer[s.head]
            s.buffer[s.head] = nil
            s.head = (s.head + 1) % capacity
            s.count -= 1
            return element
        }
        if element != nil {
            slots.signal()
        } else {
            // Closed and drained: pass the wake-up on so every other consumer ends too.
            items.signal()
        }
        return element
    }

    /// Ends the stream: consumers get the remaining items, then nil.
    public func close() {
        let wasOpen = state.withLock { s -> Bool in
            defer { s.closed = true }
            return !s.closed
        }
        if wasOpen {
            items.signal()
            slots.signal()
        }
    }
}
