// swift-tools-version: 6.0
import PackageDescription

/// libFuzzer targets for spoolscan's parsers, kept out of the root package so neither
/// `swift build` nor `swift test` builds them. Run through `scripts/fuzz TARGET SECONDS`, which
/// builds it in release mode with `-sanitize=fuzzer,address
/// -parse-as-library` (the entry point starts libFuzzer's driver; overflow checks and
/// preconditions stay on).
let package = Package(
    name: "spoolscan-fuzz",
    dependencies: [.package(name: "spoolscan", path: "../")],
    targets: [
        .executableTarget(name: "SpoolscanFuzz", dependencies: [
            .product(name: "SpoolscanCore", package: "spoolscan"),
            .product(name: "ImageReader", package: "spoolscan"),
            .product(name: "PackageCatalog", package: "spoolscan"),
            .product(name: "Advisories", package: "spoolscan"),
            .product(name: "Policy", package: "spoolscan"),
            .product(name: "Detectors", package: "spoolscan"),
            .product(name: "ReportFormats", package: "spoolscan"),
            .product(name: "ImageScanner", package: "spoolscan"),
            .product(name: "TestSupport", package: "spoolscan"),
        ]),
    ],
    swiftLanguageModes: [.v6]
)
