import ScanReport

/// Chooses a finding's severity: the distribution's own rating for OS packages (Debian urgency,
/// Ubuntu priority) when it has one; else the CVSS score computed from the vector (v3.x preferred,
/// else v4.0); else the severity the record states in words; else UNKNOWN. The CVSS vector (v3
/// preferred, else v4, else v2) is kept with its score where one can be computed.
enum SeverityResolver {
    /// How a severity was decided, best first.
    enum Basis: Int, Comparable {
        case distribution, cvss, stated, unknown
        static func < (a: Basis, b: Basis) -> Bool { a.rawValue < b.rawValue }
    }

    struct Resolution {
        var severity: Severity
        var cvss: CVSS?
        var basis: Basis
    }

    static func resolve(osPackage: Bool, packageSeverity: String?, statedSeverity: String?, vectors: [String]) -> Resolution {
        resolve(osPackage: osPackage, packageSeverity: packageSeverity, statedSeverity: statedSeverity, cvss: cvss(vectors))
    }

    /// The vector to keep (v3 preferred, else v4, else the first) with its computed score.
    static func cvss(_ vectors: [String]) -> CVSS? {
        if let v3 = vectors.lazy.compactMap({ CVSSv3(vector: $0) }).first { return CVSS(vector: v3.vector, score: v3.baseScore) }
        if let v4 = vectors.lazy.compactMap({ CVSSv4(vector: $0) }).first { return CVSS(vector: v4.vector, score: v4.baseScore) }
        return (vectors.first { $0.hasPrefix("CVSS:4") } ?? vectors.first).map { CVSS(vector: $0, score: nil) }
    }

    /// As above, with the advisory's CVSS already chosen (``cvss(_:)``).
    static func resolve(osPackage: Bool, packageSeverity: String?, statedSeverity: String?, cvss: CVSS?) -> Resolution {
        if osPackage, let word = packageSeverity, let severity = words(word) {
            return Resolution(severity: severity, cvss: cvss, basis: .distribution)
        }
        if let score = cvss?.score { return Resolution(severity: CVSSv3.severity(score: score), cvss: cvss, basis: .cvss) }
        for word in [statedSeverity, packageSeverity].compactMap({ $0 }) {
            if let severity = words(word) { return Resolution(severity: severity, cvss: cvss, basis: .stated) }
        }
        return Resolution(severity: .unknown, cvss: cvss, basis: .unknown)
    }

    /// Maps feed wording to a severity: Debian urgencies (`unimportant`, `low`, `medium`, `high`),
    /// Ubuntu priorities (`negligible` … `critical`), GHSA (`MODERATE`), Red Hat (`important`).
    /// `not yet assigned`, `end-of-life` and unknown words give nil.
    static func words(_ text: String) -> Severity? {
        switch text.lowercased().trimmingCharacters(in: ["*", " "]) {
        case "unimportant", "negligible", "none": return .negligible
        case "low": return .low
        case "medium", "moderate": return .medium
        case "high", "important": return .high
        case "critical": return .critical
        default: return nil
        }
    }
}

extension String {
    func trimmingCharacters(in set: Set<Character>) -> String {
        String(drop { set.contains($0) }.reversed().drop { set.contains($0) }.reversed())
    }
}
