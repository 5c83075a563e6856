/// Decides whether a candidate span is a place in its context, and how sure that is.
///
/// Rules, in order: a demonym is evidence, not a name (``nationalityAdjectives(besides:)``
/// finds those that modify a noun as their country's); an all-caps short word matches
/// only names that are themselves written in capitals ("US", "UAE", not "ISIS" for the
/// town of Isis); a name inside an organisation or media name is not a place
/// ("Syrian Democratic Forces", "Al Arabiya TV", "University of Mosul"); a name right
/// after a person's title is a person; a common English word ("Hit", "Reading") is a
/// place only where the context says so ("in Hit", "Hit district").
///
/// A recognizer reads one text: its rules ask for the ``WordClass`` of the words around
/// each candidate, each looked up once.
struct Recognizer {
    let index: GazetteerIndex
    /// The text the recognizer reads.
    let text: FoldedText
    /// Each token's word classes, by token index.
    let classes: WordClasses
    /// The word lists the classes come from.
    let lexicon: Lexicon

    init(index: GazetteerIndex, lexicon: Lexicon, text: FoldedText) {
        self.index = index
        self.text = text
        self.lexicon = lexicon
        self.classes = WordClasses(lexicon: lexicon, text: text)
    }

    /// Why a candidate was rejected; shown by `eval --explain`.
    enum Rejection: String, Error {
        case demonym, acronym, organisation, person, commonWord, partOfLongerName
    }

    /// The candidate narrowed to the places it can be here, with a confidence in 0...1,
    /// or the reason it is not a place.
    ///
    /// `previousPlaceEnd` is where the last name accepted in the text ends (a token
    /// index), so that a list it opens ("Reading and Bath") counts as place context.
    func assess(_ candidate: Candidate, previousPlaceEnd: Int? = nil) -> Result<(Candidate, confidence: Double), Rejection> {
        var candidate = candidate
        let span = candidate.tokens
        let first = text.tokens[span.lowerBound]
        if span.count == 1, classes[span.lowerBound].contains(.demonym) {
            return .failure(.demonym)
        }
        let words = classes[span]
        // A near-miss spelling is only trusted for a word that is not itself English or
        // a person's name ("Motion", "Michelle" sound like towns but are not their names).
        if candidate.loose, words.contains(where: { $0.isAny(Self.ordinary) }) {
            return .failure(.commonWord)
        }
        // A month or a word of one or two letters ("I", "La", "Of") is a place only where
        // the sentence says what it is: "March, a market town in Cambridgeshire".
        if span.count == 1, !first.flags.contains(.allCaps), !hasAppositivePlaceNoun(span),
           words[span.lowerBound].contains(.calendar) || !first.flags.contains(.caseless) && first.folded.count <= 2 {
            return .failure(.commonWord)
        }
        // A gazetteer name in capitals ("LA", "ACT") is an abbreviation: it matches only
        // the same letters in capitals, not the word "La" or "Act". A name written with a
        // full stop ("Ill.", "Mass.", "Wash.") is an abbreviation only where the text has
        // the stop too, or capitals ("UAE" for "U.A.E."): not "I’ll", "Mass on Sunday",
        // "wash". One pass over the options' names asks both.
        let dropCapitals = !first.flags.contains(.allCaps) && !first.flags.contains(.abbreviation)
        let dropFullStops = span.count == 1 && first.flags.isDisjoint(with: [.periodAfter, .abbreviation, .allCaps])
        if dropCapitals || dropFullStops {
            let kept = candidate.keepOptions { ref in
                !(dropFullStops && endsWithFullStop(nameAt: ref)) && !(dropCapitals && isAbbreviation(nameAt: ref))
            }
            guard kept else { return .failure(.acronym) }
        }
        if span.count == 1, first.flags.contains(.allCaps), !first.flags.contains(.abbreviation), first.folded.count <= 5,
           !isInCapitalsRun(span.lowerBound) {
            guard candidate.keepOptions(matchedBy: { isWrittenInCapitals(index.string($0)) }) else { return .failure(.acronym) }
        }
        if first.flags.contains(.caseless), let rejection = assessArabic(candidate) { return .failure(rejection) }
        if isInsideOrganisation(span) || span.count == 1 && classes[span.lowerBound].contains(.organisationName) {
            return .failure(.organisation)
        }
        if isPersonName(candidate) { return .failure(.person) }
        if continuesIntoLongerName(span) { return .failure(.partOfLongerName) }
        if span.lowerBound > 0, classes[span.lowerBound - 1].contains(.personTitle), !first.flags.contains(.sentenceStart) {
            let previous = text.tokens[span.lowerBound - 1]
            if previous.flags.contains(.capitalized) || previous.folded.count <= 4 { return .failure(.person) }
        }
        let placeContext = hasPlaceContext(span, previousPlaceEnd: previousPlaceEnd)
        // A near-miss spelling needs the context to say place ("in Deir Ezzor", "Kamishli
        // district"): without it, people's names that sound like towns slip in.
        if candidate.loose, !placeContext { return .failure(.commonWord) }
        // Nor is it trusted at the start of a longer capitalised name ("Tahrir Square").
        if candidate.loose, span.upperBound < text.tokens.count, isAdjacent(span.upperBound - 1, span.upperBound),
           text.tokens[span.upperBound].flags.contains(.capitalized) {
            return .failure(.partOfLongerName)
        }
        let capitals = first.flags.contains(.allCaps)
        // Unless the words together name a country or a region ("Holy See", "Middle East").
        if words.allSatisfy({ $0.isAny(.generic) }), !capitals, !placeContext, span.count == 1 || !isNotable(candidate) {
            return .failure(.commonWord)
        }
        // An ordinary English word or a person's name: a place only where the context says
        // so, or when it is notable ("Snow", "Allen" no; "Houston", "China" yes). Names of
        // several such words ("Pearl Harbor", "Bowling Green") are names.
        if span.count == 1, !placeContext, !capitals, !first.flags.contains(.caseless),
           words.allSatisfy({ $0.isAny(Self.ordinary) }),
           !isNotable(candidate) {
            return .failure(.commonWord)
        }

        var confidence = 0.85
        if placeContext { confidence = 0.95 }
        if candidate.loose { confidence -= 0.1 }
        if first.flags.contains(.sentenceStart), span.count == 1, !placeContext { confidence -= 0.1 }
        if first.flags.contains(.allCaps), span.count > 1 || first.folded.count > 5 { confidence -= 0.05 }
        return .success((candidate, confidence))
    }

    /// "Layla Hassan", "Jordan Peterson": a given name right before a capitalised word
    /// that could be a surname, or that word right after a given name, is a person.
    private func isPersonName(_ candidate: Candidate) -> Bool {
        let span = candidate.tokens
        guard span.count == 1 else { return false }
        let i = span.lowerBound
        if i + 1 < text.tokens.count, isAdjacent(i, i + 1), couldBeSurname(i + 1) {
            // "Layla Hassan"; "Dave Allen" (an unknown given name before a known surname,
            // but not a country or province: "the Communist Party of Vietnam Nguyen Phu
            // Trong"); "Abu Omar" (a kunya: "father of").
            if classes[i].isAny([.givenName, .kunya]) { return true }
            if classes[i + 1].contains(.surname), !isCountryOrProvince(candidate) { return true }
        }
        guard i > 0, isAdjacent(i - 1, i), couldBeSurname(i) else { return false }
        if text.tokens[i - 1].flags.contains(.capitalized), classes[i - 1].contains(.givenName) { return true }
        // "Dave Allen", "Mike de Kock": a surname, or a name no notable place bears,
        // after a capitalised word that could be a given name (or a particle after one).
        var before = i - 1
        if classes[before].contains(.nameParticle), before > 0, isAdjacent(before - 1, before) {
            before -= 1
        }
        // The word before first: whether a notable place bears the name reads every option.
        return couldBeGivenName(before) && (classes[i].contains(.surname) || !isNotable(candidate))
    }

    /// Whether a capitalised word of the same sentence follows the span, one space away:
    /// a person's name rejected there is a given name ("Jordan Peterson").
    func isFollowedByAName(_ span: Range<Int>) -> Bool {
        let next = span.upperBound
        return next < text.tokens.count && isAdjacent(next - 1, next)
            && text.tokens[next].flags.contains(.capitalized) && !text.tokens[next].flags.contains(.sentenceStart)
    }

    /// A capitalised word that no list calls common, a place word, an organisation word
    /// or a demonym, not at a sentence start: it may be someone's given name.
    private func couldBeGivenName(_ i: Int) -> Bool {
        let flags = text.tokens[i].flags
        guard flags.contains(.capitalized), flags.isDisjoint(with: [.allCaps, .abbreviation, .digit]) else { return false }
        if classes[i].contains(.givenName) { return true }
        return !flags.contains(.sentenceStart) && !classes[i].isAny([.english, .generic, .featureNoun, .demonym])
    }

    /// A capitalised word (not in capitals) that no list calls common, a place or feature
    /// noun, an organisation word or a demonym.
    private func couldBeSurname(_ i: Int) -> Bool {
        let flags = text.tokens[i].flags
        guard flags.contains(.capitalized), !flags.contains(.allCaps), !flags.contains(.sentenceStart) else { return false }
        return !classes[i].isAny([.generic, .featureNoun, .demonym])
    }

    /// The start of a longer name the gazetteer does not know: a name followed by a
    /// hyphenated article and a capitalised word ("Hammam al-Alil", "Bab al-Tob"), a
    /// generic Arabic first word before a capitalised word ("Ain Zara", "Ras Lanuf"), or
    /// a common word followed by a capitalised word that is no place or feature noun
    /// ("Eastern Ghouta", "Grand Faw").
    private func continuesIntoLongerName(_ span: Range<Int>) -> Bool {
        let next = span.upperBound
        guard next < text.tokens.count, isAdjacent(next - 1, next) else { return false }
        let following = text.tokens[next]
        if following.flags.contains(.article), following.flags.contains(.hyphenAfter), next + 1 < text.tokens.count {
            return text.tokens[next + 1].flags.contains(.capitalized)
        }
        guard span.count == 1, following.flags.contains(.capitalized), !following.flags.contains(.allCaps) else { return false }
        if classes[span.lowerBound].contains(.arabicNameHead) { return true }
        return classes[span.lowerBound].isAny([.common, .english]) && !classes[next].isAny([.generic, .featureNoun])
    }

    /// Arabic has no capitals, so an Arabic name must not be a function word or common
    /// noun, and a name that is not notable (a country, a province or a town of 100,000)
    /// needs a word of place before it (في, مدينة) or a prepositional clitic (بالحسكة).
    private func assessArabic(_ candidate: Candidate) -> Rejection? {
        let span = candidate.tokens
        if candidate.clitic == nil, span.lowerBound > 0,
           ArabicWords.organisationBefore.contains(Array(text.folded(span.lowerBound - 1))) {
            return .organisation
        }
        let words = span.map { i -> [UInt8] in
            let skip = i == span.lowerBound ? candidate.clitic?.bytes ?? 0 : 0
            return Array(text.folded(i).dropFirst(skip))
        }
        if words.allSatisfy({ ArabicWords.stop.contains($0) }) { return .commonWord }
        // وإن is "and if", not Van: a conjunction before a function word.
        if words.count == 1, candidate.clitic == nil, let word = words.first,
           ArabicWords.conjunctions.contains(where: { word.starts(with: $0) }), ArabicWords.stop.contains(Array(word.dropFirst(2))) {
            return .commonWord
        }
        if candidate.clitic?.isPreposition == true || isNotable(candidate) { return nil }
        if span.lowerBound > 0, !text.tokens[span.lowerBound].flags.contains(.sentenceStart),
           ArabicWords.placeContext.contains(Array(text.folded(span.lowerBound - 1))) {
            return nil
        }
        return .commonWord
    }

    /// A country, a province, or a place of at least 100,000 people that bears the name
    /// as its own (not "White House" for Casablanca) among the options.
    private func isNotable(_ candidate: Candidate) -> Bool {
        isCountryOrProvince(candidate) || candidate.options.contains { option in
            index.record(option.place).population >= 100_000 && index.otherNamePenalty(option.nameRef, of: option.place) == 0
        }
    }

    /// A country, a province or a region among the options.
    private func isCountryOrProvince(_ candidate: Candidate) -> Bool {
        candidate.options.contains { option in
            let kind = index.kind(of: index.record(option.place))
            return kind == .country || kind == .province || kind == .region
        }
    }

    /// A preposition of place before the span ("in", "near") or a place noun after it
    /// ("province", "city"), or "the city of" before it.
    func hasPlaceContext(_ span: Range<Int>, previousPlaceEnd: Int? = nil) -> Bool {
        let tokens = text.tokens
        if span.lowerBound > 0, !tokens[span.lowerBound].flags.contains(.sentenceStart) {
            let previous = classes[span.lowerBound - 1]
            if previous.contains(.locative) { return true }
            // A list that a place opened: "Mosul, Kirkuk and Erbil", "Reading and Bath".
            if let end = previousPlaceEnd {
                if end == span.lowerBound, tokens[span.lowerBound].flags.contains(.afterComma) { return true }
                if end == span.lowerBound - 1, previous.contains(.andOr) { return true }
            }
            if previous.contains(.of), span.lowerBound >= 2, classes[span.lowerBound - 2].contains(.ofPlace) { return true }
            // "the city of Mosul", "governorate Nineveh" (a place noun in lower case, not
            // "Colorado State University").
            if previous.isAny(.placeNoun), !text.tokens[span.lowerBound - 1].flags.contains(.capitalized) { return true }
            if previous.contains(.of), span.lowerBound >= 2, classes[span.lowerBound - 2].isAny(.placeNoun) { return true }
        }
        let next = span.upperBound
        if next < tokens.count, !tokens[next].flags.contains(.sentenceStart) {
            let following = classes[next]
            if following.isAny(.placeNoun) { return true }
            // "the Bekaa valley", "Mosul dam" (a feature noun in lower case; "Jordan River"
            // is a name of its own).
            if following.contains(.featureNoun), !tokens[next].flags.contains(.capitalized) { return true }
            // "Zaatari refugee camp", "Rukban displacement camp".
            if following.contains(.campKind), next + 1 < tokens.count, classes[next + 1].isAny(.placeNoun) { return true }
        }
        return hasAppositivePlaceNoun(span)
    }

    /// A comma and a phrase that says what the name is: "Of, a town in Trabzon province",
    /// "March, a market town", "Zaatari, the camp".
    func hasAppositivePlaceNoun(_ span: Range<Int>) -> Bool {
        let next = span.upperBound
        guard next < text.tokens.count, !text.tokens[next].flags.contains(.sentenceStart),
              text.tokens[next].flags.contains(.afterComma), classes[next].isAny([.indefinite, .the])
        else { return false }
        return classes[(next + 1)..<min(next + 4, text.tokens.count)].contains { $0.isAny(.placeNoun) }
    }

    /// The span continues into a run of capitalised words with an organisation word
    /// ("Syrian Democratic Forces", "Al Arabiya TV"), or follows "<institution> of".
    private func isInsideOrganisation(_ span: Range<Int>) -> Bool {
        var i = span.upperBound
        var seen = 0
        while i < text.tokens.count, seen < 4, !text.tokens[i].flags.contains(.sentenceStart) {
            let token = text.tokens[i]
            let w = classes[i]
            // "in Aden the Southern Transitional Council said": "the" right after a
            // name starts a new phrase, not the rest of the name.
            if i == span.upperBound, w.isAny(.placeNoun) || w.contains(.the) { return false }
            if w.contains(.organisation) { return token.flags.contains(.capitalized) || token.flags.contains(.allCaps) || w.contains(.tv) }
            let connector = w.contains(.connector) && i + 1 < text.tokens.count
                && text.tokens[i + 1].flags.contains(.capitalized)
            guard token.flags.contains(.capitalized) || token.flags.contains(.allCaps) || connector else { break }
            if !isAdjacent(i - 1, i) { break }
            i += 1
            seen += 1
        }
        // "Real Madrid", "Inter Milan", "AC Milan".
        if span.lowerBound >= 1, isAdjacent(span.lowerBound - 1, span.lowerBound),
           classes[span.lowerBound - 1].contains(.clubPrefix),
           !text.tokens[span.lowerBound - 1].flags.isDisjoint(with: [.capitalized, .allCaps]) {
            return true
        }
        if span.lowerBound >= 2, classes[span.lowerBound - 1].contains(.of) {
            let head = span.lowerBound - 2
            if classes[head].contains(.organisationOf), text.tokens[head].flags.contains(.capitalized) { return true }
        }
        return false
    }

    /// Whether `b` follows `a` after exactly one space (``FoldedText/Flags/afterSingleSpace``:
    /// no comma, hyphen, quote or bracket), so they read as one name ("Dave Allen").
    func isAdjacent(_ a: Int, _ b: Int) -> Bool {
        b == a + 1 && text.tokens[b].flags.contains(.afterSingleSpace)
    }

    /// An English word, a person's name or a generic word (``WordClass/generic``): what
    /// a near-miss spelling must not be, and what a single-word name must not be without
    /// context unless it is notable.
    private static let ordinary: WordClass = [.english, .personName, .generic]

    /// Whether the word opens a line (a dateline: "MOSUL (Reuters) –") or a neighbour on
    /// the same line is in capitals too (a headline: "FIGHTING IN HOMS"): there a short
    /// word in capitals is no acronym.
    private func isInCapitalsRun(_ i: Int) -> Bool {
        let tokens = text.tokens
        // A dateline: "MOSUL (Reuters) –", "AMMAN, Jordan –".
        if tokens[i].flags.contains(.lineStart) { return true }
        if i > 0, tokens[i - 1].flags.contains(.allCaps), !tokens[i].flags.contains(.lineStart) { return true }
        if i + 1 < tokens.count, tokens[i + 1].flags.contains(.allCaps), !tokens[i + 1].flags.contains(.lineStart) { return true }
        return false
    }

    /// A name of at most five letters, all capitals ("LA", "ACT", "UAE").
    private func isAbbreviation(_ name: String) -> Bool {
        name.unicodeScalars.count <= 5 && isWrittenInCapitals(name)
    }

    /// ``isAbbreviation(_:)`` of the gazetteer name at `ref`, read from its bytes in
    /// place (asked of every option of every candidate): more than five scalars, or
    /// ASCII, is decided there; only a short non-ASCII name becomes a `String`.
    private func isAbbreviation(nameAt ref: UInt32) -> Bool {
        let verdict: Bool? = index.withStringBytes(ref) { bytes in
            var scalars = 0, upper = false, ascii = true
            for b in bytes {
                if b & 0xC0 != 0x80 { scalars += 1 }
                if scalars > 5 { return false }
                if b >= 0x80 { ascii = false } else if b >= 0x61, b <= 0x7A { return false } else if b >= 0x41, b <= 0x5A { upper = true }
            }
            return ascii ? upper : nil
        }
        return verdict ?? isAbbreviation(index.string(ref))
    }

    /// Whether the gazetteer name at `ref` ends with a full stop ("Ill.", "Calif.").
    private func endsWithFullStop(nameAt ref: UInt32) -> Bool {
        index.withStringBytes(ref) { $0.last == UInt8(ascii: ".") }
    }

    private func isWrittenInCapitals(_ name: String) -> Bool {
        name.unicodeScalars.contains { $0.properties.isUppercase } && !name.unicodeScalars.contains { $0.properties.isLowercase }
    }
}
