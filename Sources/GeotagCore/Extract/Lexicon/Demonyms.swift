import Foundation

/// Demonyms and adjectives of nationality ("Iraqi", "Syrian", "Kurdish"): never a
/// mention themselves, but evidence of the country an article is about, which the
/// resolver uses to pick between places of the same name. Folded; a plural "s" is
/// accepted too ("Iraqis").
enum Demonyms {
    /// Demonym → ISO 3166-1 alpha-2 codes it points to.
    static let countries: [String: [String]] = {
        let table = """
            afghan AF|albanian AL|algerian DZ|american US|andorran AD|angolan AO|argentine AR|argentinian AR
            armenian AM|australian AU|austrian AT|azerbaijani AZ|azeri AZ|bahraini BH|bangladeshi BD|belarusian BY
            belgian BE|beninese BJ|bhutanese BT|bolivian BO|bosnian BA|brazilian BR|british GB|briton GB|bulgarian BG
            burkinabe BF|burmese MM|burundian BI|cambodian KH|cameroonian CM|canadian CA|chadian TD|chilean CL
            chinese CN|colombian CO|congolese CD|croatian HR|cuban CU|cypriot CY|czech CZ|danish DK|djiboutian DJ
            dominican DO|dutch NL|ecuadorian EC|egyptian EG|emirati AE|english GB|eritrean ER|estonian EE|ethiopian ET
            fijian FJ|filipino PH|finnish FI|french FR|gabonese GA|gambian GM|georgian GE|german DE|ghanaian GH
            greek GR|guatemalan GT|guinean GN|haitian HT|honduran HN|hungarian HU|icelandic IS|indian IN
            indonesian ID|iranian IR|persian IR|iraqi IQ|irish IE|israeli IL|italian IT|ivorian CI|jamaican JM
            japanese JP|jordanian JO|kazakh KZ|kenyan KE|kosovar XK|kuwaiti KW|kyrgyz KG|lao LA|laotian LA|latvian LV
            lebanese LB|liberian LR|libyan LY|lithuanian LT|luxembourgish LU|macedonian MK|malagasy MG|malawian MW
            malaysian MY|maldivian MV|malian ML|maltese MT|mauritanian MR|mauritian MU|mexican MX|moldovan MD
            mongolian MN|montenegrin ME|moroccan MA|mozambican MZ|namibian NA|nepalese NP|nepali NP|nigerien NE
            nigerian NG|norwegian NO|omani OM|pakistani PK|palestinian PS|panamanian PA|paraguayan PY|peruvian PE
            polish PL|portuguese PT|qatari QA|romanian RO|russian RU|rwandan RW|saudi SA|scottish GB|senegalese SN
            serbian RS|sierra leonean SL|singaporean SG|slovak SK|slovenian SI|somali SO|somalian SO|south african ZA|african 
            spanish ES|sri lankan LK|sudanese SD|swedish SE|swiss CH|syrian SY|taiwanese TW|tajik TJ|tanzanian TZ
            thai TH|togolese TG|tunisian TN|turkish TR|turkmen TM|ugandan UG|ukrainian UA|uruguayan UY|uzbek UZ
            venezuelan VE|vietnamese VN|welsh GB|yemeni YE|yemenite YE|zambian ZM|zimbabwean ZW
            kurdish IQ,SY,TR,IR|kurd IQ,SY,TR,IR|arab |arabic |western |european |asian |gulf |levantine |
            sunni |shiite |shia |yazidi IQ|assyrian IQ,SY|chaldean IQ|turkoman IQ|druze SY,LB,IL|alawite SY
            igbo NG|yoruba NG|hausa NG|fulani |pashtun AF,PK|baloch PK,IR|hazara AF|rohingya MM|tamil LK,IN|sinhalese LK
            uyghur CN|uighur CN|tibetan CN|amhara ET|oromo ET|tigrayan ET|somali SO|berber |tuareg |bedouin |
            sahrawi EH|zulu ZA|xhosa ZA|maori NZ|latino |hispanic |asian |slav |latin |nordic |scandinavian |
            korean KR|north korean KP|south korean KR|emirati AE|kiwi NZ|aussie AU|yankee US
            """
        var result: [String: [String]] = [:]
        for entry in table.split(whereSeparator: { $0 == "|" || $0 == "\n" }) {
            let parts = entry.trimmingCharacters(in: .whitespaces).split(separator: " ")
            guard let last = parts.last else { continue }
            let codes = last.allSatisfy { $0.isUppercase || $0 == "," } && last.count >= 2
                ? last.split(separator: ",").map(String.init) : []
            let words = codes.isEmpty ? parts : parts.dropLast()
            result[words.joined(separator: " ")] = codes
        }
        return result
    }()

    /// The countries `word` (folded) points to, or nil when it is no demonym.
    static func countries(for word: some Sequence<UInt8>) -> [String]? {
        var text = String(decoding: Array(word), as: UTF8.self)
        if let codes = countries[text] { return codes }
        guard text.hasSuffix("s") else { return nil }
        text.removeLast()
        return countries[text]
    }
}
