import Foundation
import Advisories

/// Version parsing and comparison, one comparator per scheme. The first input byte chooses
/// the scheme; the rest is two versions separated by a newline. Besides not crashing, every
/// comparator must be a consistent order on what it is given: `compare(a, a) == 0`,
/// `compare(a, b) == -compare(b, a)` in sign, and `pinned(a)(b)` agrees with `compare(a, b)`.
enum VersionTargets {
    /// One comparator per distinct scheme, in ecosystem order.
    static let comparators: [any VersionComparator] = {
        var seen = Set<String>()
        return Ecosystem.allCases.map(\.comparator).filter { seen.insert($0.scheme).inserted }
    }()

    static let all: [FuzzTarget] = [
        FuzzTarget("versions", "version parsing and comparison for every scheme (\(comparators.map(\.scheme).joined(separator: ", ")))",
                   maxLength: 512, seeds: seeds) { check($0) },
    ]

    static func check(_ input: [UInt8]) {
        guard let selector = input.first else { return }
        let comparator = comparators[Int(selector) % comparators.count]
        let text = String(decoding: input.dropFirst(), as: UTF8.self)
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let a = String(parts[0]), b = parts.count > 1 ? String(parts[1]) : ""
        let ab = comparator.compare(a, b).signum(), ba = comparator.compare(b, a).signum()
        let scheme = comparator.scheme
        if comparator.compare(a, a) != 0 { fatalError("\(scheme): compare(a, a) != 0 for a = \(a.debugDescription)") }
        if ab != -ba { fatalError("\(scheme): compare(\(a.debugDescription), \(b.debugDescription)) = \(ab) but reversed = \(ba)") }
        if comparator.pinned(a)(b).signum() != ab {
            fatalError("\(scheme): pinned(\(a.debugDescription))(\(b.debugDescription)) disagrees with compare")
        }
    }

    /// The ordered pairs of `Tests/AdvisoriesTests/Fixtures/versions-SCHEME.tsv`, one seed per pair.
    static func seeds() -> [(String, [UInt8])] {
        var result: [(String, [UInt8])] = []
        for (index, comparator) in comparators.enumerated() {
            let path = SeedWriter.repositoryRoot + "/Tests/AdvisoriesTests/Fixtures/versions-\(comparator.scheme).tsv"
            guard let table = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            for (line, row) in table.split(separator: "\n").enumerated() where !row.hasPrefix("#") {
                let fields = row.split(separator: "\t", omittingEmptySubsequences: false)
                guard fields.count >= 2 else { continue }
                result.append(("\(comparator.scheme)-\(line)", [UInt8(index)] + Array("\(fields[0])\n\(fields[1])".utf8)))
            }
        }
        return result
    }
}
