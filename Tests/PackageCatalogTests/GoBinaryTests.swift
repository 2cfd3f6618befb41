import Foundation
import Testing
import TestSupport
import ScanReport
@testable import PackageCatalog

@Suite struct GoBinaryTests {
    static let modInfo = """
        path\texample.com/tool/cmd/tool
        mod\texample.com/tool\tv1.4.0\th1:abc=
        dep\tgithub.com/pkg/errors\tv0.9.1\th1:def=
        dep\tgolang.org/x/sys\tv0.1.0\th1:ghi=
        =>\tgolang.org/x/sys\tv0.15.0\th1:jkl=
        dep\texample.com/local\tv0.0.0
        =>\t../local\t
        build\t-compiler=gc

        """

    /// An ELF-looking file holding a decoy magic (as `debug/buildinfo` code would in
    /// rodata) and then a real Go ≥ 1.18 build-info header, both 16-byte aligned.
    static func syntheticBinary() -> [UInt8] {
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 2, 1, 1] + [UInt8](repeating: 0, count: 57)
        bytes += [UInt8](repeating: 0x90, count: 4000 - bytes.count) + [UInt8](repeating: 0x90, count: 96)
        bytes += GoBuildInfo.magic + [8, 2] + Array("not a header at all......".utf8)
        while bytes.count % 16 != 3 { bytes.append(0x2E) }
        bytes += GoBuildInfo.magic  // unaligned: ignored
        while bytes.count % 16 != 0 { bytes.append(0) }
        bytes += GoBinaries.inlineHeader(version: "go1.21.5 X:boringcrypto", modInfo: modInfo)
        bytes += [UInt8](repeating: 0xCC, count: 5000)
        return bytes
    }

    @Test(arguments: [1, 3, 7, 13, 16, 100, 1 << 20])
    func streamingScanFindsBuildInfo(chunkSize: Int) throws {
        var records: [PackageRecord]?
        let sink = BinarySink(cap: 1 << 20, maxModInfo: 1 << 20) { found, warning in
            records = found
            #expect(warning == nil)
        }
        TestImage.write(Self.syntheticBinary(), to: sink, chunkSize: chunkSize)
        #expect(records?.map { "\($0.name)@\($0.version)" } == [
            "stdlib@1.21.5", "example.com/tool@v1.4.0", "github.com/pkg/errors@v0.9.1", "golang.org/x/sys@v0.15.0",
            "example.com/local@v0.0.0",
        ])
    }

    @Test func legacyAndTruncatedBinaries() {
        var warning: String?
        let legacy = BinarySink(cap: 1 << 20, maxModInfo: 1 << 20) { _, message in warning = message }
        var bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46] + [UInt8](repeating: 0, count: 12)
        bytes += GoBuildInfo.magic + [8, 0] + [UInt8](repeating: 0x11, count: 16)
        TestImage.write(bytes, to: legacy, chunkSize: 5)
        #expect(warning?.contains("pre-1.18") == true, "no program headers to follow the pointers")

        var records: [PackageRecord]? = []
        let truncated = BinarySink(cap: 1 << 20, maxModInfo: 1 << 20) { found, _ in records = found }
        TestImage.write(Array(Self.syntheticBinary().prefix(4200)), to: truncated, chunkSize: 64)
        #expect(records == nil)

        var called = false
        let script = BinarySink(cap: 1 << 20, maxModInfo: 1 << 20) { found, message in
            called = true
            #expect(found == nil && message == nil)
        }
        #expect(Array("#!/bin/sh\necho hi\n".utf8).withUnsafeBytes { script.write($0) } == false)
        script.finish(complete: false)
        #expect(called)
    }

    // Needs a real Go binary on the machine and syft (../shared/peers/install.sh): skipped without them.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/lib/google-cloud-sdk/bin/kubectl")
                       && FileManager.default.isExecutableFile(atPath: NSHomeDirectory() + "/.cache/spoolscan-peers/syft"),
                   "needs /usr/lib/google-cloud-sdk/bin/kubectl and syft in ~/.cache/spoolscan-peers"))
    func realGoBinaryMatchesSyft() throws {
        let binary = "/usr/lib/google-cloud-sdk/bin/kubectl"
        let syft = NSHomeDirectory() + "/.cache/spoolscan-peers/syft"
        let json = try #require(Fixtures.run(syft, ["scan", "file:" + binary, "-o", "syft-json", "-q"]), "syft failed")
        let bytes = try #require(Fixtures.machineFile(binary))
        let started = Date()
        var records: [PackageRecord]?
        let sink = BinarySink(cap: 64 << 20, maxModInfo: 16 << 20) { found, _ in records = found }
        TestImage.write(bytes, to: sink, chunkSize: 1 << 20)
        print("Go build info of \(bytes.count) bytes found in \(Date().timeIntervalSince(started)) s")
        // syft guesses a `(devel)` main module's version from linker flags; spoolscan leaves it out.
        let scanner = GoBuildInfoScanner()
        bytes.withUnsafeBytes { scanner.feed($0) }
        let main = try #require(scanner.info?.mainModule)
        let ours = Set(try #require(records).map { "\($0.name) \($0.version)" })
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let artifacts = try #require(object["artifacts"] as? [[String: Any]])
        let theirs = Set(artifacts.compactMap { artifact -> String? in
            guard let name = artifact["name"] as? String, var version = artifact["version"] as? String,
                  version != "(devel)", !(name == main.path && main.version == "(devel)") else { return nil }
            if name == "stdlib", version.hasPrefix("go") { version.removeFirst(2) }
            return "\(name) \(version)"
        })
        #expect(theirs.count > 10)
        #expect(ours == theirs)
    }
}
