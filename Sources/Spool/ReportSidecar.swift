import Foundation
import ScanReport

/// Another format of a job's final report, written beside it in `done/` or `quarantine/` as
/// `NAME` + ``suffix`` (e.g. `.cdx.json`) from the same report, and moved with the artifact.
/// The renderer comes from the caller, so the spool does not depend on the format writers.
public struct ReportSidecar: Sendable {
    /// One of the format suffixes of ``FinishedFiles/sidecarSuffixes`` (`.cdx.json`, `.spdx.json`, `.sarif`).
    public let suffix: String
    public let render: @Sendable (Report) throws -> Data

    public init(suffix: String, render: @escaping @Sendable (Report) throws -> Data) {
        self.suffix = suffix
        self.render = render
    }

    /// Writes every sidecar of the report at `final` as `final` + suffix, atomically (fsynced).
    static func writeAll(_ sidecars: [ReportSidecar], forReportAt final: String) throws {
        guard !sidecars.isEmpty else { return }
        guard let data = FileOps.read(final) else { throw SystemCallError("read", final, ENOENT) }
        let report = try ReportCodec.decode(Report.self, from: data)
        for sidecar in sidecars {
            try ReportCodec.writeAtomically(try sidecar.render(report), to: final + sidecar.suffix)
        }
    }
}
