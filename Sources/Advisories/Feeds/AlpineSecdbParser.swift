import Foundation
import SpoolscanCore

/// Reads Alpine's security database (`secdb` JSON: `distroversion`, `packages[].pkg.{name, secfixes}`).
///
/// `secfixes` maps a package version to the CVEs fixed in it; each CVE becomes one advisory with an
/// `introduced 0, fixed <version>` range per package. The key `0` lists CVEs the package was never
/// affected by; they are recorded as `not_affected`. Source name: `alpine-secdb:v3.N`.
enum AlpineSecdbParser {
    static func looksLike(_ object: [String: Any]) -> Bool {
        object["packages"] is [Any] && (object["distroversion"] != nil || object["reponame"] != nil)
    }

    static func read(_ object: [String: Any], origin: String, into sink: FeedSink) throws {
        guard let distroversion = object["distroversion"] as? String else {
            throw SpoolscanError(.dbImportFormat, "\(origin): Alpine secdb without distroversion")
        }
        let release = Ecosystem.majorMinor(distroversion)
        let source = "alpine-secdb:v\(release)"
        var byID: [String: AdvisoryRecord] = [:]
        var order: [String] = []
        for case let entry as [String: Any] in object["packages"] as? [Any] ?? [] {
            guard let pkg = entry["pkg"] as? [String: Any], let name = pkg["name"] as? String,
                  let secfixes = pkg["secfixes"] as? [String: Any] else { continue }
            for (version, value) in secfixes.sorted(by: { $0.key < $1.key }) {
                for id in ids(value) {
                    let affected = AffectedPackage(
                        ecosystem: .alpine, release: release, name: name,
                        status: version == "0" ? .notAffected : .affected,
                        ranges: version == "0" ? [] : [VersionRange.upTo(fixed: version)])
                    if byID[id] == nil {
                        order.append(id)
                        byID[id] = AdvisoryRecord(id: id, source: source,
                                                  references: ["https://security.alpinelinux.org/vuln/\(id)"])
                    }
                    byID[id]!.affected.append(affected)
                }
            }
        }
        for id in order { try sink.add(byID[id]!, origin: origin) }
    }

    /// Entries are usually `CVE-…` strings; some list several ids or a note after the id.
    static func ids(_ value: Any) -> [String] {
        let strings = (value as? [Any])?.compactMap { $0 as? String } ?? []
        return strings.flatMap { $0.split(whereSeparator: { $0 == " " || $0 == "," }) }
            .map(String.init)
            .filter { $0.contains("-") && ($0.first?.isLetter ?? false) }
    }
}
