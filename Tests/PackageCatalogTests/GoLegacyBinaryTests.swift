import Testing
import TestSupport
@testable import PackageCatalog

/// Go 1.13–1.17 binaries: the build-info header holds pointers into the loaded image.
@Suite struct GoLegacyBinaryTests {
    static func legacyBinary(is64: Bool, little: Bool) -> [UInt8] { GoBinaries.legacy(is64: is64, little: little) }

    @Test(arguments: [(true, true), (false, false), (true, false), (false, true)])
    func pointerBasedBuildInfo(is64: Bool, little: Bool) {
        var records: [PackageRecord]?
        var warning: String?
        let sink = BinarySink(cap: 1 << 20, maxModInfo: 1 << 20) { found, message in
            records = found
            warning = message
        }
        TestImage.write(Self.legacyBinary(is64: is64, little: little), to: sink, chunkSize: 100)
        #expect(warning == nil)
        #expect(records?.map { "\($0.name)@\($0.version)" } == ["stdlib@1.16.15", "ex.com/old@v0.3.0", "github.com/pkg/errors@v0.8.1"])
    }

    @Test func danglingPointersAndOversizedFilesWarn() {
        var file = Self.legacyBinary(is64: true, little: true)
        file[0x210 + 2] = 0x7F  // the version pointer now leads outside the segment
        var warning: String?
        let sink = BinarySink(cap: 1 << 20, maxModInfo: 1 << 20) { _, message in warning = message }
        TestImage.write(file, to: sink, chunkSize: 64)
        #expect(warning?.contains("pre-1.18") == true)

        var tooLarge: String?
        let small = BinarySink(cap: 0x400, maxModInfo: 1 << 20) { _, message in tooLarge = message }
        TestImage.write(Self.legacyBinary(is64: true, little: true), to: small, chunkSize: 64)
        #expect(tooLarge?.contains("larger than 1024 bytes") == true)
    }
}
