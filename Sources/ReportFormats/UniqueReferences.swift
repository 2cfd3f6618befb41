/// Hands out identifiers that are unique within one document: the preferred text the first time,
/// then the text with `#2`, `#3`, … (CycloneDX `bom-ref`s and SPDX ids must not repeat, but the
/// same purl can occur twice in an image or once in each of several images).
struct UniqueReferences {
    private var used: [String: Int] = [:]

    mutating func make(_ preferred: String, separator: String = "#") -> String {
        guard let count = used[preferred] else {
            used[preferred] = 1
            return preferred
        }
        var next = count + 1
        while used["\(preferred)\(separator)\(next)"] != nil { next += 1 }
        used[preferred] = next
        let reference = "\(preferred)\(separator)\(next)"
        used[reference] = 1
        return reference
    }
}
