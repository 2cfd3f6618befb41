import Detectors
import ImageReader
import ScanReport

/// Adds secrets, malware and misconfigurations to each image's report.
final class DetectorContributor: ScanContributor {
    private let suite: DetectorSuite

    init(suite: DetectorSuite) { self.suite = suite }

    var visitors: [LayerVisitor] { suite.visitors }

    var resultsFingerprint: String { "detectors " + suite.resultsFingerprint }

    func contribute(to report: inout ImageReport, image: ReadImage, warnings: inout [ReportWarning]) throws {
        let findings = suite.findings(for: image)
        report.secrets = findings.secrets
        report.malware = findings.malware
        report.misconfigurations = findings.misconfigurations
        for warning in findings.warnings { warnings.add(ReportWarning(.fileNotScanned, warning)) }
    }
}
