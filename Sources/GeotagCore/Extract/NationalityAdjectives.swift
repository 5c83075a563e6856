/// Adjectives of nationality that modify a noun name their place: "Syrian forces",
/// "the Iraqi government", "Russian President Vladimir Putin", "Iranian-backed
/// militias", "European airlines". GeoWebNews (Gritta et al., 2019) annotates them as
/// toponyms (modifiers, an associative use), and an analyst reads "Turkish shelling" as
/// news about Turkey. They are reported as mentions of the place that
/// `lexicon/nationality-adjectives.tsv` beside the index gives them (``Lexicon``):
/// their country, or a region ("English" → England, "European" → Europe), with that
/// place's precision (4 for a country). Where the table gives several ("Georgian": the
/// country or the US state), the resolver chooses, as for any name.
///
/// Not every demonym is one:
/// - people: "Syrians" (a plural), "the British said", "Iraqis and Kurds" (a word no
///   modifier comes before: ``ContextWords/notModified``);
/// - languages: "in English", "Arabic-speaking";
/// - organisations' names: "Syrian Democratic Forces", "Free Syrian Army" (a
///   capitalised word after the adjective must be an office or institution,
///   ``ContextWords/institutions``, or a person's title; a capitalised word before it,
///   mid-sentence, makes it part of a name), and "Iraqi security forces", which
///   SPEC.md's example counts among the organisation names;
/// - American communities: "African-American";
/// - peoples and faiths of no one place ("Kurdish", "Arab", "Yazidi"): the table
///   leaves them out.
extension Recognizer {
    /// The nationality adjectives of the text that modify a noun, outside `names`
    /// (sorted by start), as names of their country, in text order.
    func nationalityAdjectives(besides names: [Resolver.Name]) -> [Resolver.Name] {
        let tokens = text.tokens
        var found: [Resolver.Name] = []
        var key: [UInt8] = []
        var i = 0
        while i < tokens.count {
            guard tokens[i].flags.contains(.capitalized), classes[i].isAny([.demonym, .demonymHead]) else {
                i += 1
                continue
            }
            var adjective: (span: Range<Int>, places: [Int])?
            for length in [2, 1] where adjective == nil && i + length <= tokens.count {
                guard length == 1 || classes[i].contains(.demonymHead) && isAdjacent(i, i + 1) else { continue }
                key.removeAll(keepingCapacity: true)
                text.appendKey(i..<(i + length), stripped: false, to: &key)
                if let places = lexicon.nationality(key) { adjective = (i..<(i + length), places) }
            }
            guard let (span, places) = adjective, !(i > 0 && isDiasporaCompound(i - 1)), modifiesANoun(span),
                  !names.contains(where: { $0.candidate.tokens.overlaps(span) }) else {
                i += 1
                continue
            }
            // Several places ("Georgian": the country or the US state) are the resolver's
            // to choose between, by the article's other places.
            let candidate = Candidate(tokens: span, options: places.map { Candidate.Option(place: $0, nameRef: index.ownNameRef(of: $0)) })
            found.append(.init(candidate: candidate, confidence: 0.9, hint: .none, parent: nil, isNationality: true))
            i = span.upperBound
        }
        return found
    }

    /// Whether the adjective at `span` stands before the noun it modifies, as
    /// ``nationalityAdjectives(besides:)`` describes.
    private func modifiesANoun(_ span: Range<Int>) -> Bool {
        let tokens = text.tokens
        let first = tokens[span.lowerBound].flags
        let previous = span.lowerBound - 1
        // "Free Syrian Army": a capitalised word before it, mid-sentence, makes it part
        // of a name; not "The", "A" or an acronym ("The Mexican government", "anti-NAFTA
        // Mexican president").
        if previous >= 0, !first.contains(.sentenceStart), isAdjacent(previous, span.lowerBound),
           tokens[previous].flags.contains(.capitalized), tokens[previous].flags.isDisjoint(with: [.sentenceStart, .allCaps]),
           !classes[previous].isAny([.the, .indefinite]) {
            return false
        }
        return isFollowedByItsNoun(span.upperBound - 1, depth: 0)
    }

    /// Whether the word after token `last` is a noun an adjective ending there
    /// modifies, directly or through the adjectives coordinated with it: "Russian and
    /// Venezuelan delegations", "the Syrian-Turkish border", "British, French and
    /// German troops".
    private func isFollowedByItsNoun(_ last: Int, depth: Int) -> Bool {
        let tokens = text.tokens
        let next = last + 1
        guard next < tokens.count, tokens[next].flags.isDisjoint(with: [.sentenceStart, .lineStart]) else { return false }
        let hyphen = tokens[last].flags.contains(.hyphenAfter)
        let joined = isAdjacent(last, next) || hyphen
        if depth < 4 {
            let other = classes[next].contains(.andOr) && joined ? next + 1 : (hyphen || tokens[next].flags.contains(.afterComma) ? next : nil)
            if let other, other < tokens.count, tokens[other].flags.contains(.capitalized), classes[other].contains(.demonym),
               !isDiasporaCompound(last) {
                return isFollowedByItsNoun(other, depth: depth + 1)
            }
        }
        guard joined, !classes[next].contains(.notModified), !isForceName(at: next) else { return false }
        let headline = tokens[last].flags.contains(.allCaps) && tokens[next].flags.contains(.allCaps)
        return !tokens[next].flags.contains(.capitalized) || headline || classes[next].isAny([.institution, .personTitle])
    }

    /// "security forces", "armed forces" at `i`: with the adjective, the name of a
    /// country's forces ("Iraqi security forces", which SPEC.md's example counts among
    /// the organisation names that are no place; "Turkish Armed Forces").
    private func isForceName(at i: Int) -> Bool {
        guard i + 1 < text.tokens.count, isAdjacent(i, i + 1) else { return false }
        let word = text.folded(i), noun = text.folded(i + 1)
        return (word == Self.security[...] || word == Self.armed[...]) && (noun == Self.forces[...] || noun == Self.force[...])
    }

    private static let security = Array("security".utf8), armed = Array("armed".utf8)
    private static let forces = Array("forces".utf8), force = Array("force".utf8)

    /// "African-American", "Arab-American": the demonym at `first`, hyphenated to
    /// "American", names an American community, neither Africa nor the United States.
    private func isDiasporaCompound(_ first: Int) -> Bool {
        first + 1 < text.tokens.count && text.tokens[first].flags.contains(.hyphenAfter) && classes[first].contains(.demonym)
            && text.folded(first + 1) == Self.american[...]
    }

    private static let american = Array("american".utf8)
}
