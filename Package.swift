// swift-tools-version: 6.0
import PackageDescription

/// spoolscan: a batch security scanner for container images.
/// One library target per concern; the `spoolscan` executable is a thin CLI over them.
///
/// Linux only: the spool and the CLI use inotify, `renameat2`, `posix_spawn` process groups and
/// `/proc`, and the C libraries come from Debian's `-dev` packages. It is built and tested on
/// Debian 12 with Swift 6.3; no other platform is built or claimed, so no `platforms` minimum
/// is declared (SwiftPM's platform list names only Apple systems' minimum versions).
let package = Package(
    name: "spoolscan",
    products: [
        .executable(name: "spoolscan", targets: ["spoolscan"]),
        .library(name: "ImageScanner", targets: ["ImageScanner"]),
        .library(name: "Detectors", targets: ["Detectors"]),
        .library(name: "ReportFormats", targets: ["ReportFormats"]),
        // The parsers, for the fuzz targets in Fuzz/ (a separate package).
        .library(name: "SpoolscanCore", targets: ["SpoolscanCore"]),
        .library(name: "ImageReader", targets: ["ImageReader"]),
        .library(name: "PackageCatalog", targets: ["PackageCatalog"]),
        .library(name: "Advisories", targets: ["Advisories"]),
        .library(name: "Policy", targets: ["Policy"]),
        // Builders of test inputs (images, zips, Go binaries), also the fuzz targets' seeds.
        .library(name: "TestSupport", targets: ["TestSupport"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        // C libraries from Debian's -dev packages.
        .systemLibrary(name: "CArchive", pkgConfig: "libarchive", providers: [.apt(["libarchive-dev"])]),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CPCRE2", pkgConfig: "libpcre2-8", providers: [.apt(["libpcre2-dev"])]),
        .systemLibrary(name: "CYara", pkgConfig: "yara", providers: [.apt(["libyara-dev"])]),
        .systemLibrary(name: "CInotify", providers: [.apt(["libinotifytools0-dev"])]),
        // PostgreSQL's client library, for the shared queue (libpq rather than postgres-nio: no
        // SwiftNIO to build, 2.5-4.5 minutes saved on every CI run on 2 cores).
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        // Linux system calls Swift's Glibc module does not import (renameat2, closefrom in posix_spawn).
        .systemLibrary(name: "CSystemShims"),

        // Shared foundation: the error-code table, digests, limits.
        .target(name: "SpoolscanCore", dependencies: ["CCrypto"]),
        // A small SQLite wrapper (rpmdb.sqlite, the advisory database).
        .target(name: "SQLiteDB", dependencies: ["CSQLite", "SpoolscanCore"]),
        // The versioned JSON report model, its schema and its table rendering.
        .target(name: "ScanReport", dependencies: ["SpoolscanCore"]),
        // Standard output formats (CycloneDX, SPDX, SARIF) and SBOM input.
        .target(name: "ReportFormats", dependencies: ["ScanReport", "SpoolscanCore"]),
        // Zip archives read with libarchive, from a file or from memory (OSV all.zip, jars).
        .target(name: "ZipArchive", dependencies: ["CArchive"]),
        // Reading images: docker-archive, OCI layout, compression, layers, whiteouts.
        .target(name: "ImageReader", dependencies: ["CArchive", "SpoolscanCore"]),
        // OS detection and OS/language package cataloguing.
        .target(name: "PackageCatalog", dependencies: ["ImageReader", "ScanReport", "SQLiteDB", "ZipArchive", "CZlib", "SpoolscanCore"]),
        // The advisory database, version comparison and vulnerability matching.
        .target(name: "Advisories", dependencies: ["ScanReport", "SQLiteDB", "ZipArchive", "SpoolscanCore"]),
        // Secret, malware and misconfiguration detectors.
        .target(name: "Detectors", dependencies: ["ImageReader", "ScanReport", "CPCRE2", "CYara", "SpoolscanCore"]),
        // Layer analyses kept between scans (SQLite), keyed by diffID and analyser.
        .target(name: "LayerCache", dependencies: ["ImageReader", "SQLiteDB", "SpoolscanCore"]),
        // One scan of one artifact: reader + cataloguers + detectors -> report.
        .target(name: "ImageScanner", dependencies: ["ImageReader", "LayerCache", "PackageCatalog", "Detectors", "Advisories", "ReportFormats", "ScanReport", "SpoolscanCore"]),
        // Policy files (YAML), ignores, OpenVEX documents and the verdict they reach on a report.
        .target(name: "Policy", dependencies: [
            "ScanReport", "SpoolscanCore", .product(name: "Yams", package: "Yams"),
        ]),
        // Operator settings of watch/sweep: the settings file (YAML), SPOOLSCAN_* variables, flags.
        .target(name: "Settings", dependencies: [
            "Policy", "SpoolscanCore", .product(name: "Yams", package: "Yams"),
        ]),
        // The spool queue, worker pool and inotify watcher.
        .target(name: "Spool", dependencies: [
            "CInotify", "CSystemShims", "ScanReport", "SpoolscanCore",
            .product(name: "Logging", package: "swift-log"),
        ]),
        // The spool's queue ledger shared by several hosts, in PostgreSQL (libpq).
        .target(name: "SharedQueue", dependencies: ["CLibPQ", "Spool", "SpoolscanCore"]),
        // The command-line interface.
        .executableTarget(name: "spoolscan", dependencies: [
            "ImageScanner", "LayerCache", "Spool", "SharedQueue", "Advisories", "Detectors", "Policy", "ReportFormats", "ScanReport", "Settings", "SpoolscanCore",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
            .product(name: "Logging", package: "swift-log"),
        ]),

        // Builds test images (tars, docker-archive, OCI layout) with libarchive's writer.
        .target(name: "TestSupport", dependencies: ["CArchive", "SpoolscanCore"], path: "Tests/TestSupport"),

        .testTarget(name: "SpoolscanCoreTests", dependencies: ["SpoolscanCore"]),
        .testTarget(name: "SQLiteDBTests", dependencies: ["SQLiteDB", "CSQLite"]),
        .testTarget(name: "ZipArchiveTests", dependencies: ["TestSupport", "ZipArchive"]),
        .testTarget(name: "ScanReportTests", dependencies: ["TestSupport", "ScanReport"], resources: [.copy("Fixtures")]),
        .testTarget(name: "ImageReaderTests", dependencies: ["TestSupport", "ImageReader", "CArchive", "SpoolscanCore"]),
        .testTarget(name: "PackageCatalogTests", dependencies: ["TestSupport", "PackageCatalog", "ImageReader", "ScanReport", "CArchive"],
                    resources: [.copy("Fixtures")]),
        .testTarget(name: "AdvisoriesTests", dependencies: ["TestSupport", "Advisories", "ScanReport", "SQLiteDB", "SpoolscanCore"], resources: [.copy("Fixtures")]),
        .testTarget(name: "DetectorsTests", dependencies: ["TestSupport", "Detectors", "ImageReader", "ScanReport"]),
        .testTarget(name: "SharedQueueTests", dependencies: ["TestSupport", "SharedQueue", "Spool", "SpoolscanCore"]),
        .testTarget(name: "SpoolTests", dependencies: ["TestSupport", "Spool", "ScanReport", "SpoolscanCore"]),
        .testTarget(name: "ImageScannerTests", dependencies: ["TestSupport", "ImageScanner", "Advisories", "ReportFormats", "ImageReader", "ScanReport", "CArchive"]),
        .testTarget(name: "LayerCacheTests", dependencies: ["TestSupport", "LayerCache", "ImageScanner", "Detectors", "ImageReader", "ScanReport", "SpoolscanCore"]),
        .testTarget(name: "PolicyTests", dependencies: ["TestSupport", "Policy", "ScanReport", "SpoolscanCore"]),
        .testTarget(name: "SettingsTests", dependencies: ["Settings", "SpoolscanCore"]),
        .testTarget(name: "ReportFormatsTests", dependencies: ["ReportFormats", "ScanReport", "SpoolscanCore"]),
        .testTarget(name: "IntegrationTests", dependencies: ["TestSupport", "ImageScanner", "Advisories", "Policy", "ReportFormats", "ScanReport", "SpoolscanCore"]),
    ],
    swiftLanguageModes: [.v6]
)
