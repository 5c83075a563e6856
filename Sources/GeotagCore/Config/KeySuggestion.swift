/// Finds the known word a mistyped one was probably meant to be.
enum KeySuggestion {
    /// The furthest a word may be from a known one (in edits) and still be suggested.
    static let maximumDistance = 2

    /// The closest of `candidates` to `word` within ``maximumDistance`` edits, ignoring
    /// case and taking `-` for `_`; the first written wins a tie.
    static func closest(to word: String, among candidates: [String]) -> String? {
        let scored = candidates.map { (candidate: $0, distance: distance(fold(word), fold($0))) }
        guard let best = scored.min(by: { $0.distance < $1.distance }),
              best.distance <= maximumDistance else { return nil }
        return best.candidate
    }

    /// `" (did you mean 'x'?)"` when there is a close candidate, else an empty string.
    static func hint(for word: String, among candidates: [String]) -> String {
        closest(to: word, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    private static func fold(_ word: String) -> [Character] {
        Array(word.lowercased().replacing("-", with: "_"))
    }

    /// The Levenshtein distance: insertions, deletions and substitutions.
    static func distance(_ a: [Character], _ b: [Character]) -> Int {
        var previous = Array(0...b.count)
        for (i, x) in a.enumerated() {
            var current = [i + 1]
            for (j, y) in b.enumerated() {
                current.append(Swift.min(previous[j + 1] + 1, current[j] + 1, previous[j] + (x == y ? 0 : 1)))
            }
            previous = current
        }
        return previous[b.count]
    }
}
