import Foundation
import Testing
@testable import ScanReport

/// `report diff`: findings paired by FindingID; new, fixed and changed; the exit decision.
@Suite struct ReportDiffTests {
    @Test func newFixedAndChanged() throws {
        let old = ReportRendererTests.report()
        var new = old
        new.createdAt = "2026-11-27T03:00:00Z"
        var image = new.artifact.images[0]
        image.vulnerabilities.removeAll { $0.id == "GO-2023-0002" }                 // fixed
        image.vulnerabilities[0].severity = .critical                               // changed: severity
        image.vulnerabilities[0].fixedVersion = "1.20.4"                            // changed: fixed version
        image.vulnerabilities.append(ReportRendererTests.vuln("GO-2023-0009", "stdlib", .medium, fixed: nil,
                                                              purl: "pkg:golang/stdlib@1.20.1"))  // new
        image.misconfigurations[0].suppression = Suppression(kind: .vex, reason: "", status: "not_affected",
                                                             justification: "component_not_present")
        new.artifact.images[0] = image
        let diff = ReportDiff(old: old, new: new, oldPath: "a.json", newPath: "b.json")
        #expect(diff.added.map(\.id) == ["GO-2023-0009"])
        #expect(diff.fixed.map(\.id) == ["GO-2023-0002"])
        #expect(diff.changed.map(\.finding.id) == ["GO-2023-0001", "CIS-DI-0001"])
        #expect(diff.changed[0].changes.map(\.field) == ["severity", "fixedVersion"])
        #expect(diff.changed[0].changes[0].old == "HIGH" && diff.changed[0].changes[0].new == "CRITICAL")
        #expect(diff.changed[1].changes == [.init(field: "suppression", old: nil, new: "VEX not_affected: component_not_present")])
        #expect(diff.unchanged == 4)
        #expect(diff.hasNew)

        let text = diff.render()
        #expect(text.contains("1 new, 1 fixed, 2 changed, 4 unchanged"))
        #expect(text.contains("+ MEDIUM vuln GO-2023-0009"))
        #expect(text.contains("severity HIGH → CRITICAL, fixedVersion 1.20.2 → 1.20.4"))

        let json = try JSONSerialization.jsonObject(with: ReportCodec.encode(diff)) as? [String: Any]
        #expect(Set(json?.keys.map { $0 } ?? []) == ["oldReport", "newReport", "new", "fixed", "changed", "unchanged"])
        #expect(try ReportCodec.decode(ReportDiff.self, from: ReportCodec.encode(diff)) == diff)
    }

    @Test func nothingNewAndSuppressedNewDoNotCount() {
        let old = ReportRendererTests.report()
        #expect(!ReportDiff(old: old, new: old, oldPath: "a", newPath: "a").hasNew)
        var new = old
        var ignored = ReportRendererTests.vuln("GO-2023-0010", "stdlib", .critical, fixed: nil, purl: "pkg:golang/stdlib@1.20.1")
        ignored.suppression = Suppression(kind: .ignore, reason: "accepted")
        new.artifact.images[0].vulnerabilities.append(ignored)
        let diff = ReportDiff(old: old, new: new, oldPath: "a", newPath: "b")
        #expect(diff.added.map(\.id) == ["GO-2023-0010"] && !diff.hasNew)
    }
}
