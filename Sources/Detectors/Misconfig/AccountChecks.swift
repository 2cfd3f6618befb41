import ScanReport

/// Checks on `etc/passwd`, `etc/shadow` and `etc/group` of the final filesystem.
enum AccountChecks {
    /// Parses colon-separated records, skipping comments and blank lines.
    static func records(_ text: String) -> [[Substring]] {
        text.split(separator: "\n").compactMap { line in
            let trimmed = line.drop { $0 == " " || $0 == "\t" }
            guard !trimmed.isEmpty, !trimmed.hasPrefix("#") else { return nil }
            return trimmed.split(separator: ":", omittingEmptySubsequences: false)
        }
    }

    static func run(passwd: String?, shadow: String?, group: String?) -> [Misconfiguration] {
        var empty: [String] = []
        let shadowRecords = shadow.map(records) ?? []
        let shadowed = Set(shadowRecords.map { String($0[0]) })
        for record in passwd.map(records) ?? [] where record.count >= 2 {
            // An empty password field lets anyone log in; `x` defers to etc/shadow.
            if record[1].isEmpty && !shadowed.contains(String(record[0])) { empty.append("etc/passwd: \(record[0])") }
        }
        for record in shadowRecords where record.count >= 2 && record[1].isEmpty {
            empty.append("etc/shadow: \(record[0])")
        }
        var result: [Misconfiguration] = []
        if !empty.isEmpty { result.append(MisconfigCheck.emptyPassword.finding(empty)) }
        let duplicates = duplicated(passwd.map(records) ?? [], kind: "uid") + duplicated(group.map(records) ?? [], kind: "gid")
        if !duplicates.isEmpty { result.append(MisconfigCheck.duplicateIDs.finding(duplicates)) }
        return result
    }

    /// `uid 0: root, toor` for every numeric id (third field) used by more than one name.
    private static func duplicated(_ records: [[Substring]], kind: String) -> [String] {
        var names: [Int: [String]] = [:]
        for record in records where record.count >= 3 {
            guard let id = Int(record[2]) else { continue }
            names[id, default: []].append(String(record[0]))
        }
        return names.keys.sorted().compactMap { id in
            guard let list = names[id], list.count > 1 else { return nil }
            return "\(kind) \(id): " + list.joined(separator: ", ")
        }
    }
}
