import ScanReport

extension FindingID {
    /// `package:<purl>`: how a verdict's licence reasons name the packages that broke the rule.
    public static func of(_ package: Package) -> String { "package:\(package.purl)" }
}
