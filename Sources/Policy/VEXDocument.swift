import Foundation

/// An OpenVEX document (https://github.com/openvex/spec, v0.0.1 and v0.2.0 shapes).
public struct VEXDocument: Sendable, Equatable {
    /// The document's `@id`, else the path it was read from: recorded as a suppression's source.
    public var source: String
    public var statements: [VEXStatement]

    public init(source: String, statements: [VEXStatement]) {
        self.source = source; self.statements = statements
    }
}
