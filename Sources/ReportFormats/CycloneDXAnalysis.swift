import ScanReport

/// The CycloneDX `analysis` of a suppressed vulnerability finding.
enum CycloneDXAnalysis {
    /// The analysis of a suppressed finding.
    ///
    /// A VEX `not_affected` statement is `not_affected` with its justification mapped to
    /// CycloneDX's nearest one; VEX `fixed` is `resolved`. A policy ignore is a
    /// risk accepted by a person, not a claim about the code: it is `exploitable` with the response
    /// `will_not_fix`, and the ignore's reason (and expiry) as `detail`.
    static func of(_ suppression: Suppression) -> CycloneDXDocument.Analysis {
        var detail = suppression.reason
        if let expires = suppression.expires { detail += " (ignored until \(expires))" }
        if let source = suppression.source { detail += " [\(source)]" }
        switch suppression.kind {
        case .ignore:
            return .init(state: "exploitable", response: ["will_not_fix"], detail: "Ignored by policy: " + detail)
        case .vex:
            switch suppression.status {
            case "fixed":
                return .init(state: "resolved", detail: detail)
            case "affected":
                return .init(state: "exploitable", detail: detail)
            case "under_investigation":
                return .init(state: "in_triage", detail: detail)
            default:
                return .init(state: "not_affected", justification: suppression.justification.flatMap(justification), detail: detail)
            }
        }
    }

    /// OpenVEX justification → CycloneDX justification.
    static func justification(_ openVEX: String) -> String? {
        switch openVEX {
        case "component_not_present", "vulnerable_code_not_present": return "code_not_present"
        case "vulnerable_code_not_in_execute_path": return "code_not_reachable"
        case "vulnerable_code_cannot_be_controlled_by_adversary": return "requires_environment"
        case "inline_mitigations_already_exist": return "protected_by_mitigating_control"
        default: return nil
        }
    }
}
