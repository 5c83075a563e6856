import FuzzSupport
@testable import GeotagCore

/// The pipeline.yaml loader on arbitrary text: every problem must be a GeotagError
/// naming file, line and key, never a crash.
runFuzzer { data, size in
    let text = String(decoding: fuzzBytes(data, size), as: UTF8.self)
    _ = try? PipelineConfig.parse(yaml: text, file: "/fuzz/pipeline.yaml", version: "fuzz")
    return 0
}
