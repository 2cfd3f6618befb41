import Foundation
import Testing
import ImageScanner
import ScanReport

/// Scans of real images from ../shared: the docker save archive of Alpine 3.11 and images
/// packed from Alpine's official minirootfs tarballs.
@Suite(.serialized) struct RealImageTests {
    static let haveShared = SharedData.exists("images/alpine-311-docker-archive.tar.gz")

    // Skipped when ../shared is absent (a user's fresh clone): the data is not part of the project.
    @Test(.enabled(if: haveShared, "needs ../shared/images (not part of the repository)"))
    func dockerSaveArchiveOfAlpine311() throws {
        let report = try ImageScanner().scan(path: SharedData.path("images/alpine-311-docker-archive.tar.gz"))
        #expect(report.artifact.format == "docker-archive+gzip")
        let image = try #require(report.artifact.images.first)
        #expect(image.os?.family == "alpine")
        #expect(image.os?.version == "3.11.5")
        #expect(image.packages.contains { $0.name == "musl" && $0.type == .apk })
        #expect(image.packages.allSatisfy { $0.layer.index == 0 && $0.layer.diffID == image.layers[0].diffID })
        #expect(image.layers.count >= 1)
    }

    @Test(.enabled(if: SharedData.exists("images/rootfs/alpine-minirootfs-3.20.3-x86_64.tar.gz"), "needs ../shared/images/rootfs"),
          arguments: [("docker", "none"), ("oci", "gzip")])
    func alpine320PackagesMatchTheApkDatabase(format: String, compress: String) throws {
        let rootfs = "alpine-minirootfs-3.20.3-x86_64.tar.gz"
        let image = try SharedData.alpineImage(rootfs, format: format, compress: compress)
        let report = try ImageScanner().scan(path: image)
        let scanned = try #require(report.artifact.images.first)
        #expect(scanned.os?.version == "3.20.3")
        let found = Set(scanned.packages.filter { $0.type == .apk }.map { "\($0.name) \($0.version)" })
        let expected = try SharedData.apkPackages(inRootfs: rootfs)
        #expect(expected.count > 10)
        #expect(found == expected)
        #expect(scanned.packages.first { $0.name == "musl" }?.purl.hasPrefix("pkg:apk/alpine/musl@") == true)
        #expect(report.artifact.format == (format == "oci" ? "oci-archive" : "docker-archive"))
    }
}
