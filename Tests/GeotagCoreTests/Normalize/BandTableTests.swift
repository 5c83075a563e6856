import Testing
@testable import GeotagCore

/// The duplicate index's band table against a plain model (a dictionary of arrays): the
/// same ids under each key, in the order they came, through growth and removals.
@Suite struct BandTableTests {
    /// Random inserts and removals over few keys (long runs of one key, runs of
    /// different keys that meet, runs that wrap around the end of the table), checked
    /// against the model after every step. With ids up to 2^14 a cell has 17 bits for
    /// its key's tag, up to 2^28 only 3 (many keys share a tag), up to the largest id
    /// none.
    @Test(arguments: [1 << 14, (1 << 28) - 1, BandTable.maximumID])
    func idsComeBackUnderTheirKeyInTheOrderTheyCame(maximumID: Int) {
        var random = SplitMix64(seed: 9)
        let keys = (0..<40).map { _ in random.next() }
        var keyOfID: [Int: UInt64] = [:]
        var model: [UInt64: [Int]] = [:]
        var table = BandTable(maximumID: maximumID)
        let keyOf = { (id: Int) in keyOfID[id]! }
        var nextID = 0
        for step in 0..<6_000 {
            if keyOfID.isEmpty || random.next() % 10 < 7 {
                let key = keys[Int(random.next() % UInt64(keys.count))]
                keyOfID[nextID] = key
                table.insert(nextID, under: key, keyOf: keyOf)
                model[key, default: []].append(nextID)
                nextID += 1
            } else {
                let id = keyOfID.keys.sorted()[Int(random.next() % UInt64(keyOfID.count))]
                let key = keyOfID[id]!
                table.remove(id, under: key, keyOf: keyOf)
                keyOfID[id] = nil
                model[key]!.removeAll { $0 == id }
            }
            #expect(table.count == keyOfID.count)
            if step % 50 == 0 || step > 5_900 {
                for key in keys {
                    var found: [Int] = []
                    table.forEach(under: key, keyOf: keyOf) { found.append($0) }
                    #expect(found == model[key, default: []], "step \(step)")
                }
            }
        }
        // Enough ids at once that the table grew several times.
        #expect(nextID > 4_000)
    }

    @Test func removingWhatIsNotThereChangesNothing() {
        var table = BandTable()
        let keyOf = { (id: Int) in UInt64(id % 3) }
        table.remove(5, under: 2, keyOf: keyOf)
        for id in 0..<9 { table.insert(id, under: UInt64(id % 3), keyOf: keyOf) }
        table.remove(9, under: 0, keyOf: keyOf)
        #expect(table.count == 9)
        var found: [Int] = []
        table.forEach(under: 1, keyOf: keyOf) { found.append($0) }
        #expect(found == [1, 4, 7])
    }
}
