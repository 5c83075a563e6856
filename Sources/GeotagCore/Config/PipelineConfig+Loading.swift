import Foundation
import Yams

extension PipelineConfig {
    /// Reads and checks the configuration file at `file` (relative to the working
    /// directory, or absolute) for geotag `version`.
    ///
    /// Throws ``GeotagError/config(file:line:key:reason:)`` (exit code 2) naming `file`
    /// as given, the 1-based line (0 when the file cannot be read at all) and the dotted
    /// key path (`fetch.timeout_s`, `sources[1].type`, list indices from 0; empty for
    /// YAML syntax errors). Only one problem is reported, the first in the file: one
    /// clear message beats a list, and fixing a mistake often clears those after it. A
    /// required key that is missing counts as standing where its group of settings
    /// ends, and a source's `type` is checked before its other keys.
    public static func load(file: String, version: String) throws(GeotagError) -> PipelineConfig {
        let absolute = ConfigPath.absolute(file, relativeTo: FileManager.default.currentDirectoryPath)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isFolder) else {
            throw .config(file: file, line: 0, key: "", reason: "no such configuration file")
        }
        guard !isFolder.boolValue else {
            throw .config(file: file, line: 0, key: "", reason: "is a folder, not a configuration file")
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            throw .config(file: file, line: 0, key: "", reason: "cannot read the configuration file (permissions?)")
        }
        let bytes = [UInt8](data)
        guard let yaml = String(validating: bytes, as: UTF8.self) else {
            throw .config(file: file, line: firstInvalidUTF8Line(bytes), key: "",
                          reason: "is not UTF-8 text; save it as UTF-8")
        }
        return try parse(yaml: yaml, file: file, version: version)
    }

    /// Reads and checks `yaml` as if it were the contents of `file`: relative paths are
    /// resolved against `file`'s folder, messages name `file`, and ``configHash`` is the
    /// SHA-256 of `yaml`'s UTF-8 bytes (the same as of the file ``load(file:version:)``
    /// reads). Throws as ``load(file:version:)`` does.
    public static func parse(yaml: String, file: String, version: String) throws(GeotagError) -> PipelineConfig {
        let absolute = ConfigPath.absolute(file, relativeTo: FileManager.default.currentDirectoryPath)
        var config = PipelineConfig(sources: [], file: absolute,
                                    configHash: SHA256.hex(Array(yaml.utf8)), version: version)
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw YAMLProblem.error(error, yaml: yaml, file: file)
        }
        guard let root else {
            throw .config(file: file, line: 1, key: ConfigReader.Key.sources.rawValue,
                          reason: "the file holds no settings, but it needs at least a list of sources")
        }
        let reader = ConfigReader(file: file, directory: config.directory, version: version)
        try reader.read(ConfigNode(node: root, path: "", file: file), into: &config)
        return config
    }

    /// The 1-based line of the first byte sequence in `bytes` that is not UTF-8.
    private static func firstInvalidUTF8Line(_ bytes: [UInt8]) -> Int {
        let lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        let index = lines.firstIndex { String(validating: $0, as: UTF8.self) == nil } ?? 0
        return index + 1
    }
}
