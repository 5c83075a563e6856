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
        for i in range where !isArticle(i, of: text, in: range) {
            var word = Array(text.folded(i))
            if i == range.lowerBound { word.removeFirst(min(skip, word.count)) }
            if text.tokens[i].flags.contains(.caseless) {
                if word.starts(with: FoldedText.arabicArticleBytes), word.count > FoldedText.arabicArticleBytes.count + 2 {
                    word.removeFirst(FoldedText.arabicArticleBytes.count)
                }
                out += word
            } else {
                out += latin(word)
            }
        }
        return out.count >= minimumLength ? out : nil
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
        skeleton(of: text, range, skippingFirst: skip).map { [keyPrefix] + $0 }
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
    private static let articles: Set<[UInt8]> = Set(["al", "el", "an", "ar", "as", "ash", "at", "ad", "az", "ed", "en", "er", "es", "et", "ez", "ul", "ur", "ud", "uz"].map { Array($0.utf8) })

    /// Whether token `i` is an article for skeletons: flagged so, or an article's
    /// spelling that is neither the first nor the last word of `range`.
    private static func isArticle(_ i: Int, of text: FoldedText, in range: Range<Int>) -> Bool {
        if text.tokens[i].flags.contains(.article) { return true }
        return i > range.lowerBound && i < range.upperBound - 1 && articles.contains(Array(text.folded(i)))
    }

    /// `word` without an article glued to its front: "al"/"el" + consonant
    /// ("Alhasakah"), or a vowel + doubled consonant ("Ezzor", "Arraqqa").
    static func withoutGluedArticle(_ word: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        let w = Array(word)
        if w.count >= 4, (w[0] == a || w[0] == UInt8(ascii: "e")), w[1] == UInt8(ascii: "l"), !isVowel(w[2]) {
            return word.dropFirst(2)
        }
        if w.count >= 5, isVowel(w[0]), !isVowel(w[1]), w[1] == w[2], w[1] != UInt8(ascii: "l") {
            return word.dropFirst(2)
        }
        return word
    }

    /// One Latin word's skeleton.
    static func latin(_ input: [UInt8]) -> [UInt8] {
        // 1. An article glued on.
        let word = Array(withoutGluedArticle(input[...]))
        // 2. Consonants and digraphs.
        var merged: [UInt8] = []
        var i = 0
        while i < word.count {
            let c = word[i]
            let next = i + 1 < word.count ? word[i + 1] : 0
            switch c {
            case UInt8(ascii: "q"), UInt8(ascii: "c"):
                if c == UInt8(ascii: "c"), next == h { merged.append(UInt8(ascii: "s")); i += 2; continue }
                merged.append(UInt8(ascii: "k"))
            case UInt8(ascii: "p") where next == h:
                merged.append(UInt8(ascii: "f")); i += 2; continue
            case UInt8(ascii: "k"), UInt8(ascii: "g"), UInt8(ascii: "s"), UInt8(ascii: "t"), UInt8(ascii: "d"):
                merged.append(c)
                if next == h { i += 2; continue }
            default:
                merged.append(c)
            }
            i += 1
        }
        // 3. Vowel runs, with y/w beside a vowel, become one "a".
        var vowels: [UInt8] = []
        for (j, c) in merged.enumerated() {
            let glide = (c == UInt8(ascii: "y") || c == UInt8(ascii: "w"))
                && ((j > 0 && isVowel(merged[j - 1])) || (j + 1 < merged.count && isVowel(merged[j + 1]))
                    || (c == UInt8(ascii: "y") && j == merged.count - 1))
            if isVowel(c) || glide {
                if vowels.last != a { vowels.append(a) }
            } else {
                vowels.append(c)
            }
        }
        if vowels.count > 2, vowels.first == a { vowels.removeFirst() }
        if vowels.count > 2, vowels.last == h, vowels[vowels.count - 2] == a { vowels.removeLast() }
        var out: [UInt8] = []
        for c in vowels where out.last != c { out.append(c) }
        return out
    }
}
