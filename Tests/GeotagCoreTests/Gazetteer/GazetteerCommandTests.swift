import Foundation
import Testing
@testable import GeotagCore

/// `geotag gazetteer build|info` and `geotag lookup` as users run them, on an index built
/// from the fixtures: the spec's fields and exit codes.
@Suite(.enabled(if: GeotagExecutable.path != nil, "the geotag executable is not built: run `make build`"))
struct GazetteerCommandTests {
    private func geotag(_ arguments: [String]) throws -> (status: Int32, out: String, err: String) {
        try GDALTests.run(GeotagExecutable.path!, arguments)
    }

    /// Builds the zipped fixtures with the command line into `scratch` and returns the index path.
    private func build(in scratch: ScratchFolder) throws -> String {
        let out = "\(scratch.path)/fixtures.gaz"
        let result = try geotag([
            "gazetteer", "build", "--from", GazetteerFixtures.zipped, "--overlay", GazetteerFixtures.overlay,
            "--demonyms", GazetteerFixtures.demonyms, "--name", "fixtures", "--out", out,
        ])
        #expect(result.status == 0, "\(result.err)")
        #expect(result.out.hasPrefix("fixtures-"))
        #expect(result.err.contains("IQ.zip!IQ.txt:5: latitude 'north'"))
        return out
    }

    @Test func buildThenLookupAsJSONLines() throws {
        let scratch = try ScratchFolder()
        let index = try build(in: scratch)
        let result = try geotag(["lookup", "W.Va.", "--format", "jsonl", "--gazetteer", index])
        #expect(result.status == 0)
        let lines = result.out.split(separator: "\n")
        #expect(lines.count == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any])
        #expect(Set(object.keys) == [
            "place_id", "place_name", "feature_class", "feature_code", "country_code", "admin1_code", "lat", "lon",
            "population", "matched_name", "score",
        ])
        #expect(object["place_id"] as? Int == 4826850)
        #expect(object["feature_code"] as? String == "ADM1")
        #expect(object["admin1_code"] as? String == "WV")
        #expect(object["matched_name"] as? String == "W.Va.")
        #expect(object["score"] as? Double == 1)

        let filtered = try geotag(["lookup", "Dayr az Zawr", "--country", "sy", "--limit", "1", "--gazetteer", index])
        #expect(filtered.out.split(separator: "\n").count == 1)
        #expect(filtered.out.contains("SY"))
        #expect(try geotag(["lookup", "Nowhere at all", "--gazetteer", index]).out == "no place named \"Nowhere at all\"\n")
    }

    @Test func lookupRefusesBadOptions() throws {
        let scratch = try ScratchFolder()
        let index = try build(in: scratch)
        #expect(try geotag(["lookup", "Iraq", "--limit", "0", "--gazetteer", index]).status == 2)
        #expect(try geotag(["lookup", "Iraq", "--country", "Iraq", "--gazetteer", index]).status == 2)
        #expect(try geotag(["lookup", "Iraq", "--gazetteer", "\(scratch.path)/none.gaz"]).status == 2)
    }

    @Test func infoAsJSON() throws {
        let scratch = try ScratchFolder()
        let index = try build(in: scratch)
        let result = try geotag(["gazetteer", "info", "--format", "json", "--gazetteer", index])
        #expect(result.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.out.utf8)) as? [String: Any])
        #expect((object["version"] as? String)?.hasPrefix("fixtures-") == true)
        #expect(object["places"] as? Int == 18)
        #expect((object["names"] as? Int ?? 0) > 18)
        #expect(object["by_feature_class"] as? [String: Int] == ["A": 8, "P": 8, "T": 1, "H": 1])
        #expect(object["by_country_code"] as? [String: Int] == ["IQ": 9, "SY": 6, "US": 3])
        #expect(object["demonyms"] as? Int == 3)
        #expect((object["sources"] as? [[String: Any]])?.contains { $0["file"] as? String == "IQ.zip" } == true)
        let text = try geotag(["gazetteer", "info", "--gazetteer", index])
        #expect(text.out.contains("places    18"))
        #expect(text.out.contains("IQ 9"))
    }
}
