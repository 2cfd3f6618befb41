/// The decision a policy reached about a report: pass or fail, and why.
public struct Verdict: Codable, Sendable, Equatable {
    /// `pass` or `fail`.
    public enum Result: String, Codable, Sendable { case pass, fail }

    /// Which policy file decided (its path as given and the SHA-256 of its bytes); nil path for the built-in default policy.
    public struct PolicyRef: Codable, Sendable, Equatable {
        public var path: String?
        public var sha256: String
        public init(path: String?, sha256: String) { self.path = path; self.sha256 = sha256 }
    }

    /// One rule that failed, with the findings (see ``FindingID``) that made it fail.
    public struct Reason: Codable, Sendable, Equatable {
        public var rule: String
        public var message: String?
        public var findingIds: [String]
        public init(rule: String, message: String? = nil, findingIds: [String]) {
            self.rule = rule; self.message = message; self.findingIds = findingIds
        }
    }

    public var result: Result
    public var policy: PolicyRef
    public var reasons: [Reason]
    /// When the verdict was reached (RFC 3339, UTC).
    public var decidedAt: String?

    public init(result: Result, policy: PolicyRef, reasons: [Reason], decidedAt: String? = nil) {
        self.result = result; self.policy = policy; self.reasons = reasons; self.decidedAt = decidedAt
    }
}
