import Foundation

/// What the extractor knows about a resolved name, as numbers: the input of the
/// mention model (``MentionModel``) that scores how likely the mention is right.
///
/// Every feature is in 0...1 (or a small log), so that weights compare.
struct MentionFeatures {
    /// Feature names, in vector order; the model file lists them too, and a model whose
    /// names differ from these is refused.
    static let names = [
        "bias", "tokens1", "tokens2", "tokens3plus", "all_caps", "arabic", "sentence_start",
        "place_context", "place_noun_hint", "english_word", "person_name_word", "loose",
        "kind_country", "kind_province", "kind_district", "kind_town", "kind_natural", "kind_region",
        "log_population", "population_100k", "population_1m", "log_options", "resolution_probability", "country_share", "admin1_share",
        "demonym_country", "repeated", "neighbour_capitalised", "mention_length", "log_names_in_article",
        "parent", "after_the", "place_noun_in_name", "nationality",
    ]

    /// What the whole article says, shared by its names' features.
    struct Article {
        /// How many names resolved to each country, and to each province.
        var countries = WeightTally<UInt16>()
        var admin1s = WeightTally<PlaceRecord.Admin1>()
        /// How many names have each spelling (``NameSpellings``).
        var namesPerSpelling: [Int] = []
        var demonymCountries: Set<UInt16> = []
        var count = 0
    }

    static func article(choices: [Resolver.Choice], spellings: NameSpellings, demonyms: [UInt16: Double]) -> Article {
        var summary = Article(namesPerSpelling: spellings.namesPerSpelling, demonymCountries: Set(demonyms.keys), count: choices.count)
        summary.countries = WeightTally(capacity: choices.count)
        summary.admin1s = WeightTally(capacity: choices.count)
        for choice in choices {
            summary.countries.add(choice.record.countryCode, 1)
            summary.admin1s.add(choice.record.admin1, 1)
        }
        return summary
    }

    /// The features of one resolved name, whose spelling is `spelling`;
    /// `previousPlaceEnd` is where the name before it ends (a token index), so that a
    /// list counts as place context, as in recognition.
    static func vector(
        _ name: Resolver.Name, spelling: Int, _ choice: Resolver.Choice, article: Article,
        index: GazetteerIndex, recognizer: Recognizer, previousPlaceEnd: Int?
    ) -> [Double] {
        let text = recognizer.text
        let span = name.candidate.tokens
        let first = text.tokens[span.lowerBound]
        let words = recognizer.classes[span]
        let record = choice.record
        let kind = index.kind(of: record)
        let others = Double(max(article.count - 1, 0))
        // The name's own choice is among the counts.
        let sameCountry = max(article.countries[record.countryCode] - 1, 0)
        let sameAdmin1 = max(article.admin1s[record.admin1] - 1, 0)
        let before = span.lowerBound > 0 && text.tokens[span.lowerBound].flags.contains(.afterSingleSpace)
            && text.tokens[span.lowerBound - 1].flags.contains(.capitalized) && !first.flags.contains(.sentenceStart)
        let after = span.upperBound < text.tokens.count && text.tokens[span.upperBound].flags.contains(.afterSingleSpace)
            && text.tokens[span.upperBound].flags.contains(.capitalized)
        func flag(_ b: Bool) -> Double { b ? 1 : 0 }
        return [
            1,
            flag(span.count == 1), flag(span.count == 2), flag(span.count >= 3),
            flag(first.flags.contains(.allCaps)), flag(first.flags.contains(.caseless)), flag(first.flags.contains(.sentenceStart)),
            flag(recognizer.hasPlaceContext(span, previousPlaceEnd: previousPlaceEnd)), flag(name.hint != .none && name.hint != .feature),
            flag(words.allSatisfy { $0.contains(.english) }),
            flag(words.allSatisfy { $0.isAny(.personName) }),
            flag(name.candidate.loose),
            flag(kind == .country), flag(kind == .province), flag(kind == .district), flag(kind == .town),
            flag(kind == .natural), flag(kind == .region),
            log10(Double(max(record.population, 1)) + 1) / 8,
            flag(record.population >= 100_000), flag(record.population >= 1_000_000),
            log(Double(name.candidate.options.count)) / 5,
            choice.probability,
            others > 0 ? sameCountry / others : 0,
            others > 0 ? sameAdmin1 / others : 0,
            flag(article.demonymCountries.contains(record.countryCode)),
            flag(article.namesPerSpelling[spelling] > 1),
            flag(before || after),
            min(Double(text.tokens[span.upperBound - 1].scalars.upperBound - first.scalars.lowerBound) / 20, 1),
            log(Double(article.count) + 1) / 5,
            flag(name.parent != nil),
            flag(name.hint == .feature),
            flag(span.count > 1 && words[span.upperBound - 1].isAny([.provinceNoun, .districtNoun])),
            flag(name.isNationality),
        ]
    }
}
