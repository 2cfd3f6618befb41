import ScanReport

/// A policy together with where it came from: the verdict names the file and its SHA-256.
public struct LoadedPolicy: Sendable, Equatable {
    public var policy: Policy
    /// The file path as given (nil for the built-in policy) and the SHA-256 of the bytes read.
    public var reference: Verdict.PolicyRef

    public init(policy: Policy, reference: Verdict.PolicyRef) {
        self.policy = policy; self.reference = reference
    }

    /// The policy that applies when none is given (``DefaultPolicy``).
    public static let builtIn: LoadedPolicy = {
        do {
            return try PolicyLoader.parse(DefaultPolicy.yaml, path: nil)
        } catch {
            preconditionFailure("the built-in policy does not parse: \(error)")
        }
    }()
}
