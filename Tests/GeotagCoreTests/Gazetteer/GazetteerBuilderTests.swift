import Foundation
import Testing
@testable import GeotagCore

/// The builder on small GeoNames-format fixtures: every dump file type, plain and
/// zipped, the name rules, bad lines, and the external sort.
@Suite struct GazetteerBuilderTests {
    @Test func buildsFromEveryDumpFileType() throws {
        let scratch = try ScratchFolder()
        let (index, _) = try GazetteerFixtures.build(try GazetteerFixtures.inputs(GazetteerFixtures.plain), in: scratch)
        // 9 places in IQ.txt, 5 in SY.txt, 3 more in cities500.txt (one repeats), 1 overlay place.
        #expect(index.placeCount == 18)
        #expect(index.metadata.sources.map(\.file) == [
            "overlay.tsv", "countryInfo.txt", "admin1CodesASCII.txt", "admin2Codes.txt", "IQ.txt", "SY.txt",
            "cities500.txt", "alternateNamesV2.txt", "hierarchy.txt", "demonyms.tsv",
        ])
        #expect(index.metadata.byFeatureClass == ["A": 8, "P": 8, "T": 1, "H": 1])
        #expect(index.metadata.byCountryCode == ["IQ": 9, "SY": 6, "US": 3])

        // GeoNames' classes and codes are kept.
        #expect(index.place(id: 99505).map { "\($0.featureClass)/\($0.featureCode)" } == "T/MTS")
        #expect(index.place(id: 99506).map { "\($0.featureClass)/\($0.featureCode)" } == "H/STM")
        #expect(index.place(id: 98182)?.featureCode == "PPLC")
        // Administrative names from the code files.
        let baqubah = try #require(index.place(id: 97990))
        #expect(baqubah.admin1Name == "Diyālá")
        #expect(baqubah.admin2Name == "Ba'quba District")
        // hierarchy.txt gives a place without admin codes those of its parent.
        let village = try #require(index.place(id: 90000001))
        #expect(village.admin1Code == "10")
        #expect(village.admin1Name == "Diyālá")
        // A repeated geonameid: the later file's row wins.
        #expect(index.place(id: 170794)?.population == 242565)
        // The demonym table travels in the index.
        #expect(index.demonyms.countries(for: Array("kurdish".utf8)) == ["IQ", "SY", "TR", "IR"])
        #expect(index.demonyms.countries(for: Array("iraqis".utf8)) == ["IQ"])
        #expect(index.demonyms.countries(for: Array("arab".utf8)) == [])
        #expect(index.demonyms.countries(for: Array("iraq".utf8)) == nil)
    }

    @Test func alternateNamesKeepLanguagesAbbreviationsAndDropCodes() throws {
        let scratch = try ScratchFolder()
        let (index, builder) = try GazetteerFixtures.build(try GazetteerFixtures.inputs(GazetteerFixtures.plain), in: scratch)
        #expect(index.ids("U.S.").first == 6252001)  // abbr
        #expect(index.ids("US").first == 6252001)
        #expect(index.ids("W.Va.") == [4826850])  // abbr
        #expect(index.ids("العراق") == [99237])  // ar
        #expect(index.ids("Baʿqūbah") == [97990])  // no language
        #expect(index.ids("Meiguo") == [6252001])  // zh-CN, in Latin script
        #expect(index.ids("Соединённые Штаты").isEmpty)  // ru: Cyrillic
        #expect(index.ids("BQB").isEmpty)  // iata
        #expect(index.ids("32001").isEmpty)  // post
        #expect(index.ids("https://en.wikipedia.org/wiki/Iraq").isEmpty)  // link
        #expect(index.ids("Deir Révolution").isEmpty)  // fr_1793
        #expect(index.ids("Hassetche").isEmpty)  // historic
        #expect(index.ids("Nowhere").isEmpty)  // a place not in the places files
        // With alternateNamesV2.txt, the places files' alternatenames column is not read.
        #expect(index.ids("Republic of Iraq").isEmpty)
        #expect(builder.notes.contains("alternate names: 11 kept, 6 dropped by language, script or history"))
    }

    @Test func languagesOptionKeepsExactlyThoseLanguages() throws {
        let scratch = try ScratchFolder()
        let inputs = try GazetteerFixtures.inputs(GazetteerFixtures.plain)
        let (index, _) = try GazetteerFixtures.build(inputs, in: scratch) { $0.alternateNamePolicy = AlternateNamePolicy(languageList: "ru, ABBR") }
        #expect(index.ids("Соединённые Штаты") == [6252001])
        #expect(index.ids("W.Va.") == [4826850])
        #expect(index.ids("Baquba").isEmpty)
        let (historic, _) = try GazetteerFixtures.build(inputs, in: scratch, name: "historic.gaz") {
            $0.alternateNamePolicy = AlternateNamePolicy(languageList: "en,none", keepHistoric: true)
        }
        #expect(historic.ids("Hassetche") == [173811])
        #expect(historic.ids("Baʿqūbah") == [97990])
        #expect(historic.ids("U.S.").first != 6252001)
        #expect(historic.version != index.version)
    }

    @Test func policyKnowsLanguageCodesFromPseudoCodes() {
        for code in ["", "en", "ar", "ckb", "zh-CN", "abbr"] { #expect(AlternateNamePolicy.isNameLanguage(code), "\(code)") }
        for code in ["link", "post", "iata", "icao", "faac", "tcid", "unlc", "wkdt", "phon", "piny", "fr_1793", "en-"] {
            #expect(!AlternateNamePolicy.isNameLanguage(code), "\(code)")
        }
    }

    @Test func withoutAlternateNamesFileThePlacesColumnIsRead() throws {
        let scratch = try ScratchFolder()
        var inputs = try GazetteerFixtures.inputs(GazetteerFixtures.plain)
        inputs.alternateNames = nil
        let (index, _) = try GazetteerFixtures.build(inputs, in: scratch)
        #expect(index.ids("Republic of Iraq") == [99237])
        #expect(index.ids("Deir Al-Zour") == [170794])
        // The names of a row that a later row replaced are gone with it.
        #expect(index.ids("Deir Oldname").isEmpty)
        // Only Latin and Arabic script from the column.
        #expect(index.ids("بعقوبة") == [97990])
        #expect(index.ids("Бакуба").isEmpty)
    }

    @Test func overlayAddsPlacesAndNamesAndSuppresses() throws {
        let scratch = try ScratchFolder()
        let (index, builder) = try GazetteerFixtures.build(try GazetteerFixtures.inputs(GazetteerFixtures.plain), in: scratch)
        #expect(index.ids("Rmelan") == [-1])
        #expect(index.ids("رميلان") == [-1])
        #expect(index.place(id: -1)?.admin1Name == "Al Ḩasakah")
        #expect(index.ids("USA").first == 6252001)
        #expect(index.ids("Baghdad City").isEmpty)
        #expect(index.ids("Baghdad") == [98182])
        #expect(builder.problems.contains("overlay: name 'Nowhere' for unknown place 12345678"))
    }

    /// One bad line in every file type, each reported as `file:line: reason` and skipped
    /// while the good lines around it are read.
    @Test(arguments: [
        (GazetteerFixtures.plain, [
            "/plain/countryInfo.txt:5: ", "/plain/admin1CodesASCII.txt:3: ", "/plain/admin2Codes.txt:3: ",
            "/plain/IQ.txt:5: latitude 'north'", "/plain/SY.txt:3: expected 19 tab-separated columns, found 3",
            "/plain/cities500.txt:3: geonameid 'notanid'", "/plain/alternateNamesV2.txt:15: geonameid 'notanid'",
            "/plain/hierarchy.txt:3: ",
        ]),
        (GazetteerFixtures.zipped, [
            "/zipped/countryInfo.txt:5: ", "/zipped/admin1CodesASCII.txt:3: ", "/zipped/admin2Codes.txt.gz:3: ",
            "/zipped/IQ.zip!IQ.txt:5: latitude 'north'", "/zipped/SY.zip!SY.txt:3: expected 19 tab-separated columns, found 3",
            "/zipped/cities500.zip!cities500.txt:3: geonameid 'notanid'",
            "/zipped/alternateNamesV2.zip!alternateNamesV2.txt:15: geonameid 'notanid'", "/zipped/hierarchy.zip!hierarchy.txt:3: ",
        ]),
    ])
    func badLinesAreReportedWithFileAndLineAndSkipped(folder: String, expected: [String]) throws {
        let scratch = try ScratchFolder()
        let (index, builder) = try GazetteerFixtures.build(try GazetteerFixtures.inputs(folder), in: scratch)
        for problem in expected + ["/overlay.tsv:6: unknown directive 'bogus'", "/demonyms.tsv:5: country codes 'iraq'"] {
            #expect(builder.problems.contains { $0.contains(problem) }, "\(problem) in \(builder.problems)")
        }
        #expect(builder.problems.count == expected.count + 3)
        #expect(index.metadata.skippedLines == builder.problems.count)
        // The lines after each bad one were read.
        #expect(index.place(id: 99062) != nil && index.place(id: 170794) != nil && index.place(id: 4826850) != nil)
        #expect(index.place(id: 6252001)?.name == "United States")
        #expect(index.place(id: 163843)?.admin1Name == "")
        #expect(index.place(id: 170794)?.admin2Name == "Deir ez-Zor District")
        #expect(index.place(id: 4826850)?.admin1Name == "West Virginia")
    }

    @Test func zippedDumpsGiveTheSameIndexAsPlainOnes() throws {
        let scratch = try ScratchFolder()
        var builder = GazetteerBuilder(name: "test")
        _ = try builder.build(try GazetteerFixtures.inputs(GazetteerFixtures.plain), to: "\(scratch.path)/plain.gaz")
        _ = try builder.build(try GazetteerFixtures.inputs(GazetteerFixtures.zipped), to: "\(scratch.path)/zipped.gaz")
        let plain = try Self.sections(of: "\(scratch.path)/plain.gaz"), zipped = try Self.sections(of: "\(scratch.path)/zipped.gaz")
        #expect(plain.count > 1000)
        #expect(plain == zipped)
    }

    @Test func sortedRunsOnDiskGiveTheSameFileAsOneRunInMemory() throws {
        let scratch = try ScratchFolder()
        let inputs = try GazetteerFixtures.inputs(GazetteerFixtures.plain)
        var builder = GazetteerBuilder(name: "test")
        _ = try builder.build(inputs, to: "\(scratch.path)/one.gaz")
        builder.sortBudget = 300
        _ = try builder.build(inputs, to: "\(scratch.path)/many.gaz")
        let one = try Data(contentsOf: URL(fileURLWithPath: "\(scratch.path)/one.gaz"))
        let many = try Data(contentsOf: URL(fileURLWithPath: "\(scratch.path)/many.gaz"))
        #expect(one == many)
        // The scratch folder is gone and only the two indexes remain.
        #expect(try FileManager.default.contentsOfDirectory(atPath: scratch.path).sorted() == ["many.gaz", "one.gaz"])
    }

    @Test func discoverPrefersPlainThenGzipThenZipAndAllCountriesAlone() throws {
        let scratch = try ScratchFolder()
        for file in ["IQ.zip", "IQ.txt.gz", "SY.zip", "cities500.txt", "readme.txt", "admin2Codes.txt.gz", "hierarchy.zip", "alternateNamesV2.zip"] {
            try scratch.write(file, "")
        }
        var inputs = try GazetteerInputs.discover(in: scratch.path)
        #expect(inputs.places.map { ($0 as NSString).lastPathComponent } == ["IQ.txt.gz", "SY.zip", "cities500.txt"])
        #expect(inputs.admin2Codes.map { ($0 as NSString).lastPathComponent } == "admin2Codes.txt.gz")
        #expect(inputs.hierarchy.map { ($0 as NSString).lastPathComponent } == "hierarchy.zip")
        #expect(inputs.alternateNames.map { ($0 as NSString).lastPathComponent } == "alternateNamesV2.zip")
        try scratch.write("allCountries.zip", "")
        inputs = try GazetteerInputs.discover(in: scratch.path)
        #expect(inputs.places.map { ($0 as NSString).lastPathComponent } == ["allCountries.zip"])
    }

    /// The index file without its header and metadata: what the inputs' names and
    /// checksums do not change.
    static func sections(of path: String) throws -> Data {
        let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        let metadataSize = bytes[28..<32].enumerated().reduce(0) { $0 | Int($1.element) << (8 * $1.offset) }
        return bytes[(64 + metadataSize)...]
    }
}
