import ScanReport

/// The secret rules spoolscan ships with. Written for spoolscan; coverage modelled on the
/// providers the common open-source scanners know about (cloud, source hosting, package
/// registries, SaaS APIs, AI providers, private keys, database URLs, generic assignments).
public enum BuiltinSecretRules {
    /// Every built-in rule, ids unique.
    public static let all: [SecretRule] = cloud + sourceAndPackages + services + messaging + keysAndGeneric

    /// Common value shapes.
    static let uuid = #"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"#
    static let hex32 = #"[0-9a-f]{32}"#
}
