import BenchSupport
import Foundation
import GeotagCore

/// A deterministic generator of `allCountries.txt`-format files for the gazetteer
/// benchmark, since the real 1.6 GB dump is not on every machine.
///
/// What it imitates (from GeoNames' own statistics, roughly): feature classes in
/// allCountries' proportions (P populated places, H hydrographic, S spots, T terrain,
/// L areas, A divisions, V, R, U) with their common codes; names of 1 to 4 words built
/// from syllables (4 to 40 characters, a tail of longer ones), a third of them drawn
/// from a pool of names that recur across places as real ones do ("San José", "Al
/// Qaryah"); Latin diacritics, Arabic articles ("Al", "Ad"), and English generics
/// ("River", "Mount"); a quarter of the places with alternate names (1 to 20, skewed):
/// Latin spellings, Arabic script, and other scripts (Cyrillic, Greek, Han) and codes
/// that a Latin/Arabic build drops; populations mostly 0, log-spread for towns; admin1
/// codes 01–20 and about 40 admin2 codes under each, so the (country, admin1, admin2)
/// combinations number in the tens of thousands as GeoNames' do.
struct SyntheticGeoNames {
    /// The generator (``SplitMix64``).
    typealias Random = SplitMix64

    private static let classes: [(share: Double, featureClass: String, codes: [String])] = [
        (0.35, "P", ["PPL", "PPL", "PPL", "PPL", "PPLX", "PPLA3", "PPLA2", "PPLL", "PPLQ"]),
        (0.20, "H", ["STM", "STM", "LK", "SPNG", "WLL", "RSV", "STMI", "BAY"]),
        (0.17, "S", ["SCH", "CH", "HTL", "BLDG", "FRM", "MSQE", "HSP", "AIRP"]),
        (0.15, "T", ["MT", "HLL", "MT", "PK", "VAL", "PASS", "ISL", "CAPE"]),
        (0.05, "L", ["LCTY", "AREA", "PRK", "RESF"]),
        (0.04, "A", ["ADM4", "ADM3", "ADM2", "ADMD", "ADM1"]),
        (0.02, "V", ["FRST", "GRSLD"]),
        (0.01, "R", ["RD", "TNL"]),
        (0.01, "U", ["SMU", "RDGU"]),
    ]
    private static let generics: [String: [String]] = [
        "H": ["River", "Lake", "Wadi", "Nahr", "Creek", "Spring"], "T": ["Mount", "Jabal", "Hill", "Tall", "Pass"],
        "S": ["School", "Farm", "Mosque", "Church"], "P": ["New", "Kafr", "San", "Saint", "Al", "Ad", "El"],
    ]
    private static let onsets = ["b", "d", "k", "m", "n", "r", "s", "t", "l", "h", "g", "z", "sh", "kh", "q", "w", "y", "f", "j", "v", "p", "ch", "br", "tr", "st", ""]
    private static let vowels = ["a", "e", "i", "o", "u", "a", "ā", "ī", "ū", "é", "ö", "ay", "ou", "ia"]
    private static let codas = ["", "", "", "n", "r", "l", "s", "h", "m", "k", "t", "ḩ", "ş", "d", "ng"]
    private static let arabicLetters = Array("ابتثجحخدذرزسشصضطظعغفقكلمنهوي").map(String.init)
    private static let cyrillic = Array("абвгдежзиклмнопрстуфхцчшыэюя").map(String.init)
    private static let greek = Array("αβγδεζηθικλμνξοπρστυφχψω").map(String.init)
    private static let han = Array("京山河北南东西州城市县镇村湖江海").map(String.init)
    private static let countries = "AD AE AF AG AL AM AO AR AT AU AZ BA BD BE BF BG BH BI BJ BO BR BT BW BY BZ CA CD CF CG CH CI CL CM CN CO CR CU CY CZ DE DJ DK DO DZ EC EE EG ER ES ET FI FJ FR GA GB GE GH GM GN GQ GR GT GW GY HN HR HT HU ID IE IL IN IQ IR IS IT JM JO JP KE KG KH KP KR KW KZ LA LB LK LR LS LT LU LV LY MA MD ME MG MK ML MM MN MR MW MX MY MZ NA NE NG NI NL NO NP NZ OM PA PE PG PH PK PL PT PY QA RO RS RU RW SA SD SE SI SK SL SN SO SR SS SV SY SZ TD TG TH TJ TL TM TN TR TT TW TZ UA UG US UY UZ VE VN YE ZA ZM ZW".split(separator: " ").map(String.init)

    var random: Random
    private var pool: [String] = []

    init(seed: UInt64) {
        random = Random(seed: seed)
        for _ in 0..<50_000 { pool.append(freshName()) }
    }

    private mutating func pick<T>(_ items: [T]) -> T { items[random.below(items.count)] }

    private mutating func word(syllables: Int) -> String {
        var word = ""
        for _ in 0..<syllables { word += pick(Self.onsets) + pick(Self.vowels) + pick(Self.codas) }
        return word.prefix(1).uppercased() + word.dropFirst()
    }

    private mutating func freshName() -> String {
        let words = random.chance(0.55) ? 1 : random.chance(0.7) ? 2 : random.chance(0.8) ? 3 : 4
        let syllables = { (r: inout Random) in 1 + r.below(3) + (r.chance(0.05) ? 3 : 0) }
        return (0..<words).map { _ in word(syllables: syllables(&random)) }.joined(separator: " ")
    }

    private mutating func name(featureClass: String) -> String {
        var name = random.chance(0.33) ? pick(pool) : freshName()
        if let generic = Self.generics[featureClass], random.chance(0.3) {
            let g = pick(generic)
            name = ["River", "Lake", "Creek", "Spring", "Hill", "School", "Farm", "Mosque", "Church", "Pass"].contains(g) ? "\(name) \(g)" : "\(g) \(name)"
        }
        return name
    }

    private mutating func script(_ letters: [String], words: Int) -> String {
        (0..<words).map { _ in (0..<(3 + random.below(6))).map { _ in pick(letters) }.joined() }.joined(separator: " ")
    }

    private mutating func alternate(of name: String) -> String {
        switch random.below(20) {
        case 0..<3: return Self.ascii(name)  // without diacritics
        case 3..<6: return latinVariant(of: name)
        case 6..<8: return name.hasPrefix("Al ") ? String(name.dropFirst(3)) : "Al-" + name  // the article
        case 8..<10: return name.split(separator: " ").joined(separator: "-")
        case 10..<13: return script(Self.arabicLetters, words: 1 + random.below(2))
        case 13..<15: return script(Self.cyrillic, words: 1 + random.below(2))
        case 15: return script(Self.greek, words: 1)
        case 16: return script(Self.han, words: 1)
        case 17: return String((0..<3).map { _ in Character(UnicodeScalar(UInt8(65 + random.below(26)))) })  // a code
        case 18: return name.lowercased()
        default: return freshName()  // a name of another origin
        }
    }

    /// Another transliteration: one vowel or consonant spelled differently.
    private mutating func latinVariant(of name: String) -> String {
        let swaps = [("a", "e"), ("ou", "u"), ("ī", "ee"), ("ū", "oo"), ("k", "q"), ("sh", "ch"), ("y", "i"), ("ā", "aa"), ("h", "kh")]
        for _ in 0..<swaps.count {
            let (from, to) = pick(swaps)
            if name.contains(from) { return name.replacingOccurrences(of: from, with: to) }
        }
        return name + "a"
    }

    /// ASCII folding as GeoNames' asciiname column has it.
    private static func ascii(_ name: String) -> String {
        String(String.UnicodeScalarView(name.decomposedStringWithCanonicalMapping.unicodeScalars.filter(\.isASCII)))
    }

    /// One 19-column line for place `id`.
    mutating func line(id: Int) -> String {
        var share = random.unit()
        var cls = Self.classes[0]
        for candidate in Self.classes {
            if share < candidate.share { cls = candidate; break }
            share -= candidate.share
        }
        let code = pick(cls.codes)
        let name = name(featureClass: cls.featureClass)
        var alternates: [String] = []
        if random.chance(0.25) {
            let count = 1 + Int(pow(random.unit(), 3) * 19)
            for _ in 0..<count { alternates.append(alternate(of: name)) }
        }
        let population = cls.featureClass == "P" && random.chance(0.4) ? Int(pow(10, 1 + random.unit() * 5)) : 0
        let lat = String(format: "%.5f", random.unit() * 160 - 75), lon = String(format: "%.5f", random.unit() * 360 - 180)
        let country = pick(Self.countries)
        let admin1 = String(format: "%02d", 1 + random.below(20))
        let admin2 = random.chance(0.6) ? String(1000 + random.below(40)) : ""  // about 40 districts a province
        return [
            String(id), name, Self.ascii(name), alternates.joined(separator: ","), lat, lon, cls.featureClass, code, country, "",
            admin1, admin2, "", "", String(population), "", String(random.below(3000)), "Etc/UTC", "2024-01-01",
        ].joined(separator: "\t")
    }

    /// Writes `count` places to `path`.
    static func write(places count: Int, seed: UInt64, to path: String) throws {
        var generator = SyntheticGeoNames(seed: seed)
        guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else { throw CocoaError(.fileWriteUnknown) }
        defer { try? handle.close() }
        var chunk = ""
        for id in 1...count {
            chunk += generator.line(id: id)
            chunk += "\n"
            if chunk.utf8.count > 1 << 22 {
                try handle.write(contentsOf: Data(chunk.utf8))
                chunk = ""
            }
        }
        try handle.write(contentsOf: Data(chunk.utf8))
    }
}
