import Foundation

/// Where `spoolscan db update` downloads each advisory feed from: the one list of source locations.
///
/// | feed | public location | environment override |
/// |---|---|---|
/// | OSV, one `all.zip` per ecosystem | `https://osv-vulnerabilities.storage.googleapis.com/<Ecosystem>/all.zip` | `SPOOLSCAN_OSV_URL` (the base) |
/// | Alpine secdb, `v3.N/{main,community}.json` | `https://secdb.alpinelinux.org/` (index page lists the branches) | `SPOOLSCAN_ALPINE_SECDB_URL` |
/// | Debian security tracker JSON | `https://security-tracker.debian.org/tracker/data/json` | `SPOOLSCAN_DEBIAN_TRACKER_URL` |
///
/// A mirror base URL (`db update --from URL`) stands for all three, laid out as a mirror folder:
/// `<base>/<Ecosystem>/all.zip`, `<base>/alpine-secdb/` (an index page listing `v3.N/`), and
/// `<base>/debian-tracker.json`. An override set to an empty string skips that feed.
public struct FeedSources: Sendable, Equatable {
    /// Base URL of the OSV export; `<osv>/<Ecosystem>/all.zip` is fetched for every ecosystem.
    public var osv: String?
    /// URL of Alpine's secdb index page; each branch is `<index>/v3.N/main.json` and `community.json`.
    public var alpineSecdb: String?
    /// URL of the Debian security tracker's JSON export.
    public var debianTracker: String?

    /// Sources at the given locations; nil leaves a feed out.
    public init(osv: String?, alpineSecdb: String?, debianTracker: String?) {
        self.osv = osv
        self.alpineSecdb = alpineSecdb
        self.debianTracker = debianTracker
    }

    /// OSV's public bucket of per-ecosystem exports.
    public static let osvBucket = "https://osv-vulnerabilities.storage.googleapis.com"
    /// Alpine's security database; its index page lists the `v3.N/` branches.
    public static let alpineSecdbIndex = "https://secdb.alpinelinux.org/"
    /// The Debian security tracker's JSON export (every source package, CVE and release).
    public static let debianTrackerJSON = "https://security-tracker.debian.org/tracker/data/json"

    /// Each feed from its publisher.
    public static let publicSources = FeedSources(
        osv: osvBucket, alpineSecdb: alpineSecdbIndex, debianTracker: debianTrackerJSON)

    /// Every feed from one mirror laid out like a mirror folder.
    public static func mirror(base: String) -> FeedSources {
        let root = base.hasSuffix("/") ? String(base.dropLast()) : base
        return FeedSources(osv: root, alpineSecdb: root + "/alpine-secdb/", debianTracker: root + "/debian-tracker.json")
    }

    /// The environment variables that override one source each.
    public static let environmentKeys = (osv: "SPOOLSCAN_OSV_URL", alpineSecdb: "SPOOLSCAN_ALPINE_SECDB_URL",
                                         debianTracker: "SPOOLSCAN_DEBIAN_TRACKER_URL")

    /// These sources with every `SPOOLSCAN_*_URL` variable that is set taking the place of its
    /// feed's location (an empty value leaves that feed out).
    public func overridden(by environment: [String: String] = ProcessInfo.processInfo.environment) -> FeedSources {
        func pick(_ key: String, _ current: String?) -> String? {
            guard let value = environment[key] else { return current }
            return value.isEmpty ? nil : value
        }
        let keys = Self.environmentKeys
        return FeedSources(osv: pick(keys.osv, osv), alpineSecdb: pick(keys.alpineSecdb, alpineSecdb),
                           debianTracker: pick(keys.debianTracker, debianTracker))
    }
}
