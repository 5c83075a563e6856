import Testing
@testable import GeotagCore

@Suite struct FoldingTests {
    private func key(_ name: String) -> String { String(decoding: NameKey.canonical(name), as: UTF8.self) }
    private func keys(_ name: String) -> [String] { NameKey.keys(for: name).map { String(decoding: $0, as: UTF8.self) } }

    @Test func caseAndDiacritics() {
        #expect(key("Diyālá") == "diyala")
        #expect(key("DIYALA") == "diyala")
        #expect(key("Şalāḩ ad Dīn") == "salah al din")
        #expect(key("Straße") == "strasse")
        #expect(key("Łódź") == "lodz")
    }

    @Test func apostrophesJoinButPossessivesEnd() {
        #expect(key("Ba'qubah") == "baqubah")
        #expect(key("Ba‘qūbah") == "baqubah")
        #expect(key("Syria's") == "syria")
        #expect(key("Syria’s oil") == "syria oil")
        #expect(key("Ma'saran") == "masaran")
    }

    @Test func abbreviations() {
        #expect(key("U.S.") == "us")
        #expect(key("W.Va.") == "wva")
        let text = FoldedText("in the U.S. today")
        let us = text.tokens[2]
        #expect(us.flags.contains(.abbreviation))
        #expect(us.scalars == 7..<11)
    }

    /// A full stop right after a word is marked on it ("Ill.", or a sentence's last
    /// word); a word inside a contraction ("I’ll") has none.
    /// The stop of "St.", "Mt.", "Gen." opens a name rather than ending a sentence.
    @Test func aStopAfterANamePrefixEndsNoSentence() {
        let text = FoldedText("Storms hit St. Louis. Gen. Smith said so. It rained.")
        #expect(text.tokens.map { $0.flags.contains(.sentenceStart) } == [true, false, false, false, true, false, false, false, true, false])
        #expect(text.tokens[2].flags.contains(.periodAfter))
    }

    @Test func aFullStopAfterAWordIsMarked() {
        let text = FoldedText("Springfield, Ill., where I’ll stay. Done")
        #expect(text.tokens.map { $0.flags.contains(.periodAfter) } == [false, true, false, false, true, false])
        #expect(String(decoding: text.folded(3), as: UTF8.self) == "ill")
    }

    @Test func arabicArticleSpellingsMeet() {
        #expect(key("Deir ez-Zor") == "deir al zor")
        #expect(key("Deir Al-Zour") == "deir al zour")
        #expect(key("Dayr az Zawr") == "dayr al zawr")
        #expect(key("Ar Raqqah") == "al raqqah")
        #expect(keys("Al-Hasakah") == ["al hasakah", "hasakah"])
        #expect(keys("As-Sukhnah") == ["al sukhnah", "sukhnah"])
    }

    @Test func englishWordsAreNotArticles() {
        #expect(key("at Tanf") == "at tanf")
        #expect(key("as Salam") == "as salam")
        #expect(keys("at-Tanf") == ["al tanf", "tanf"])
    }

    @Test func arabicScriptVariants() {
        #expect(key("دِيرُ الزَّوْر") == key("دير الزور"))
        #expect(key("ديالى") == key("ديالي"))
        #expect(key("محافظة") == key("محافظه"))
        #expect(key("إربل") == key("اربل"))
        #expect(key("البـصرة") == key("البصرة"))
        #expect(keys("الحسكة").count == 2)
    }

    @Test func offsetsAreUnicodeScalars() {
        let text = FoldedText("Ça va: Deir ez-Zor, بغداد!")
        let words = text.tokens.map { String(decoding: text.folded($0 == text.tokens[0] ? 0 : text.tokens.firstIndex(of: $0)!), as: UTF8.self) }
        #expect(words == ["ca", "va", "deir", "ez", "zor", "بغداد"])
        #expect(text.tokens[2].scalars == 7..<11)
        #expect(text.tokens[5].scalars == 20..<25)
        #expect(text.tokens[5].flags.contains(.caseless))
        #expect(text.tokens[3].flags.contains(.article))
    }

    /// Folding writes into an array made at the most a text can fold to: texts that
    /// fold to twice their UTF-8 length, with a letter written last after a pending
    /// apostrophe or full stop, fill it to the end.
    @Test func textsThatGrowMostStillFit() {
        for text in ["ßßß'x", "ß.x", "ǅǅ'b", "Æ", "ßs", String(repeating: "ß", count: 1000) + ".Z"] {
            let folded = FoldedText(text)
            #expect(folded.bytes.count <= 2 * text.utf8.count)
        }
        #expect(String(decoding: FoldedText("ßßß'x").bytes, as: UTF8.self) == "ssssssx")
    }

    /// A word's case flags are the same whether its letters come in one ASCII run or
    /// in several, split by other scalars.
    @Test func caseFlagsSpanASCIIRuns() {
        func flags(_ word: String) -> FoldedText.Flags { FoldedText(word).tokens[0].flags }
        #expect(flags("3Rd").contains(.capitalized))
        #expect(!flags("r3D").contains(.capitalized))
        #expect(flags("Ça").contains(.capitalized))
        #expect(!flags("çA").contains(.capitalized))
        #expect(flags("O'BRIEN").contains(.allCaps))
        #expect(!flags("O'Brien").contains(.allCaps))
        #expect(flags("O'Brien").contains(.capitalized))
        #expect(flags("A1").isDisjoint(with: .allCaps))
        #expect(flags("ÉTAT").contains(.allCaps))
    }

    @Test func sentenceStarts() {
        let text = FoldedText("Iraq is here. Syria too!\n\nJordan")
        #expect(text.tokens.map { $0.flags.contains(.sentenceStart) } == [true, false, false, true, false, true])
    }
}

@Suite struct NameSkeletonTests {
    private func skeleton(_ name: String) -> String? { NameSkeleton.skeleton(of: name).map { String(decoding: $0, as: UTF8.self) } }

    /// Spellings of one name share a skeleton.
    @Test(arguments: [
        ["Deir ez-Zor", "Deir Ezzor", "Dayr az-Zawr", "Deir Al-Zour", "Dayr az Zawr", "Deir el-Zor"],
        ["Qamishli", "Kamishli", "Al-Qamishli", "Qamishly"],
        ["Hasaka", "Hasakah", "Al-Hasakah", "Al-Hasakeh", "Alhasakah"],
        ["Baquba", "Baqubah", "Ba'qubah", "Baqouba"],
        ["Arbil", "Erbil"],
        ["Abu Kamal", "Albu Kamal", "Al-Bukamal", "Al Bu Kamal"],
        ["البو كمال", "البوكمال"],
        ["Raqqa", "Raqqah", "Ar-Raqqa", "Arraqqa"],
    ])
    func variantsMeet(_ spellings: [String]) {
        let keys = Set(spellings.map(skeleton))
        #expect(keys.count == 1, "\(spellings.map { "\($0) → \(skeleton($0) ?? "nil")" })")
        #expect(keys.first! != nil)
    }

    @Test func differentNamesStayApart() {
        let names = ["Mosul", "Kirkuk", "Baghdad", "Basra", "Damascus", "Aleppo", "Homs", "Hama", "Tikrit", "Samarra", "Fallujah", "Ramadi"]
        let keys = names.compactMap(skeleton)
        #expect(Set(keys).count == keys.count)
    }

    @Test func shortSkeletonsAreNotUsed() {
        #expect(skeleton("Hit") == nil)
        #expect(skeleton("Iraq") == nil)
    }
}

@Suite struct TokenGapTests {
    @Test func onlyASingleSpaceJoinsTwoWordsIntoOneName() {
        let text = FoldedText("Dave Allen, Chartres/Franklin and Nelson-Creston; Malaysia's Department")
        let joined = text.tokens.map { $0.flags.contains(.afterSingleSpace) }
        // Dave Allen Chartres Franklin and Nelson Creston Malaysia Department
        #expect(joined == [false, true, false, false, true, true, false, false, false])
    }

    /// A space ends whatever the word before it left pending (an apostrophe, "'s", a
    /// full stop, an abbreviation's stop) as any other separator does, and joins two
    /// words only when it alone stands between them: what a word left out counts as
    /// part of the gap ("Syria's east", "rock' n"), an abbreviation's last stop does not.
    @Test func aSpaceEndsWhatIsPending() {
        let text = FoldedText(" Deir  ez-Zor, Syria's east. U.S. forces rock' n 3rd  ")
        #expect(text.tokens.map { String(decoding: text.bytes[$0.folded], as: UTF8.self) }
            == ["deir", "ez", "zor", "syria", "east", "us", "forces", "rock", "n", "3rd"])
        #expect(text.tokens.map { $0.flags.contains(.afterSingleSpace) }
            == [false, false, false, false, false, false, true, true, false, true])
        #expect(text.tokens.map { $0.flags.contains(.sentenceStart) }
            == [true, false, false, false, false, true, false, false, false, false])
        // "Syria's" ends before its "'s", "east" before its full stop, "U.S." after its
        // last stop; "rock'" before the apostrophe.
        #expect(text.tokens[3].utf8 == 15..<20 && text.tokens[4].utf8 == 23..<27)
        #expect(text.tokens[5].utf8 == 29..<33 && text.tokens[7].utf8 == 41..<45)
        #expect(text.tokens[5].flags.contains(.abbreviation) && text.tokens[4].flags.contains(.periodAfter))
        #expect(text.tokens[9].flags.contains(.digit) && !text.tokens[9].flags.contains(.capitalized))
    }
}

@Suite struct FoldedTextLimitTests {
    /// A text past ``FoldedText/longestText`` is folded up to a scalar's end, never
    /// through the middle of one.
    @Test func aTooLongTextIsCutWhereAScalarEnds() {
        let utf8 = Array("ab\u{00E9}\u{0645}".utf8) // a b é (2 bytes) م (2 bytes)
        utf8.withUnsafeBufferPointer { buffer in
            #expect(FoldedText.prefix(buffer, upTo: 10).count == 6)
            #expect(FoldedText.prefix(buffer, upTo: 6).count == 6)
            #expect(FoldedText.prefix(buffer, upTo: 5).count == 4)
            #expect(FoldedText.prefix(buffer, upTo: 3).count == 2)
            #expect(FoldedText.prefix(buffer, upTo: 2).count == 2)
        }
    }

    @Test func tokenOffsetsSurviveTheirCompactForm() {
        var token = FoldedText("Deir ez-Zor").tokens[2]
        #expect(token.folded == 6..<9 && token.scalars == 8..<11 && token.utf8 == 8..<11)
        token.utf8 = 9..<11
        #expect(token.utf8 == 9..<11 && token.scalars == 8..<11)
    }
}
