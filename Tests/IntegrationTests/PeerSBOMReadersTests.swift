import Foundation
import ImageScanner
import ReportFormats
import ScanReport
import Testing

/// spoolscan and the peer SBOM tools understand each other. The SBOMs spoolscan writes are read by
/// syft (`syft convert`) and trivy (`trivy sbom`, offline, licence scanner only), which must find
/// every package of the Debian 12 image with language packages, by type, and its distribution; and
/// SBOMs that syft and trivy make of the Debian and Alpine 3.7.3 images, scanned with `--sbom`,
/// give the findings of the image scan. The peers come from `../shared/peers/install.sh` (into
/// `$PEERS` or `~/.cache/spoolscan-peers`).
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

    @Test(.enabled(if: havePeers, "needs syft and trivy: run ../shared/peers/install.sh"),
          .enabled(if: SharedData.exists("images/build-debian.sh") && SharedData.exists("vulndata/PyPI-all.zip"),
                   "needs ../shared (images, vulndata): not part of the repository"),
          arguments: ["debian", "alpine-3.7.3"])
    func sbomsMadeBySyftAndTrivyGiveTheImageScansFindings(image name: String) throws {
        let imagePath = try #require(name == "debian" ? FormatTestImages.debian : FormatTestImages.alpine("3.7.3"))
        let database = try #require(FormatTestImages.database)
        let scanner = ImageScanner(options: ScanOptions(detectors: nil, databasePath: database))
        let image = try #require(try scanner.scan(path: imagePath).artifact.images.first)
        let expected = Set(image.vulnerabilities.map { "\($0.id) \($0.packageName.lowercased()) \($0.installedVersion)" })
        #expect(!expected.isEmpty)
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let syft = try FormatValidators.run(Self.peers + "/syft", [
            "scan", "docker-archive:" + imagePath, "-q",
            "-o", "cyclonedx-json=\(folder)/syft.cdx.json", "-o", "spdx-json=\(folder)/syft.spdx.json"])
        #expect(syft.status == 0, "\(syft.output)")
        let trivy = try FormatValidators.run(Self.peers + "/trivy", [
            "image", "--input", imagePath, "--format", "cyclonedx", "--output", folder + "/trivy.cdx.json",
            "--quiet", "--cache-dir", folder + "/trivy-cache"])
        #expect(trivy.status == 0, "\(trivy.output)")
        for sbom in ["syft.cdx.json", "syft.spdx.json", "trivy.cdx.json"] {
            let report = try scanner.scan(sbomPath: folder + "/" + sbom)
            let scanned = try #require(report.artifact.images.first)
            #expect(scanned.os?.family == image.os?.family, "\(sbom)")
            #expect(scanned.packages.count == image.packages.count, "\(sbom)")
            let found = Set(scanned.vulnerabilities.map { "\($0.id) \($0.packageName.lowercased()) \($0.installedVersion)" })
            #expect(found == expected, "\(name) \(sbom): missing \(expected.subtracting(found)), extra \(found.subtracting(expected))")
        }
    }
}
