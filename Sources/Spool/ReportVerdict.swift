import Foundation

/// The policy's verdict read from a final report, without decoding the rest of it.
enum ReportVerdict {
    private struct Peek: Decodable {
        struct Verdict: Decodable { var result: String }
        var verdict: Verdict?
    }

    /// `pass`, `fail`, or `none` when the report carries no verdict; nil when `path` is no readable report.
    static func read(_ path: String) -> String? {
        guard let data = FileOps.read(path), let peek = try? JSONDecoder().decode(Peek.self, from: data) else { return nil }
        return peek.verdict?.result ?? "none"
    }
}
