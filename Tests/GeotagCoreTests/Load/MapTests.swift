import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import GeotagCore

/// The country outlines, the map's view and the SVG and HTML drawn from them.
@Suite struct MapTests {
    static let outlinesPath = LoadFixtures.repository + "/data/map/countries.txt"
    static let outlines: CountryOutlines = {
        do { return try CountryOutlines(path: outlinesPath) } catch { fatalError("\(error)") }
    }()

    private func codes(_ lon: Double, _ lat: Double) -> [String] {
        Self.outlines.countries(containingLongitude: lon, latitude: lat).map { $0.code ?? $0.a3 }
    }

    @Test func outlinesHoldTheWorldsCountries() {
        #expect(Self.outlines.countries.count == 247)
        #expect(codes(44.40088, 33.34058) == ["IQ"])  // Baghdad
        #expect(codes(40.14084, 35.33588) == ["SY"])  // Deir ez-Zor
        #expect(codes(7.57327, 47.55839) == ["CH"])  // Basel, a kilometre or two from France and Germany
        #expect(codes(-77.03637, 38.89511) == ["US"])  // Washington
        #expect(codes(27.48, -29.31) == ["LS"])  // Maseru: Lesotho is a hole in South Africa
        #expect(codes(-30.0, 30.0).isEmpty)  // the Atlantic
    }

    @Test func badOutlinesAreReported() {
        #expect(throws: GeotagError.self) { try CountryOutlines(text: "# no signature\n", path: "x") }
        #expect(throws: GeotagError.self) { try CountryOutlines(text: "geotag-outlines 1 100\nIQ\tIRQ\tIraq\t1,2 3\n", path: "x") }
        #expect(throws: GeotagError.self) { try CountryOutlines(path: "/nonexistent/countries.txt") }
        let one = try? CountryOutlines(text: "geotag-outlines 1 100\n# a square\nXX\tXXX\tSquare\t0,0 100,0 0,100 -100,0\n", path: "x")
        #expect(one?.countries.first?.contains(longitude: 0.5, latitude: 0.5) == true)
        #expect(one?.countries.first?.contains(longitude: 1.5, latitude: 0.5) == false)
    }

    @Test func theViewFitsThePlaces() {
        typealias Point = CountryOutlines.Point
        let world = MapView(fitting: [])
        #expect(world.box == MapView.world)
        let one = MapView(fitting: [Point(x: 44.4, y: 33.3)])
        #expect(one.box.maxX - one.box.minX >= MapView.minimumSpan.longitude)
        #expect(one.box.contains(x: 44.4, y: 33.3))
        #expect((MapView.minimumHeight - 0.001...MapView.maximumHeight + 0.001).contains(one.height))
        let p = one.project(Point(x: 44.4, y: 33.3))
        #expect(abs(p.x - MapView.width / 2) < 1 && abs(p.y - one.height / 2) < 1)
        // North to south and east to west on the page as on the ground.
        let north = one.project(Point(x: 44.4, y: 34)), east = one.project(Point(x: 45, y: 33.3))
        #expect(north.y < p.y && east.x > p.x)
        // A tall region is widened, not drawn taller than the page allows.
        let tall = MapView(fitting: [Point(x: 10, y: -30), Point(x: 12, y: 60)])
        #expect(tall.height <= MapView.maximumHeight + 0.001)
    }

    private func place(_ name: String, _ count: Int, lon: Double, lat: Double, country: String = "IQ") -> MentionedPlace {
        var values = MentionedPlace.fields.map { _ in FieldValue.null }
        values[0] = .integer(count)
        values[1] = .text(name)
        values[4] = .text(country)
        values[8] = .real(lat)
        values[9] = .real(lon)
        values[10] = .integer(count)
        values[11] = .integer(1)
        return MentionedPlace(values: values)!
    }

    @Test func theSVGHasACirclePerPlaceAndNothingToRun() throws {
        let places = [place("Baghdad", 9, lon: 44.4, lat: 33.3), place("Mosul & <Ninawa>", 2, lon: 43.1, lat: 36.3),
                      place("Kabul", 1, lon: 69.2, lat: 34.5, country: "AF")]
        let svg = SVGMap(places: places, outlines: Self.outlines).svg
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""))
        #expect(svg.components(separatedBy: "<circle").count - 1 == 3 + 3)  // the places, and the legend's three
        #expect(svg.contains("<title>Mosul &amp; &lt;Ninawa&gt;, IQ: 2 mentions in 1 article</title>"))
        #expect(svg.contains("<title>Iraq</title>"))
        #expect(!svg.contains("<script") && !svg.contains("href"))
        // The biggest circle is drawn first, so the small ones stay on top.
        let order = ["Baghdad", "Mosul", "Kabul"].map { svg.range(of: "<title>\($0)")!.lowerBound }
        #expect(order == order.sorted())
        #expect(SVGMap(places: places, outlines: Self.outlines).svg == svg)

        let bare = SVGMap(places: places, outlines: nil).svg
        #expect(bare.contains("country outlines not available"))
        let parsed = XMLParser(data: Data(svg.utf8))
        #expect(parsed.parse(), "\(parsed.parserError.map { "\($0)" } ?? "")")
    }

    /// The map of the seeds puts every town and country on its own country.
    @Test(.enabled(if: BundledGazetteer.isBuilt, "needs the bundled gazetteer: run `make gazetteer`"))
    func theSeedsPlacesLieInTheirCountries() throws {
        let seeds = try SeedPipeline()
        try seeds.run()
        let places = try seeds.database().places()
        #expect(places.count > 30)
        func misplaced(_ places: [MentionedPlace]) -> [String] {
            places.filter { !codes($0.longitude, $0.latitude).contains($0.place.countryCode) }
                .map { "\($0.place.name) (\($0.place.countryCode)) in \(codes($0.longitude, $0.latitude))" }
        }
        let areas = places.filter { $0.place.featureClass == "A" && $0.place.featureCode.hasPrefix("ADM") }
        #expect(misplaced(places.filter { $0.place.featureClass == "P" || $0.place.featureCode.hasPrefix("PCL") }) == [])
        // Provinces too: GeoNames' own points (Al Mafraq's box centre used to lie in Syria).
        #expect(misplaced(areas) == [])
        for name in ["Iraq", "Syria", "Rumailan", "Deir ez-Zor"] { #expect(places.contains { $0.place.name == name }, "\(name)") }

        let svg = try String(contentsOfFile: try #require(seeds.config.output.mapPaths?.map), encoding: .utf8)
        #expect(svg.components(separatedBy: "<circle").count - 1 >= places.count)
        let report = try String(contentsOfFile: try #require(seeds.config.output.mapPaths?.report), encoding: .utf8)
        #expect(report.hasPrefix("<!DOCTYPE html>"))
        #expect(report.contains(svg))
        #expect(report.contains("<td>Deir ez-Zor</td>"))
        #expect(!report.contains("<script"))
    }

    static let rsvg = GDALTests.findExecutable("rsvg-convert")

    /// librsvg, as GNOME's image viewer and many converters use it, draws the map.
    @Test(.enabled(if: BundledGazetteer.isBuilt && (rsvg != nil || GDALTests.required), "needs rsvg-convert and the gazetteer"))
    func theMapRendersAsAPicture() throws {
        let rsvg = try #require(Self.rsvg, "GEOTAG_REQUIRE_GDAL=1 but rsvg-convert is not on PATH (make deps installs it)")
        let seeds = try SeedPipeline()
        try seeds.run()
        let png = seeds.folder.path + "/map.png"
        let result = try GDALTests.run(rsvg, ["--format", "png", "--output", png, try #require(seeds.config.output.mapPaths?.map)])
        #expect(result.status == 0, "\(result.err)")
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: png)))
        #expect(Array(bytes.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        // The PNG's size is the SVG's: 960 pixels wide (bytes 16-19 of the IHDR chunk).
        #expect(bytes.count > 24 && Array(bytes[16..<20]) == [0, 0, 0x03, 0xC0])
    }
}
