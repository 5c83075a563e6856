import BenchSupport
import Foundation
@testable import GeotagCore

/// A deterministic generator of news-like articles for the benchmarks: wire copy about
/// clashes, floods, prices and talks, 2 to 5 KB of text each, naming places drawn from
/// the gazetteer with news-like frequencies.
///
/// - Each article has a focus country: Iraq or Syria for 40% of them (like the news our
///   users follow), otherwise a country drawn by Zipf over population rank.
/// - A place mention is a country (30%), a province (15%), a town (50%) or a world
///   region (5%); two in three provinces and towns lie in the focus country. Within a
///   kind (and country), places are drawn by Zipf over population rank: the capital
///   comes up far more often than a village.
/// - Two sentences in five carry a place phrase, so an article names a place about
///   once per 180 bytes, as GeoWebNews does.
/// - Sentences are built from independent choices (subject, verb, clause, place
///   phrase, time) and words of the English word list beside the gazetteer, so texts
///   share few runs of four words and the duplicate detector sees originals; people
///   ("Layla Hassan"), organisations ("Syrian Democratic Forces", "Al Arabiya TV") and
///   datelines ("MOSUL (Reuters) -") give the recognizer its usual work.
/// - Half the articles are HTML pages (a header with a menu, the article, a footer of
///   links, metadata in the head), half plain text.
///
/// Output: `part-NNNNN.jsonl` files of 10,000 articles each (`url`, `title`,
/// `published`, and `text` or `html`), which a `files` source reads as they are.
struct CorpusGenerator {
    static let version = 2
    static let articlesPerFile = 10_000

    private var random: SplitMix64
    private let places: PlacePools
    private let words: [String]

    init(index: GazetteerIndex, seed: UInt64) {
        random = SplitMix64(seed: seed)
        places = PlacePools(index: index)
        let list = (try? String(contentsOfFile: (index.path as NSString).deletingLastPathComponent + "/lexicon/english-words.txt", encoding: .utf8)) ?? ""
        // Plain lower-case words of 4 to 10 letters: nouns and verbs news is made of.
        let plain = list.split(separator: "\n").filter { w in w.count >= 4 && w.count <= 10 && w.allSatisfy { $0 >= "a" && $0 <= "z" } }
        words = plain.isEmpty ? ["report", "market", "water", "school", "border", "convoy"] : plain.map { String($0) }
    }

    /// Writes `count` articles into `folder`, which it creates; returns the bytes of
    /// article text (the clean text of the plain ones, the paragraphs of the HTML ones).
    mutating func write(count: Int, to folder: String) throws -> Int {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        var textBytes = 0
        var n = 0
        var part = 0
        while n < count {
            var out: [UInt8] = []
            out.reserveCapacity(Self.articlesPerFile * 6_000)
            let end = min(count, n + Self.articlesPerFile)
            while n < end {
                let article = next(number: n)
                textBytes += article.text.utf8.count
                out.append(contentsOf: "{\"url\":".utf8)
                JSONText.appendQuoted(article.url, to: &out)
                out.append(contentsOf: ",\"title\":".utf8)
                JSONText.appendQuoted(article.title, to: &out)
                out.append(contentsOf: ",\"published\":".utf8)
                JSONText.appendQuoted(article.published, to: &out)
                if let html = article.html {
                    out.append(contentsOf: ",\"html\":".utf8)
                    JSONText.appendQuoted(html, to: &out)
                } else {
                    out.append(contentsOf: ",\"text\":".utf8)
                    JSONText.appendQuoted(article.text, to: &out)
                }
                out.append(contentsOf: "}\n".utf8)
                n += 1
            }
            let path = String(format: "%@/part-%05d.jsonl", folder, part)
            guard FileManager.default.createFile(atPath: path, contents: Data(out)) else {
                throw GeotagError.io(path: path, reason: "cannot write")
            }
            part += 1
        }
        return textBytes
    }

    struct Article {
        var url: String
        var title: String
        var published: String
        /// The article's text: what a plain article holds, and the paragraphs of an HTML one.
        var text: String
        var html: String?
    }

    /// Article number `number`.
    mutating func next(number: Int) -> Article {
        let focus = random.unit() < 0.4 ? (random.unit() < 0.55 ? places.iraq : places.syria) : places.country(&random)
        let target = 2_000 + Int(random.below(3_000))
        var paragraphs: [String] = []
        var length = 0
        let dateline = random.unit() < 0.3 ? "\(places.town(in: focus, &random).uppercased()) (\(pick(Self.agencies))) - " : ""
        while length < target {
            var sentences: [String] = []
            for _ in 0..<(2 + Int(random.below(3))) { sentences.append(sentence(focus: focus)) }
            var paragraph = sentences.joined(separator: " ")
            if paragraphs.isEmpty { paragraph = dateline + paragraph }
            length += paragraph.utf8.count + 2
            paragraphs.append(paragraph)
        }
        let title = "\(capitalised(word())) \(pick(Self.headlineVerbs)) in \(place(focus: focus))"
        let day = 1 + Int(random.below(28)), month = 1 + Int(random.below(12))
        let published = String(format: "2024-%02d-%02dT%02d:%02d:00Z", month, day, Int(random.below(24)), Int(random.below(60)))
        let url = "https://news.example.org/\(published.prefix(10))/\(number)-\(word())-\(word())"
        let text = paragraphs.joined(separator: "\n\n")
        guard number % 2 == 1 else { return Article(url: url, title: title, published: published, text: title + "\n\n" + text) }
        return Article(url: url, title: title, published: published, text: text, html: page(title: title, published: published, paragraphs: paragraphs))
    }

    /// A news page around the paragraphs: a head with metadata, a menu, the article, a
    /// footer of links.
    private mutating func page(title: String, published: String, paragraphs: [String]) -> String {
        func escaped(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        var html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(escaped(title)) | Example News</title>"
        html += "<meta property=\"article:published_time\" content=\"\(published)\"><meta name=\"author\" content=\"\(person())\">"
        html += "<link rel=\"stylesheet\" href=\"/static/site.css\"></head><body><header><nav><ul>"
        for section in Self.sections { html += "<li><a href=\"/\(section.lowercased())\">\(section)</a></li>" }
        html += "</ul></nav></header><main><article><h1>\(escaped(title))</h1><p class=\"byline\">By \(person())</p>"
        for paragraph in paragraphs { html += "<p>\(escaped(paragraph))</p>" }
        html += "</article><aside><h2>Most read</h2><ul>"
        for _ in 0..<5 { html += "<li><a href=\"/story/\(random.below(100_000))\">\(capitalised(word())) \(word()) \(word())</a></li>" }
        html += "</ul></aside></main><footer><p>&copy; 2024 Example News. All rights reserved.</p><ul>"
        for link in ["About us", "Contact", "Privacy", "Terms", "Advertise"] { html += "<li><a href=\"/\(link.lowercased())\">\(link)</a></li>" }
        html += "</ul></footer></body></html>"
        return html
    }

    // MARK: Sentences

    private mutating func sentence(focus: Int) -> String {
        var parts: [String] = []
        if random.unit() < 0.15 { parts.append(pick(Self.openers)) }
        parts.append(subject())
        parts.append(pick(Self.verbs))
        parts.append(clause())
        // Real news names a place about once per 180 bytes (GeoWebNews: 13.6 toponyms
        // in 2.5 KB); a place phrase in every sentence would make it one per 80.
        if random.unit() < 0.4 { parts.append(placePhrase(focus: focus)) }
        if random.unit() < 0.5 { parts.append(pick(Self.times)) }
        if random.unit() < 0.2 { parts.append("according to \(organisation())") }
        var s = parts.joined(separator: " ")
        s = s.prefix(1).uppercased() + s.dropFirst()
        return s + (random.unit() < 0.05 ? "?" : ".")
    }

    private mutating func subject() -> String {
        switch random.below(6) {
        case 0: return person()
        case 1: return "a spokesman for \(organisation())"
        case 2: return "the \(word()) \(pick(Self.roles))"
        case 3: return "\(person()), a \(pick(Self.roles)) in \(place(focus: nil)),"
        default: return pick(Self.subjects)
        }
    }

    private mutating func clause() -> String {
        let n = 2 + Int(random.below(400))
        switch random.below(7) {
        case 0: return "\(n) people had been \(pick(Self.participles))"
        case 1: return "the \(word()) \(pick(Self.nouns)) was \(pick(Self.participles))"
        case 2: return "prices of \(word()) rose by \(n % 40) percent"
        case 3: return "talks on the \(word()) \(pick(Self.nouns)) would resume"
        case 4: return "\(organisation()) had \(pick(Self.participles)) a \(word()) \(pick(Self.nouns))"
        case 5: return "about \(n) families were \(pick(Self.participles)) after the \(word())"
        default: return "the \(pick(Self.nouns)) of \(word()) and \(word()) remained \(pick(Self.states))"
        }
    }

    private mutating func placePhrase(focus: Int) -> String {
        switch random.below(9) {
        case 0: return "near \(place(focus: focus))"
        case 1: return "in \(places.province(in: focus, &random)) province"
        case 2: return "on the outskirts of \(places.town(in: focus, &random))"
        case 3: return "in \(places.town(in: focus, &random)), \(places.province(in: focus, &random))"
        case 4: return "along the border with \(places.countryName(&random))"
        case 5: return "in the city of \(places.town(in: focus, &random))"
        case 6: return "between \(place(focus: focus)) and \(place(focus: focus))"
        default: return "in \(place(focus: focus))"
        }
    }

    /// A place of any kind, with the article's focus country pulling provinces and towns.
    private mutating func place(focus: Int?) -> String {
        let u = random.unit()
        let inFocus = focus != nil && random.unit() < 0.67
        let country = inFocus ? focus! : places.country(&random)
        if u < 0.30 { return inFocus ? places.name(of: country) : places.countryName(&random) }
        if u < 0.45 { return places.province(in: country, &random) }
        if u < 0.95 { return places.town(in: country, &random) }
        return places.region(&random)
    }

    private mutating func person() -> String { "\(pick(Self.givenNames)) \(pick(Self.surnames))" }
    private mutating func organisation() -> String { pick(Self.organisations) }
    private mutating func word() -> String { words[Int(random.below(UInt64(words.count)))] }
    private mutating func pick(_ list: [String]) -> String { list[Int(random.below(UInt64(list.count)))] }
    private func capitalised(_ w: String) -> String { w.prefix(1).uppercased() + w.dropFirst() }

    static let agencies = ["Reuters", "AFP", "AP", "Shafaq News", "Rudaw", "Kurdistan24"]
    static let sections = ["World", "Middle East", "Iraq", "Syria", "Business", "Climate", "Sport", "Opinion"]
    static let openers = ["Meanwhile,", "On the other hand,", "In a statement,", "Separately,", "Earlier,", "However,"]
    static let subjects = ["officials", "local residents", "the ministry", "security forces", "aid workers", "witnesses",
                           "the governor", "police sources", "a local official", "analysts", "the army", "medical sources",
                           "farmers", "traders", "the United Nations", "the Red Crescent", "observers"]
    static let roles = ["official", "spokesman", "analyst", "commander", "doctor", "engineer", "teacher", "trader", "farmer", "researcher"]
    static let verbs = ["said", "reported that", "warned that", "announced that", "confirmed that", "denied that",
                        "told reporters that", "estimated that", "feared that", "stressed that", "noted that"]
    static let participles = ["killed", "injured", "displaced", "evacuated", "arrested", "released", "rescued", "closed",
                              "reopened", "damaged", "rebuilt", "delayed", "approved", "suspended", "repaired"]
    static let nouns = ["bridge", "road", "market", "school", "hospital", "checkpoint", "dam", "pipeline", "camp",
                        "crossing", "convoy", "project", "agreement", "plan", "programme", "station", "harvest"]
    static let states = ["unclear", "tense", "calm", "under review", "in doubt", "unchanged", "closed"]
    static let times = ["on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday", "on Saturday",
                        "on Sunday", "last week", "earlier this month", "late on Sunday", "in March", "in October",
                        "overnight", "this morning", "since January"]
    static let headlineVerbs = ["talks resume", "clashes erupt", "floods hit", "prices rise", "convoy reaches",
                                "protests spread", "harvest fails", "elections held", "bridge reopens"]
    static let givenNames = ["Ahmed", "Layla", "Mohammed", "Sara", "Omar", "Fatima", "John", "Maria", "Ali", "Hassan",
                             "Noor", "David", "Anna", "Karim", "Yusuf", "Rania", "James", "Elena", "Tariq", "Huda"]
    static let surnames = ["Hassan", "Al-Jubouri", "Smith", "Haddad", "Karimi", "Rahman", "Petrov", "Garcia", "Khalil",
                           "Mansour", "Jones", "Nasser", "Saleh", "Aziz", "Brown", "Hamdan", "Obeidi", "Suleiman"]
    static let organisations = ["the Syrian Democratic Forces", "Al Arabiya TV", "Iraqi security forces", "the United Nations",
                                "the World Food Programme", "the Kurdistan Regional Government", "the Red Cross",
                                "Human Rights Watch", "the International Organization for Migration", "the World Bank",
                                "the Ministry of Health", "the Syrian Observatory for Human Rights", "the Central Bank"]
}

/// The gazetteer's places grouped for drawing: countries, provinces and towns of each
/// country and world regions, each list with Zipf weights over population rank.
struct PlacePools {
    private var names: [String] = []
    private var countries = WeightedList()
    /// By country index (into `names`): its provinces and its towns.
    private var provinces: [Int: WeightedList] = [:]
    private var towns: [Int: WeightedList] = [:]
    private var regions = WeightedList()
    private var allProvinces = WeightedList()
    private var allTowns = WeightedList()
    let iraq: Int
    let syria: Int

    init(index: GazetteerIndex) {
        var byCountry: [UInt16: Int] = [:]
        var countryPlaces: [(Int, Int)] = [], regionPlaces: [(Int, Int)] = []
        var provincePlaces: [UInt16: [(Int, Int)]] = [:], townPlaces: [UInt16: [(Int, Int)]] = [:]
        for i in 0..<index.placeCount {
            let place = index.place(i)
            let record = index.record(i)
            let id = names.count
            // Names as news writes them: GeoNames' canonical names, without the few with
            // brackets or slashes that no article would print.
            guard !place.name.contains(where: { "()/".contains($0) }) else { continue }
            names.append(place.name)
            switch place.kind {
            case .country:
                countryPlaces.append((id, place.population))
                byCountry[record.countryCode] = id
            case .province: provincePlaces[record.countryCode, default: []].append((id, place.population))
            case .town: townPlaces[record.countryCode, default: []].append((id, place.population))
            case .region: regionPlaces.append((id, place.population))
            case .district, .natural: continue
            }
        }
        countries = WeightedList(zipf: countryPlaces)
        regions = WeightedList(zipf: regionPlaces)
        allProvinces = WeightedList(zipf: provincePlaces.values.flatMap { $0 })
        allTowns = WeightedList(zipf: townPlaces.values.flatMap { $0 })
        for (code, list) in provincePlaces { if let c = byCountry[code] { provinces[c] = WeightedList(zipf: list) } }
        for (code, list) in townPlaces { if let c = byCountry[code] { towns[c] = WeightedList(zipf: list) } }
        iraq = byCountry[UInt16(UInt8(ascii: "I")) | UInt16(UInt8(ascii: "Q")) << 8] ?? 0
        syria = byCountry[UInt16(UInt8(ascii: "S")) | UInt16(UInt8(ascii: "Y")) << 8] ?? 0
    }

    func name(of id: Int) -> String { names[id] }
    func country(_ random: inout SplitMix64) -> Int { countries.draw(&random) }
    func countryName(_ random: inout SplitMix64) -> String { names[country(&random)] }
    func region(_ random: inout SplitMix64) -> String { names[regions.isEmpty ? country(&random) : regions.draw(&random)] }
    func province(in country: Int, _ random: inout SplitMix64) -> String {
        names[(provinces[country].flatMap { $0.isEmpty ? nil : $0 } ?? allProvinces).draw(&random)]
    }
    func town(in country: Int, _ random: inout SplitMix64) -> String {
        names[(towns[country].flatMap { $0.isEmpty ? nil : $0 } ?? allTowns).draw(&random)]
    }
}

/// Items with weights 1/rank by descending population (Zipf, s = 1), drawn by binary
/// search over the cumulative weights.
struct WeightedList {
    private var items: [Int] = []
    private var cumulative: [Double] = []

    init() {}

    init(zipf entries: [(id: Int, population: Int)]) {
        let ranked = entries.sorted { $0.population != $1.population ? $0.population > $1.population : $0.id < $1.id }
        var total = 0.0
        for (rank, entry) in ranked.enumerated() {
            total += 1 / Double(rank + 1)
            items.append(entry.id)
            cumulative.append(total)
        }
    }

    var isEmpty: Bool { items.isEmpty }

    func draw(_ random: inout SplitMix64) -> Int {
        let x = random.unit() * cumulative[cumulative.count - 1]
        var low = 0, high = cumulative.count - 1
        while low < high {
            let mid = (low + high) / 2
            if cumulative[mid] < x { low = mid + 1 } else { high = mid }
        }
        return items[low]
    }
}
