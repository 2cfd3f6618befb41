import Foundation
import ScanReport
import SpoolscanCore
import Testing
@testable import ReportFormats

@Suite struct SBOMReaderTests {
    func expectCode(_ code: ErrorCode, _ text: String) {
        do {
            _ = try SBOMReader.parse(Data(text.utf8))
            Issue.record("expected \(code.code) for \(text.prefix(60))")
        } catch {
            #expect(error.code == code, "\(error)")
        }
    }

    @Test(arguments: [ReportFormat.cyclonedx, .spdx])
    func ourOwnSBOMsReadBackAsTheSameInventory(format: ReportFormat) throws {
        let report = SampleReport.report()
        let inventory = try SBOMReader.parse(try format.render(report))
        #expect(inventory.format == (format == .cyclonedx ? "cyclonedx-json" : "spdx-json"))
        let original = report.artifact.images[0].packages
        #expect(inventory.packages.map(\.name) == original.map(\.name))
        #expect(inventory.packages.map(\.version) == original.map(\.version))
        #expect(inventory.packages.map(\.type) == original.map(\.type))
        let libc = try #require(inventory.packages.first)
        #expect(libc.sourceName == "glibc")
        #expect(libc.arch == "amd64")
        #expect(inventory.os?.family == "debian")
        #expect(inventory.os?.version == "12.7")
        #expect(inventory.subject == "registry.example:5000/team/app:1.0")
        #expect(inventory.imageID == SampleReport.digest("a"))
        #expect(inventory.warnings.isEmpty)
        if format == .cyclonedx {
            #expect(libc.layer == SampleReport.layer0)
            #expect(libc.paths == ["var/lib/dpkg/status"])
        }
        let built = inventory.report(path: "x.json", sha256: String(repeating: "0", count: 64), size: 1, createdAt: "2026-12-03T10:00:00Z")
        #expect(built.artifact.images.first?.packages.count == 4)
    }

    @Test func syftStyleCycloneDX() throws {
        let text = """
        {"bomFormat": "CycloneDX", "specVersion": "1.5", "metadata": {"component": {"type": "container", "name": "debian", "version": "12"}},
         "components": [
          {"type": "library", "name": "libssl3", "version": "3.0.11-1~deb12u2",
           "purl": "pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&upstream=openssl&distro=debian-12"},
          {"type": "library", "name": "types-node", "purl": "pkg:npm/%40types/node@20.1.0"},
          {"type": "library", "name": "bash", "version": "5.2", "purl": "pkg:rpm/redhat/bash@5.2-1.el9?epoch=1&upstream=bash-5.2-1.el9.src.rpm"},
          {"type": "library", "name": "guava", "purl": "pkg:maven/com.google.guava/guava@31.1-jre",
           "licenses": [{"license": {"id": "Apache-2.0"}}], "components": [
             {"type": "library", "name": "nested", "purl": "pkg:golang/github.com/x/y@v1.2.3"}]},
          {"type": "file", "name": "/etc/passwd"},
          {"type": "library", "name": "no-purl"},
          {"type": "library", "name": "nuget", "purl": "pkg:nuget/Newtonsoft.Json@13.0.1"},
          {"type": "operating-system", "name": "debian", "version": "12.5"}
         ]}
        """
        let inventory = try SBOMReader.parse(Data(text.utf8))
        #expect(inventory.os == OSInfo(family: "debian", version: "12.5", name: "debian 12.5"))
        #expect(inventory.subject == "debian:12")
        let byName = Dictionary(uniqueKeysWithValues: inventory.packages.map { ($0.name, $0) })
        #expect(byName["libssl3"]?.sourceName == "openssl")
        #expect(byName["libssl3"]?.version == "3.0.11-1~deb12u2")
        #expect(byName["@types/node"]?.type == .npm)
        #expect(byName["bash"]?.version == "1:5.2-1.el9")
        #expect(byName["bash"]?.sourceName == nil)
        #expect(byName["com.google.guava:guava"]?.licenses == ["Apache-2.0"])
        #expect(byName["github.com/x/y"]?.version == "v1.2.3")
        #expect(inventory.packages.count == 5)
        let warning = try #require(inventory.warnings.first)
        #expect(warning.code == "RPT-003")
        #expect(warning.message.hasPrefix("2 SBOM components"))
        #expect(warning.message.contains("no-purl"))
    }

    @Test func distributionFromTheDistroQualifier() throws {
        let text = """
        {"spdxVersion": "SPDX-2.3", "name": "alpine", "packages": [
          {"SPDXID": "SPDXRef-a", "name": "musl", "versionInfo": "1.2.5-r0",
           "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl",
                             "referenceLocator": "pkg:apk/alpine/musl@1.2.5-r0?arch=x86_64&distro=alpine-3.20.3"}],
           "licenseDeclared": "MIT"}]}
        """
        let inventory = try SBOMReader.parse(Data(text.utf8))
        #expect(inventory.os?.family == "alpine")
        #expect(inventory.os?.version == "3.20.3")
        #expect(inventory.packages.first?.licenses == ["MIT"])
        #expect(inventory.subject == "alpine")
    }

    @Test func badInputGetsCodedErrors() throws {
        expectCode(.sbomUnrecognised, "")
        expectCode(.sbomUnrecognised, "not json at all")
        expectCode(.sbomUnrecognised, "<?xml version=\"1.0\"?><bom xmlns=\"http://cyclonedx.org/schema/bom/1.6\"/>")
        expectCode(.sbomUnrecognised, "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n")
        expectCode(.sbomUnrecognised, "[1, 2]")
        expectCode(.sbomUnrecognised, "{\"hello\": 1}")
        expectCode(.sbomUnrecognised, "{\"@context\": \"https://spdx.org/rdf/3.0.1/spdx-context.jsonld\", \"@graph\": []}")
        expectCode(.sbomUnrecognised, "{\"spdxVersion\": \"SPDX-3.0\"}")
        expectCode(.sbomInvalid, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"9.9\"}")
        expectCode(.sbomInvalid, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": {}}")
        expectCode(.sbomInvalid, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [1]}")
        expectCode(.sbomInvalid, "{\"spdxVersion\": \"SPDX-2.3\", \"packages\": \"x\"}")
        let deep = String(repeating: "{\"type\": \"library\", \"name\": \"x\", \"components\": [", count: 100)
            + String(repeating: "]}", count: 100)
        expectCode(.sbomInvalid, "{\"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.6\", \"components\": [\(deep)]}")
    }

    @Test func truncatedSBOMIsRejected() throws {
        let text = String(decoding: try ReportFormat.cyclonedx.render(SampleReport.report()), as: UTF8.self)
        expectCode(.sbomUnrecognised, String(text.prefix(text.count / 2)))
    }

    @Test func packageURLs() throws {
        let purl = try #require(ParsedPackageURL("pkg:deb/debian/libc6@2.36-9%2Bdeb12u7?arch=amd64&distro=debian-12#sub/path"))
        #expect(purl.type == "deb")
        #expect(purl.namespace == ["debian"])
        #expect(purl.name == "libc6")
        #expect(purl.version == "2.36-9+deb12u7")
        #expect(purl.qualifiers == ["arch": "amd64", "distro": "debian-12"])
        #expect(ParsedPackageURL("pkg:npm/@angular/core@16.0.0")?.namespace == ["@angular"])
        #expect(ParsedPackageURL("pkg:npm/@angular/core")?.version == nil)
        #expect(ParsedPackageURL("pkg:pypi")?.name == nil)
        #expect(ParsedPackageURL("https://example.org") == nil)
        #expect(SBOMPackageMapper.package(purl: "pkg:pypi/requests", facts: .init()) == nil) // no version, nothing to match
    }
}
