import Testing
@testable import GeotagCore

/// Distances: the quick test of ``GreatCircle/areWithin(_:_:_:_:_:)`` says what the
/// full formula says.
@Suite struct GreatCircleTests {
    @Test func knownDistances() {
        // Baghdad to Mosul, about 350 km; Deir ez-Zor to Al-Mayadin, about 42 km.
        let baghdadMosul = GreatCircle.kilometers(33.3406, 44.4009, 36.3350, 43.1189)
        #expect(abs(baghdadMosul - 352) < 15)
        #expect(!GreatCircle.areWithin(161, 33.3406, 44.4009, 36.3350, 43.1189))
        #expect(GreatCircle.areWithin(161, 35.3359, 40.1408, 35.0161, 40.4527))
        #expect(GreatCircle.areWithin(0, 35.3359, 40.1408, 35.3359, 40.1408))
    }

    @Test func theQuickTestAgreesWithTheFormula() {
        var random = SplitMix64(seed: 161)
        func unit() -> Double { Double(random.next() >> 11) / Double(1 << 53) }
        for _ in 0..<20_000 {
            let lat1 = unit() * 170 - 85, lon1 = unit() * 360 - 180
            // Pairs from next door to well past the limit, many of them near it, some
            // straight north or south (where the quick test is tightest).
            let reach = unit() * 3
            let lat2 = max(-90, min(90, lat1 + (unit() * 2 - 1) * reach))
            let lon2 = unit() < 0.2 ? lon1 : lon1 + (unit() * 2 - 1) * reach
            let km = GreatCircle.kilometers(lat1, lon1, lat2, lon2)
            #expect(GreatCircle.areWithin(161, lat1, lon1, lat2, lon2) == (km <= 161), "\(lat1),\(lon1) \(lat2),\(lon2): \(km) km")
        }
        // On the limit, straight south.
        let degrees = 161 / GreatCircle.earthRadius * 180 / Double.pi
        let km = GreatCircle.kilometers(10, 20, 10 - degrees, 20)
        #expect(GreatCircle.areWithin(161, 10, 20, 10 - degrees, 20) == (km <= 161))
    }
}
