/// Stable identifiers for findings, the same in every report of the same image: a verdict's
/// reasons name findings by them, and `report diff` pairs old and new findings by them.
public enum FindingID {
    /// `vuln:<advisory id>:<purl>`
    public static func of(_ v: Vulnerability) -> String { "vuln:\(v.id):\(v.purl)" }
    /// `secret:<rule>:<path>:<line>`
    public static func of(_ s: SecretFinding) -> String { "secret:\(s.ruleID):\(s.path):\(s.line)" }
    /// `malware:<namespace>/<rule>:<path>`
    public static func of(_ m: MalwareFinding) -> String { "malware:\(m.namespace)/\(m.rule):\(m.path)" }
    /// `misconfig:<check id>`
    public static func of(_ m: Misconfiguration) -> String { "misconfig:\(m.id)" }
}
