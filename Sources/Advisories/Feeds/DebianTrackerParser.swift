import Foundation

/// Reads the Debian security tracker's JSON (`source package → CVE → releases → codename →
/// {status, fixed_version, urgency, nodsa_reason}`).
///
/// Status mapping: `resolved` with a fixed version → fixed in that version (`fixed_version` `0`
/// means never affected: skipped); `open` → affected (no fix); `no-dsa`/`ignored` (or `open` with
/// `nodsa_reason` `ignored` or empty) → `will_not_fix`; `postponed` → `fix_deferred`;
/// `undetermined` → recorded, never reported; `not-affected` → skipped. Releases map by codename
/// (buster 10, bullseye 11, bookworm 12, trixie 13); others (sid) are skipped. The urgency is kept
/// as the distribution's rating. Source name: `debian-tracker`.
enum DebianTrackerParser {
    static let releases = ["jessie": "8", "stretch": "9", "buster": "10", "bullseye": "11", "bookworm": "12",
                           "trixie": "13", "forky": "14"]

    /// The tracker's top level is a map of source packages to maps of CVE ids to entries with `releases`.
    static func looksLike(_ object: [String: Any]) -> Bool {
        for (_, value) in object.prefix(5) {
            guard let cves = value as? [String: Any] else { return false }
            if let entry = cves.first?.value as? [String: Any] { return entry["releases"] is [String: Any] }
        }
        return false
    }

    static func read(_ object: [String: Any], origin: String, into sink: FeedSink) throws {
        var byID: [String: AdvisoryRecord] = [:]
        for (package, value) in object.sorted(by: { $0.key < $1.key }) {
            guard let cves = value as? [String: Any] else { continue }
            for (id, entryValue) in cves {
                guard let entry = entryValue as? [String: Any], let releases = entry["releases"] as? [String: Any] else { continue }
                for (codename, releaseValue) in releases {
                    guard let release = Self.releases[codename], let info = releaseValue as? [String: Any],
                          let affected = affected(package: package, release: release, info: info) else { continue }
                    if byID[id] == nil {
                        byID[id] = AdvisoryRecord(
                            id: id, source: "debian-tracker",
                            summary: (entry["description"] as? String).map { String($0.prefix(240)) },
                            references: ["https://security-tracker.debian.org/tracker/\(id)"])
                    }
                    byID[id]!.affected.append(affected)
                }
            }
        }
        for id in byID.keys.sorted() { try sink.add(byID[id]!, origin: origin) }
    }

    static func affected(package: String, release: String, info: [String: Any]) -> AffectedPackage? {
        let status = (info["status"] as? String ?? "").lowercased()
        let urgency = (info["urgency"] as? String).map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "*")) }
        let fixed = info["fixed_version"] as? String
        let nodsa = info["nodsa_reason"] as? String ?? (info["nodsa"] != nil ? "" : nil)
        var result = AffectedPackage(ecosystem: .debian, release: release, name: package, severity: urgency)
        switch status {
        case "resolved":
            guard let fixed, fixed != "0" else { return nil }
            result.ranges = [VersionRange.upTo(fixed: fixed)]
        case "open" where nodsa == "postponed", "postponed":
            result.status = .fixDeferred
        case "open" where nodsa != nil, "no-dsa", "ignored":
            result.status = .willNotFix
        case "open":
            result.status = .affected
        case "undetermined":
            result.status = .undetermined
        default:
            return nil   // not-affected and unknown statuses
        }
        if result.ranges.isEmpty { result.ranges = [VersionRange.upTo(fixed: nil)] }
        return result
    }
}
