/// Which of an article's names read the same: each name's spelling, a number shared by
/// the names whose folded words are equal (``FoldedText/key(_:)``), counted from 0 in
/// the order the spellings first appear. The resolver's groups, the features' repeat
/// flag and the model's one sense per discourse all ask it of every name; asked once,
/// they compare integers instead of hashing the words again each.
struct NameSpellings {
    /// Each name's spelling, by its position in the names.
    private let numbers: [Int]
    /// By spelling, its first name; by name, the next name of its spelling (-1: none).
    private let firstName: [Int], nextName: [Int]

    init(_ names: [Resolver.Name], in text: FoldedText) {
        var spellings = FoldedKeyTable<Int>(capacity: names.count)
        var numbers: [Int] = [], firstName: [Int] = [], lastName: [Int] = []
        var nextName = [Int](repeating: -1, count: names.count)
        numbers.reserveCapacity(names.count)
        firstName.reserveCapacity(names.count)
        lastName.reserveCapacity(names.count)
        for (n, name) in names.enumerated() {
            let (number, isNew) = spellings.value(of: text.key(name.candidate.tokens)) { firstName.count }
            numbers.append(number)
            if isNew {
                firstName.append(n)
                lastName.append(n)
            } else {
                nextName[lastName[number]] = n
                lastName[number] = n
            }
        }
        self.numbers = numbers
        self.firstName = firstName
        self.nextName = nextName
    }

    /// How many spellings the names have.
    var count: Int { firstName.count }

    /// The spelling of name `n`.
    subscript(n: Int) -> Int { numbers[n] }

    /// Calls `body` with each name of the same spelling as name `n` (`n` too), in order.
    func forEachName(spelledLike n: Int, _ body: (Int) -> Void) {
        var other = firstName[numbers[n]]
        while other >= 0 {
            body(other)
            other = nextName[other]
        }
    }

    /// How many names have each spelling, by spelling.
    var namesPerSpelling: [Int] {
        var counts = [Int](repeating: 0, count: count)
        for spelling in numbers { counts[spelling] += 1 }
        return counts
    }
}
