// swift-tools-version: 6.0
import PackageDescription

/// Throughput benchmarks, kept out of the root package so its build stays lean.
/// Run: `cd Benchmarks && swift run -c release DetectorBench [FILE]`.
let package = Package(
    name: "spoolscan-benchmarks",
    dependencies: [.package(name: "spoolscan", path: "../")],
    targets: [
        .executableTarget(name: "DetectorBench", dependencies: [
            .product(name: "Detectors", package: "spoolscan"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
