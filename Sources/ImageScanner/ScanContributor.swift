import ImageReader
import ScanReport

/// One part of a scan (package cataloguing, a detector, vulnerability matching).
///
/// A contributor sees every layer as the reader streams it (through its visitors) and then
/// adds its findings to each image's report. Contributors are made fresh for every scan.
public protocol ScanContributor: AnyObject {
    /// Visitors to pass to the reader; empty for contributors that only work on the report.
    var visitors: [LayerVisitor] { get }
    /// What shapes this contributor's per-layer results besides its visitors' formats (rules,
    /// options), for the layer cache's keys.
    var resultsFingerprint: String { get }
    /// Adds this contributor's results for `image` to `report`; appends non-fatal warnings.
    func contribute(to report: inout ImageReport, image: ReadImage, warnings: inout [ReportWarning]) throws
}
