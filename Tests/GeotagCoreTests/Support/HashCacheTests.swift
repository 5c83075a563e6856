import Dispatch
import Testing
@testable import GeotagCore

@Suite struct HashCacheTests {
    @Test func holdsWhatWasStoredAndNothingElse() {
        let cache = HashCache()
        let stored: [UInt64] = (1...1_000).map { SplitMix64.finalize($0) }
        for hash in stored { cache.insert(hash) }
        // 1,000 hashes in 16,384 slots: a few share a slot, and the later one stays.
        let held = stored.filter(cache.contains)
        #expect(held.count > 950)
        #expect(!(2_000...3_000).map { SplitMix64.finalize($0) }.contains(where: cache.contains))
    }

    @Test func zeroIsNeverHeld() {
        let cache = HashCache()
        #expect(!cache.contains(0))
        cache.insert(0)
        #expect(!cache.contains(0))
    }

    @Test func aLaterHashTakesTheSlot() {
        let cache = HashCache()
        let first = SplitMix64.finalize(7)
        cache.insert(first)
        // Another hash of the same slot, found by trying.
        let rival = (8...UInt64(1_000_000)).lazy.map(SplitMix64.finalize).first { candidate in
            let probe = HashCache()
            probe.insert(first)
            probe.insert(candidate)
            return !probe.contains(first)
        }!
        cache.insert(rival)
        #expect(cache.contains(rival))
        #expect(!cache.contains(first))
    }

    /// Threads that store and read at once find only what was stored.
    @Test func sharedByThreads() {
        let cache = HashCache()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for i in 0..<10_000 {
                let hash = SplitMix64.finalize(UInt64(thread * 10_000 + i) + 1)
                cache.insert(hash)
                _ = cache.contains(SplitMix64.finalize(UInt64(i) + 1))
            }
        }
        #expect(!cache.contains(SplitMix64.finalize(1_000_000)))
    }
}
