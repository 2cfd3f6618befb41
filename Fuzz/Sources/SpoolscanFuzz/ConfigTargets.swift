import Foundation
import Detectors
import ImageScanner
import ReportFormats

/// The detector config reader (`--detector-config`) and the SBOM reader (`scan --sbom`).
enum ConfigTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget("detector-config", "a detector config file (JSON) to DetectorConfig, then its secret rules and allow paths compiled with PCRE2 (as a scan does)", seeds: {
            TextSeeds.named("config", TextSeeds.fencedBlocks("docs/detectors.md", language: "json")
                + ["MalwareSelectionTests", "MisconfigTests", "SecretImageTests"].flatMap {
                    TextSeeds.rawJSONStrings("Tests/DetectorsTests/\($0).swift") + TextSeeds.multilineStrings("Tests/DetectorsTests/\($0).swift")
                }.filter { $0.hasPrefix("{") })
        }) { bytes in
            // A bad pattern must be a coded error (CONF-001/CONF-002), never a crash.
            guard let config = try? DetectorConfig.parse(Data(bytes), source: "detectors.json") else { return }
            _ = try? config.compileUserPatterns()
        },
        FuzzTarget("sbom", "a CycloneDX or SPDX JSON SBOM to SBOMReader: components, purls, licences, relationships",
                   maxLength: 128 << 10, seeds: {
            TextSeeds.named("sbom", TextSeeds.multilineStrings("Tests/ReportFormatsTests/SBOMReaderTests.swift")) + ownSBOMs()
        }) { bytes in
            _ = try? SBOMReader.parse(Data(bytes))
        },
    ]

    /// The CycloneDX and SPDX documents spoolscan writes for the sample image (packages of
    /// every cataloguer), as `spoolscan scan --format cyclonedx|spdx` would.
    static func ownSBOMs() -> [(String, [UInt8])] {
        let path = NSTemporaryDirectory() + "/spoolscan-fuzz-sample-\(ProcessInfo.processInfo.processIdentifier).tar"
        guard FileManager.default.createFile(atPath: path, contents: Data(SampleImage.dockerArchive)) else { return [] }
        defer { try? FileManager.default.removeItem(atPath: path) }
        guard let report = try? ImageScanner(options: ScanOptions(detectors: nil)).scan(path: path) else { return [] }
        var seeds: [(String, [UInt8])] = []
        if let cyclonedx = try? CycloneDXWriter.render(report) { seeds.append(("cyclonedx.json", Array(cyclonedx))) }
        if let spdx = try? SPDXWriter.render(report) { seeds.append(("spdx.json", Array(spdx))) }
        return seeds
    }
}
