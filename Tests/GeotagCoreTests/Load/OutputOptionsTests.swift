import Testing
@testable import GeotagCore

/// The `output:` keys of the GIS outputs: their defaults, values and mistakes.
@Suite struct OutputOptionsTests {
    @Test func defaults() throws {
        let output = try parseConfig(seedsOnly).output
        #expect(output.csvBOM == false)
        #expect(output.geojsonseq == nil && output.geojsonseqPath == nil)
        #expect(output.placesPath == "/projects/news/out/places.geojson")
        #expect(output.map)
        #expect(output.mapPaths?.map == "/projects/news/out/map.svg")
        #expect(output.mapPaths?.report == "/projects/news/out/report.html")
        #expect(output.mapOutlines.resolved == "/projects/news/data/map/countries.txt")
    }

    @Test func values() throws {
        var output = try parseConfig(seedsOnly + """
            output:
              csv_bom: true
              geojsonseq: true
              places: layers/places.json
              map: false
              map_outlines: ../maps/outlines.txt
            """).output
        #expect(output.csvBOM)
        #expect(output.geojsonseqPath == "/projects/news/out/mentions.geojsons")
        #expect(output.placesPath == "/projects/news/out/layers/places.json")
        #expect(output.mapPaths == nil)
        #expect(output.mapOutlines.resolved == "/projects/maps/outlines.txt")
        output = try parseConfig(seedsOnly + "output:\n  geojsonseq: all.geojsonl\n").output
        #expect(output.geojsonseqPath == "/projects/news/out/all.geojsonl")
        output = try parseConfig(seedsOnly + "output:\n  geojsonseq: false\n").output
        #expect(output.geojsonseq == nil)
    }

    @Test func mistakesNameTheLineAndKey() {
        let cases: [(String, String, String)] = [
            ("csv_bom: maybe", "output.csv_bom", "expected true or false, found 'maybe'"),
            ("map: 1", "output.map", "expected true or false"),
            ("geojsonseq: [a]", "output.geojsonseq", "expected true, false or a file name, found a list"),
            ("places: \"\"", "output.places", "must not be empty"),
            ("places: mentions.csv", "output.places", "is the same file as output.csv"),
            ("geojsonseq: mentions.geojson", "output.geojsonseq", "is the same file as output.geojson"),
            ("csv: report.html", "output.csv", "is the same file as output.map"),
            ("csv_bim: true", "output.csv_bim", "unknown key (did you mean 'csv_bom'?)"),
        ]
        for (setting, key, reason) in cases {
            expectConfigError(seedsOnly + "output:\n  \(setting)\n", line: 6, key: key, reason: reason)
        }
        // With the map off, its file names are free.
        #expect(throws: Never.self) { try parseConfig(seedsOnly + "output:\n  map: false\n  csv: map.svg\n") }
    }
}
