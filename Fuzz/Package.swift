// swift-tools-version: 6.1
// libFuzzer targets for geotag's parsers: `make fuzz` builds them with
// `-sanitize=fuzzer,address` and runs each for FUZZ_SECONDS. A package of its own so the
// main package's `swift build` and `swift test` never compile targets that only link
// with -sanitize=fuzzer. Each target's main.swift hands its input function to libFuzzer
// through FuzzSupport.runFuzzer (LLVMFuzzerRunDriver; see there why not libFuzzer's main).
import PackageDescription

let fuzzTarget = { (name: String) in
    Target.executableTarget(
        name: name,
        dependencies: ["FuzzSupport", .product(name: "GeotagCore", package: "geotag")]
    )
}

let package = Package(
    name: "GeotagFuzz",
    dependencies: [.package(name: "geotag", path: "..")],
    targets: [.target(name: "CFuzzer"), .target(name: "FuzzSupport", dependencies: ["CFuzzer"])] + ["FuzzHTML", "FuzzFeed", "FuzzMatcher", "FuzzConfig", "FuzzJSONL"].map(fuzzTarget),
    swiftLanguageModes: [.v6]
)
