/// Decides whether a candidate span is a place in its context, and how sure that is.
///
/// Rules, in order: demonyms are evidence, not places; an all-caps short word matches
/// only names that are themselves written in capitals ("US", "UAE", not "ISIS" for the
/// town of Isis); a name inside an organisation or media name is not a place
/// ("Syrian Democratic Forces", "Al Arabiya TV", "University of Mosul"); a name right
/// after a person's title is a person; a common English word ("Hit", "Reading") is a
/// place only where the context says so ("in Hit", "Hit district").
struct Recognizer {
    let index: GazetteerIndex
    /// Common English words, from beside the index.
    var english = EnglishWords(words: [])

    /// Why a candidate was rejected; shown by `eval --explain`.
    enum Rejection: String, Error {
        case demonym, acronym, organisation, person, commonWord, partOfLongerName
    }

    /// The candidate narrowed to the places it can be here, with a confidence in 0...1,
    /// or the reason it is not a place.
    ///
    /// `previousPlaceEnd` is where the last name accepted in the text ends (a token
    /// index), so that a list it opens ("Reading and Bath") counts as place context.
    func assess(_ candidate: Candidate, in text: FoldedText, previousPlaceEnd: Int? = nil) -> Result<(Candidate, confidence: Double), Rejection> {
        var candidate = candidate
        let span = candidate.tokens
        let first = text.tokens[span.lowerBound]
        if span.count == 1, index.demonyms.countries(for: text.folded(span.lowerBound)) != nil {
            return .failure(.demonym)
        }
        let words = span.map { word($0, in: text) }
        // A near-miss spelling is only trusted for a word that is not itself English or
        // a person's name ("Motion", "Michelle" sound like towns but are not their names).
        if candidate.loose, words.contains(where: { english.contains($0) || GivenNames.all.contains($0) || Surnames.all.contains($0) || isGenericWord($0) }) {
            return .failure(.commonWord)
        }
        // A month or a word of one or two letters ("I", "La", "Of") is a place only where
        // the sentence says what it is: "March, a market town in Cambridgeshire".
        if span.count == 1, !first.flags.contains(.allCaps), !hasAppositivePlaceNoun(span, in: text),
           CommonWords.calendar.contains(words[0]) || !first.flags.contains(.caseless) && first.folded.count <= 2 {
            return .failure(.commonWord)
        }
        // A gazetteer name in capitals ("LA", "ACT") is an abbreviation: it matches only
        // the same letters in capitals, not the word "La" or "Act".
        if !first.flags.contains(.allCaps), !first.flags.contains(.abbreviation) {
            let kept = candidate.places.indices.filter { !isAbbreviation(nameAt: candidate.nameRefs[$0]) }
            guard !kept.isEmpty else { return .failure(.acronym) }
            candidate.places = kept.map { candidate.places[$0] }
            candidate.nameRefs = kept.map { candidate.nameRefs[$0] }
        }
        if span.count == 1, first.flags.contains(.allCaps), !first.flags.contains(.abbreviation), first.folded.count <= 5,
           !isInCapitalsRun(span.lowerBound, in: text) {
            let kept = candidate.places.indices.filter { isWrittenInCapitals(index.string(candidate.nameRefs[$0])) }
            guard !kept.isEmpty else { return .failure(.acronym) }
            candidate.places = kept.map { candidate.places[$0] }
            candidate.nameRefs = kept.map { candidate.nameRefs[$0] }
        }
        if first.flags.contains(.caseless), let rejection = assessArabic(candidate, in: text) { return .failure(rejection) }
        if isInsideOrganisation(span, in: text) { return .failure(.organisation) }
        if isPersonName(candidate, in: text) { return .failure(.person) }
        if continuesIntoLongerName(span, in: text) { return .failure(.partOfLongerName) }
        let previous = span.lowerBound > 0 ? word(span.lowerBound - 1, in: text) : nil
        if let previous, ContextWords.personTitle.contains(previous), !first.flags.contains(.sentenceStart),
           text.tokens[span.lowerBound - 1].flags.contains(.capitalized) || previous.count <= 4 {
            return .failure(.person)
        }
        let placeContext = hasPlaceContext(span, in: text, previousPlaceEnd: previousPlaceEnd)
        // A near-miss spelling needs the context to say place ("in Deir Ezzor", "Kamishli
        // district"): without it, people's names that sound like towns slip in.
        if candidate.loose, !placeContext { return .failure(.commonWord) }
        // Nor is it trusted at the start of a longer capitalised name ("Tahrir Square").
        if candidate.loose, span.upperBound < text.tokens.count, isAdjacent(span.upperBound - 1, span.upperBound, in: text),
           text.tokens[span.upperBound].flags.contains(.capitalized) {
            return .failure(.partOfLongerName)
        }
        let capitals = first.flags.contains(.allCaps)
        // Unless the words together name a country or a region ("Holy See", "Middle East").
        if words.allSatisfy(isGenericWord), !capitals, !placeContext, span.count == 1 || !isNotable(candidate) {
            return .failure(.commonWord)
        }
        // An ordinary English word or a person's name: a place only where the context says
        // so, or when it is notable ("Snow", "Allen" no; "Houston", "China" yes). Names of
        // several such words ("Pearl Harbor", "Bowling Green") are names.
        if span.count == 1, !placeContext, !capitals, !first.flags.contains(.caseless),
           words.allSatisfy({ english.contains($0) || GivenNames.all.contains($0) || Surnames.all.contains($0) || isGenericWord($0) }),
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
    private func isPersonName(_ candidate: Candidate, in text: FoldedText) -> Bool {
        let span = candidate.tokens
        guard span.count == 1 else { return false }
        let i = span.lowerBound
        if i + 1 < text.tokens.count, isAdjacent(i, i + 1, in: text), couldBeSurname(i + 1, in: text) {
            let w = word(i, in: text), next = word(i + 1, in: text)
            // "Layla Hassan"; "Dave Allen" (an unknown given name before a known surname,
            // but not a country or province: "the Communist Party of Vietnam Nguyen Phu
            // Trong"); "Abu Omar" (a kunya: "father of").
            if GivenNames.all.contains(w) || ContextWords.kunya.contains(w) { return true }
            if Surnames.all.contains(next), !isCountryOrProvince(candidate) { return true }
        }
        guard i > 0, isAdjacent(i - 1, i, in: text), couldBeSurname(i, in: text) else { return false }
        if text.tokens[i - 1].flags.contains(.capitalized), GivenNames.all.contains(word(i - 1, in: text)) { return true }
        // "Dave Allen", "Mike de Kock": a surname, or a name no notable place bears,
        // after a capitalised word that could be a given name (or a particle after one).
        var before = i - 1
        if ContextWords.nameParticles.contains(word(before, in: text)), before > 0, isAdjacent(before - 1, before, in: text) {
            before -= 1
        }
        let surname = Surnames.all.contains(word(i, in: text)) || !isNotable(candidate)
        return surname && couldBeGivenName(before, in: text)
    }

    /// A capitalised word that no list calls common, a place word, an organisation word
    /// or a demonym, not at a sentence start: it may be someone's given name.
    private func couldBeGivenName(_ i: Int, in text: FoldedText) -> Bool {
        let flags = text.tokens[i].flags
        guard flags.contains(.capitalized), flags.isDisjoint(with: [.allCaps, .abbreviation, .digit]) else { return false }
        let w = word(i, in: text)
        if GivenNames.all.contains(w) { return true }
        return !flags.contains(.sentenceStart) && !english.contains(w) && !isGenericWord(w)
            && !ContextWords.featureNouns.contains(w) && index.demonyms.countries(for: text.folded(i)) == nil
    }

    /// A capitalised word (not in capitals) that no list calls common, a place or feature
    /// noun, an organisation word or a demonym.
    private func couldBeSurname(_ i: Int, in text: FoldedText) -> Bool {
        let flags = text.tokens[i].flags
        guard flags.contains(.capitalized), !flags.contains(.allCaps), !flags.contains(.sentenceStart) else { return false }
        let w = word(i, in: text)
        return !isGenericWord(w) && !ContextWords.featureNouns.contains(w) && index.demonyms.countries(for: text.folded(i)) == nil
    }

    /// The start of a longer name the gazetteer does not know: a name followed by a
    /// hyphenated article and a capitalised word ("Hammam al-Alil", "Bab al-Tob"), or a
    /// common word followed by a capitalised word that is no place or feature noun
    /// ("Eastern Ghouta", "Grand Faw").
    private func continuesIntoLongerName(_ span: Range<Int>, in text: FoldedText) -> Bool {
        let next = span.upperBound
        guard next < text.tokens.count, isAdjacent(next - 1, next, in: text) else { return false }
        let following = text.tokens[next]
        if following.flags.contains(.article), following.flags.contains(.hyphenAfter), next + 1 < text.tokens.count {
            return text.tokens[next + 1].flags.contains(.capitalized)
        }
        guard span.count == 1, following.flags.contains(.capitalized), !following.flags.contains(.allCaps) else { return false }
        let w = word(span.lowerBound, in: text)
        let nextWord = word(next, in: text)
        return (CommonWords.all.contains(w) || english.contains(w))
            && !isGenericWord(nextWord) && !ContextWords.featureNouns.contains(nextWord)
    }

    /// Arabic has no capitals, so an Arabic name must not be a function word or common
    /// noun, and a name that is not notable (a country, a province or a town of 100,000)
    /// needs a word of place before it (في, مدينة) or a prepositional clitic (بالحسكة).
    private func assessArabic(_ candidate: Candidate, in text: FoldedText) -> Rejection? {
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
        isCountryOrProvince(candidate) || zip(candidate.places, candidate.nameRefs).contains { place, name in
            index.record(place).population >= 100_000 && index.otherNamePenalty(name, of: place) == 0
        }
    }

    /// A country, a province or a region among the options.
    private func isCountryOrProvince(_ candidate: Candidate) -> Bool {
        candidate.places.contains { place in
            let kind = index.kind(of: index.record(place))
            return kind == .country || kind == .province || kind == .region
        }
    }

    /// A preposition of place before the span ("in", "near") or a place noun after it
    /// ("province", "city"), or "the city of" before it.
    func hasPlaceContext(_ span: Range<Int>, in text: FoldedText, previousPlaceEnd: Int? = nil) -> Bool {
        let tokens = text.tokens
        if span.lowerBound > 0, !tokens[span.lowerBound].flags.contains(.sentenceStart) {
            let previous = word(span.lowerBound - 1, in: text)
            if ContextWords.locative.contains(previous) { return true }
            // A list that a place opened: "Mosul, Kirkuk and Erbil", "Reading and Bath".
            if let end = previousPlaceEnd {
                if end == span.lowerBound, tokens[span.lowerBound].flags.contains(.afterComma) { return true }
                if end == span.lowerBound - 1, previous == "and" || previous == "or" { return true }
            }
            if previous == "of", span.lowerBound >= 2, ContextWords.ofPlace.contains(word(span.lowerBound - 2, in: text)) { return true }
            // "the city of Mosul", "governorate Nineveh" (a place noun in lower case, not
            // "Colorado State University").
            if isPlaceNoun(previous), !text.tokens[span.lowerBound - 1].flags.contains(.capitalized) { return true }
            if previous == "of", span.lowerBound >= 2, isPlaceNoun(word(span.lowerBound - 2, in: text)) { return true }
        }
        let next = span.upperBound
        if next < tokens.count, !tokens[next].flags.contains(.sentenceStart) {
            let following = word(next, in: text)
            if isPlaceNoun(following) { return true }
            // "the Bekaa valley", "Mosul dam" (a feature noun in lower case; "Jordan River"
            // is a name of its own).
            if ContextWords.featureNouns.contains(following), !tokens[next].flags.contains(.capitalized) { return true }
            // "Zaatari refugee camp", "Rukban displacement camp".
            if ContextWords.campKinds.contains(following), next + 1 < tokens.count, isPlaceNoun(word(next + 1, in: text)) { return true }
        }
        return hasAppositivePlaceNoun(span, in: text)
    }

    /// A comma and a phrase that says what the name is: "Of, a town in Trabzon province",
    /// "March, a market town", "Zaatari, the camp".
    func hasAppositivePlaceNoun(_ span: Range<Int>, in text: FoldedText) -> Bool {
        let next = span.upperBound
        guard next < text.tokens.count, !text.tokens[next].flags.contains(.sentenceStart),
              text.tokens[next].flags.contains(.afterComma), ["a", "an", "the"].contains(word(next, in: text))
        else { return false }
        return ((next + 1)..<min(next + 4, text.tokens.count)).contains { isPlaceNoun(word($0, in: text)) }
    }

    /// The span continues into a run of capitalised words with an organisation word
    /// ("Syrian Democratic Forces", "Al Arabiya TV"), or follows "<institution> of".
    private func isInsideOrganisation(_ span: Range<Int>, in text: FoldedText) -> Bool {
        var i = span.upperBound
        var seen = 0
        while i < text.tokens.count, seen < 4, !text.tokens[i].flags.contains(.sentenceStart) {
            let token = text.tokens[i]
            let w = word(i, in: text)
            if i == span.upperBound, isPlaceNoun(w) { return false }
            if ContextWords.organisation.contains(w) { return token.flags.contains(.capitalized) || token.flags.contains(.allCaps) || w == "tv" }
            let connector = ["of", "for", "and", "the", "de"].contains(w) && i + 1 < text.tokens.count
                && text.tokens[i + 1].flags.contains(.capitalized)
            guard token.flags.contains(.capitalized) || token.flags.contains(.allCaps) || connector else { break }
            if !isAdjacent(i - 1, i, in: text) { break }
            i += 1
            seen += 1
        }
        // "Real Madrid", "Inter Milan", "AC Milan".
        if span.lowerBound >= 1, isAdjacent(span.lowerBound - 1, span.lowerBound, in: text),
           ContextWords.clubPrefixes.contains(word(span.lowerBound - 1, in: text)),
           !text.tokens[span.lowerBound - 1].flags.isDisjoint(with: [.capitalized, .allCaps]) {
            return true
        }
        if span.lowerBound >= 2, word(span.lowerBound - 1, in: text) == "of" {
            let head = span.lowerBound - 2
            if ContextWords.organisationOf.contains(word(head, in: text)), text.tokens[head].flags.contains(.capitalized) { return true }
        }
        return false
    }

    /// Whether only spaces or a hyphen stand between tokens `a` and `b` (no comma, no
    /// quote, no bracket), so they read as one name.
    private func isAdjacent(_ a: Int, _ b: Int, in text: FoldedText) -> Bool {
        b == a + 1 && text.tokens[b].flags.contains(.afterSingleSpace)
    }

    /// A common English word, or a word of organisations, titles or place kinds
    /// ("Bank", "University", "General", "Province"): a place only in place context.
    private func isGenericWord(_ w: String) -> Bool {
        Self.genericWords.contains(w)
    }

    /// The union of the lists ``isGenericWord(_:)`` and ``isPlaceNoun(_:)`` ask, made
    /// once: one hash look-up instead of seven (or four), asked for most candidates'
    /// words and neighbours.
    private static let placeNouns: Set<String> = ContextWords.provinceNouns.union(ContextWords.districtNouns)
        .union(ContextWords.townNouns).union(ContextWords.countryNouns)
    private static let genericWords: Set<String> = CommonWords.all.union(ContextWords.organisation)
        .union(ContextWords.organisationOf).union(ContextWords.personTitle).union(placeNouns)

    /// Whether the word opens a line (a dateline: "MOSUL (Reuters) –") or a neighbour on
    /// the same line is in capitals too (a headline: "FIGHTING IN HOMS"): there a short
    /// word in capitals is no acronym.
    private func isInCapitalsRun(_ i: Int, in text: FoldedText) -> Bool {
        let tokens = text.tokens
        // A dateline: "MOSUL (Reuters) –", "AMMAN, Jordan –".
        if tokens[i].flags.contains(.lineStart) { return true }
        if i > 0, tokens[i - 1].flags.contains(.allCaps), !tokens[i].flags.contains(.lineStart) { return true }
        if i + 1 < tokens.count, tokens[i + 1].flags.contains(.allCaps), !tokens[i + 1].flags.contains(.lineStart) { return true }
        return false
    }

    private func isPlaceNoun(_ w: String) -> Bool {
        Self.placeNouns.contains(w)
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

    private func isWrittenInCapitals(_ name: String) -> Bool {
        name.unicodeScalars.contains { $0.properties.isUppercase } && !name.unicodeScalars.contains { $0.properties.isLowercase }
    }
}

/// The folded word at token `i`, as a String for the word lists.
func word(_ i: Int, in text: FoldedText) -> String {
    String(decoding: text.folded(i), as: UTF8.self)
}
