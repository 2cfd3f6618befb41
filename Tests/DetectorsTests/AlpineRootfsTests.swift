import Foundation
import Testing
import ImageReader
@testable import Detectors

/// Runs every detector over Alpine's real mini root filesystems (busybox, musl, apk database).
@Suite("Alpine mini root filesystems (integration)")
struct AlpineRootfsTests {
    static let versions = ["3.7.3", "3.20.3"]

    static func tarball(_ version: String) -> String {
        RootfsLoader.sharedFolder + "/images/rootfs/alpine-minirootfs-\(version)-x86_64.tar.gz"
    }

    @Test("a stock Alpine root filesystem: no secrets, no malware; runs as root without a healthcheck",
          .enabled(if: FileManager.default.fileExists(atPath: tarball("3.20.3")),
                   "skipped: the shared Alpine root filesystems are absent"),
          arguments: versions)
    func stockAlpine(version: String) throws {
        let files = try RootfsLoader.load(tarball: Self.tarball(version))
        #expect(files.count > 50)
        let suite = try DetectorSuite()
        var config = ImageConfig()
        config.history = try FakeConfig.history([("/bin/sh -c #(nop) ADD file:0123abcd in / ", false),
                                                 ("/bin/sh -c #(nop)  CMD [\"/bin/sh\"]", true)])
        let image = FakeReader.read(layers: [files], config: config, repoTags: ["alpine:\(version)"],
                                    visitors: suite.visitors, chunkSize: 64 << 10)
        let findings = suite.findings(for: image)
        #expect(findings.secrets.map(\.path) == [])
        #expect(findings.malware.map(\.path) == [])
        #expect(findings.misconfigurations.map(\.id) == ["CIS-DI-0001", "CIS-DI-0006"],
                "\(findings.misconfigurations.map { "\($0.id) \($0.evidence)" })")
        #expect(findings.warnings == [])
    }
}
