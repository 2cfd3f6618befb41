import ScanReport
import SpoolscanCore

/// What spoolscan takes from an SBOM: the subject it describes, its distribution and its packages.
public struct SBOMInventory: Sendable, Equatable {
    /// `cyclonedx-json` or `spdx-json`.
    public var format: String
    /// The subject's name (`repository:tag`, or the document name) when the SBOM gives one.
    public var subject: String?
    /// The image config digest (`sha256:…`) when the SBOM records it.
    public var imageID: String?
    public var os: OSInfo?
    public var packages: [Package]
    /// Components that could not become packages (no purl, or a purl type spoolscan does not match).
    public var warnings: [ReportWarning]

    /// The report of this inventory, read from the file at `path` (its digest and size given),
    /// with one image entry and no findings yet: matching fills them in.
    public func report(path: String, sha256: String, size: Int64, createdAt: String) -> Report {
        let image = ImageReport(repoTags: subject.map { [$0] } ?? [], imageID: imageID ?? "", os: os,
                                architecture: "", layers: [], config: ImageConfigSummary(), packages: packages)
        return Report(createdAt: createdAt,
                      artifact: Artifact(path: path, sha256: sha256, size: size, format: format, images: [image]),
                      warnings: warnings)
    }
}
