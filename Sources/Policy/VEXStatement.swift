import Foundation

/// One OpenVEX statement: what its author says about one vulnerability in some products.
public struct VEXStatement: Sendable, Equatable {
    /// OpenVEX statuses. `not_affected` and `fixed` suppress matching findings.
    public enum Status: String, Sendable, CaseIterable {
        case notAffected = "not_affected"
        case affected
        case fixed
        case underInvestigation = "under_investigation"

        /// Whether a finding this statement matches stops counting against the policy.
        public var suppresses: Bool { self == .notAffected || self == .fixed }
    }

    /// A product: its identifiers (`@id` and `identifiers.purl`) and those of its subcomponents.
    public struct Product: Sendable, Equatable {
        public var identifiers: [String]
        public var subcomponents: [[String]]
        public init(identifiers: [String], subcomponents: [[String]] = []) {
            self.identifiers = identifiers; self.subcomponents = subcomponents
        }
    }

    /// The vulnerability's `name`, `@id` and `aliases`.
    public var vulnerabilityIDs: [String]
    public var products: [Product]
    public var status: Status
    public var justification: String?
    public var impactStatement: String?
    public var statusNotes: String?
    /// The statement's timestamp, else the document's; a later statement overrides an earlier one.
    public var timestamp: Date?

    public init(vulnerabilityIDs: [String], products: [Product], status: Status, justification: String? = nil,
                impactStatement: String? = nil, statusNotes: String? = nil, timestamp: Date? = nil) {
        self.vulnerabilityIDs = vulnerabilityIDs; self.products = products; self.status = status
        self.justification = justification; self.impactStatement = impactStatement
        self.statusNotes = statusNotes; self.timestamp = timestamp
    }

    /// Whether the statement is about the advisory `id` or one of `aliases` (case-insensitive).
    public func names(id: String, aliases: [String]) -> Bool {
        let wanted = Set(([id] + aliases).map { $0.uppercased() })
        return vulnerabilityIDs.contains { wanted.contains($0.uppercased()) }
    }
}
