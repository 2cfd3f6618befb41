import SpoolscanCore

/// Everything one pass over an archive found, by normalised member path.
struct ArchiveContents {
    var metadata: [String: MetadataBlob] = [:]
    var layers: [String: LayerRecord] = [:]
    var notLayers: [String: SpoolscanError] = [:]
    /// Symlinks and hard links between members (docker save links shared layers).
    var aliases: [String: String] = [:]
    var nextStreamID = 0

    /// Follows member links (at most 16) to the member that holds the bytes.
    func resolve(_ path: String) -> String {
        var current = path
        var hops = 0
        while let target = aliases[current], hops < 16 {
            current = target
            hops += 1
        }
        return current
    }
}
