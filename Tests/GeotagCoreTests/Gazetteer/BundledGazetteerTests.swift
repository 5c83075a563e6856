import Foundation
import Testing
@testable import GeotagCore

/// The bundled gazetteer as `make gazetteer` builds it from `data/gazetteer/`: what it
/// must cover, and the names news uses that it must know.
@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
struct BundledGazetteerTests {
    static let sources = URL(fileURLWithPath: BundledGazetteer.path).deletingLastPathComponent().appendingPathComponent("geonames").path

    /// The first and fourth columns (code, geonameid) of an admin codes file.
    private func codes(_ file: String) throws -> [(code: String, id: Int)] {
        let reader = try LineReader(path: "\(Self.sources)/\(file)")
        var rows: [(String, Int)] = []
        while let line = try reader.nextLine() {
            let columns = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            rows.append((columns[0], Int(columns[3])!))
        }
        return rows
    }

    /// Every place's id with its feature code.
    private func codesByID() -> [Int: String] {
        let index = BundledGazetteer.index
        var result: [Int: String] = [:]
        for i in 0..<index.placeCount {
            let record = index.record(i)
            result[record.id] = index.string(record.featureCodeRef)
        }
        return result
    }

    @Test func coversTownsDivisionsAndCountries() throws {
        let index = BundledGazetteer.index
        #expect(index.metadata.byFeatureClass["P", default: 0] >= 230_000)
        let byID = codesByID()
        let adm1 = try codes("admin1CodesASCII.txt")
        #expect(adm1.count > 3_800)
        #expect(adm1.filter { byID[$0.id] != "ADM1" }.map(\.code) == [])
        let adm2 = try codes("admin2Codes.txt.gz")
        #expect(adm2.count > 47_000)
        #expect(adm2.filter { byID[$0.id] != "ADM2" }.map(\.code) == [])
        // Every country of countryInfo.txt but the two GeoNames keeps after they dissolved.
        let reader = try LineReader(path: "\(Self.sources)/countryInfo.txt")
        var missing: [String] = []
        while let line = try reader.nextLine() {
            if line.first == UInt8(ascii: "#") { continue }
            let columns = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
            let code = byID[Int(columns[16])!]
            if !(code.map { $0.hasPrefix("PCL") || $0 == "TERR" } ?? false), !["AN", "CS"].contains(columns[0]) { missing.append(columns[0]) }
        }
        #expect(missing == [])
        // Continents, from GeoNames.
        #expect([6255146, 6255147, 6255148, 6255149, 6255150, 6255151, 6255152].allSatisfy { byID[$0] == "CONT" })
    }

    @Test func iraqAndSyriaHaveAllTheirGovernorates() throws {
        let index = BundledGazetteer.index
        var governorates: [String: [String]] = [:]
        for i in 0..<index.placeCount {
            let record = index.record(i)
            guard index.string(record.featureCodeRef) == "ADM1", ["IQ", "SY"].contains(record.countryCodeString) else { continue }
            governorates[record.countryCodeString, default: []].append(index.string(record.admin1CodeRef))
        }
        // Iraq's 18 governorates and Halabja (2014); Syria's 14.
        #expect(governorates["IQ"]?.sorted() == (1...19).map { String(format: "%02d", $0) })
        #expect(governorates["SY"]?.sorted() == (1...14).map { String(format: "%02d", $0) })
        for name in ["Diyala", "Nineveh", "Erbil", "Halabja", "Al Anbar", "Basra", "Al-Hasakah", "Deir ez-Zor", "Raqqa", "Idlib", "Aleppo"] {
            let found = index.lookup(name, limit: 50).contains { ["IQ", "SY"].contains($0.place.countryCode) && $0.place.featureCode == "ADM1" }
            #expect(found, "\(name)")
        }
    }

    @Test func findsTheNamesNewsUses() {
        let index = BundledGazetteer.index
        for (name, id) in [
            ("US", 6252001), ("U.S.", 6252001), ("USA", 6252001), ("UK", 2635167), ("UAE", 290557), ("DRC", 203312),
            ("Europe", 6255148), ("Africa", 6255146), ("Asia", 6255147), ("EU", -120), ("Middle East", -101),
            ("Americas", -102), ("W.Va.", 4826850), ("S.C.", 4597040), ("Calif.", 5332921), ("N.Y.", 5128638),
            ("B.C.", 5909050), ("Ont.", 6093943), ("Darfur", -302), ("South Ossetia", -304), ("Kurdistan Region", -301),
            ("Golan Heights", -305), ("Sinai", -306), ("Horn of Africa", -126), ("Indian Ocean", -203),
            ("Mediterranean", -206), ("Rmelan", -1), ("Gaza Strip", 281132), ("Crimea", 703883), ("Abkhazia", 6643410),
        ] {
            #expect(index.lookup(name).first?.place.id == id, "\(name)")
        }
        for (name, id) in [("Atlantic", -201), ("Pacific", -202), ("Kan.", 4273857), ("Ky.", 6254925), ("Gulf", -210)] {
            #expect(index.lookup(name, limit: 20).contains { $0.place.id == id }, "\(name)")
        }
    }

    @Test func districtsTakeTheirSeatTown() throws {
        let index = BundledGazetteer.index
        let baqubah = try #require(index.lookup("Baqubah", country: "IQ").first?.place)
        #expect(baqubah.admin2Name == "Ba'quba District")
        let district = try #require(index.lookup("Ba'quba District").first?.place)
        #expect(district.featureCode == "ADM2")
        #expect(district.latitude == baqubah.latitude && district.longitude == baqubah.longitude)
    }

    /// The key prefix filter says yes to every word prefix of every key, since a no
    /// would lose a name, and no to nearly every other word.
    @Test func thePrefixFilterKnowsEveryWordPrefixOfEveryKey() {
        let index = BundledGazetteer.index
        var seen = Set<UInt32>()
        var prefixes: [UInt64] = []
        for i in 0..<index.postingCount {
            let ref = index.posting(i).nameRef
            guard seen.insert(ref).inserted else { continue }
            for key in NameKey.keys(for: index.string(ref)) { KeyPrefixFilter.appendPrefixHashes(of: key, to: &prefixes) }
        }
        #expect(prefixes.count > 100_000)
        #expect(prefixes.filter { !index.mayBeKeyPrefix(hash: $0) }.isEmpty)
        let others = (0..<10_000).map { NameKey.hash(Array("zq\($0)x".utf8)) }
        #expect(others.filter(index.mayBeKeyPrefix(hash:)).count < 200)
    }

    /// ``GazetteerIndex/placeIndices(ofIDs:)`` searches the places by id, which holds
    /// only while the index keeps them sorted by id.
    @Test func placesAreSortedByIDAndFoundByIt() {
        let index = BundledGazetteer.index
        let ids = (0..<index.placeCount).map { index.record($0).id }
        #expect(zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 })
        #expect(ids.first! < 0, "the overlay's places (negative ids) come first")
        let sample = Array(stride(from: 0, to: ids.count, by: 997)) + [0, ids.count - 1]
        let found = index.placeIndices(ofIDs: Set(sample.map { ids[$0] }))
        #expect(found.count == Set(sample).count)
        #expect(sample.allSatisfy { found[ids[$0]] == $0 })
        // Ids between two of the index's, and beyond both ends, are not there.
        let gaps = zip(ids, ids.dropFirst()).filter { $1 - $0 > 1 }.prefix(50).map { $0.0 + 1 }
        #expect(index.placeIndices(ofIDs: Set(gaps + [ids.first! - 1, ids.last! + 1, Int.max])).isEmpty)
    }

    @Test func carriesTheDemonymTable() {
        let demonyms = BundledGazetteer.index.demonyms
        #expect(demonyms.count > 200)
        #expect(demonyms.countries(for: Array("iraqis".utf8)) == ["IQ"])
        #expect(demonyms.countries(for: Array("kurdish".utf8)) == ["IQ", "SY", "TR", "IR"])
        #expect(demonyms.countries(for: Array("arab".utf8)) == [])
        #expect(demonyms.countries(for: Array("baghdad".utf8)) == nil)
    }
}

/// `geotag lookup` on the spellings issue 3 names: each finds its place first.
@Suite(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
struct TransliterationLookupTests {
    @Test(arguments: [
        ("Deir Al-Zour", 170794), ("Deir ez-Zor", 170794), ("Deir Ezzor", 170794), ("Dayr az Zawr", 170794), ("دير الزور", 170794),
        ("Abu Kamal", 174448), ("Albu Kamal", 174448), ("البوكمال", 174448),
        ("Diyala", 96965), ("ديالى", 96965), ("Ninawa", 92877),
        ("Qamishli", 173377), ("Al-Qamishli", 173377), ("Hasaka", 173811), ("Al-Hasakah", 173811),
        ("Baquba", 97990), ("Baqubah", 97990), ("Arbil", 95446), ("Erbil", 95446),
    ])
    func findsThePlaceFirst(name: String, placeID: Int) throws {
        let first = try #require(BundledGazetteer.index.lookup(name).first, "nothing for \(name)")
        #expect(first.place.id == placeID, "\(name) → \(first.place.name) (\(first.place.id))")
    }
}
