import Foundation
import ImageScanner
import ReportFormats
import ScanReport
import Testing
import TestSupport

/// Scans real images (Debian 12 with language packages, Alpine 3.7.3 and 3.20.3), writes each
/// standard format, and has independent validators check them against the official schemas:
/// Python jsonschema with CycloneDX 1.6 (from cyclonedx-python-lib, plus its own strict validator
/// and a deserialise/serialise round trip), SPDX 2.3 and SARIF 2.1.0 (from ../shared/schemas).
/// The CycloneDX and SPDX written are then scanned back with `--sbom` and must give the same findings.
@Suite(.serialized) struct StandardFormatsTests {
    static let haveShared = FormatValidators.haveSchemas && SharedData.exists("vulndata/PyPI-all.zip")
        && SharedData.exists("tools/mkimage.py")

    @Test(.enabled(if: haveShared, "needs ../shared (images, schemas, vulndata): not part of the repository"),
          .enabled(if: FormatValidators.python != nil, "needs PyPI to install jsonschema and cyclonedx-python-lib"))
    func debianImageWithLanguagePackages() throws {
        let image = try #require(FormatTestImages.debian, "building the Debian 12 image (debootstrap) failed")
        let database = try #require(FormatTestImages.database)
        let report = try ImageScanner(options: ScanOptions(databasePath: database)).scan(path: image)
        let scanned = try #require(report.artifact.images.first)
        #expect(scanned.layers.count == 2)
        #expect(scanned.packages.filter { $0.type == .deb }.count > 80)
        #expect(Set(scanned.packages.filter { $0.type == .pypi }.map(\.name)) == ["requests", "urllib3", "Jinja2", "PyYAML"])
        #expect(scanned.packages.contains { $0.type == .npm && $0.name == "lodash" })
        #expect(scanned.vulnerabilities.count > 5)
        #expect(!scanned.malware.isEmpty)
        #expect(!scanned.secrets.isEmpty)
        #expect(!scanned.misconfigurations.isEmpty)
        try validateAll(report, name: "debian")
        try rescanSBOMs(of: report, database: database, name: "debian")
    }

    @Test(.enabled(if: haveShared, "needs ../shared (images, schemas, vulndata): not part of the repository"),
          .enabled(if: FormatValidators.python != nil, "needs PyPI to install jsonschema and cyclonedx-python-lib"),
          arguments: ["3.7.3", "3.20.3"])
    func alpineImage(version: String) throws {
        let image = try #require(FormatTestImages.alpine(version), "needs ../shared/images/rootfs")
        let database = try #require(FormatTestImages.database)
        let report = try ImageScanner(options: ScanOptions(databasePath: database)).scan(path: image)
        let scanned = try #require(report.artifact.images.first)
        #expect(scanned.packages.count > 10)
        if version == "3.7.3" { #expect(scanned.vulnerabilities.contains { $0.id == "CVE-2019-14697" && $0.packageName == "musl" }) }
        try validateAll(report, name: "alpine-\(version)")
        try rescanSBOMs(of: report, database: database, name: "alpine-\(version)")
    }

    /// Writes the three standard formats of `report` and validates each; checks that the
    /// documents hold every package and finding.
    func validateAll(_ report: Report, name: String) throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let image = report.artifact.images[0]
        for format in [ReportFormat.cyclonedx, .spdx, .sarif] {
            let path = "\(folder)/\(name)\(format.fileSuffix)"
            let data = try format.render(report)
            try data.write(to: URL(fileURLWithPath: path))
            let result = try FormatValidators.validate(format.rawValue, path)
            #expect(result.status == 0, "\(name) \(format.rawValue): \(result.output)")
            #expect(result.output.contains("valid \(format.rawValue)"), "\(result.output)")
            let json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            switch format {
            case .cyclonedx:
                let components = json["components"] as! [[String: Any]]
                #expect(components.filter { $0["purl"] != nil }.count == image.packages.count)
                #expect((json["vulnerabilities"] as? [Any])?.count ?? 0 == image.vulnerabilities.count)
            case .spdx:
                let packages = json["packages"] as! [[String: Any]]
                #expect(packages.filter { $0["externalRefs"] != nil }.count == image.packages.count)
            default:
                let run = (json["runs"] as! [[String: Any]])[0]
                let findings = image.vulnerabilities.count + image.secrets.count + image.malware.count + image.misconfigurations.count
                #expect((run["results"] as! [Any]).count == findings)
            }
        }
    }

    /// The CycloneDX and SPDX documents, scanned as SBOMs against the same database, give the same
    /// vulnerabilities as the image scan (the index/match split), in reports that follow the report schema.
    func rescanSBOMs(of report: Report, database: String, name: String) throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let image = report.artifact.images[0]
        let expected = Set(image.vulnerabilities.map { "\($0.id) \($0.packageName) \($0.installedVersion) \($0.status)" })
        let validator = try JSONSchemaValidator.reportSchema()
        for format in [ReportFormat.cyclonedx, .spdx] {
            let path = "\(folder)/\(name)\(format.fileSuffix)"
            try format.render(report).write(to: URL(fileURLWithPath: path))
            let rescanned = try ImageScanner(options: ScanOptions(databasePath: database)).scan(sbomPath: path)
            let sbomImage = try #require(rescanned.artifact.images.first)
            #expect(sbomImage.packages.count == image.packages.count, "\(format)")
            #expect(sbomImage.os?.family == image.os?.family)
            let found = Set(sbomImage.vulnerabilities.map { "\($0.id) \($0.packageName) \($0.installedVersion) \($0.status)" })
            #expect(found == expected, "\(name) via \(format.rawValue): missing \(expected.subtracting(found)), extra \(found.subtracting(expected))")
            #expect(rescanned.warnings.allSatisfy { $0.code != "RPT-003" })
            let encoded = try JSONSerialization.jsonObject(with: ReportCodec.encode(rescanned))
            #expect(validator.validate(encoded).isEmpty, "\(validator.validate(encoded).prefix(5))")
            // The report of an SBOM (no layers, maybe no image ID) is written in valid standard formats too.
            try validateAll(rescanned, name: "\(name)-from-\(format.rawValue)")
        }
    }
}

/// The validators are not a formality: a document that breaks the schema fails them.
@Suite struct FormatValidatorSanityTests {
    @Test(.enabled(if: FormatValidators.haveSchemas, "needs ../shared/schemas: not part of the repository"),
          .enabled(if: FormatValidators.python != nil, "needs PyPI to install jsonschema and cyclonedx-python-lib"))
    func brokenDocumentsAreRejected() throws {
        let folder = try SharedData.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let report = Report(createdAt: "2026-12-03T10:00:00Z",
                            artifact: Artifact(path: "x.tar", sha256: String(repeating: "0", count: 64), size: 1, format: "docker-archive", images: []))
        let breakages: [(ReportFormat, (inout [String: Any]) -> Void)] = [
            (.cyclonedx, { $0["components"] = [["type": "nonsense", "name": "x"]] }),
            (.spdx, { $0["packages"] = [["SPDXID": "not an id", "name": "x"]] }),
            (.sarif, { var run = ($0["runs"] as! [[String: Any]])[0]; run["results"] = [["level": "fatal", "message": ["text": "x"]]]; $0["runs"] = [run] }),
        ]
        for (format, breakIt) in breakages {
            let good = "\(folder)/good\(format.fileSuffix)", bad = "\(folder)/bad\(format.fileSuffix)"
            let data = try format.render(report)
            try data.write(to: URL(fileURLWithPath: good))
            var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
            breakIt(&json)
            try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: bad))
            #expect(try FormatValidators.validate(format.rawValue, good).status == 0, "\(format)")
            let result = try FormatValidators.validate(format.rawValue, bad)
            #expect(result.status == 1, "\(format): \(result.output)")
        }
    }
}
