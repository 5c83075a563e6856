/// Words around a name that tell whether it is a place, and what kind of place: the
/// recognizer's and resolver's vocabulary. All entries are folded (lower case, no
/// diacritics), as ``FoldedText`` produces them.
enum ContextWords {
    /// A name followed by one of these (in its run of capitalised words) is part of an
    /// organisation, media outlet, event or product name, not a place:
    /// "Syrian Democratic Forces", "Baghdad University", "Al Arabiya TV".
    static let organisation: Set<String> = [
        "forces", "force", "army", "armies", "militia", "militias", "brigade", "brigades", "battalion", "units", "unit",
        "guard", "guards", "police", "party", "parties", "front", "movement", "council", "committee", "commission",
        "ministry", "ministries", "bank", "banks", "university", "college", "school", "academy", "institute",
        "company", "corporation", "corp", "inc", "ltd", "group", "holdings", "airlines", "airways", "airport",
        "news", "times", "post", "herald", "tribune", "journal", "gazette", "daily", "tv", "television", "channel",
        "radio", "agency", "press", "network", "media", "broadcasting", "magazine", "newspaper", "live", "today",
        "association", "union", "federation", "league", "alliance", "coalition", "organization", "organisation",
        "authority", "administration", "government", "assembly", "parliament", "congress", "senate", "court",
        "club", "fc", "cf", "afc", "united", "rovers", "wanderers", "albion", "athletic", "team", "stadium", "hotel", "hospital", "mosque", "church", "foundation",
        "fund", "trust", "society", "center", "centre", "office", "department", "service", "services", "command",
        "mission", "embassy", "consulate", "industries", "petroleum", "oil", "energy", "telecom", "exchange",
        "cup", "games", "olympics", "festival", "summit", "conference", "talks", "accord", "agreement", "declaration",
        "war", "revolution", "uprising", "operation", "offensive", "crisis", "protocol", "process",
        "station", "terminal", "sc", "ngo", "initiative", "program", "programme", "project", "watch", "observatory", "monitor",
    ]

    /// A capitalised word before "of" that makes "X of <place>" an organisation:
    /// "Bank of Baghdad", "University of Mosul", "Ministry of ...".
    static let organisationOf: Set<String> = [
        "bank", "university", "ministry", "council", "college", "school", "institute", "academy", "church",
        "department", "chamber", "court", "museum", "federation", "union", "league", "club", "hospital",
    ]

    /// Titles before a person's name: a name right after one is a person ("President
    /// Jordan", "Mr. Washington"), not a place.
    static let personTitle: Set<String> = [
        "mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord", "lady", "president", "pres",
        "minister", "premier", "chancellor", "senator", "sen", "rep", "representative", "governor", "gov", "mayor",
        "general", "gen", "colonel", "col", "major", "maj", "captain", "capt", "lieutenant", "lt", "sergeant", "sgt",
        "admiral", "adm", "commander", "cmdr", "sheikh", "shaikh", "sheik", "imam", "ayatollah", "mullah", "emir",
        "king", "queen", "prince", "princess", "pope", "father", "rev", "reverend", "bishop", "judge", "justice",
        "spokesman", "spokeswoman", "spokesperson", "coach",
        "secretary", "ambassador", "envoy", "chief", "director", "officer", "leader", "uncle", "aunt", "brother", "sister",
        "commissioner", "chairman", "chairwoman", "ceo", "founder", "coach", "manager", "striker", "midfielder",
    ]

    /// "Abu Omar", "Umm Ahmed": a kunya ("father of", "mother of") before a given name
    /// is a person.
    static let kunya: Set<String> = ["abu", "abou", "umm", "um", "bin", "ibn", "bint"]

    /// Names of movements and armed groups that GeoNames also gives to some village
    /// ("Taliban" in Siirt, "Hamas" for Hamm): never places.
    static let organisationNames: Set<String> = [
        "taliban", "hamas", "hezbollah", "hizbollah", "hizballah", "houthi", "houthis", "peshmerga", "daesh", "fatah",
    ]

    /// Generic first words of Arabic place names ("Ain Zara", "Ras Lanuf", "Tal Abyad",
    /// "Deir Hafer"): before another capitalised word they open a longer name, and are not
    /// a place ("Al Ain", "Ar Rass") of their own.
    static let arabicNameHeads: Set<String> = [
        "ain", "ayn", "ein", "ras", "tal", "tall", "tell", "deir", "dayr", "bir", "wadi", "khan", "kafr", "kfar", "beit",
        "bayt", "bab", "sidi", "jisr", "qasr", "hammam", "jabal", "jebel", "marj", "nahr", "qalat", "qalaat", "tel",
    ]

    /// Words before a city's name that make it a football club: "Real Madrid", "AC Milan".
    static let clubPrefixes: Set<String> = ["real", "atletico", "athletic", "sporting", "inter", "ac", "as", "fc", "afc", "olympique", "dynamo", "dinamo", "lokomotiv", "spartak", "racing"]

    /// Particles inside people's names: "Mike de Kock", "Ursula von der Leyen".
    static let nameParticles: Set<String> = [
        "de", "van", "von", "der", "den", "ter", "bin", "ibn", "bint", "da", "di", "du", "del", "della", "dos", "das", "la", "le",
    ]

    /// Place nouns: after a name ("Diyala province") they confirm a place and say which
    /// kind; before "of" ("the city of Mosul") likewise.
    static let provinceNouns: Set<String> = [
        "province", "provinces", "governorate", "governorates", "region", "state", "county", "prefecture",
        "oblast", "canton", "emirate", "muhafazah", "wilayah", "vilayet", "territory",
    ]
    static let districtNouns: Set<String> = ["district", "districts", "subdistrict", "qadaa", "qada", "nahiya", "municipality", "countryside"]
    static let townNouns: Set<String> = [
        "city", "cities", "town", "towns", "village", "villages", "capital", "port", "neighbourhood", "neighborhood",
        "suburb", "camp", "border", "crossing", "outskirts",
    ]
    static let countryNouns: Set<String> = ["country", "nation", "kingdom", "republic"]

    /// Nouns of natural and built features: after a name they make it part of the
    /// feature's name ("Jordan River", "Mosul Dam"), which still points at the place.
    static let featureNouns: Set<String> = [
        "river", "valley", "sea", "lake", "mountain", "mountains", "mount", "desert", "gulf", "bay", "canal", "dam",
        "bridge", "airport", "port", "road", "street", "square", "market", "crossing", "border", "island", "islands",
        "peninsula", "plain", "plains", "basin", "coast", "strait", "falls", "hills", "heights", "highway", "oasis",
        "delta", "marshes", "gate", "citadel", "old", "square",
    ]

    /// Words between a name and "camp" that keep it a place: "Zaatari refugee camp".
    static let campKinds: Set<String> = ["refugee", "refugees", "displacement", "displaced", "detention", "transit"]
    /// Prepositions that put a place after them ("in Hit", "near Baqubah").
    static let locative: Set<String> = [
        "in", "near", "at", "from", "to", "into", "outside", "inside", "around", "across", "toward", "towards",
        "across", "through", "via", "throughout", "between", "within", "west", "east", "north", "south",
        "northwest", "northeast", "southwest", "southeast", "off", "nearby", "entering", "reached",
    ]

    /// Words before "of" that make what follows a place: "the centre of Reading", "the
    /// mayor of Bath", "the outskirts of Mosul".
    static let ofPlace: Set<String> = [
        "centre", "center", "heart", "middle", "outskirts", "edge", "suburbs", "streets", "residents", "people",
        "mayor", "governor", "north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
        "parts", "part", "rest", "west", "area", "areas", "countryside", "environs", "vicinity", "coast", "port",
    ]

    /// Words that put a place close to, not at, the named place: precision 2.
    static let nearness: Set<String> = ["near", "outside", "around", "nearby", "close", "outskirts", "vicinity", "suburbs", "countryside"]

    /// Capitalised words that a nationality adjective still modifies as its country's
    /// ("Russian Foreign Ministry", "Iraqi Army"; titles count too: "Russian President
    /// Vladimir Putin"), where any other capitalised word makes it part of a name
    /// ("Syrian Democratic Forces", "Syrian Observatory").
    static let institutions: Set<String> = [
        "ministry", "government", "army", "navy", "embassy", "consulate", "parliament", "senate", "cabinet",
        "foreign", "defence", "defense", "interior", "prime", "deputy", "vice", "military", "police", "state",
        "air", "armed", "authorities", "troops", "forces", "security", "intelligence", "economy", "finance", "trade",
        "health", "education", "justice", "energy", "oil", "agriculture", "culture", "transport", "treasury",
        "coast", "border",
    ]

    /// Words after which a nationality adjective is no modifier: function words and
    /// verbs that follow people ("the British said", "Iraqis and Kurds"), and nouns of
    /// languages ("English language", "Arabic-speaking").
    static let notModified: Set<String> = [
        "and", "or", "but", "nor", "in", "on", "at", "to", "of", "for", "from", "with", "by", "as", "than", "who",
        "whom", "whose", "which", "that", "is", "are", "was", "were", "be", "been", "has", "have", "had", "will",
        "would", "can", "could", "may", "might", "should", "must", "do", "does", "did", "said", "say", "says",
        "told", "also", "not", "themselves", "itself",
        "language", "languages", "speaking", "speaker", "speakers", "speak", "translation", "translator", "dialect",
        "accent", "subtitles", "version", "word", "words", "phrase", "spelling", "alphabet", "script",
    ]
}
