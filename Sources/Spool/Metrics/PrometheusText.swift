/// Builds a file in the Prometheus text exposition format (version 0.0.4), the format
/// node_exporter's textfile collector reads: for each family a `# HELP` and a `# TYPE` line, then
/// its samples `name{label="value",…} value`, one per line, the file ending with a newline.
public struct PrometheusText: Sendable {
    /// The metric types the format knows.
    public enum MetricType: String, Sendable { case counter, gauge, histogram, summary, untyped }

    public private(set) var text = ""
    /// Labels added to every sample (e.g. `role="daemon"`), first.
    public let constantLabels: [(String, String)]

    public init(constantLabels: [(String, String)] = []) {
        self.constantLabels = constantLabels
    }

    /// Starts a family: its `# HELP` and `# TYPE` lines.
    public mutating func family(_ name: String, _ type: MetricType, help: String) {
        text += "# HELP \(name) \(Self.escapeHelp(help))\n# TYPE \(name) \(type.rawValue)\n"
    }

    /// One sample line.
    public mutating func sample(_ name: String, _ labels: [(String, String)] = [], _ value: Double) {
        let all = constantLabels + labels
        if all.isEmpty {
            text += "\(name) \(Self.format(value))\n"
        } else {
            let rendered = all.map { "\($0.0)=\"\(Self.escapeLabelValue($0.1))\"" }.joined(separator: ",")
            text += "\(name){\(rendered)} \(Self.format(value))\n"
        }
    }

    /// One histogram: cumulative `_bucket` lines (`le` ascending, ending with `+Inf`), `_sum`, `_count`.
    public mutating func histogram(_ name: String, _ labels: [(String, String)] = [], _ histogram: DurationHistogram) {
        var cumulative = 0
        for (bound, count) in zip(histogram.bounds, histogram.bucketCounts) {
            cumulative += count
            sample("\(name)_bucket", labels + [("le", Self.format(bound))], Double(cumulative))
        }
        sample("\(name)_bucket", labels + [("le", "+Inf")], Double(histogram.count))
        sample("\(name)_sum", labels, histogram.sum)
        sample("\(name)_count", labels, Double(histogram.count))
    }

    /// A label value with `\`, `"` and line feeds escaped, as the format requires.
    public static func escapeLabelValue(_ value: String) -> String {
        var out = ""
        for char in value {
            switch char {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            default: out.append(char)
            }
        }
        return out
    }

    /// HELP text with `\` and line feeds escaped (quotes stay as they are there).
    public static func escapeHelp(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\n", with: "\\n")
    }

    /// A sample value: integers without a fraction, `+Inf`, `-Inf`, `NaN`, others as Swift prints them.
    public static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "+Inf" : "-Inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return "\(value)"
    }
}
