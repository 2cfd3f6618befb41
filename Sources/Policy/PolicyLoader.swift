import Foundation
import ScanReport
import SpoolscanCore
import Yams

/// Reads policy files: YAML (JSON is YAML too) into a ``LoadedPolicy``.
public enum PolicyLoader {
    /// Largest policy file read (a policy is a few kilobytes; this stops a wrong path to a huge file).
    public static let maxBytes = 4 << 20

    /// Reads and checks the policy at `path`: `POL-002` when it cannot be read, `POL-001` when
    /// it is not a valid policy (the message names the offending key).
    public static func load(path: String) throws(SpoolscanError) -> LoadedPolicy {
        let data = try BoundedFile.read(path, maxBytes: maxBytes, code: .policyUnreadable)
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpoolscanError(.policyInvalid, "\(path): not UTF-8 text")
        }
        return try parse(text, path: path, sha256: SHA256Hasher.hex(data))
    }

    /// Parses policy YAML `text`; `path` is recorded in the verdict (nil for the built-in policy).
    public static func parse(_ text: String, path: String?, sha256: String? = nil) throws(SpoolscanError) -> LoadedPolicy {
        let label = path ?? "built-in policy"
        let policy: Policy
        do {
            guard !YAMLNesting.exceeds(text, limit: maxDepth) else {
                throw SpoolscanError(.policyInvalid, "\(label): YAML nested more than \(maxDepth) levels deep")
            }
            guard let node = try Yams.compose(yaml: text), node.mapping != nil else {
                throw SpoolscanError(.policyInvalid, "\(label): not a YAML mapping (a policy starts with `version: 1`)")
            }
            var budget = maxNodes
            guard within(node, budget: &budget) else {
                throw SpoolscanError(.policyInvalid, "\(label): more than \(maxNodes) YAML nodes once aliases are expanded")
            }
            policy = try YAMLDecoder().decode(Policy.self, from: text)
        } catch let error as SpoolscanError {
            throw error
        } catch let error as DecodingError {
            throw SpoolscanError(.policyInvalid, "\(label): \(describe(error))")
        } catch let error as YamlError {
            throw SpoolscanError(.policyInvalid, "\(label): not valid YAML: \(error)")
        } catch {
            throw SpoolscanError(.policyInvalid, "\(label): \(error)")
        }
        let digest = sha256 ?? SHA256Hasher.hex(Array(text.utf8))
        return LoadedPolicy(policy: policy, reference: Verdict.PolicyRef(path: path, sha256: digest))
    }

    /// Most YAML nodes a policy may expand to: aliases can make a small file expand
    /// exponentially ("billion laughs"); the walk stops as soon as the budget is spent.
    static let maxNodes = 200_000

    /// Deepest nesting of YAML collections a policy may have (a real one needs about six):
    /// parsing and decoding recurse once per level.
    static let maxDepth = 64

    private static func within(_ node: Node, budget: inout Int) -> Bool {
        budget -= 1
        guard budget >= 0 else { return false }
        if let mapping = node.mapping {
            for (key, value) in mapping where !(within(key, budget: &budget) && within(value, budget: &budget)) { return false }
        } else if let sequence = node.sequence {
            for item in sequence where !within(item, budget: &budget) { return false }
        }
        return true
    }

    /// A decoding error as `where: what` (`rules.vulnerabilities[0].severity: 'hi' is not a severity`).
    static func describe(_ error: DecodingError) -> String {
        func location(_ path: [CodingKey]) -> String {
            let text = path.reduce(into: "") { text, key in
                if let index = key.intValue { text += "[\(index)]" } else { text += text.isEmpty ? key.stringValue : ".\(key.stringValue)" }
            }
            return text.isEmpty ? "top level" : text
        }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(location(context.codingPath + [key])): missing"
        case .typeMismatch(let type, let context):
            return "\(location(context.codingPath)): expected \(type)"
        case .valueNotFound(let type, let context):
            return "\(location(context.codingPath)): expected \(type), found nothing"
        case .dataCorrupted(let context):
            return "\(location(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}
