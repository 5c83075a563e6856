import Foundation
import Testing
@testable import GeotagCore

@Suite struct PipelineConfigTests {
    /// The spec's example, word for word.
    static let specExample = """
        sources:                      # each one: name, type, and the fields of its type
          - name: seeds
            type: files               # files | urls | feed
            path: seeds               # a folder or a glob; .txt .html .htm .md .jsonl
          - name: shafaq-en
            type: feed                # RSS 2.0 or Atom; every item's link is fetched
            url: https://example.org/rss
            enabled: false
        gazetteer: data/gazetteer     # the bundled one by default
        output:
          dir: out
          csv: mentions.csv
          geojson: mentions.geojson
          sqlite: geotag.gpkg
          export: full                # full | delta (only this run's new mentions in CSV/GeoJSON)
        fetch:
          concurrency: 8              # requests in flight
          per_host: 2                 # requests in flight per host
          timeout_s: 20
          retries: 3                  # with exponential backoff and jitter, on timeouts and 429/5xx
          max_bytes: 5000000
          user_agent: "geotag/VERSION (+https://example.org)"
          cache_dir: .geotag/cache    # raw responses, content-addressed, for --reprocess
        extract:
          min_score: 0.0
          country_bias: []            # ISO codes that tip ties, e.g. [IQ, SY]
        """

    @Test func specExampleParses() throws {
        let config = try parseConfig(Self.specExample)
        #expect(config.sources == [
            SourceConfig(name: "seeds", kind: .files(path: ConfigPath("seeds", relativeTo: "/projects/news"))),
            SourceConfig(name: "shafaq-en", enabled: false, kind: .feed(url: URL(string: "https://example.org/rss")!)),
        ])
        #expect(config.enabledSources.map(\.name) == ["seeds"])
        #expect(config.sources.map(\.type) == [.files, .feed])
        expectSpecValues(config)
        #expect(config.file == testFile)
        #expect(config.directory == "/projects/news")
    }

    @Test func onlySourcesGetsEveryDefault() throws {
        let config = try parseConfig(seedsOnly)
        let defaults = PipelineConfig(sources: config.sources, file: testFile,
                                      configHash: config.configHash, version: testVersion)
        #expect(config == defaults)
        // The defaults are the values the spec's example writes out ...
        let spec = try parseConfig(Self.specExample)
        #expect(spec.with { $0.sources = config.sources; $0.configHash = config.configHash } == config)
        // ... and these.
        expectSpecValues(config)
        #expect(config.output.dir.written == "out")
        #expect(config.fetch.cacheDir.written == ".geotag/cache")
        #expect(config.sources[0].enabled)
    }

    /// Checks every setting but `sources` against the spec's example, for a
    /// configuration read from ``testFile``.
    func expectSpecValues(_ config: PipelineConfig, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(config.gazetteer.resolved == "/projects/news/data/gazetteer", sourceLocation: sourceLocation)
        #expect(config.output.dir.resolved == "/projects/news/out", sourceLocation: sourceLocation)
        #expect(config.output.csvPath == "/projects/news/out/mentions.csv", sourceLocation: sourceLocation)
        #expect(config.output.geojsonPath == "/projects/news/out/mentions.geojson", sourceLocation: sourceLocation)
        #expect(config.output.sqlitePath == "/projects/news/out/geotag.gpkg", sourceLocation: sourceLocation)
        #expect(config.output.export == .full, sourceLocation: sourceLocation)
        #expect(config.fetch.concurrency == 8, sourceLocation: sourceLocation)
        #expect(config.fetch.perHost == 2, sourceLocation: sourceLocation)
        #expect(config.fetch.timeoutSeconds == 20, sourceLocation: sourceLocation)
        #expect(config.fetch.retries == 3, sourceLocation: sourceLocation)
        #expect(config.fetch.maxBytes == 5_000_000, sourceLocation: sourceLocation)
        #expect(config.fetch.userAgent == "geotag/9.8.7 (+https://example.org)", sourceLocation: sourceLocation)
        #expect(config.fetch.cacheDir.resolved == "/projects/news/.geotag/cache", sourceLocation: sourceLocation)
        #expect(config.extract.minScore == 0, sourceLocation: sourceLocation)
        #expect(config.extract.countryBias == [], sourceLocation: sourceLocation)
        #expect(config.limits.maxDocumentBytes == 10_000_000, sourceLocation: sourceLocation)
        #expect(config.limits.maxMentions == 2000, sourceLocation: sourceLocation)
        #expect(config.limits.maxDepth == 200, sourceLocation: sourceLocation)
    }

    @Test func everyKeyCanBeSet() throws {
        let config = try parseConfig("""
            sources:
              - name: picks
                type: urls
                urls: [https://example.org/a, "http://example.com/b?c=1"]
                file: lists/urls.txt
              - name: more
                type: urls
                file: /srv/urls.txt
                enabled: no
              - {name: glob, type: files, path: "articles/*.html"}
            gazetteer: /data/gaz
            output:
              dir: ../dataset
              csv: m.csv
              geojson: sub/m.geojson
              sqlite: /var/db/m.gpkg
              export: delta
            fetch:
              concurrency: 16
              per_host: 1
              timeout_s: 2.5
              retries: 0
              max_bytes: 1e6
              user_agent: my-bot/VERSION
              cache_dir: ~/cache
            extract:
              min_score: 0.35
              country_bias: [iq, SY, NO, iq]
            limits:
              max_document_bytes: 2e6
              max_mentions: 50
              max_depth: 64
            """)
        #expect(config.sources[0].kind == .urls(
            urls: [URL(string: "https://example.org/a")!, URL(string: "http://example.com/b?c=1")!],
            file: ConfigPath("lists/urls.txt", relativeTo: "/projects/news")))
        #expect(config.sources[1].kind == .urls(urls: [], file: ConfigPath("/srv/urls.txt", relativeTo: "/x")))
        #expect(config.sources[1].enabled == false)
        #expect(config.sources[2].kind == .files(path: ConfigPath("articles/*.html", relativeTo: "/projects/news")))
        #expect(config.gazetteer.resolved == "/data/gaz")
        #expect(config.output.dir.resolved == "/projects/dataset")
        #expect(config.output.csvPath == "/projects/dataset/m.csv")
        #expect(config.output.geojsonPath == "/projects/dataset/sub/m.geojson")
        #expect(config.output.sqlitePath == "/var/db/m.gpkg")
        #expect(config.output.export == .delta)
        #expect(config.fetch.concurrency == 16)
        #expect(config.fetch.perHost == 1)
        #expect(config.fetch.timeoutSeconds == 2.5)
        #expect(config.fetch.retries == 0)
        #expect(config.fetch.maxBytes == 1_000_000)
        #expect(config.fetch.userAgent == "my-bot/9.8.7")
        #expect(config.fetch.cacheDir.resolved == NSHomeDirectory() + "/cache")
        #expect(config.extract.minScore == 0.35)
        // Upper-cased, `NO` (a boolean to YAML 1.1) kept as Norway, repeats dropped.
        #expect(config.extract.countryBias == ["IQ", "SY", "NO"])
        #expect(config.limits.maxDocumentBytes == 2_000_000)
        #expect(config.limits.maxMentions == 50)
        #expect(config.limits.maxDepth == 64)
    }

    @Test func emptyValuesMeanDefaults() throws {
        let config = try parseConfig("""
            sources:
              - name: seeds
                enabled:
                type: files
                path: seeds
            gazetteer: ~
            output:
            fetch:
              timeout_s:
            extract:
              country_bias:
            """)
        #expect(config.sources[0].enabled)
        #expect(config.gazetteer.written == "data/gazetteer")
        #expect(config.output == OutputConfig(relativeTo: "/projects/news"))
        #expect(config.fetch == FetchConfig(version: testVersion, relativeTo: "/projects/news"))
        #expect(config.extract == ExtractConfig())
    }

    @Test func relativePathsResolveAgainstTheConfigFolder() throws {
        let config = try PipelineConfig.parse(yaml: """
            sources:
              - {name: a, type: files, path: ./seeds/}
              - {name: b, type: files, path: ../shared/corpus/**/*.txt}
              - {name: c, type: files, path: /abs/./x/../y}
            gazetteer: ../../gaz
            output: {dir: build/./out}
            """, file: "/home/u/proj/conf/pipeline.yaml", version: "1")
        let paths = config.sources.map { source -> ConfigPath? in
            if case let .files(path) = source.kind { return path } else { return nil }
        }
        #expect(paths.map { $0?.written } == ["./seeds/", "../shared/corpus/**/*.txt", "/abs/./x/../y"])
        #expect(paths.map { $0?.resolved } == [
            "/home/u/proj/conf/seeds", "/home/u/proj/shared/corpus/**/*.txt", "/abs/y",
        ])
        #expect(config.gazetteer.resolved == "/home/u/gaz")
        #expect(config.output.dir.resolved == "/home/u/proj/conf/build/out")
        #expect(config.output.csvPath == "/home/u/proj/conf/build/out/mentions.csv")
        #expect(config.fetch.cacheDir.resolved == "/home/u/proj/conf/.geotag/cache")
        #expect(config.directory == "/home/u/proj/conf")
    }

    @Test func relativeConfigFileResolvesAgainstTheWorkingDirectory() throws {
        let config = try PipelineConfig.parse(
            yaml: "sources: [{name: a, type: files, path: seeds}]", file: "conf/p.yaml", version: "1")
        let cwd = FileManager.default.currentDirectoryPath
        #expect(config.file == ConfigPath.normalized(cwd + "/conf/p.yaml"))
        #expect(config.directory == ConfigPath.normalized(cwd + "/conf"))
    }

    @Test func configHashIsTheSHA256OfTheBytes() throws {
        let yaml = "sources: [{name: a, type: files, path: seeds}]\n"
        let config = try parseConfig(yaml)
        #expect(config.configHash == SHA256.hex(Array(yaml.utf8)))
        #expect(config.configHash.count == 64)
        #expect(try parseConfig(yaml + "# changed\n").configHash != config.configHash)
    }

    @Test func loadReadsTheFileAndResolvesBesideIt() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanUp() }
        let yaml = "\u{FEFF}sources:\r\n  - name: a\r\n    type: files\r\n    path: docs\r\n"
        let file = try folder.write(yaml, to: "my pipeline.yaml")
        let config = try PipelineConfig.load(file: file, version: "2.0")
        #expect(config.file == file)
        #expect(config.sources[0].kind == .files(path: ConfigPath("docs", relativeTo: folder.path)))
        #expect(config.configHash == SHA256.hex(try Data(contentsOf: URL(fileURLWithPath: file))))
        #expect(config.fetch.userAgent == "geotag/2.0 (+https://example.org)")
    }

    /// The repository's own `pipeline.yaml` runs offline on seeds/.
    @Test func repositoryDefaultFileParses() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = root.appendingPathComponent("pipeline.yaml").path
        let config = try PipelineConfig.load(file: file, version: "0.1.0")
        #expect(config.enabledSources.count == 1)
        #expect(config.enabledSources[0].name == "seeds")
        #expect(config.enabledSources[0].kind == .files(path: ConfigPath("seeds", relativeTo: root.path)))
        #expect(config.sources.contains { $0.type == .feed && !$0.enabled })
        #expect(config.gazetteer.resolved == ConfigPath.normalized(root.path + "/data/gazetteer"))
        let defaults = PipelineConfig(sources: config.sources, file: config.file,
                                      configHash: config.configHash, version: "0.1.0")
        #expect(config == defaults, "the default file shows the defaults")
    }
}

extension PipelineConfig {
    /// A copy changed by `change`.
    func with(_ change: (inout PipelineConfig) -> Void) -> PipelineConfig {
        var copy = self
        change(&copy)
        return copy
    }
}
