/// The keys of `output:`.
enum OutputKey: String, ConfigKey {
    case dir, csv, geojson, sqlite, export, geojsonseq, places, map
    case csvBOM = "csv_bom"
    case mapOutlines = "map_outlines"
}

/// The keys of `fetch:`.
enum FetchKey: String, ConfigKey {
    case concurrency
    case perHost = "per_host"
    case timeoutSeconds = "timeout_s"
    case retries
    case maxBytes = "max_bytes"
    case userAgent = "user_agent"
    case cacheDir = "cache_dir"
}

/// The keys of `extract:`.
enum ExtractKey: String, ConfigKey {
    case minScore = "min_score"
    case countryBias = "country_bias"
}

/// The keys of `limits:`.
enum LimitKey: String, ConfigKey {
    case maxDocumentBytes = "max_document_bytes"
    case maxMentions = "max_mentions"
    case maxDepth = "max_depth"
}

extension ConfigReader {
    /// Reads `output:`. The files written must be different files.
    func output(_ node: ConfigNode) throws(GeotagError) -> OutputConfig {
        var output = OutputConfig(relativeTo: directory)
        var written: [OutputKey: ConfigNode] = [:]
        try node.forEachField(OutputKey.self, owner: "output") { key, value throws(GeotagError) in
            switch key {
            case .dir: output.dir = try value.path(relativeTo: directory)
            case .csv: output.csv = try value.string()
            case .geojson: output.geojson = try value.string()
            case .sqlite: output.sqlite = try value.string()
            case .export: output.export = try value.choice(of: ExportMode.self)
            case .csvBOM: output.csvBOM = try value.bool()
            case .geojsonseq: output.geojsonseq = try fileOrSwitch(value, default: OutputConfig.defaultGeoJSONSeq)
            case .places: output.places = try value.string()
            case .map: output.map = try value.bool()
            case .mapOutlines: output.mapOutlines = try value.path(relativeTo: directory)
            }
            written[key] = value
        }
        var files: [(key: OutputKey, path: String)] =
            [(.csv, output.csvPath), (.geojson, output.geojsonPath), (.sqlite, output.sqlitePath), (.places, output.placesPath)]
        if let path = output.geojsonseqPath { files.append((.geojsonseq, path)) }
        if let paths = output.mapPaths { files += [(.map, paths.map), (.map, paths.report)] }
        for file in files {
            if let node = written[file.key], let other = files.first(where: { $0.key != file.key && $0.path == file.path }) {
                throw node.error("is the same file as output.\(other.key.rawValue); each output needs its own file")
            }
        }
        return output
    }

    /// A file that can be switched off: `false` (nil), `true` (`name`) or a file name.
    private func fileOrSwitch(_ value: ConfigNode, default name: String) throws(GeotagError) -> String? {
        if let on = try? value.bool() { return on ? name : nil }
        guard case .scalar = value.node, let file = try? value.string() else {
            throw value.error("expected true, false or a file name, found \(value.found)")
        }
        return file
    }

    /// Reads `fetch:`. `VERSION` in `user_agent` becomes the geotag version.
    func fetch(_ node: ConfigNode) throws(GeotagError) -> FetchConfig {
        var fetch = FetchConfig(version: version, relativeTo: directory)
        try node.forEachField(FetchKey.self, owner: "fetch") { key, value throws(GeotagError) in
            switch key {
            case .concurrency: fetch.concurrency = try value.int(atLeast: 1)
            case .perHost: fetch.perHost = try value.int(atLeast: 1)
            case .timeoutSeconds: fetch.timeoutSeconds = try value.double(in: 0...Double.infinity, excludingLowerBound: true)
            case .retries: fetch.retries = try value.int(atLeast: 0)
            case .maxBytes: fetch.maxBytes = try value.int(atLeast: 1)
            case .userAgent: fetch.userAgent = FetchConfig.userAgent(try value.string(), version: version)
            case .cacheDir: fetch.cacheDir = try value.path(relativeTo: directory)
            }
        }
        return fetch
    }

    /// Reads `extract:`. Country codes are two letters, upper-cased, without repeats.
    func extract(_ node: ConfigNode) throws(GeotagError) -> ExtractConfig {
        var extract = ExtractConfig()
        try node.forEachField(ExtractKey.self, owner: "extract") { key, value throws(GeotagError) in
            switch key {
            case .minScore:
                extract.minScore = try value.double(in: 0...1)
            case .countryBias:
                extract.countryBias = []
                for element in try value.elements() {
                    let code = try element.countryCode()
                    if !extract.countryBias.contains(code) { extract.countryBias.append(code) }
                }
            }
        }
        return extract
    }
}

extension ConfigReader {
    /// Reads `limits:`. `max_depth` stays below libxml2's own ceiling.
    func limits(_ node: ConfigNode) throws(GeotagError) -> LimitsConfig {
        var limits = LimitsConfig()
        try node.forEachField(LimitKey.self, owner: "limits") { key, value throws(GeotagError) in
            switch key {
            case .maxDocumentBytes: limits.maxDocumentBytes = try value.int(atLeast: 1)
            case .maxMentions: limits.maxMentions = try value.int(atLeast: 1)
            case .maxDepth:
                limits.maxDepth = try value.int(atLeast: 1)
                if limits.maxDepth > LimitsConfig.deepestAllowed {
                    throw value.error("expected at most \(LimitsConfig.deepestAllowed) (libxml2 stops reading at 256 levels), found \(limits.maxDepth)")
                }
            }
        }
        return limits
    }
}

private extension ConfigNode {
    /// A two-letter ISO 3166-1 code, upper-cased.
    func countryCode() throws(GeotagError) -> String {
        let text = try string()
        guard text.count == 2, text.allSatisfy({ $0.isASCII && $0.isLetter }) else {
            throw error("expected a two-letter ISO 3166-1 country code such as IQ, found '\(text)'")
        }
        return text.uppercased()
    }
}
