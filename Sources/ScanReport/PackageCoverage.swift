/// One group of an image's packages (same package type, advisory ecosystem and release) and
/// whether the advisory database holds any advisories for it. A group that was not checked has
/// no vulnerability count: its packages are "not checked", never "0 vulnerabilities".
public struct PackageCoverage: Codable, Sendable, Equatable {
    public var packageType: PackageType
    /// The advisory ecosystem as OSV names it (`Debian`, `Alpine`, `PyPI`, `Go`); nil when
    /// spoolscan has no advisory source for these packages (an undetected or unsupported OS).
    public var ecosystem: String?
    /// The distribution release (`12`, `3.20`) for OS packages; nil for language ecosystems.
    public var release: String?
    /// The image's OS family and version when `ecosystem` is nil for OS packages (`fedora 40`).
    public var os: String?
    /// How many packages are in the group.
    public var packages: Int
    /// Whether the database holds advisories for this ecosystem and release.
    public var checked: Bool

    public init(packageType: PackageType, ecosystem: String?, release: String?, os: String? = nil,
                packages: Int, checked: Bool) {
        self.packageType = packageType; self.ecosystem = ecosystem; self.release = release
        self.os = os; self.packages = packages; self.checked = checked
    }

    /// `Debian 12`, `PyPI`, `fedora 40`, `an undetected operating system`.
    public var scope: String {
        if let ecosystem { return release.map { "\(ecosystem) \($0)" } ?? ecosystem }
        return os ?? "an undetected operating system"
    }
}

extension Array where Element == PackageCoverage {
    /// Packages in groups the database could not speak for.
    public var uncheckedPackages: Int { filter { !$0.checked }.reduce(0) { $0 + $1.packages } }
    /// Packages in groups the database holds advisories for.
    public var checkedPackages: Int { filter(\.checked).reduce(0) { $0 + $1.packages } }
}
