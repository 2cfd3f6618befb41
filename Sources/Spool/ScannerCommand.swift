import Foundation

/// Which program scans one artifact, and how it is called.
///
/// The default runs this executable: `spoolscan scan ARTIFACT --format json --output RAW
/// --memory-limit-mb N --raw` (the scan command sets its own RLIMIT_AS; `--raw` leaves matching
/// and the policy to the parsing stage). An override (`--scanner-command`
/// or `SPOOLSCAN_SCANNER_COMMAND`) is a command line with the placeholders `{artifact}`,
/// `{output}` and `{memory_mb}`, split on blanks (single or double quotes group words); it is
/// started with `RLIMIT_AS` set to the memory limit, so the limit holds for it too.
public struct ScannerCommand: Sendable, Equatable {
    /// The override's words, or nil for the built-in scanner.
    public let template: [String]?
    /// Extra `spoolscan scan` arguments for the built-in scanner (the layer cache's); an
    /// override command line is used as written.
    public var scanArguments: [String] = []

    /// The built-in scanner, or the override command line when one is given (not blank).
    public init(override: String?) {
        if let override, !override.trimmingCharacters(in: .whitespaces).isEmpty {
            template = Self.split(override)
        } else {
            template = nil
        }
    }

    /// The executable, its arguments and the address-space limit to start it with (0: none, the
    /// built-in scanner sets its own) for one attempt.
    func invocation(artifact: String, output: String, memoryMB: Int) -> (String, [String], UInt64) {
        guard let template else {
            return (Self.selfExecutable, ["scan", artifact, "--format", "json", "--output", output,
                                          "--memory-limit-mb", String(memoryMB), "--raw"] + scanArguments, 0)
        }
        let words = template.map {
            $0.replacingOccurrences(of: "{artifact}", with: artifact)
                .replacingOccurrences(of: "{output}", with: output)
                .replacingOccurrences(of: "{memory_mb}", with: String(memoryMB))
        }
        return (words[0], Array(words.dropFirst()), UInt64(max(memoryMB, 0)) << 20)
    }

    /// The running executable, resolved through `/proc/self/exe`.
    static let selfExecutable: String = {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink("/proc/self/exe", &buffer, Int(PATH_MAX))
        if count > 0 { return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }()

    /// Splits a command line on blanks; quotes group words, no other shell syntax.
    static func split(_ line: String) -> [String] {
        var words: [String] = []
        var current = ""
        var quote: Character?
        var inWord = false
        for char in line {
            if let open = quote {
                if char == open { quote = nil } else { current.append(char) }
            } else if char == "\"" || char == "'" {
                quote = char
                inWord = true
            } else if char == " " || char == "\t" {
                if inWord { words.append(current); current = ""; inWord = false }
            } else {
                current.append(char)
                inWord = true
            }
        }
        if inWord { words.append(current) }
        return words
    }
}
