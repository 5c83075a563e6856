// swift-tools-version: 6.1
import PackageDescription

/// jemalloc instead of glibc's malloc in release builds on Linux (Debian's
/// libjemalloc-dev), for `geotag` and for the benchmark that times its stages.
let releaseAllocator: [LinkerSetting] = [.linkedLibrary("jemalloc", .when(platforms: [.linux], configuration: .release))]

let package = Package(
    name: "geotag",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "geotag", targets: ["geotag"]),
        .library(name: "GeotagCore", targets: ["GeotagCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        // Test-only: the loopback HTTP server the fetch tests run against.
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CSQLite",
            pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]
        ),
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]
        ),
        // Hot loops compiled for wider CPUs (AVX-512, SHA extensions) beside the
        // baseline, picked at run time: Swift has no per-function target attribute.
        .target(name: "CKernels"),
        .target(
            name: "GeotagCore",
            dependencies: [
                "CKernels",
                "CSQLite",
                "CCurl",
                "CLibXML2",
                "CZlib",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "geotag",
            dependencies: [
                "GeotagCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // jemalloc instead of glibc's malloc in release builds (Debian's libjemalloc-dev):
            // glibc's allocator took 14% of the workers' time, which allocate what the writer
            // frees; a 100k-article run took 48.2 and 49.3 s against 53.5 and 55.1 s, in less
            // memory. Debug builds, the sanitizers' among them, keep the system's.
            linkerSettings: releaseAllocator
        ),
        .target(
            name: "BenchSupport",
            dependencies: ["GeotagCore"],
            path: "Benchmarks/BenchSupport"
        ),
        .executableTarget(
            name: "GazetteerBench",
            dependencies: ["GeotagCore", "BenchSupport"],
            path: "Benchmarks/GazetteerBench"
        ),
        .executableTarget(
            name: "GeotagBench",
            dependencies: ["GeotagCore", "BenchSupport"],
            path: "Benchmarks/GeotagBench",
            // The stages are timed with the allocator the shipped `geotag` has.
            linkerSettings: releaseAllocator
        ),
        .testTarget(
            name: "GeotagCoreTests",
            dependencies: ["GeotagCore", "CKernels", .product(name: "FlyingFox", package: "FlyingFox")],
            resources: [.copy("Fixtures")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
