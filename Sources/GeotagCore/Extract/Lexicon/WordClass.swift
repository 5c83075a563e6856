/// What the word lists say about one folded word: the questions the recognizer, the
/// resolver and the mention features ask of a word, as bits. ``Lexicon`` answers them
/// all with one look-up per word of a text, where asking each list would build the word
/// as a `String` and hash it once per question.
struct WordClass: OptionSet, Sendable {
    let rawValue: UInt32

    /// A common English word (``Lexicon``'s list from beside the index).
    static let english = WordClass(rawValue: 1 << 0)
    static let givenName = WordClass(rawValue: 1 << 1)
    static let surname = WordClass(rawValue: 1 << 2)
    /// An English word that is also a town somewhere (``CommonWords/all``).
    static let common = WordClass(rawValue: 1 << 3)
    static let calendar = WordClass(rawValue: 1 << 4)
    static let organisation = WordClass(rawValue: 1 << 5)
    static let organisationOf = WordClass(rawValue: 1 << 6)
    static let personTitle = WordClass(rawValue: 1 << 7)
    static let kunya = WordClass(rawValue: 1 << 8)
    static let clubPrefix = WordClass(rawValue: 1 << 9)
    static let nameParticle = WordClass(rawValue: 1 << 10)
    static let provinceNoun = WordClass(rawValue: 1 << 11)
    static let districtNoun = WordClass(rawValue: 1 << 12)
    static let townNoun = WordClass(rawValue: 1 << 13)
    static let countryNoun = WordClass(rawValue: 1 << 14)
    static let featureNoun = WordClass(rawValue: 1 << 15)
    static let campKind = WordClass(rawValue: 1 << 16)
    static let locative = WordClass(rawValue: 1 << 17)
    static let ofPlace = WordClass(rawValue: 1 << 18)
    static let nearness = WordClass(rawValue: 1 << 19)
    /// A demonym of the index's table ("Iraqi", or its plural "Iraqis").
    static let demonym = WordClass(rawValue: 1 << 20)
    /// "of".
    static let of = WordClass(rawValue: 1 << 21)
    /// "the".
    static let the = WordClass(rawValue: 1 << 22)
    /// "and" or "or", which continue a list.
    static let andOr = WordClass(rawValue: 1 << 23)
    /// "a" or "an".
    static let indefinite = WordClass(rawValue: 1 << 24)
    /// "tv", an organisation word even in lower case ("Al Arabiya tv").
    static let tv = WordClass(rawValue: 1 << 25)
    /// Small words inside an organisation's name: "of", "for", "and", "the", "de".
    static let connector = WordClass(rawValue: 1 << 26)
    /// A movement's or armed group's name (``ContextWords/organisationNames``).
    static let organisationName = WordClass(rawValue: 1 << 27)
    /// A generic first word of Arabic place names (``ContextWords/arabicNameHeads``).
    static let arabicNameHead = WordClass(rawValue: 1 << 28)
    /// The first word of a demonym of several words ("South" of "South African").
    static let demonymHead = WordClass(rawValue: 1 << 29)
    /// A capitalised word a nationality adjective still modifies (``ContextWords/institutions``).
    static let institution = WordClass(rawValue: 1 << 30)
    /// A word after which a nationality adjective is no modifier (``ContextWords/notModified``).
    static let notModified = WordClass(rawValue: 1 << 31)

    /// Any of the place nouns ("province", "district", "city", "country").
    static let placeNoun: WordClass = [.provinceNoun, .districtNoun, .townNoun, .countryNoun]
    /// A common word, or a word of organisations, titles or place kinds ("Bank",
    /// "University", "General", "Province"): a place only in place context.
    static let generic: WordClass = [.common, .organisation, .organisationOf, .personTitle, .placeNoun]
    /// Words that are usually parts of people's names.
    static let personName: WordClass = [.givenName, .surname]

    /// Whether the word is in any of the lists of `classes`.
    func isAny(_ classes: WordClass) -> Bool { !isDisjoint(with: classes) }
}
