import Foundation

/// The keys of a source under `sources:`, of every type.
enum SourceKey: String, ConfigKey {
    case name, type, enabled, path, urls, file, url

    /// The keys only a source of `type` takes.
    static func settings(of type: SourceType) -> [SourceKey] {
        switch type {
        case .files: return [.path]
        case .urls: return [.urls, .file]
        case .feed: return [.url]
        }
    }

    /// The keys that belong to one type or another.
    static let typeSettings = SourceType.allCases.flatMap(settings(of:))
}

extension ConfigReader {
    /// Reads `sources:`: a non-empty list of sources with unique names.
    func sources(_ node: ConfigNode) throws(GeotagError) -> [SourceConfig] {
        let elements = try node.elements()
        guard !elements.isEmpty else {
            throw node.error("needs at least one source (a list of '- name: ... type: ...' entries)")
        }
        var sources: [SourceConfig] = []
        var names: [String: (index: Int, line: Int)] = [:]
        for (index, element) in elements.enumerated() {
            let (source, nameNode) = try source(element)
            if let first = names[source.name] {
                throw nameNode.error("'\(source.name)' is already the name of sources[\(first.index)] "
                    + "(line \(first.line)); each source needs its own name")
            }
            names[source.name] = (index, nameNode.line)
            sources.append(source)
        }
        return sources
    }

    /// Reads one source, and returns it with its `name` node (for the duplicate check).
    private func source(_ node: ConfigNode) throws(GeotagError) -> (SourceConfig, ConfigNode) {
        let type = try sourceType(node)
        let owner = "a \(type.rawValue) source"
        let settings = SourceKey.settings(of: type)
        var name: (text: String, node: ConfigNode)?
        var enabled = true
        var path: ConfigPath?
        var urls: [URL]?
        var urlsFile: ConfigPath?
        var feedURL: URL?
        let required: [SourceKey] = [.name] + (type == .urls ? [] : settings)
        try node.forEachField(SourceKey.self, required: required, owner: owner) { key, value throws(GeotagError) in
            if SourceKey.typeSettings.contains(key), !settings.contains(key) {
                let takes = settings.map { "'\($0.rawValue)'" }.joined(separator: " or ")
                throw value.error("is not a setting of \(owner), which takes \(takes)")
            }
            switch key {
            case .name: name = (try value.string(), value)
            case .type: break
            case .enabled: enabled = try value.bool()
            case .path: path = try value.path(relativeTo: directory)
            case .urls: urls = try value.elements().map { element throws(GeotagError) in try element.url() }
            case .file: urlsFile = try value.path(relativeTo: directory)
            case .url: feedURL = try value.url()
            }
        }
        // forEachField has checked the required keys; the guards only unwrap.
        guard let name else { throw node.missing(SourceKey.name.rawValue, owner: owner) }
        let kind: SourceConfig.Kind
        switch type {
        case .files:
            guard let path else { throw node.missing(SourceKey.path.rawValue, owner: owner) }
            kind = .files(path: path)
        case .urls:
            guard !(urls ?? []).isEmpty || urlsFile != nil else {
                throw node.error("a urls source needs 'urls' (a list of URLs) or 'file' (a file of URLs, one a line)")
            }
            kind = .urls(urls: urls ?? [], file: urlsFile)
        case .feed:
            guard let feedURL else { throw node.missing(SourceKey.url.rawValue, owner: owner) }
            kind = .feed(url: feedURL)
        }
        return (SourceConfig(name: name.text, enabled: enabled, kind: kind), name.node)
    }

    /// The `type` of a source, read before its other keys because it decides them.
    private func sourceType(_ node: ConfigNode) throws(GeotagError) -> SourceType {
        guard let field = try node.fields().first(where: { $0.key == SourceKey.type.rawValue }) else {
            throw node.missing(SourceKey.type.rawValue, owner: "each source (files, urls or feed)")
        }
        guard !field.value.isNull else { throw field.error("needs a value: files, urls or feed") }
        return try field.value.choice(of: SourceType.self)
    }
}
