import Synchronization

/// Whether a name that matched a place is one of its *other* names: not its own name
/// nor a spelling or a short or long form of it, but another name altogether, such as
/// a former name ("Salisbury" for Harare, "Riverdale" for Glendale, California), the
/// name of a neighbourhood or of a place it absorbed ("Franklin" for Columbus, Ohio), or
/// a translation ("Garden City" for Singapore). GeoNames lists such names among a town's
/// alternate names without saying which they are.
///
/// A name matched through an alternate name is still a spelling of the place's own name
/// when their letters without articles, apostrophes and spaces are equal or a near miss
/// ("Sao Paulo", "Baqubah" for Ba'qubah), when their skeletons (``NameSkeleton``) are
/// equal or a near miss ("Raqqa" for Ar Raqqah, "Kiev" for Kyiv, "Rmelan" for
/// Rumailan), when the words of one begin or end the other's ("New York" for New York
/// City, "Franklin" for Franklin County, "Najaf" for An Najaf), or when it is an
/// abbreviation ("N.J.", "UAE"); "St", "Ste", "Mt" and "Ft" count as the words they
/// shorten. None of those is an other name.
public enum OtherNames {
    /// Whether `name`, a name that matched a place whose own name is `own`, is an other
    /// name of it.
    public static func isOtherName(_ name: String, own: String) -> Bool {
        if name == own || isAbbreviation(name) { return false }
        // Apostrophes go first: the folding reads "Ra’s" as a possessive ("Ra").
        let a = FoldedText(withoutApostrophes(name)), b = FoldedText(withoutApostrophes(own))
        guard !a.tokens.isEmpty, !b.tokens.isEmpty else { return false }
        // Another script (an Arabic name of a town with a Latin one): nothing to compare.
        if a.tokens.contains(where: { $0.flags.contains(.caseless) }) != b.tokens.contains(where: { $0.flags.contains(.caseless) }) {
            return false
        }
        let wordsA = words(of: a), wordsB = words(of: b)
        let bareA = Array(wordsA.joined()), bareB = Array(wordsB.joined())
        if bareA == bareB || NameSkeleton.isNearMiss(bareA, bareB) { return false }
        let skeletonA = skeleton(wordsA, of: a), skeletonB = skeleton(wordsB, of: b)
        if skeletonA == skeletonB || NameSkeleton.isNearMiss(skeletonA, skeletonB) { return false }
        let (short, long) = wordsA.count <= wordsB.count ? (wordsA, wordsB) : (wordsB, wordsA)
        if !short.isEmpty, long.starts(with: short) || long.reversed().starts(with: short.reversed()) { return false }
        return true
    }

    /// An abbreviation ("N.J.", "Calif.", "UAE"): a short form by nature.
    static func isAbbreviation(_ name: String) -> Bool {
        if name.hasSuffix(".") { return true }
        let text = FoldedText(name)
        if text.tokens.contains(where: { $0.flags.contains(.abbreviation) }) { return true }
        return text.tokens.count == 1 && text.tokens[0].flags.contains(.allCaps) && text.folded(0).count <= 4
    }

    private static func withoutApostrophes(_ name: String) -> String {
        String(String.UnicodeScalarView(name.unicodeScalars.filter { !apostrophes.contains($0) }))
    }

    private static let apostrophes: Set<Unicode.Scalar> = ["'", "\u{2018}", "\u{2019}", "\u{02BC}", "\u{02BB}", "\u{02BE}", "\u{02BF}", "`", "\u{00B4}"]

    /// The skeleton (``NameSkeleton``) of a name's words, however short ("Kiev" and
    /// "Kyiv" are both "kav").
    private static func skeleton(_ words: [[UInt8]], of text: FoldedText) -> [UInt8] {
        let arabic = text.tokens.contains { $0.flags.contains(.caseless) }
        var skeleton: [UInt8] = []
        for word in words {
            if arabic { skeleton += word } else { NameSkeleton.appendLatin(word[...], to: &skeleton) }
        }
        return skeleton
    }

    /// The folded words of a name without the Arabic article, with "St", "Ste", "Mt" and
    /// "Ft" written out.
    private static func words(of text: FoldedText) -> [[UInt8]] {
        text.tokens.indices.filter { !text.tokens[$0].flags.contains(.article) }.map { i in
            let word = Array(text.folded(i))
            return expansions[word] ?? word
        }
    }

    private static let expansions: [[UInt8]: [UInt8]] = [
        Array("st".utf8): Array("saint".utf8), Array("ste".utf8): Array("sainte".utf8),
        Array("mt".utf8): Array("mount".utf8), Array("ft".utf8): Array("fort".utf8),
    ]
}

extension GazetteerIndex {
    /// Whether the name at `nameRef`, which matched place `index`, is an other name of it
    /// (``OtherNames``). A place matched by its own name (the posting holds the place's
    /// own name ref: the builder posts each place under the first of its names that folds
    /// to the key, its own name first) answers at once; for the others the builder
    /// judged every posting and the index keeps the verdicts (``OtherNameTable``).
    public func isOtherName(_ nameRef: UInt32, of index: Int) -> Bool {
        nameRef != ownNameRef(of: index) && isMarkedOtherName(nameRef, of: index)
    }

    /// What place `index` loses when the name at `nameRef` matched it: the
    /// ``PlacePrior/otherNamePenalty`` for a town matched by an other name of it, else 0
    /// (countries, regions, provinces and districts keep their curated other names).
    public func otherNamePenalty(_ nameRef: UInt32, of index: Int) -> Double {
        otherNamePenalty(nameRef, of: index, kind: kind(of: record(index)))
    }

    /// ``otherNamePenalty(_:of:)`` for a place whose kind the caller knows.
    func otherNamePenalty(_ nameRef: UInt32, of index: Int, kind: PlaceKind) -> Double {
        guard kind == .town, isOtherName(nameRef, of: index) else { return 0 }
        return PlacePrior.otherNamePenalty
    }
}
