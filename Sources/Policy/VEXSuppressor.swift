import ScanReport

/// Applies OpenVEX statements to vulnerability findings.
///
/// A statement matches a finding when it names the finding's advisory id or one of its aliases,
/// and one of its products is the finding's package (the product purl covers the finding's purl,
/// see ``PackageURL/covers(_:)``), or is the image itself (``ImageIdentity``) with no
/// subcomponents or with a subcomponent purl covering the finding's purl. Of all matching
/// statements in all documents the latest (by timestamp; document order breaks ties) decides:
/// `not_affected` and `fixed` suppress, `affected` and `under_investigation` do not.
public struct VEXSuppressor: Sendable {
    public let documents: [VEXDocument]

    public init(documents: [VEXDocument]) { self.documents = documents }

    /// The suppression for `vulnerability` found in `image`, or nil.
    public func suppression(for vulnerability: Vulnerability, in image: ImageReport) -> Suppression? {
        var decisive: (statement: VEXStatement, source: String)?
        for document in documents {
            for statement in document.statements
            where statement.names(id: vulnerability.id, aliases: vulnerability.aliases)
                && statement.products.contains(where: { matches($0, vulnerability, image) }) {
                if let current = decisive, let old = current.statement.timestamp,
                   statement.timestamp.map({ $0 < old }) ?? true {
                    continue
                }
                decisive = (statement, document.source)
            }
        }
        guard let (statement, source) = decisive, statement.status.suppresses else { return nil }
        let reason = statement.impactStatement ?? statement.statusNotes ?? statement.justification ?? statement.status.rawValue
        return Suppression(kind: .vex, reason: reason, status: statement.status.rawValue,
                           justification: statement.justification, source: source)
    }

    private func matches(_ product: VEXStatement.Product, _ vulnerability: Vulnerability, _ image: ImageReport) -> Bool {
        if product.identifiers.contains(where: { PackageURL.covers($0, vulnerability.purl) }) { return true }
        guard product.identifiers.contains(where: { ImageIdentity.names($0, image) }) else { return false }
        if product.subcomponents.isEmpty { return true }
        return product.subcomponents.contains { ids in ids.contains { PackageURL.covers($0, vulnerability.purl) } }
    }
}
