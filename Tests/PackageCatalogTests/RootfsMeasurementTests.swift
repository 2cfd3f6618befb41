import Foundation
import Testing
import ImageReader
import ScanReport
@testable import PackageCatalog

/// Whole root filesystems through the cataloguer, with timings. Opt-in: set
/// `SPOOLSCAN_DEBIAN_ROOTFS_TAR` to a tar of a Debian root (e.g. the `rootfs-minbase` folder
/// that `../shared/images/build-debian.sh` makes, packed with `tar -C rootfs-minbase -cf x.tar .`).
@Suite struct RootfsMeasurementTests {
    // Opt-in measurement: reported as skipped unless the variable names a root filesystem tar.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SPOOLSCAN_DEBIAN_ROOTFS_TAR"] != nil,
                   "set SPOOLSCAN_DEBIAN_ROOTFS_TAR to a Debian root filesystem tar to run this measurement"))
    func debianRootfsAgainstDpkgQuery() throws {
        let tar = try #require(ProcessInfo.processInfo.environment["SPOOLSCAN_DEBIAN_ROOTFS_TAR"])
        var layer = TestImage.Layer()
        for (entry, bytes) in try ArchiveHelpers.readTar(tar) {
            layer.entries.append(entry)
            if entry.kind == .regular { layer.contents[entry.path] = bytes }
        }
        let fileCount = layer.entries.filter { $0.kind == .regular }.count
        let cataloguer = PackageCataloguer()
        let started = Date()
        let image = TestImage(layers: [layer]).feed(cataloguer)
        let fed = Date()
        let result = try cataloguer.catalogue(image: image)
        let done = Date()
        let bytes = layer.contents.values.reduce(0) { $0 + $1.count }
        let licensed = result.packages.filter { !$0.licenses.isEmpty }.count
        print("rootfs: \(fileCount) files, \(bytes) bytes; visit \(fed.timeIntervalSince(started)) s, "
              + "catalogue \(done.timeIntervalSince(fed)) s; \(result.packages.count) packages, \(licensed) with licences")

        if let out = ProcessInfo.processInfo.environment["SPOOLSCAN_CATALOGUE_OUT"] {
            try JSONEncoder().encode(result.packages).write(to: URL(fileURLWithPath: out))
        }
        // dpkg-query over the same status file, in a scratch admin folder.
        let admin = FileManager.default.temporaryDirectory.appendingPathComponent("dpkg-admin-\(getpid())")
        try FileManager.default.createDirectory(at: admin.appendingPathComponent("info"), withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: admin.appendingPathComponent("updates"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: admin) }
        try Data(try #require(layer.contents["var/lib/dpkg/status"])).write(to: admin.appendingPathComponent("status"))
        let query = try #require(Fixtures.run("/usr/bin/dpkg-query", ["--admindir=" + admin.path, "-W", "-f", "${Package} ${Version}\n"]))
        let expected = Set(query.split(separator: "\n").map(String.init))
        #expect(Set(result.packages.map { "\($0.name) \($0.version)" }) == expected)
        let debianVersion = String(decoding: try #require(layer.contents["etc/debian_version"]), as: UTF8.self)
        #expect(result.os?.family == "debian")
        #expect(result.os?.version == debianVersion.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(result.packages.allSatisfy { $0.purl.hasPrefix("pkg:deb/debian/") && $0.purl.contains("distro=debian-12") })
        #expect(result.packages.filter { !$0.licenses.isEmpty }.count > result.packages.count / 3)
    }

    /// Any root filesystem tar (`SPOOLSCAN_ROOTFS_TAR`): the inventory goes to
    /// `SPOOLSCAN_CATALOGUE_OUT` as JSON for side-by-side comparison with other scanners.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SPOOLSCAN_ROOTFS_TAR"] != nil
                       && ProcessInfo.processInfo.environment["SPOOLSCAN_CATALOGUE_OUT"] != nil,
                   "set SPOOLSCAN_ROOTFS_TAR and SPOOLSCAN_CATALOGUE_OUT to inventory a root filesystem tar"))
    func anyRootfsInventory() throws {
        let environment = ProcessInfo.processInfo.environment
        let tar = try #require(environment["SPOOLSCAN_ROOTFS_TAR"])
        let out = try #require(environment["SPOOLSCAN_CATALOGUE_OUT"])
        var layer = TestImage.Layer()
        for (entry, bytes) in try ArchiveHelpers.readTar(tar) {
            layer.entries.append(entry)
            if entry.kind == .regular { layer.contents[entry.path] = bytes }
        }
        let cataloguer = PackageCataloguer()
        let result = try cataloguer.catalogue(image: TestImage(layers: [layer]).feed(cataloguer))
        try JSONEncoder().encode(result.packages).write(to: URL(fileURLWithPath: out))
        print("inventory: \(result.packages.count) packages, \(result.warnings.count) warnings: \(result.warnings.prefix(5))")
        #expect(!result.packages.isEmpty)
    }

    /// Streams one executable (`SPOOLSCAN_SCAN_BINARY`) through the ELF sink and reports the rate.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SPOOLSCAN_SCAN_BINARY"] != nil,
                   "set SPOOLSCAN_SCAN_BINARY to an executable to measure the ELF scan rate"))
    func binaryScanRate() throws {
        let path = try #require(ProcessInfo.processInfo.environment["SPOOLSCAN_SCAN_BINARY"])
        let bytes = try #require(Fixtures.machineFile(path), "cannot read \(path)")
        var found: [PackageRecord]?
        var warning: String?
        var fed = 0
        final class Counting: FileSink {
            let inner: FileSink
            var count = 0
            init(_ inner: FileSink) { self.inner = inner }
            func write(_ chunk: UnsafeRawBufferPointer) -> Bool { count += chunk.count; return inner.write(chunk) }
            func finish(complete: Bool) { inner.finish(complete: complete) }
        }
        let sink = Counting(BinarySink(cap: 64 << 20, maxModInfo: 16 << 20, expectedSize: Int64(bytes.count)) { records, message in
            found = records
            warning = message
        })
        let started = Date()
        TestImage.write(bytes, to: sink, chunkSize: 1 << 20)
        let seconds = Date().timeIntervalSince(started)
        fed = sink.count
        print("binary: \(bytes.count) bytes, \(fed) read in \(seconds) s (\(Double(fed) / seconds / 1e6) MB/s); "
              + "\(found?.count ?? 0) packages, warning \(warning ?? "none")")
        #expect(fed > 0)
    }

    @Test func classifyingPathsIsCheap() {
        var paths = (0..<200_000).map { "usr/share/locale/l\($0 % 300)/LC_MESSAGES/domain\($0).mo" }
        paths += ["etc/os-release", "usr/lib/sysimage/rpm/rpmdb.sqlite", "usr/share/doc/bash/copyright",
                  "var/lib/dpkg/status.d/base", "x/node_modules/a/package.json", "lib/A.JAR", "lib/apk/db/installed",
                  "p/a-1.egg-info", "p/a.egg-info/PKG-INFO", "p/a.dist-info/METADATA", "s/specifications/a-1.gemspec",
                  "vendor/composer/installed.json", "var/lib/dpkg/status", "etc/debian_version"]
        let started = Date()
        var matched = 0
        for path in paths where FileRole.of(LayerEntry(path: path, kind: .regular, size: 100)) != nil { matched += 1 }
        let seconds = Date().timeIntervalSince(started)
        print("classified \(paths.count) paths in \(seconds) s")
        #expect(matched == 14)
    }
}
