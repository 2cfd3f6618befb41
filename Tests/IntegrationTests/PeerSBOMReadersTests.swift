import Foundation
import ImageScanner
import ReportFormats
import ScanReport
import Testing

/// The SBOMs spoolscan writes are read by the peer tools people feed SBOMs to: syft (`syft
/// convert`) and trivy (`trivy sbom`, offline, licence scanner only) must find every package of
/// the Debian 12 image with language packages, by type, and its distribution. The peers come from
/// `../shared/peers/install.sh` (into `$PEERS` or `~/.cache/spoolscan-peers`).
@Suite(.serialized) struct PeerSBOMReadersTests {
    static let peers = ProcessInfo.processInfo.environment["PEERS"] ?? (NSHomeDirectory() + "/.cache/spoolscan-peers")
    static let havePeers = FileManager.default.isExecutableFile(atPath: peers + "/syft")
        && FileManager.default.isExecutableFile(atPath: peers + "/trivy")

    /// Packages per spoolscan type, keyed the way the peer names the type.
    static func expectedCounts(_ image: ImageReport, names: [PackageType: String]) -> [String: Int] {
        var counts: [String: Int] = [:]
        for package in image.packages { counts[names[package.type] ?? package.type.rawValue, default: 0] += 1 }
        return counts
    }

    @Test(.enabled(if: havePeers, "needs syft and trivy: run ../shared/peers/install.sh"),
          .enabled(if: SharedData.exists("images/build-debian.sh"), "needs ../shared/images: not part of the repository"),
          arguments: [ReportFormat.cyclonedx, .spdx])
    func syftAndTrivyReadOurSBOM(format: ReportFormat) throws {
        let imagePath = try #require(FormatTestImages.debian, "building the Debian 12 image (debootstrap) failed")
        let report = try ImageScanner(options: ScanOptions(detectors: nil)).scan(path: imagePath)
        let image = try #require(report.artifact.images.first)
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let sbom = folder + "/app" + format.fileSuffix
        try format.render(report).write(to: URL(fileURLWithPath: sbom))

        let syftOut = folder + "/app.syft.json"
        let syft = try FormatValidators.run(Self.peers + "/syft", ["convert", sbom, "-o", "syft-json=" + syftOut])
        #expect(syft.status == 0, "\(syft.output)")
        let syftDoc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: syftOut))) as! [String: Any]
        #expect((syftDoc["distro"] as? [String: Any])?["id"] as? String == "debian")
        var syftCounts: [String: Int] = [:]
        for artifact in syftDoc["artifacts"] as! [[String: Any]] where !(artifact["purl"] as? String ?? "").isEmpty {
            syftCounts[artifact["type"] as! String, default: 0] += 1
        }
        #expect(syftCounts == Self.expectedCounts(image, names: [.pypi: "python"]))

        let trivy = try FormatValidators.run(Self.peers + "/trivy", [
            "sbom", "--scanners", "license", "--list-all-pkgs", "--format", "json", "--offline-scan",
            "--skip-db-update", "--quiet", "--cache-dir", folder + "/trivy-cache", "--output", folder + "/trivy.json", sbom])
        #expect(trivy.status == 0, "\(trivy.output)")
        let trivyDoc = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: folder + "/trivy.json"))) as! [String: Any]
        #expect(((trivyDoc["Metadata"] as? [String: Any])?["OS"] as? [String: Any])?["Family"] as? String == "debian")
        var trivyCounts: [String: Int] = [:]
        for result in trivyDoc["Results"] as? [[String: Any]] ?? [] {
            guard let type = result["Type"] as? String, let packages = result["Packages"] as? [Any] else { continue }
            trivyCounts[type, default: 0] += packages.count
        }
        #expect(trivyCounts == Self.expectedCounts(image, names: [.deb: "debian", .pypi: "python-pkg", .npm: "node-pkg"]))
    }
}
