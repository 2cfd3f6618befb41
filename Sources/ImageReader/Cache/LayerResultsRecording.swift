/// A ``LayerVisitor`` whose results for one layer can be saved and put back, so a layer whose
/// analysis is cached need not be decompressed and read again.
///
/// What a visitor saves for a layer must be everything it later derives from that layer's
/// files (captured metadata, parsed packages, detector hits, notes), and nothing that depends
/// on other layers: the image's final view (whiteouts, later layers overriding files) is worked
/// out after reading, the same way for restored and freshly read layers.
public protocol LayerResultsRecording: LayerVisitor {
    /// Names the visitor and the version of its saved form (`packages/1`). Part of cache keys:
    /// a change of what is saved, or how, must change it.
    var resultsFormat: String { get }
    /// This visitor's results for `layer` (read completely), serialised.
    func saveResults(of layer: LayerStreamID) -> [UInt8]
    /// Puts back results saved by ``saveResults(of:)`` as the results of `layer`. Returns false
    /// (changing nothing) when `bytes` cannot be decoded.
    func restoreResults(_ bytes: [UInt8], as layer: LayerStreamID) -> Bool
    /// Drops whatever this visitor holds for `layer` (a restore that must be undone).
    func forgetResults(of layer: LayerStreamID)
}
