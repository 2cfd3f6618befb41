import Foundation

/// The branch list of Alpine's secdb index page (`https://secdb.alpinelinux.org/`, or a mirror's
/// `alpine-secdb/` folder listing): every link to a `v3.N/` folder.
public enum AlpineSecdbIndex {
    /// The feed files each branch holds.
    public static let files = ["main.json", "community.json"]

    /// The `vMAJOR.MINOR` branches linked from an HTML index page, in version order, without
    /// duplicates. `edge` and anything not shaped like a release branch are left out.
    public static func branches(inHTML html: String) -> [String] {
        var found = Set<String>()
        var rest = Substring(html)
        while let start = rest.range(of: "href=", options: .caseInsensitive) {
            rest = rest[start.upperBound...]
            guard let quote = rest.first, quote == "\"" || quote == "'" else { continue }
            rest = rest.dropFirst()
            guard let end = rest.firstIndex(of: quote) else { break }
            var target = rest[..<end]
            rest = rest[end...]
            if target.hasPrefix("./") { target = target.dropFirst(2) }
            if target.hasSuffix("/") { target = target.dropLast() }
            if let name = target.split(separator: "/").last, isBranch(name) { found.insert(String(name)) }
        }
        return found.sorted { order($0).lexicographicallyPrecedes(order($1)) }
    }

    /// Whether `name` is a release branch such as `v3.20`.
    static func isBranch(_ name: Substring) -> Bool {
        guard name.first == "v" else { return false }
        let parts = name.dropFirst().split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 2 && parts.allSatisfy { !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }
    }

    private static func order(_ branch: String) -> [Int] {
        branch.dropFirst().split(separator: ".").map { Int($0) ?? 0 }
    }
}
