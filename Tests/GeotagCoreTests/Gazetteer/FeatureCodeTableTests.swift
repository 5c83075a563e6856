import Testing
@testable import GeotagCore

@Suite struct FeatureCodeTableTests {
    @Test func holdsWhatWasAddedThroughGrowth() {
        var table = FeatureCodeTable()
        let keys = (0..<500).map { FeatureCodeTable.key(featureClass: UInt8(ascii: "A") + UInt8($0 % 9), codeRef: UInt32($0 * 37)) }
        for (n, key) in keys.enumerated() {
            table.add(key) { .init(kind: n.isMultiple(of: 2) ? .town : .province, codeBonus: Double(n)) }
        }
        for (n, key) in keys.enumerated() {
            #expect(table[key] == .init(kind: n.isMultiple(of: 2) ? .town : .province, codeBonus: Double(n)))
        }
        #expect(table[FeatureCodeTable.key(featureClass: UInt8(ascii: "Z"), codeRef: 1)] == nil)
    }

    @Test func aKeyAddedTwiceKeepsItsFirstFacts() {
        var table = FeatureCodeTable()
        let key = FeatureCodeTable.key(featureClass: UInt8(ascii: "P"), codeRef: 12)
        table.add(key) { .init(kind: .town, codeBonus: 1) }
        table.add(key) { Issue.record("made again"); return .init(kind: .country, codeBonus: 0) }
        #expect(table[key] == .init(kind: .town, codeBonus: 1))
    }

    /// Every place of the bundled index has the facts its class and code give when
    /// worked out from their strings.
    @Test(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`")) func everyPlaceOfTheBundledIndexHasItsCodesFacts() {
        let index = BundledGazetteer.index
        var checked = Set<UInt64>()
        for place in 0..<index.placeCount {
            let record = index.record(place)
            guard checked.insert(FeatureCodeTable.key(featureClass: record.featureClass, codeRef: record.featureCodeRef)).inserted else { continue }
            let code = index.string(record.featureCodeRef)
            let expected = GazetteerIndex.FeatureFacts(
                kind: PlaceKind(featureClass: String(UnicodeScalar(record.featureClass)), featureCode: code),
                codeBonus: PlacePrior.codeBonus(featureCode: code))
            #expect(index.featureFacts(of: record) == expected, "\(code)")
        }
        // The bundled index keeps a few dozen codes (towns, administrative areas, features).
        #expect(checked.count >= 10)
    }
}
