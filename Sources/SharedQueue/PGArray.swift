/// PostgreSQL array literals for passing many values as one text parameter (`$1::text[]`).
enum PGArray {
    /// `{"a","b"}`: every element quoted, `\` and `"` escaped.
    static func text(_ values: [String]) -> String {
        "{" + values.map { value in
            "\"" + value.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
        }.joined(separator: ",") + "}"
    }

    /// `{1,2,3}`.
    static func integers(_ values: [Int64]) -> String {
        "{" + values.map(String.init).joined(separator: ",") + "}"
    }
}
