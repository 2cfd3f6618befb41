import ImageReader
import PackageCatalog
import ScanReport

/// Adds the OS and the package inventory to each image's report.
final class CatalogContributor: ScanContributor {
    private let cataloguer: PackageCataloguer

    init(cataloguer: PackageCataloguer) { self.cataloguer = cataloguer }

    var visitors: [LayerVisitor] { [cataloguer] }

    var resultsFingerprint: String { "catalog" }

    func contribute(to report: inout ImageReport, image: ReadImage, warnings: inout [ReportWarning]) throws {
        let result = try cataloguer.catalogue(image: image)
        report.os = result.os
        report.packages = result.packages
        for warning in result.warnings { warnings.add(ReportWarning(.packageFileSkipped, warning)) }
    }
}
