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
/// fallback for names no exact key matches, and only among notable places.
public enum NameSkeleton {
    /// The skeleton of the tokens `range` of `text`, or nil when it would be shorter
    /// than ``minimumLength`` bytes (too short to tell names apart).
    public static func skeleton(of text: FoldedText, _ range: Range<Int>, skippingFirst skip: Int = 0) -> [UInt8]? {
        var out: [UInt8] = []
        for i in range where !text.tokens[i].flags.contains(.article) {
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

    private static let a = UInt8(ascii: "a"), h = UInt8(ascii: "h")

    private static func isVowel(_ c: UInt8) -> Bool {
        c == UInt8(ascii: "a") || c == UInt8(ascii: "e") || c == UInt8(ascii: "i") || c == UInt8(ascii: "o") || c == UInt8(ascii: "u")
    }

    /// One Latin word's skeleton.
    static func latin(_ input: [UInt8]) -> [UInt8] {
        var word = input
        // 1. A glued article: "al"/"el" + consonant, or vowel + doubled consonant.
        if word.count >= 4, (word[0] == a || word[0] == UInt8(ascii: "e")), word[1] == UInt8(ascii: "l"), !isVowel(word[2]) {
            word.removeFirst(2)
        } else if word.count >= 5, isVowel(word[0]), !isVowel(word[1]), word[1] == word[2], word[1] != UInt8(ascii: "l") {
            word.removeFirst(2)
        }
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
