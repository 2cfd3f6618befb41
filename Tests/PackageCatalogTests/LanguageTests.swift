import Foundation
import Testing
import ScanReport
@testable import PackageCatalog

@Suite struct LanguageTests {
    @Test func pipMetadata() throws {
        let record = try #require(PythonCataloguer.parse(try Fixtures.bytes("pip-23.2.1.METADATA")))
        #expect(record == PackageRecord(name: "pip", version: "23.2.1", type: .pypi, licenses: ["MIT"]))
    }

    @Test func pythonLicenceSources() throws {
        let expression = "Name: Foo.Bar_baz\nVersion: 1.0\nLicense-Expression: Apache-2.0 OR MIT\nLicense: ignored\n"
        #expect(PythonCataloguer.parse(Array(expression.utf8))?.licenses == ["Apache-2.0 OR MIT"])
        let classifiers = "Name: x\nVersion: 2\nLicense: UNKNOWN\nClassifier: License :: OSI Approved :: BSD License\nClassifier: Programming Language :: Python\n"
        #expect(PythonCataloguer.parse(Array(classifiers.utf8))?.licenses == ["BSD License"])
        #expect(PackageURL.normalisedPythonName("Foo.Bar__-baz") == "foo-bar-baz")
        #expect(PythonCataloguer.parse(Array("Version: 1\n".utf8)) == nil)
        #expect(PythonCataloguer.parse([0xFF, 0xFE, 0x00, 0x4E, 0x61, 0x6D, 0x65, 0x3A, 0x0A]) == nil)
    }

    static let sitePackages = ["/usr/lib/python3/dist-packages"]

    static var machineHasDistributions: Bool {
        sitePackages.contains { folder in
            ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).contains {
                $0.hasSuffix(".dist-info") || $0.hasSuffix(".egg-info")
            }
        }
    }

    @Test(.enabled(if: machineHasDistributions, "needs dist-info or egg-info metadata in /usr/lib/python3/dist-packages"))
    func machineSitePackages() throws {
        let folders = Self.sitePackages
        var checked = 0
        for folder in folders {
            guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { continue }
            for name in names where name.hasSuffix(".dist-info") || name.hasSuffix(".egg-info") {
                let path = folder + "/" + name
                let bytes = Fixtures.machineFile(path + (name.hasSuffix(".dist-info") ? "/METADATA" : "/PKG-INFO"))
                    ?? Fixtures.machineFile(path)
                var stem = String(name.dropLast(name.hasSuffix(".dist-info") ? ".dist-info".count : ".egg-info".count))
                if let python = stem.range(of: "-py", options: .backwards) { stem = String(stem[..<python.lowerBound]) }
                guard let bytes, stem.contains("-") else { continue }
                let record = try #require(PythonCataloguer.parse(bytes), "\(name)")
                // Folders are named NAME-VERSION with the name's separators as `_`.
                #expect(stem.hasSuffix("-" + record.version), "\(name) vs \(record.version)")
                #expect(PackageURL.normalisedPythonName(String(stem.dropLast(record.version.count + 1)))
                        == PackageURL.normalisedPythonName(record.name))
                checked += 1
            }
        }
        #expect(checked > 0, "no installed distribution had a NAME-VERSION folder to compare with")
        print("checked \(checked) installed Python distributions")
    }

    @Test func npmPackagesAndPaths() throws {
        #expect(NpmCataloguer.isInstalledManifest("app/node_modules/express/package.json"))
        #expect(NpmCataloguer.isInstalledManifest("node_modules/@types/node/package.json"))
        #expect(NpmCataloguer.isInstalledManifest("a/node_modules/b/node_modules/c/package.json"))
        #expect(!NpmCataloguer.isInstalledManifest("app/package.json"))
        #expect(!NpmCataloguer.isInstalledManifest("node_modules/glob/dist/esm/package.json"))
        #expect(!NpmCataloguer.isInstalledManifest("node_modules/@types/package.json"))
        let scoped = #"{"name": "@types/node", "version": "20.11.5", "license": {"type": "MIT"}}"#
        let record = try #require(NpmCataloguer.parse(Array(scoped.utf8)))
        #expect(PackageURL.make(for: record, os: nil) == "pkg:npm/%40types/node@20.11.5")
        #expect(record.licenses == ["MIT"])
        let legacy = #"{"name": "old", "version": "0.1.0", "licenses": [{"type": "BSD"}, {"type": "GPL"}]}"#
        #expect(NpmCataloguer.parse(Array(legacy.utf8))?.licenses == ["BSD", "GPL"])
        #expect(NpmCataloguer.parse(Array(#"{"name": "noversion"}"#.utf8)) == nil)
    }

    @Test(.enabled(if: FileManager.default.fileExists(atPath: "/usr/lib/node_modules/npm/package.json"), "npm is not installed on this machine"))
    func machineNpmMatchesNpmVersion() throws {
        let bytes = try #require(Fixtures.machineFile("/usr/lib/node_modules/npm/package.json"))
        let version = try #require(Fixtures.run("/usr/bin/node", ["/usr/lib/node_modules/npm/bin/npm-cli.js", "--version"]))
        let record = try #require(NpmCataloguer.parse(bytes))
        #expect(record.name == "npm")
        #expect(record.version == version.trimmingCharacters(in: .whitespacesAndNewlines))
        #expect(record.licenses == ["Artistic-2.0"])
    }

    @Test func realGemspec() throws {
        let record = try #require(GemspecCataloguer.parse(try Fixtures.bytes("rake-13.0.6.gemspec")))
        #expect(record == PackageRecord(name: "rake", version: "13.0.6", type: .gem, licenses: ["MIT"]))
        #expect(PackageURL.make(for: record, os: nil) == "pkg:gem/rake@13.0.6")
        #expect(GemspecCataloguer.isSpecification("usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec"))
        #expect(!GemspecCataloguer.isSpecification("src/rake.gemspec"))
    }

    @Test func composerInstalledJSONBothForms() throws {
        let v2 = try Fixtures.bytes("composer-installed-v2.json")
        let records = try #require(ComposerCataloguer.parse(v2))
        #expect(records == [
            PackageRecord(name: "acme/http-client", version: "v2.1.0", type: .composer, licenses: ["Apache-2.0", "MIT"]),
            PackageRecord(name: "acme/log", version: "3.0.2", type: .composer, licenses: ["MIT"]),
        ])
        #expect(PackageURL.make(for: records[0], os: nil) == "pkg:composer/acme/http-client@v2.1.0")
        // Composer 1 wrote the bare package array.
        let object = try #require(try JSONSerialization.jsonObject(with: Data(v2)) as? [String: Any])
        let v1 = try JSONSerialization.data(withJSONObject: try #require(object["packages"]))
        #expect(ComposerCataloguer.parse(Array(v1)) == records)
        #expect(ComposerCataloguer.parse(Array(#"{"dev": true}"#.utf8)) == nil)
    }

    @Test func purlEncoding() {
        #expect(PackageURL.encode("1.0+build 2/x@y") == "1.0%2Bbuild%202%2Fx%40y")
        #expect(PackageURL.encode("a.b-c_d~e:1") == "a.b-c_d~e:1")
        let go = PackageRecord(name: "github.com/Azure/go-autorest", version: "v14.2.0+incompatible", type: .golang)
        #expect(PackageURL.make(for: go, os: nil) == "pkg:golang/github.com/Azure/go-autorest@v14.2.0%2Bincompatible")
        let cargo = PackageRecord(name: "serde", version: "1.0.188", type: .cargo)
        #expect(PackageURL.make(for: cargo, os: nil) == "pkg:cargo/serde@1.0.188")
    }
}
