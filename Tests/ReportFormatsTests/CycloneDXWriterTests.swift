import Foundation
import ScanReport
import Testing
@testable import ReportFormats

@Suite struct CycloneDXWriterTests {
    let bom: [String: Any]
    init() throws { bom = try SampleReport.json(ReportFormat.cyclonedx.render(SampleReport.report())) }

    func properties(_ object: [String: Any]) -> [String: [String]] {
        var table: [String: [String]] = [:]
        for property in object.array("properties") { table[property.string("name")!, default: []].append(property.string("value")!) }
        return table
    }

    @Test func headerAndImageAsMetadataComponent() throws {
        #expect(bom.string("bomFormat") == "CycloneDX")
        #expect(bom.string("specVersion") == "1.6")
        let serial = try #require(bom.string("serialNumber"))
        #expect(serial.range(of: "^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$", options: .regularExpression) != nil)
        let metadata = try #require(bom.object("metadata"))
        #expect(metadata.string("timestamp") == "2026-12-03T10:00:00Z")
        #expect(metadata.object("tools")?.array("components").first?.string("name") == "spoolscan")
        let image = try #require(metadata.object("component"))
        #expect(image.string("type") == "container")
        #expect(image.string("name") == "registry.example:5000/team/app")
        #expect(image.string("version") == "1.0")
        #expect(image.array("hashes").first?.string("content") == String(repeating: "a", count: 64))
        #expect(image.string("purl") == "pkg:oci/app@sha256:\(String(repeating: "c", count: 64))?repository_url=registry.example:5000%2Fteam%2Fapp&tag=1.0")
        #expect(properties(image)["spoolscan:image:layer:1:diffID"] == [SampleReport.digest("2")])
        // The same serial number for the same report.
        let again = try SampleReport.json(ReportFormat.cyclonedx.render(SampleReport.report()))
        #expect(again.string("serialNumber") == serial)
    }

    @Test func componentsCarryPurlLicencesLayerAndPaths() throws {
        let components = bom.array("components")
        #expect(components.count == 5) // the OS and four packages
        #expect(components.first { $0.string("type") == "operating-system" }?.string("version") == "12.7")
        let libc = try #require(components.first { $0.string("name") == "libc6" })
        #expect(libc.string("purl") == SampleReport.libc.purl + "&upstream=glibc")
        #expect(libc.string("bom-ref") == SampleReport.libc.purl)
        #expect(properties(libc)["spoolscan:layer:index"] == ["0"])
        #expect(properties(libc)["spoolscan:layer:diffID"] == [SampleReport.digest("1")])
        #expect(properties(libc)["spoolscan:package:sourceName"] == ["glibc"])
        let licences = libc.array("licenses").compactMap { $0.object("license") }
        #expect(licences.first?.string("id") == "LGPL-2.1")
        #expect(licences.last?.string("name") == "GPL-2+")
        let requests = components.filter { $0.string("name") == "requests" }
        #expect(requests.count == 2)
        #expect(requests[0].array("licenses").first?.string("expression") == "Apache-2.0 OR MIT")
        #expect(requests[1].array("licenses").first?.object("license")?.string("id") == "MIT")
        #expect(Set(requests.compactMap { $0.string("bom-ref") }) == ["pkg:pypi/requests@2.19.1", "pkg:pypi/requests@2.19.1#2"])
        #expect(requests[1].object("evidence")?.array("occurrences").first?.string("location")?.hasPrefix("opt/venv/") == true)
        let jackson = try #require(components.first { $0.string("name") == "jackson-databind" })
        #expect(jackson.string("group") == "com.fasterxml.jackson.core")
        #expect(jackson.array("licenses").first?.object("license")?.string("name") == "The Apache Software License, Version 2.0")
    }

    @Test func referencesResolve() throws {
        var refs = bom.array("components").compactMap { $0.string("bom-ref") }
        refs.append(try #require(bom.object("metadata")?.object("component")?.string("bom-ref")))
        #expect(Set(refs).count == refs.count)
        let dependencies = bom.array("dependencies")
        for dependency in dependencies {
            #expect(refs.contains(dependency.string("ref")!))
            for ref in dependency["dependsOn"] as? [String] ?? [] { #expect(refs.contains(ref)) }
        }
        #expect((dependencies.first?["dependsOn"] as? [String])?.count == 5)
        for vulnerability in bom.array("vulnerabilities") {
            for affect in vulnerability.array("affects") { #expect(refs.contains(affect.string("ref")!)) }
        }
    }

    @Test func vulnerabilitiesWithRatingsAndAnalysis() throws {
        let vulnerabilities = bom.array("vulnerabilities")
        #expect(vulnerabilities.count == 3)
        let glibc = try #require(vulnerabilities.first { $0.string("id") == "CVE-2024-2961" })
        let rating = try #require(glibc.array("ratings").first)
        #expect(rating["score"] as? Double == 9.8)
        #expect(rating.string("severity") == "high")
        #expect(rating.string("method") == "CVSSv31")
        #expect(rating.string("vector") == "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
        #expect(glibc.array("affects").first?.string("ref") == SampleReport.libc.purl)
        #expect(glibc.array("affects").first?.array("versions").first?.string("version") == "2.36-9+deb12u7")
        #expect(glibc.array("references").first?.string("id") == "DSA-5693-1")
        #expect(glibc.array("references").first?.object("source")?.string("name") == "Debian Security Tracker")
        #expect(glibc.object("source")?.string("name") == "NVD")
        #expect(glibc.object("source")?.string("url") == "https://nvd.nist.gov/vuln/detail/CVE-2024-2961")
        #expect(rating.object("source")?.string("name") == "debian-tracker")
        #expect(glibc.array("advisories").map { $0.string("url") } == ["https://security-tracker.debian.org/tracker/CVE-2024-2961"])
        #expect(glibc.string("recommendation") == "Upgrade libc6 to 2.36-9+deb12u8 or later.")
        #expect(glibc.object("analysis")?.string("state") == "not_affected")
        #expect(glibc.object("analysis")?.string("justification") == "code_not_reachable")
        let ignored = try #require(vulnerabilities.first { $0.string("id") == "CVE-2023-32681" })
        #expect(ignored.object("analysis")?.string("state") == "exploitable")
        #expect(ignored.object("analysis")?["response"] as? [String] == ["will_not_fix"])
        #expect(ignored.object("analysis")?.string("detail")?.contains("2027-01-31") == true)
        let open = try #require(vulnerabilities.first { $0.string("id") == "CVE-2018-18074" })
        #expect(open["analysis"] == nil)
        #expect(open.array("ratings").first?.string("severity") == "info")
    }

    @Test func verdictIsAMetadataProperty() throws {
        var report = SampleReport.report()
        #expect(bom.object("metadata")?["properties"] == nil)
        report.verdict = Verdict(result: .fail, policy: .init(path: "policy.yaml", sha256: String(repeating: "9", count: 64)), reasons: [])
        let withVerdict = try SampleReport.json(CycloneDXWriter.render(report))
        #expect(properties(try #require(withVerdict.object("metadata")))["spoolscan:verdict"] == ["fail"])
    }

    @Test func severalImagesNestUnderTheArtifact() throws {
        var report = SampleReport.report()
        var second = report.artifact.images[0]
        second.imageID = SampleReport.digest("b")
        second.repoTags = []
        report.artifact.images.append(second)
        let bom = try SampleReport.json(CycloneDXWriter.render(report))
        let subject = try #require(bom.object("metadata")?.object("component"))
        #expect(subject.string("type") == "file")
        #expect(subject.array("components").count == 2)
        let refs = bom.array("components").compactMap { $0.string("bom-ref") }
        #expect(refs.count == 10)
        #expect(Set(refs).count == 10)
    }
}
