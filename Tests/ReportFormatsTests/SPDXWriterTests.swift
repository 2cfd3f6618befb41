import Foundation
import ScanReport
import Testing
@testable import ReportFormats

@Suite struct SPDXWriterTests {
    let document: [String: Any]
    init() throws { document = try SampleReport.json(ReportFormat.spdx.render(SampleReport.report())) }

    @Test func documentHeader() {
        #expect(document.string("spdxVersion") == "SPDX-2.3")
        #expect(document.string("dataLicense") == "CC0-1.0")
        #expect(document.string("SPDXID") == "SPDXRef-DOCUMENT")
        #expect(document.string("documentNamespace")?.hasPrefix("https://") == true)
        #expect((document.object("creationInfo")?["creators"] as? [String]) == ["Tool: spoolscan-\(SpoolscanVersion.string)"])
    }

    @Test func packagesRelationshipsAndPurls() throws {
        let packages = document.array("packages")
        #expect(packages.count == 6) // image, OS, four packages
        let ids = packages.compactMap { $0.string("SPDXID") }
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.range(of: "^SPDXRef-[A-Za-z0-9.-]+$", options: .regularExpression) != nil })
        let image = try #require(packages.first { $0.string("primaryPackagePurpose") == "CONTAINER" })
        #expect(image.array("checksums").first?.string("checksumValue") == String(repeating: "a", count: 64))
        #expect(packages.first { $0.string("primaryPackagePurpose") == "OPERATING_SYSTEM" }?.string("versionInfo") == "12.7")
        let relationships = document.array("relationships")
        #expect(relationships.contains { $0.string("relationshipType") == "DESCRIBES" && $0.string("relatedSpdxElement") == image.string("SPDXID") })
        let contained = relationships.filter { $0.string("relationshipType") == "CONTAINS" && $0.string("spdxElementId") == image.string("SPDXID") }
        #expect(contained.count == 5)
        let libc = try #require(packages.first { $0.string("name") == "libc6" })
        let ref = try #require(libc.array("externalRefs").first)
        #expect(ref.string("referenceCategory") == "PACKAGE-MANAGER")
        #expect(ref.string("referenceType") == "purl")
        #expect(ref.string("referenceLocator") == SampleReport.libc.purl + "&upstream=glibc")
        #expect(libc.string("sourceInfo")?.contains(SampleReport.digest("1")) == true)
        #expect(libc["filesAnalyzed"] as? Bool == false)
    }

    @Test func licencesAreExpressionsOrExtractedRefs() throws {
        let packages = document.array("packages")
        let libc = try #require(packages.first { $0.string("name") == "libc6" })
        #expect(libc.string("licenseDeclared") == "LGPL-2.1 AND LicenseRef-GPL-2")
        let requests = try #require(packages.first { $0.string("name") == "requests" })
        #expect(requests.string("licenseDeclared") == "(Apache-2.0 OR MIT)")
        let extracted = document.array("hasExtractedLicensingInfos")
        #expect(extracted.contains { $0.string("licenseId") == "LicenseRef-GPL-2" && $0.string("extractedText") == "GPL-2+" })
        #expect(extracted.contains { $0.string("extractedText") == "The Apache Software License, Version 2.0" })
        #expect(packages.first { $0.string("primaryPackagePurpose") == "CONTAINER" }?.string("licenseDeclared") == "NOASSERTION")
    }
}

@Suite struct SPDXLicensesTests {
    @Test func identifiersAndExpressions() {
        #expect(SPDXLicenses.identifier("mit") == "MIT")
        #expect(SPDXLicenses.identifier("GPL2") == nil)
        #expect(SPDXLicenses.expression("apache-2.0 or mit") == "Apache-2.0 OR MIT")
        #expect(SPDXLicenses.expression("(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0")
                == "(MIT OR Apache-2.0) AND GPL-2.0-only WITH Classpath-exception-2.0")
        #expect(SPDXLicenses.expression("LGPL-2.1+") == "LGPL-2.1+")
        #expect(SPDXLicenses.expression("MIT License") == nil)
        #expect(SPDXLicenses.expression("MIT OR") == nil)
        #expect(SPDXLicenses.expression("(MIT") == nil)
        #expect(SPDXLicenses.licenseRef("BSD 3-clause (modified)") == "LicenseRef-BSD-3-clause-modified")
    }
}
