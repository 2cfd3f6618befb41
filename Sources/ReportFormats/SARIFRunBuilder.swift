import ScanReport

/// Collects SARIF rules (one per advisory, secret rule, malware rule, check) and results.
struct SARIFRunBuilder {
    private(set) var rules: [SARIFDocument.Rule] = []
    private(set) var results: [SARIFDocument.Result] = []
    private var ruleIndex: [String: Int] = [:]
    private var ruleScore: [String: Double] = [:]

    /// The index of rule `id`, adding it the first time; a later finding with a higher score
    /// raises the rule's `security-severity` and level.
    private mutating func rule(_ id: String, severity: Severity, score: Double?, make: () -> SARIFDocument.Rule) -> Int {
        let value = Double(SeverityMapping.securitySeverity(severity, score: score)) ?? 0
        if let index = ruleIndex[id] {
            if value > ruleScore[id, default: 0] {
                ruleScore[id] = value
                rules[index].properties.securitySeverity = SeverityMapping.securitySeverity(severity, score: score)
                rules[index].defaultConfiguration.level = SeverityMapping.sarifLevel(severity)
            }
            return index
        }
        rules.append(make())
        ruleIndex[id] = rules.count - 1
        ruleScore[id] = value
        return rules.count - 1
    }

    private static func makeRule(id: String, name: String, title: String, help: String, helpURI: String?,
                                 severity: Severity, score: Double?, tags: [String], precision: String? = nil) -> SARIFDocument.Rule {
        .init(id: id, name: name, shortDescription: .init(text: title), fullDescription: .init(text: help),
              helpUri: helpURI, help: .init(text: help),
              defaultConfiguration: .init(level: SeverityMapping.sarifLevel(severity)),
              properties: .init(securitySeverity: SeverityMapping.securitySeverity(severity, score: score),
                                tags: ["security"] + tags + [severity.rawValue], precision: precision))
    }

    mutating func add(vulnerability v: Vulnerability, paths: [String], image: String) {
        let title = v.title ?? "\(v.id) in \(v.packageName)"
        let helpURI = v.references.first(where: AdvisorySources.isWebLink) ?? AdvisorySources.source(of: v.id, fallback: v.source).url
        var help = "\(v.id)" + (v.aliases.isEmpty ? "" : " (\(v.aliases.joined(separator: ", ")))") + ": \(title)."
        if !v.references.isEmpty { help += " References: " + v.references.prefix(5).joined(separator: " ") }
        let index = rule(v.id, severity: v.severity, score: v.cvss?.score) {
            Self.makeRule(id: v.id, name: "PackageVulnerability", title: title, help: help, helpURI: helpURI,
                          severity: v.severity, score: v.cvss?.score, tags: ["vulnerability", v.packageType.rawValue])
        }
        var message = "\(v.packageName) \(v.installedVersion) (\(v.packageType.rawValue)) is affected by \(v.id), severity \(v.severity.rawValue)"
        message += v.fixedVersion.map { "; fixed in \($0)." } ?? "; no fixed version (\(v.status))."
        let locations = paths.isEmpty ? [SARIFWriter.location(path: nil, image: image, message: v.purl)]
            : paths.prefix(10).map { SARIFWriter.location(path: $0, image: image, message: v.purl) }
        var properties = ["purl": v.purl, "installedVersion": v.installedVersion, "status": v.status,
                          "layerDiffID": v.layer.diffID, "image": image]
        if let fixed = v.fixedVersion { properties["fixedVersion"] = fixed }
        results.append(.init(ruleId: v.id, ruleIndex: index, level: SeverityMapping.sarifLevel(v.severity), message: .init(text: message),
                             locations: locations, partialFingerprints: ["spoolscanFindingId/v1": FindingID.of(v)],
                             suppressions: SARIFWriter.suppressions(v.suppression), properties: properties))
    }

    mutating func add(secret s: SecretFinding, image: String) {
        let index = rule(s.ruleID, severity: s.severity, score: nil) {
            Self.makeRule(id: s.ruleID, name: "Secret", title: s.title,
                          help: "\(s.title) (\(s.category)). Remove the credential from the image and rotate it; a file deleted by a later layer still ships its bytes.",
                          helpURI: nil, severity: s.severity, score: nil, tags: ["secret", s.category],
                          precision: s.confidence.map { $0 == .high ? "high" : $0 == .medium ? "medium" : "low" })
        }
        var message = "\(s.title) in \(s.path)" + (s.line >= 1 ? ":\(s.line)" : "") + " (match \(s.match))"
        if s.deletedInLaterLayer { message += "; the file is deleted by a later layer but remains in the image" }
        var properties = ["image": image]
        if let layer = s.layer { properties["layerDiffID"] = layer.diffID }
        results.append(.init(ruleId: s.ruleID, ruleIndex: index, level: SeverityMapping.sarifLevel(s.severity), message: .init(text: message),
                             locations: [SARIFWriter.location(path: s.path, line: s.line, image: image)],
                             partialFingerprints: ["spoolscanFindingId/v1": FindingID.of(s)],
                             suppressions: SARIFWriter.suppressions(s.suppression), properties: properties))
    }

    mutating func add(malware m: MalwareFinding, image: String) {
        let id = "\(m.namespace)/\(m.rule)"
        let index = rule(id, severity: .critical, score: nil) {
            Self.makeRule(id: id, name: "Malware", title: "Malware: \(m.rule)",
                          help: "The file matches the malware rule \(m.rule) (\(m.namespace)). Tags: \(m.tags.joined(separator: ", ")).",
                          helpURI: nil, severity: .critical, score: nil, tags: ["malware"] + m.tags)
        }
        var message = "\(m.path) matches malware rule \(m.rule) (sha256 \(m.sha256))"
        if m.deletedInLaterLayer { message += "; the file is deleted by a later layer but remains in the image" }
        results.append(.init(ruleId: id, ruleIndex: index, level: SeverityMapping.sarifLevel(.critical), message: .init(text: message),
                             locations: [SARIFWriter.location(path: m.path, image: image)],
                             partialFingerprints: ["spoolscanFindingId/v1": FindingID.of(m)],
                             suppressions: SARIFWriter.suppressions(m.suppression),
                             properties: ["image": image, "layerDiffID": m.layer.diffID, "sha256": m.sha256]))
    }

    mutating func add(misconfiguration c: Misconfiguration, image: String) {
        let index = rule(c.id, severity: c.severity, score: nil) {
            Self.makeRule(id: c.id, name: "Misconfiguration", title: c.title, help: "\(c.id): \(c.title).",
                          helpURI: nil, severity: c.severity, score: nil, tags: ["misconfiguration"])
        }
        var locations = c.evidence.compactMap { evidence in
            SARIFWriter.evidencePath(evidence).map { SARIFWriter.location(path: $0, image: image, message: evidence) }
        }
        if locations.isEmpty {
            locations = [SARIFWriter.location(path: nil, image: image, message: c.evidence.first)]
        }
        let message = c.title + (c.evidence.isEmpty ? "" : ": " + c.evidence.prefix(5).joined(separator: "; "))
        results.append(.init(ruleId: c.id, ruleIndex: index, level: SeverityMapping.sarifLevel(c.severity), message: .init(text: message),
                             locations: Array(locations.prefix(20)), partialFingerprints: ["spoolscanFindingId/v1": FindingID.of(c)],
                             suppressions: SARIFWriter.suppressions(c.suppression), properties: ["image": image]))
    }
}
