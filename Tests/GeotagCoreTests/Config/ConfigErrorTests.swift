import Foundation
import Testing
@testable import GeotagCore

/// Each mistake is reported with the file, its 1-based line and dotted key path.
@Suite struct ConfigErrorTests {
    /// A valid start that the cases below extend; lines 1 to 4.
    static let seeds = seedsOnly

    // MARK: The file itself

    @Test func missingFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let file = folder.path + "/nope.yaml"
        #expect(throws: GeotagError.config(file: file, line: 0, key: "", reason: "no such configuration file")) {
            try PipelineConfig.load(file: file, version: testVersion)
        }
        #expect(throws: GeotagError.config(file: folder.path, line: 0, key: "",
                                           reason: "is a folder, not a configuration file")) {
            try PipelineConfig.load(file: folder.path, version: testVersion)
        }
    }

    @Test func notUTF8() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let file = try folder.write(Data(Self.seeds.utf8) + Data([0x23, 0x20, 0xE9, 0x74, 0xE9, 0x0A]), to: "latin1.yaml")
        #expect(throws: GeotagError.config(file: file, line: 5, key: "", reason: "is not UTF-8 text; save it as UTF-8")) {
            try PipelineConfig.load(file: file, version: testVersion)
        }
    }

    @Test func emptyFile() {
        expectConfigError("", line: 1, key: "sources", reason: "the file holds no settings")
        expectConfigError("# nothing yet\n\n", line: 1, key: "sources", reason: "the file holds no settings")
    }

    @Test func topLevelIsNotAMapping() {
        expectConfigError("- name: seeds\n", line: 1, key: "", reason: "expected settings")
    }

    // MARK: YAML syntax

    @Test func tabsUsedForIndentation() {
        expectConfigError(Self.seeds + "fetch:\n\tper_host: 2\n", line: 6, key: "",
                          reason: "a tab is used for indentation, but YAML allows only spaces there")
        expectConfigError(Self.seeds + "fetch:\n  concurrency: 3\n\tper_host: 2\n", line: 7, key: "",
                          reason: "a tab is used for indentation")
        expectConfigError("sources:\n\t- name: seeds\n", line: 2, key: "", reason: "a tab is used for indentation")
    }

    @Test func syntaxErrors() {
        expectConfigError(Self.seeds + "extract:\n  country_bias: [IQ, SY\n  min_score: 0.5\n", line: 7, key: "",
                          reason: "invalid YAML at line 7, column 12: while parsing a flow sequence that starts on line 6, "
                              + "did not find expected ',' or ']' (a list in [brackets] is not closed)")
        expectConfigError(Self.seeds + "fetch: 1\n retries: 2\n", line: 6, key: "",
                          reason: "mapping values are not allowed in this context (check the indentation")
        // An unclosed quote is reported where it opens, not at the end of the file.
        expectConfigError(Self.seeds + "gazetteer: 'unclosed\nfetch:\n  retries: 2\n", line: 5, key: "",
                          reason: "while scanning a quoted scalar that starts on line 5")
        expectConfigError(Self.seeds + "gazetteer: *nowhere\n", line: 5, key: "", reason: "found undefined alias")
        expectConfigError(Self.seeds + "---\nfetch: {}\n", line: 5, key: "", reason: "more than one YAML document")
    }

    @Test func keyWrittenTwice() {
        expectConfigError(Self.seeds + "fetch:\n  retries: 1\n  timeout_s: 5\n  retries: 2\n", line: 8,
                          key: "fetch.retries", reason: "is written twice in the same group of settings (first on line 6)")
        expectConfigError("sources:\n  - name: a\n    type: files\n    path: x\n  - name: b\n    type: files\n    path: y\n    'path': z\n",
                          line: 8, key: "sources[1].path", reason: "first on line 7")
        expectConfigError(Self.seeds + "gazetteer: a\ngazetteer: b\n", line: 6, key: "gazetteer", reason: "written twice")
    }

    /// YAML breaks lines at CR and CR LF too, and so do Yams' line numbers: a file of
    /// old Mac or Windows line ends gets the right line (`make fuzz` found a crash here:
    /// lines counted at "\n" alone fell short of Yams' line).
    @Test func keyWrittenTwiceWithOtherLineEnds() {
        expectConfigError("\r\r\rsources: []\rsources: []\r", line: 5, key: "sources", reason: "first on line 4")
        expectConfigError("sources: []\r\ngazetteer: a\r\ngazetteer: b\r\n", line: 3, key: "gazetteer", reason: "first on line 2")
        expectConfigError("sources: []\u{2028}gazetteer: a\u{85}gazetteer: b\n", line: 3, key: "gazetteer", reason: "first on line 2")
    }

    // MARK: Keys

    @Test func unknownKeySuggestsTheClosest() {
        expectConfigError(Self.seeds + "fetch:\n  per_hots: 2\n", line: 6, key: "fetch.per_hots",
                          reason: "unknown key (did you mean 'per_host'?)")
        expectConfigError(Self.seeds + "fetch:\n  Timeout: 2\n", line: 6, key: "fetch.Timeout",
                          reason: "unknown key (did you mean 'timeout_s'?)")
        expectConfigError(Self.seeds + "outputs:\n  dir: x\n", line: 5, key: "outputs",
                          reason: "unknown key (did you mean 'output'?)")
        expectConfigError("sources:\n  - name: a\n    type: files\n    pth: x\n", line: 4, key: "sources[0].pth",
                          reason: "unknown key (did you mean 'path'?)")
    }

    @Test func unknownKeyWithoutACloseOne() {
        expectConfigError(Self.seeds + "extract:\n  colour: red\n", line: 6, key: "extract.colour", reason: "unknown key")
        do {
            _ = try parseConfig(Self.seeds + "extract:\n  colour: red\n")
        } catch {
            #expect(!error.description.contains("did you mean"))
        }
    }

    @Test func sectionKeyAtTheTopLevel() {
        expectConfigError(Self.seeds + "timeout_s: 5\n", line: 5, key: "timeout_s",
                          reason: "is not a top-level key; it belongs under 'fetch'")
    }

    @Test func keyOfAnotherSourceType() {
        expectConfigError("sources:\n  - name: a\n    type: files\n    url: https://example.org/rss\n",
                          line: 4, key: "sources[0].url", reason: "is not a setting of a files source, which takes 'path'")
        expectConfigError("sources:\n  - name: a\n    type: feed\n    urls: []\n",
                          line: 4, key: "sources[0].urls", reason: "is not a setting of a feed source, which takes 'url'")
    }

    // MARK: Types and ranges

    /// One wrong setting in a section, each on line 6 after ``seeds``.
    static let badSettings: [BadSetting] = [
        // Types
        BadSetting("fetch", "timeout_s: fast", "expected a number, found 'fast'"),
        BadSetting("fetch", "concurrency: 2.5", "expected a whole number, found '2.5'"),
        BadSetting("fetch", "retries: \"3\"", "expected a whole number, found the quoted text \"3\""),
        BadSetting("fetch", "max_bytes: [1]", "expected a whole number, found a list"),
        BadSetting("fetch", "max_bytes: 99999999999999999999999", "is too large"),
        BadSetting("extract", "country_bias: IQ", "expected a list, found 'IQ'"),
        BadSetting("extract", "min_score: .nan", "expected a number"),
        // Ranges
        BadSetting("fetch", "concurrency: 0", "must be at least 1, found 0"),
        BadSetting("fetch", "per_host: -2", "must be at least 1, found -2"),
        BadSetting("fetch", "timeout_s: 0", "must be more than 0, found 0"),
        BadSetting("fetch", "retries: -1", "must be at least 0, found -1"),
        BadSetting("fetch", "max_bytes: 0", "must be at least 1, found 0"),
        BadSetting("extract", "min_score: 1.5", "must be at least 0 and at most 1, found 1.5"),
        BadSetting("output", "export: fulll", "must be one of full, delta, found 'fulll' (did you mean 'full'?)"),
        BadSetting("output", "csv: \"\"", "must not be empty"),
        BadSetting("output", "csv: geotag.gpkg", "is the same file as output.sqlite"),
        BadSetting("limits", "max_document_bytes: 0", "must be at least 1, found 0"),
        BadSetting("limits", "max_mentions: many", "expected a whole number, found 'many'"),
        BadSetting("limits", "max_depth: 300", "expected at most 255 (libxml2 stops reading at 256 levels), found 300"),
    ]

    @Test(arguments: badSettings)
    func badSetting(_ bad: BadSetting) {
        expectConfigError(Self.seeds + "\(bad.section):\n  \(bad.setting)\n", line: 6, key: bad.key, reason: bad.reason)
    }

    @Test func wrongTypesElsewhere() {
        expectConfigError(Self.seeds + "output: out\n", line: 5, key: "output", reason: "expected settings")
        expectConfigError(Self.seeds + "gazetteer: [a, b]\n", line: 5, key: "gazetteer",
                          reason: "expected a text value, found a list")
        expectConfigError("sources:\n  name: seeds\n", line: 2, key: "sources", reason: "expected a list")
        expectConfigError("sources:\n  - seeds\n", line: 2, key: "sources[0]", reason: "expected settings")
        expectConfigError("sources:\n  - name: a\n    type: files\n    path: x\n    enabled: maybe\n", line: 5,
                          key: "sources[0].enabled", reason: "expected true or false, found 'maybe'")
    }

    @Test func badValuesInLists() {
        expectConfigError("sources:\n  - name: a\n    type: rss\n", line: 3, key: "sources[0].type",
                          reason: "must be one of files, urls, feed, found 'rss'")
        expectConfigError(Self.seeds + "extract:\n  country_bias:\n    - IQ\n    - IRQ\n", line: 8,
                          key: "extract.country_bias[1]", reason: "expected a two-letter ISO 3166-1 country code")
        expectConfigError("sources:\n  - name: a\n    type: feed\n    url: ftp://example.org/rss\n", line: 4,
                          key: "sources[0].url", reason: "expected an http:// or https:// URL")
        expectConfigError("sources:\n  - name: a\n    type: urls\n    urls:\n      - https://example.org/a\n      - example.org/b\n",
                          line: 6, key: "sources[0].urls[1]", reason: "expected an http:// or https:// URL, found 'example.org/b'")
    }

    // MARK: Required keys

    @Test func missingSources() {
        expectConfigError("# settings\ngazetteer: g\n", line: 2, key: "sources", reason: "is missing")
        expectConfigError("sources: []\n", line: 1, key: "sources", reason: "needs at least one source")
        expectConfigError("sources:\n", line: 1, key: "sources", reason: "needs a value")
    }

    @Test func missingSourceKeys() {
        expectConfigError("sources:\n  - name: a\n    path: x\n", line: 2, key: "sources[0].type",
                          reason: "is missing: each source (files, urls or feed) needs it")
        expectConfigError("sources:\n  - name: a\n    type: files\n", line: 2, key: "sources[0].path",
                          reason: "is missing: a files source needs it")
        expectConfigError("sources:\n  - name: a\n    type: files\n    path:\n", line: 4, key: "sources[0].path",
                          reason: "needs a value")
        expectConfigError("sources:\n  - type: files\n    path: x\n", line: 2, key: "sources[0].name",
                          reason: "is missing: a files source needs it")
        expectConfigError("sources:\n  - name: a\n    type: feed\n    enabled: false\n", line: 2, key: "sources[0].url",
                          reason: "is missing: a feed source needs it")
        expectConfigError("sources:\n  - name: a\n    type: urls\n    urls: []\n", line: 2, key: "sources[0]",
                          reason: "a urls source needs 'urls' (a list of URLs) or 'file'")
    }

    @Test func duplicateSourceNames() {
        expectConfigError(Self.seeds + "  - name: seeds\n    type: feed\n    url: https://example.org/rss\n",
                          line: 5, key: "sources[1].name",
                          reason: "'seeds' is already the name of sources[0] (line 2)")
    }

    // MARK: Which error

    @Test func theFirstMistakeInTheFileIsReported() {
        expectConfigError(Self.seeds + "fetch:\n  timeout_s: fast\n  per_hots: 2\n", line: 6,
                          key: "fetch.timeout_s", reason: "expected a number")
        expectConfigError(Self.seeds + "fetch:\n  per_hots: 2\n  timeout_s: fast\n", line: 6,
                          key: "fetch.per_hots", reason: "unknown key")
        expectConfigError("extract:\n  min_score: 2\nsources: []\n", line: 2,
                          key: "extract.min_score", reason: "must be at least 0")
    }
}

/// A setting written in a section, and the reason it is refused.
struct BadSetting: Sendable, CustomTestStringConvertible {
    let section: String
    let setting: String
    let reason: String

    init(_ section: String, _ setting: String, _ reason: String) {
        self.section = section
        self.setting = setting
        self.reason = reason
    }

    /// The dotted key of the setting.
    var key: String { "\(section).\(setting.prefix { $0 != ":" })" }

    var testDescription: String { "\(section): \(setting)" }
}

@Suite struct KeySuggestionTests {
    @Test func distances() {
        #expect(KeySuggestion.distance(Array("per_host"), Array("per_host")) == 0)
        #expect(KeySuggestion.distance(Array("per_hots"), Array("per_host")) == 2)
        #expect(KeySuggestion.distance(Array("kitten"), Array("sitting")) == 3)
        #expect(KeySuggestion.distance(Array(""), Array("abc")) == 3)
    }

    @Test func closest() {
        let keys = ["concurrency", "per_host", "timeout_s", "retries"]
        #expect(KeySuggestion.closest(to: "per-host", among: keys) == "per_host")
        #expect(KeySuggestion.closest(to: "PER_HOST", among: keys) == "per_host")
        #expect(KeySuggestion.closest(to: "retrys", among: keys) == "retries")
        #expect(KeySuggestion.closest(to: "colour", among: keys) == nil)
    }
}
