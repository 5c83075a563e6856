/// A coarse key under which the spellings news uses for one Arabic or Persian name
/// meet: "Deir ez-Zor", "Deir Ezzor", "Dayr az-Zawr" and "Deir Al-Zour"; "Qamishli"
/// and "Kamishli"; "Hasaka", "Hasakah" and "Al-Hasakeh"; "Baquba" and "Ba'qubah";
/// "Arbil" and "Erbil"; "Abu Kamal", "Albu Kamal", "Al-Bukamal" and "البو كمال".
///
/// The rule follows how romanisation varies, not a list of names:
/// 1. the Arabic article goes, as its own word or glued on ("Alhasakah", "Ezzor",
///    "Arraqqa"), and so does ال on Arabic-script words;
/// 2. consonants that romanisations swap are merged: q and c with k, ph with f, and
///    the digraphs kh, gh, sh, ch, th, dh with their first letter's plain sound;
/// 3. every run of vowels (with y and w next to a vowel, and a final y) becomes one "a", because
///    Arabic short vowels are unwritten and every system spells them differently
///    (ei/ay, o/aw/ou, e/a); a word's first vowel goes, as does a final h after a
///    vowel (ta marbuta: Hasakah/Hasaka, Hasakeh) and doubled letters;
/// 4. the words are joined without spaces (Abu Kamal / Al-Bukamal; البو كمال / البوكمال).
///
/// Skeletons are coarse by design ("Oman" and "Amman" share one), so they are only a
/// fallback for names no exact key matches, only among notable places (``isNotable``),
/// and a match stands only when the spelling is a near miss of the name it found: an
/// edit distance within a third of its length (``isNearMiss``).
public enum NameSkeleton {
    /// The skeleton of the tokens `range` of `text`, or nil when it would be shorter
    /// than ``minimumLength`` bytes (too short to tell names apart).
    public static func skeleton(of text: FoldedText, _ range: Range<Int>, skippingFirst skip: Int = 0) -> [UInt8]? {
        var out: [UInt8] = []
        return appendSkeleton(of: text, range, skippingFirst: skip, to: &out) ? out : nil
    }

    /// Appends the skeleton of the tokens `range` of `text` to `out`, and returns
    /// whether it is at least ``minimumLength`` bytes long. Each word is read where it
    /// lies and written once: no array per word (a look-up builds one per window).
    private static func appendSkeleton(of text: FoldedText, _ range: Range<Int>, skippingFirst skip: Int, to out: inout [UInt8]) -> Bool {
        let start = out.count
        // A skeleton is never longer than the folded words it is made of.
        out.reserveCapacity(start + text.folded(range).count)
        for i in range where !isArticle(i, of: text, in: range) {
            var word = text.folded(i)
            if i == range.lowerBound { word = word.dropFirst(skip) }
            if text.tokens[i].flags.contains(.caseless) {
                if word.starts(with: FoldedText.arabicArticleBytes), word.count > FoldedText.arabicArticleBytes.count + 2 {
                    word = word.dropFirst(FoldedText.arabicArticleBytes.count)
                }
                out += word
            } else {
                appendLatin(word, to: &out)
            }
        }
        return out.count - start >= minimumLength
    }

    /// The skeleton of a whole name.
    public static func skeleton(of name: String) -> [UInt8]? {
        let text = FoldedText(name)
        return skeleton(of: text, 0..<text.tokens.count)
    }

    /// Skeletons shorter than this many bytes are not used.
    public static let minimumLength = 4

    /// The first byte of a skeleton key in the index: a byte no folded name contains,
    /// so skeleton keys and ordinary keys share one hash table without meeting.
    public static let keyPrefix: UInt8 = 0x01

    /// The index key of `name`'s skeleton, or nil when it has none.
    public static func key(of name: String) -> [UInt8]? {
        skeleton(of: name).map { [keyPrefix] + $0 }
    }

    /// The index key of the skeleton of tokens `range` of `text`.
    public static func key(of text: FoldedText, _ range: Range<Int>, skippingFirst skip: Int = 0) -> [UInt8]? {
        var key = [keyPrefix]
        return appendSkeleton(of: text, range, skippingFirst: skip, to: &key) ? key : nil
    }

    /// Whether a place is indexed under its skeletons: countries, regions, provinces,
    /// districts, and towns of 5,000 people or more or of unknown population (GeoNames
    /// writes 0 for many district seats, Tall Tamr and Ma'arrat an-Nu'man among them).
    /// Matching that loosely is only worth its risk for places news is likely to name.
    public static func isNotable(featureClass: String, featureCode: String, population: Int) -> Bool {
        switch PlaceKind(featureClass: featureClass, featureCode: featureCode) {
        case .country, .region, .province, .district: return true
        case .town, .natural: return population >= 5_000 || population == 0
        }
    }

    /// A name's letters without articles and spaces, for comparing a skeleton match
    /// with the name it matched ("deirezzor" for "Deir ez-Zor").
    public static func bare(of text: FoldedText, _ range: Range<Int>, skippingFirst skip: Int = 0) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(text.folded(range).count)
        for i in range where !isArticle(i, of: text, in: range) {
            var word = text.folded(i)
            if i == range.lowerBound { word = word.dropFirst(skip) }
            if text.tokens[i].flags.contains(.arabicArticle) {
                word = word.dropFirst(FoldedText.arabicArticleBytes.count)
            } else if !text.tokens[i].flags.contains(.caseless) {
                word = withoutGluedArticle(word)
            }
            out += word
        }
        return out
    }

    /// The bare form of a whole name.
    public static func bare(of name: String) -> [UInt8] {
        let text = FoldedText(name)
        return bare(of: text, 0..<text.tokens.count)
    }

    /// Whether two bare forms are close enough for a skeleton match to stand: an edit
    /// distance of at most a third of the shorter one's length, and at least one
    /// ("baqouba"/"baqubah" yes, "oman"/"amman" no).
    public static func isNearMiss(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let bound = max(1, min(a.count, b.count) / 3)
        guard abs(a.count - b.count) <= bound else { return false }
        return EditDistance.levenshtein(a, b, limit: bound) <= bound
    }

    private static let a = UInt8(ascii: "a"), h = UInt8(ascii: "h")

    private static func isVowel(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "a") || c == UInt8(ascii: "e") || c == UInt8(ascii: "i") || c == UInt8(ascii: "o") || c == UInt8(ascii: "u")
    }

    /// Spellings of the Arabic article: inside a name, between two of its words ("Ma'arrat
    /// an Nu'man", "Ras al Ain"), they are the article even where the folding keeps them
    /// because they are also English words.
    private static let articles: [[UInt8]] = ["al", "el", "an", "ar", "as", "ash", "at", "ad", "az", "ed", "en", "er", "es", "et", "ez", "ul", "ur", "ud", "uz"].map { Array($0.utf8) }

    /// Whether token `i` is an article for skeletons: flagged so, or an article's
    /// spelling that is neither the first nor the last word of `range`.
    private static func isArticle(_ i: Int, of text: FoldedText, in range: Range<Int>) -> Bool {
        if text.tokens[i].flags.contains(.article) { return true }
        guard i > range.lowerBound, i < range.upperBound - 1 else { return false }
        let word = text.folded(i)
        return word.count <= 3 && articles.contains { $0.elementsEqual(word) }
    }

    /// `word` without an article glued to its front: "al"/"el" + consonant
    /// ("Alhasakah"), or a vowel + doubled consonant ("Ezzor", "Arraqqa").
    static func withoutGluedArticle(_ word: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let w = word.startIndex
        if word.count >= 4, (word[w] == a || word[w] == UInt8(ascii: "e")), word[w + 1] == UInt8(ascii: "l"), !isVowel(word[w + 2]) {
            return word.dropFirst(2)
        }
        if word.count >= 5, isVowel(word[w]), !isVowel(word[w + 1]), word[w + 1] == word[w + 2], word[w + 1] != UInt8(ascii: "l") {
            return word.dropFirst(2)
        }
        return word
    }

    /// Appends one Latin word's skeleton to `out`. The steps of the rule (see the type's
    /// comment) work in place on one buffer on the stack, each writing no further
    /// than it has read.
    static func appendLatin(_ input: ArraySlice<UInt8>, to out: inout [UInt8]) {
        // 1. An article glued on.
        let word = withoutGluedArticle(input)
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(word.count, 1)) { buffer in
            // 2. Consonants and digraphs.
            var count = 0
            var i = word.startIndex
            while i < word.endIndex {
                let c = word[i]
                let next = i + 1 < word.endIndex ? word[i + 1] : 0
                var merged = c
                switch c {
                case UInt8(ascii: "q"), UInt8(ascii: "c"):
                    merged = c == UInt8(ascii: "c") && next == h ? UInt8(ascii: "s") : UInt8(ascii: "k")
                    if merged == UInt8(ascii: "s") { i += 1 }
                case UInt8(ascii: "p") where next == h:
                    merged = UInt8(ascii: "f")
                    i += 1
                case UInt8(ascii: "k"), UInt8(ascii: "g"), UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "d"):
                    if next == h { i += 1 }
                default:
                    break
                }
                buffer[count] = merged
                count += 1
                i += 1
            }
            // 3. Vowel runs, with y/w beside a vowel, become one "a". Written over the
            // merged letters, never ahead of the one read; the letter before is kept
            // as it was merged.
            var written = 0
            var previous: UInt8 = 0
            for j in 0..<count {
                let c = buffer[j]
                let glide = (c == UInt8(ascii: "y") || c == UInt8(ascii: "w"))
                    && ((j > 0 && isVowel(previous)) || (j + 1 < count && isVowel(buffer[j + 1]))
                        || (c == UInt8(ascii: "y") && j == count - 1))
                previous = c
                if isVowel(c) || glide {
                    if written == 0 || buffer[written - 1] != a {
                        buffer[written] = a
                        written += 1
                    }
                } else {
                    buffer[written] = c
                    written += 1
                }
            }
            // A first vowel goes, and a final h after a vowel; then doubled letters.
            var (first, end) = (0, written)
            if end - first > 2, buffer[first] == a { first += 1 }
            if end - first > 2, buffer[end - 1] == h, buffer[end - 2] == a { end -= 1 }
            var last: UInt8?
            for c in buffer[first..<end] where last != c {
                out.append(c)
                last = c
            }
        }
    }
}
