import Advisories
import Foundation
import ImageScanner
import ScanReport
import Testing
import TestSupport

/// A Debian image scanned with a database that holds only PyPI advisories: the report says its
/// deb packages were not checked (DB-008) and nothing claims "0 vulnerabilities" for them.
@Suite struct CoverageScanTests {
    static let pypiOnly = """
        {"id": "PYSEC-2018-28", "modified": "2024-06-01T00:00:00Z", "aliases": ["CVE-2018-18074"],
         "summary": "requests sends Authorization headers on redirect to http",
         "affected": [{"package": {"ecosystem": "PyPI", "name": "requests"},
                       "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.20.0"}]}]}]}
        """

    @Test func debianImageWithPyPIOnlyDatabase() throws {
        try TemporaryDirectory.with { dir in
            let imagePath = dir.path("debian.tar")
            try ImageScannerTests.image().write(to: imagePath, format: .dockerLegacy, layerCompression: .gzip)
            let feed = dir.path("pysec.json")
            try Data(Self.pypiOnly.utf8).write(to: URL(fileURLWithPath: feed))
            let db = dir.path("advisories.db")
            _ = try AdvisoryImporter(databasePath: db).importFeeds([feed])

            let report = try ImageScanner(options: ScanOptions(databasePath: db, maxDatabaseAgeDays: 100_000)).scan(path: imagePath)
            let coverageWarnings = report.warnings.filter { $0.code == "DB-008" }
            #expect(coverageWarnings == [ReportWarning(.dbNoCoverage, "no advisories for Debian 12 in the database: 1 deb packages not checked")])
            #expect(report.warnings.count == Set(report.warnings).count, "each warning once")
            let image = try #require(report.artifact.images.first)
            #expect(image.vulnerabilities.map(\.id) == ["CVE-2018-18074"])
            #expect(image.vulnerabilities.first?.path == "usr/lib/python3/dist-packages/requests-2.19.1.dist-info/METADATA")
            #expect(image.coverage?.first { $0.packageType == .deb }?.checked == false)

            let text = ReportRenderer().render(report)
            // Warnings come before the counts, and the deb packages are "not checked", never counted as 0.
            let warning = try #require(text.range(of: "DB-008  no advisories for Debian 12"))
            let counts = try #require(text.range(of: "FINDINGS"))
            #expect(warning.lowerBound < counts.lowerBound)
            #expect(text.contains("1 deb packages not checked (no advisories for Debian 12)"))
            #expect(text.contains("Vulnerabilities (1 in 1 checked packages) not checked: 1 deb packages (no advisories for Debian 12)"))
            #expect(!text.contains("Vulnerabilities (0)"))

            let data = try ReportCodec.encode(report)
            let errors = try JSONSchemaValidator.reportSchema().validate(JSONSerialization.jsonObject(with: data))
            #expect(errors.isEmpty, "\(errors)")
        }
    }
}
