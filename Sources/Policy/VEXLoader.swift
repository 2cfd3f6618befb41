import Foundation
import SpoolscanCore

/// Reads OpenVEX JSON documents: `POL-004` when a file cannot be read, `POL-003` when it is
/// not an OpenVEX document (the message names the statement and field).
///
/// Both published shapes are read: v0.2.0 (`vulnerability` an object with `name`, `@id`,
/// `aliases`; `products` objects with `@id`, `identifiers.purl` and `subcomponents`) and v0.0.1
/// (`vulnerability` a string, `products` and `subcomponents` strings).
public enum VEXLoader {
    /// Largest VEX document read.
    public static let maxBytes = 64 << 20

    public static func load(path: String) throws(SpoolscanError) -> VEXDocument {
        let data = try BoundedFile.read(path, maxBytes: maxBytes, code: .vexUnreadable)
        return try parse(data, path: path)
    }

    /// Parses an OpenVEX document; `path` names it in errors and, without an `@id`, in suppressions.
    public static func parse(_ data: Data, path: String) throws(SpoolscanError) -> VEXDocument {
        func invalid(_ detail: String) -> SpoolscanError { SpoolscanError(.vexInvalid, "\(path): \(detail)") }
        guard let object = try? JSONSerialization.jsonObject(with: data), let root = object as? [String: Any] else {
            throw invalid("not a JSON object")
        }
        guard let context = root["@context"] as? String, context.contains("openvex") else {
            throw invalid("no OpenVEX @context (https://openvex.dev/ns/…)")
        }
        guard let rawStatements = root["statements"] as? [Any] else { throw invalid("no statements list") }
        let documentTime = (root["timestamp"] as? String).flatMap(PolicyDate.parse)
        var statements: [VEXStatement] = []
        for (index, raw) in rawStatements.enumerated() {
            guard let statement = raw as? [String: Any] else { throw invalid("statements[\(index)]: not an object") }
            statements.append(try parseStatement(statement, documentTime: documentTime) { invalid("statements[\(index)].\($0)") })
        }
        let source = (root["@id"] as? String).flatMap { $0.isEmpty ? nil : $0 } ?? path
        return VEXDocument(source: source, statements: statements)
    }

    private static func parseStatement(_ raw: [String: Any], documentTime: Date?,
                                       invalid: (String) -> SpoolscanError) throws(SpoolscanError) -> VEXStatement {
        var ids: [String] = []
        if let name = raw["vulnerability"] as? String {
            ids = [name]
        } else if let vulnerability = raw["vulnerability"] as? [String: Any] {
            ids = [vulnerability["name"], vulnerability["@id"]].compactMap { $0 as? String }
            ids += (vulnerability["aliases"] as? [Any] ?? []).compactMap { $0 as? String }
        }
        ids = ids.filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw invalid("vulnerability: missing name") }
        guard let statusText = raw["status"] as? String else { throw invalid("status: missing") }
        guard let status = VEXStatement.Status(rawValue: statusText) else {
            throw invalid("status: '\(statusText)' is not one of \(VEXStatement.Status.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let shared = (raw["subcomponents"] as? [Any] ?? []).map(identifiers).filter { !$0.isEmpty }
        var products: [VEXStatement.Product] = []
        for rawProduct in raw["products"] as? [Any] ?? [] {
            let ids = identifiers(rawProduct)
            guard !ids.isEmpty else { throw invalid("products: a product without @id or purl") }
            let subcomponents = ((rawProduct as? [String: Any])?["subcomponents"] as? [Any] ?? []).map(identifiers)
                .filter { !$0.isEmpty }
            products.append(VEXStatement.Product(identifiers: ids, subcomponents: subcomponents + shared))
        }
        guard !products.isEmpty else { throw invalid("products: missing") }
        return VEXStatement(
            vulnerabilityIDs: ids, products: products, status: status,
            justification: raw["justification"] as? String, impactStatement: raw["impact_statement"] as? String,
            statusNotes: raw["status_notes"] as? String,
            timestamp: (raw["timestamp"] as? String).flatMap(PolicyDate.parse) ?? documentTime)
    }

    /// The identifiers of a product or subcomponent: a plain string (v0.0.1), or `@id` and
    /// `identifiers.purl` of an object (v0.2.0).
    private static func identifiers(_ raw: Any) -> [String] {
        if let text = raw as? String { return text.isEmpty ? [] : [text] }
        guard let object = raw as? [String: Any] else { return [] }
        var ids = [object["@id"] as? String].compactMap { $0 }
        if let identifiers = object["identifiers"] as? [String: Any], let purl = identifiers["purl"] as? String { ids.append(purl) }
        return ids.filter { !$0.isEmpty }
    }
}
