/// Edit distances between byte strings.
public enum EditDistance {
    /// The Levenshtein distance between `a` and `b` (insertions, deletions and
    /// substitutions of one byte each), or a value above `limit` as soon as it is sure
    /// to exceed it.
    ///
    /// The two rows live in one stack buffer: the matcher calls this for every
    /// near-miss candidate name, and two arrays per call were most of its cost.
    public static func levenshtein(_ a: [UInt8], _ b: [UInt8], limit: Int = .max) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        let width = b.count + 1
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * width) { rows in
            var previous = rows.baseAddress!
            var current = previous + width
            for j in 0..<width { previous[j] = j }
            return a.withUnsafeBufferPointer { a in
                b.withUnsafeBufferPointer { b in
                    for i in 1...a.count {
                        current[0] = i
                        var rowMinimum = current[0]
                        let ai = a[i - 1]
                        for j in 1...b.count {
                            let substitution = previous[j - 1] + (ai == b[j - 1] ? 0 : 1)
                            let value = min(substitution, previous[j] + 1, current[j - 1] + 1)
                            current[j] = value
                            rowMinimum = min(rowMinimum, value)
                        }
                        if rowMinimum > limit { return limit + 1 }
                        swap(&previous, &current)
                    }
                    return previous[b.count]
                }
            }
        }
    }
}
