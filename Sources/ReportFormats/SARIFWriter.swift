import Foundation
import ScanReport

/// Writes a report's findings as a SARIF 2.1.0 log (GitHub code scanning, DefectDojo, IDEs).
///
/// One run; one rule per advisory, secret rule, malware rule (`namespace/rule`) and
/// misconfiguration check, each with `security-severity` (the highest CVSS score of its findings,
/// else a score in the band of its severity) and a default `level` from its severity
/// (CRITICAL/HIGH `error`, MEDIUM `warning`, else `note`). Each finding is one result located at
/// the file path inside the image: the secret's file and line, the malware file, the paths a
/// misconfiguration names, and the package database or file a vulnerable package was read from.
/// Findings in the image config (ENV, history, USER) are located at the image reference, with
/// the config field as a logical location. A suppressed
/// finding carries a SARIF `suppressions` entry (kind `external`, status `accepted`).
public enum SARIFWriter {
    /// Where spoolscan's documentation lives (SARIF's `informationUri`).
    public static let informationURI = "https://github.com/spoolscan/spoolscan"

    /// The SARIF log for `report`, as pretty-printed JSON with sorted keys.
    public static func render(_ report: Report) throws -> Data {
        try ReportCodec.encode(document(for: report))
    }

    static func document(for report: Report) -> SARIFDocument {
        var builder = SARIFRunBuilder()
        for image in report.artifact.images {
            let imageName = ImageNaming(image, fallback: (report.artifact.path as NSString).lastPathComponent).reference
            var pathsByPurl: [String: [String]] = [:]
            for package in image.packages where pathsByPurl[package.purl] == nil { pathsByPurl[package.purl] = package.paths }
            for finding in image.vulnerabilities {
                builder.add(vulnerability: finding, paths: pathsByPurl[finding.purl] ?? [], image: imageName)
            }
            for finding in image.secrets { builder.add(secret: finding, image: imageName) }
            for finding in image.malware { builder.add(malware: finding, image: imageName) }
            for finding in image.misconfigurations { builder.add(misconfiguration: finding, image: imageName) }
        }
        var properties = ["artifact": report.artifact.path, "artifactSha256": report.artifact.sha256, "createdAt": report.createdAt]
        if let verdict = report.verdict { properties["verdict"] = verdict.result.rawValue }
        let driver = SARIFDocument.Driver(name: report.scanner.name, version: report.scanner.version,
                                          informationUri: informationURI, rules: builder.rules)
        return SARIFDocument(runs: [.init(tool: .init(driver: driver), results: builder.results, properties: properties)])
    }

    /// A path inside the image as a relative URI reference (`usr/lib/x y` → `usr/lib/x%20y`).
    static func uri(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: ":;")
        let relative = path.hasPrefix("/") ? String(path.drop { $0 == "/" }) : path
        return relative.addingPercentEncoding(withAllowedCharacters: allowed) ?? relative
    }

    /// The file path a misconfiguration's evidence line names (`usr/bin/su (mode 4755)`,
    /// `file root/.ssh/id_rsa`, `etc/shadow: user`), or nil for config fields and history lines.
    static func evidencePath(_ evidence: String) -> String? {
        var text = Substring(evidence)
        if text.hasPrefix("file ") { text = text.dropFirst(5) }
        if let range = text.range(of: " (") { text = text[..<range.lowerBound] }
        if let range = text.range(of: ": ") { text = text[..<range.lowerBound] }
        guard !text.isEmpty, !text.contains(" "), !text.hasPrefix("config"), !text.hasPrefix("history["),
              text.contains("/") || text.contains(".") else { return nil }
        return String(text)
    }

    /// SARIF's location for a finding with `path` inside the image. Findings in the image config
    /// (`config:Env`, `config:history[3]`) or without a path are located at the image reference
    /// (so every result has a physical location), with the config field as a logical location.
    static func location(path: String?, line: Int? = nil, image: String, message: String? = nil) -> SARIFDocument.Location {
        guard let path, !path.isEmpty, !path.hasPrefix("config:") else {
            return .init(physicalLocation: .init(artifactLocation: .init(uri: uri(image))),
                         logicalLocations: [.init(name: path ?? "image", kind: "resource")],
                         message: message.map { .init(text: $0) })
        }
        return .init(physicalLocation: .init(artifactLocation: .init(uri: uri(path)), region: line.flatMap { $0 >= 1 ? .init(startLine: $0) : nil }),
                     message: message.map { .init(text: $0) })
    }

    /// The SARIF suppression of a suppressed finding.
    static func suppressions(_ suppression: Suppression?) -> [SARIFDocument.Suppression]? {
        guard let suppression else { return nil }
        var justification = suppression.kind == .vex ? "VEX \(suppression.status ?? "not_affected")" : "ignored by policy"
        if let reason = Optional(suppression.reason), !reason.isEmpty { justification += ": \(reason)" }
        if let detail = suppression.justification { justification += " (\(detail))" }
        if let expires = suppression.expires { justification += ", until \(expires)" }
        return [.init(kind: "external", status: "accepted", justification: justification)]
    }
}
