/// Options of the extract stage, from `pipeline.yaml`'s `extract` section.
public struct ExtractOptions: Sendable, Equatable {
    /// Mentions scored below this are dropped.
    public var minScore: Double
    /// ISO country codes that tip ties towards their places.
    public var countryBias: [String]

    public init(minScore: Double = 0, countryBias: [String] = []) {
        self.minScore = minScore
        self.countryBias = countryBias
    }
}

/// The extract stage: finds every place-name mention of an article and resolves it
/// against the gazetteer (`Article → [Mention]`).
///
/// candidates (``CandidateFinder``) → is it a place here? (``Recognizer``) → which place?
/// (``Resolver``) → ``Mention`` with its sentence, precision and score.
public struct Extractor: Stage {
    public static let name = StageName.extract

    public let index: GazetteerIndex
    public var options: ExtractOptions
    /// The learned scores, from beside the index; nil keeps the rule-based ones.
    public var model: MentionModel?
    private let lexicon: Lexicon

    public init(index: GazetteerIndex, options: ExtractOptions = .init()) {
        self.index = index
        self.options = options
        self.model = MentionModel.besides(indexPath: index.path)
        self.lexicon = Lexicon.of(index)
    }

    public func process(_ article: Article) throws(DocumentError) -> [Mention] {
        mentions(in: article.text, docID: article.docID)
    }

    /// The mentions of `text`, ordered by their start.
    public func mentions(in text: String, docID: String) -> [Mention] {
        scoredMentions(in: text, docID: docID).map(\.mention)
    }

    /// The mentions of `text` with the features the mention model scores them on.
    func scoredMentions(in text: String, docID: String) -> [(mention: Mention, features: [Double])] {
        resolve(recognise(text), text: text, docID: docID)
    }

    /// A text's recognised names, before resolution: what matching and recognition
    /// found (the benchmarks time the two halves apart).
    struct Recognised {
        /// The recognizer that read the text (it holds the folded text and its word
        /// classes).
        var recognizer: Recognizer
        var names: [Resolver.Name]
        var demonyms: [UInt16: Double]
        var folded: FoldedText { recognizer.text }
    }

    /// Folds `text`, finds its candidates and keeps those that are places here.
    func recognise(_ text: String) -> Recognised {
        let folded = FoldedText(text)
        let recognizer = Recognizer(index: index, lexicon: lexicon, text: folded)
        var names: [Resolver.Name] = []
        var people = FoldedKeyTable<Void>()
        var commonWords: [Candidate] = []
        for candidate in CandidateFinder(index: index).candidates(in: folded) {
            switch recognizer.assess(candidate, previousPlaceEnd: names.last?.candidate.tokens.upperBound) {
            case let .success((kept, confidence)):
                names.append(.init(candidate: kept, confidence: confidence, hint: kindHint(kept.tokens, in: recognizer), parent: nil))
            case .failure(.person):
                // Only a surname or a name after a title stands for the person later
                // ("Layla Hassan ... Hassan said"); a given name does not ("Jordan
                // Peterson" leaves the country Jordan of the same article alone).
                if !recognizer.isFollowedByAName(candidate.tokens) { people.value(of: folded.key(candidate.tokens.prefix(1))) {} }
            case .failure(.commonWord):
                commonWords.append(candidate)
            case .failure:
                continue
            }
        }
        // Once a word is a person's name in an article, it is that person throughout
        // ("Layla Hassan ... Hassan said").
        names.removeAll { $0.candidate.tokens.count == 1 && people.contains(folded.key($0.candidate.tokens)) }
        names = withEchoes(of: names, among: commonWords, in: recognizer)
        names = (names + recognizer.nationalityAdjectives(besides: names)).sorted { $0.candidate.tokens.lowerBound < $1.candidate.tokens.lowerBound }
        let demonyms = demonymEvidence(in: recognizer)
        linkParents(&names, in: folded)
        return Recognised(recognizer: recognizer, names: names, demonyms: demonyms)
    }

    /// Picks each recognised name's place, scores it (with the model when there is
    /// one) and makes the mentions, ordered by their start, with their features.
    func resolve(_ recognised: Recognised, text: String, docID: String) -> [(mention: Mention, features: [Double])] {
        let (recognizer, folded, names, demonyms) = (recognised.recognizer, recognised.folded, recognised.names, recognised.demonyms)
        var resolver = Resolver(index: index)
        resolver.countryBias = Set(options.countryBias.compactMap(Self.countryKey))
        let spellings = NameSpellings(names, in: folded)
        let choices = resolver.resolve(names, spellings: spellings, demonymCountries: demonyms)

        let utf8 = Array(text.utf8)
        let summary = MentionFeatures.article(choices: choices, spellings: spellings, demonyms: demonyms)
        let features = names.indices.map { number in
            MentionFeatures.vector(
                names[number], spelling: spellings[number], choices[number], article: summary, index: index, recognizer: recognizer,
                previousPlaceEnd: number > 0 ? names[number - 1].candidate.tokens.upperBound : nil)
        }
        let recognised = model.map { recognitionDecisions($0, features: features, spellings: spellings, choices: choices) }
        var mentions: [(mention: Mention, features: [Double])] = []
        // The names of one sentence share its string.
        var lastSentence: (bytes: Range<Int>, text: String) = (0..<0, "")
        let countries = Self.countriesShown(names: names, choices: choices, demonyms: demonyms)
        for (number, (name, choice)) in zip(names, choices).enumerated() {
            // A near-miss spelling is a transliteration of a place of the article's own
            // countries ("Deir Ezzor" in a Syrian story), not of a village in a country
            // the article never names ("Al-Shuhail" is no Chuhal, Punjab).
            if name.candidate.loose, !countries.isEmpty, !countries.contains(choice.record.countryCode) { continue }
            let features = features[number]
            let span = name.candidate.tokens
            var score = name.confidence * choice.probability
            if let model, let recognised {
                guard recognised[number] else { continue }
                score = model.resolutionProbability(features)
            }
            score = (score * 1000).rounded() / 1000
            guard score >= options.minScore else { continue }
            var first = folded.tokens[span.lowerBound]
            // GeoNames calls Nineveh "محافظة نينوى" too, but the mention is the name, as
            // in "Nineveh province".
            if span.count > 1, name.candidate.clitic == nil, ArabicWords.provinceNouns.contains(Array(folded.folded(span.lowerBound))) {
                first = folded.tokens[span.lowerBound + 1]
            } else if let clitic = name.candidate.clitic {
                first.scalars = (first.scalars.lowerBound + clitic.bytes / 2)..<first.scalars.upperBound
                first.utf8 = (first.utf8.lowerBound + clitic.bytes)..<first.utf8.upperBound
            }
            var last = span.count == 1 ? first : folded.tokens[span.upperBound - 1]
            // "Springfield, Ill.": a name the gazetteer writes with its full stop keeps it.
            if span.count == 1, last.flags.contains(.periodAfter), let option = name.candidate.options.first(where: { $0.place == choice.record.index }),
               index.withStringBytes(option.nameRef, { $0.last == UInt8(ascii: ".") }) {
                last.scalars = last.scalars.lowerBound..<(last.scalars.upperBound + 1)
                last.utf8 = last.utf8.lowerBound..<(last.utf8.upperBound + 1)
            }
            let sentenceBytes = sentence(around: span, in: folded, utf8: utf8)
            if sentenceBytes != lastSentence.bytes { lastSentence = (sentenceBytes, String(decoding: utf8[sentenceBytes], as: UTF8.self)) }
            let place = index.place(choice.record.index)
            var precision = index.kind(of: choice.record).precision
            if precision == 1, isNear(span, in: recognizer) { precision = 2 }
            mentions.append((Mention(
                docID: docID,
                text: String(decoding: utf8[first.utf8.lowerBound..<last.utf8.upperBound], as: UTF8.self),
                start: first.scalars.lowerBound, end: last.scalars.upperBound,
                sentence: lastSentence.text,
                place: place, precision: precision, score: score), features))
        }
        return mentions
    }

    /// The countries an article shows by its exactly spelled names and its demonyms.
    private static func countriesShown(names: [Resolver.Name], choices: [Resolver.Choice], demonyms: [UInt16: Double]) -> Set<UInt16> {
        var countries = Set<UInt16>(minimumCapacity: demonyms.count + names.count)
        countries.formUnion(demonyms.keys)
        for (name, choice) in zip(names, choices) where !name.candidate.loose { countries.insert(choice.record.countryCode) }
        return countries
    }

    /// Which names the model keeps as places. One sense per discourse: the occurrences
    /// of a name that resolved to the same place stand or fall together, by the
    /// likeliest of them ("fighting in Afrin ... Afrin's residents": the second has no
    /// place context of its own, but the first shows what the name is).
    private func recognitionDecisions(
        _ model: MentionModel, features: [[Double]], spellings: NameSpellings, choices: [Resolver.Choice]
    ) -> [Bool] {
        let probabilities = features.map(model.recognitionProbability)
        let threshold = model.recognition.threshold ?? 0.5
        return choices.indices.map { n in
            var likeliest = 0.0
            spellings.forEachName(spelledLike: n) { other in
                if choices[other].record.index == choices[n].record.index { likeliest = max(likeliest, probabilities[other]) }
            }
            return likeliest >= threshold
        }
    }

    /// One sense per discourse: a common word that the article has shown to be a place
    /// is that place wherever else it is written with a capital mid-sentence ("Floods
    /// swept through Of, a town in Trabzon province ... the centre of Of"). The echoes
    /// join `names` in text order, with the places the shown name was narrowed to.
    private func withEchoes(of names: [Resolver.Name], among commonWords: [Candidate], in recognizer: Recognizer) -> [Resolver.Name] {
        let text = recognizer.text
        let midSentence = commonWords.filter {
            let first = text.tokens[$0.tokens.lowerBound].flags
            return first.contains(.capitalized) && !first.contains(.sentenceStart)
        }
        guard !names.isEmpty, !midSentence.isEmpty else { return names }
        var shown = FoldedKeyTable<Candidate>(capacity: names.count)
        for name in names { shown.value(of: text.key(name.candidate.tokens)) { name.candidate } }
        var all = names
        for var candidate in midSentence {
            guard let place = shown[text.key(candidate.tokens)],
                  !names.contains(where: { $0.candidate.tokens.overlaps(candidate.tokens) }) else { continue }
            candidate.options = place.options
            candidate.loose = place.loose
            all.append(.init(candidate: candidate, confidence: 0.85, hint: kindHint(candidate.tokens, in: recognizer), parent: nil))
        }
        // `names` are in text order already.
        return all.count == names.count ? names : all.sorted { $0.candidate.tokens.lowerBound < $1.candidate.tokens.lowerBound }
    }

    /// What the neighbouring words say about the kind of place: "Diyala province",
    /// "the province of Diyala", "the city of Mosul", "Mosul city".
    private func kindHint(_ span: Range<Int>, in recognizer: Recognizer) -> Resolver.KindHint {
        let (text, classes) = (recognizer.text, recognizer.classes)
        func hint(_ w: WordClass) -> Resolver.KindHint {
            if w.contains(.provinceNoun) { return .province }
            if w.contains(.districtNoun) { return .district }
            if w.contains(.townNoun) { return .town }
            if w.contains(.countryNoun) { return .country }
            return .none
        }
        if span.upperBound < text.tokens.count, !text.tokens[span.upperBound].flags.contains(.sentenceStart) {
            let after = hint(classes[span.upperBound])
            if after != .none { return after }
        }
        if span.lowerBound >= 2, classes[span.lowerBound - 1].contains(.of) {
            let before = hint(classes[span.lowerBound - 2])
            if before != .none { return before }
        }
        // "the Atlantic", "the Euphrates", "the Levant": towns seldom take the article.
        if span.lowerBound >= 1, classes[span.lowerBound - 1].contains(.the) { return .feature }
        return .none
    }

    /// "X, Y": a name followed by a comma and another name makes that one its parent.
    private func linkParents(_ names: inout [Resolver.Name], in text: FoldedText) {
        guard names.count > 1 else { return }
        for i in 0..<(names.count - 1) {
            let end = names[i].candidate.tokens.upperBound
            let next = names[i + 1].candidate.tokens.lowerBound
            guard next == end, end < text.tokens.count, !names[i].isNationality, !names[i + 1].isNationality else { continue }
            let gap = text.tokens[next].utf8.lowerBound - text.tokens[end - 1].utf8.upperBound
            // Only ", " between them: the parent directly follows.
            if gap == 2 { names[i].parent = i + 1 }
        }
    }

    /// Countries the article's demonyms point to ("Iraqi" → IQ), one vote per word,
    /// split among a demonym's countries.
    private func demonymEvidence(in recognizer: Recognizer) -> [UInt16: Double] {
        let text = recognizer.text
        var evidence: [UInt16: Double] = [:]
        for i in text.tokens.indices where text.tokens[i].flags.contains(.capitalized) && recognizer.classes[i].contains(.demonym) {
            guard let codes = index.demonyms.countries(for: text.folded(i)), !codes.isEmpty else { continue }
            for code in codes { if let key = Self.countryKey(code) { evidence[key, default: 0] += 0.5 / Double(codes.count) } }
        }
        return evidence
    }

    /// "near X", "outside X", "the outskirts of X": the place is close to X, not in it.
    private func isNear(_ span: Range<Int>, in recognizer: Recognizer) -> Bool {
        guard span.lowerBound > 0 else { return false }
        let previous = recognizer.classes[span.lowerBound - 1]
        if previous.contains(.nearness) { return true }
        return previous.contains(.of) && span.lowerBound >= 2 && recognizer.classes[span.lowerBound - 2].contains(.nearness)
    }

    /// Where the sentence that holds the span lies in the text's UTF-8: from the start of
    /// its sentence to the start of the next one, trimmed.
    private func sentence(around span: Range<Int>, in text: FoldedText, utf8: [UInt8]) -> Range<Int> {
        var first = span.lowerBound
        while first > 0, !text.tokens[first].flags.contains(.sentenceStart) { first -= 1 }
        var next = span.upperBound
        while next < text.tokens.count, !text.tokens[next].flags.contains(.sentenceStart) { next += 1 }
        let lower = text.tokens[first].utf8.lowerBound
        let upper = next < text.tokens.count ? text.tokens[next].utf8.lowerBound : utf8.count
        var end = upper
        while end > lower, [0x20, 0x0A, 0x0D, 0x09].contains(utf8[end - 1]) { end -= 1 }
        return lower..<end
    }

    /// An ISO code as the two-byte key of ``PlaceRecord/countryCode``.
    static func countryKey(_ code: String) -> UInt16? {
        let bytes = Array(code.uppercased().utf8)
        guard bytes.count == 2 else { return nil }
        return UInt16(bytes[0]) | UInt16(bytes[1]) << 8
    }
}
