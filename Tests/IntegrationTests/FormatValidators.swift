import Foundation
import TestSupport

/// The independent validators of the standard formats: Python `jsonschema` and
/// `cyclonedx-python-lib` in a virtual environment that `scripts/format-validators` sets up from
/// PyPI (once), driven by `scripts/validate-format.py`. Nil python when PyPI is unreachable.
enum FormatValidators {
    static let python: String? = {
        guard let result = try? run(SharedData.packageRoot.path + "/scripts/format-validators", []), result.status == 0 else { return nil }
        let path = result.output.trimmingCharacters(in: .whitespacesAndNewlines)
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }()

    /// The official SPDX 2.3 and SARIF 2.1.0 schemas, read from ../shared/schemas (not copied into the project).
    static let schemas = SharedData.path("schemas")
    static var haveSchemas: Bool {
        SharedData.exists("schemas/spdx-2.3-schema.json") && SharedData.exists("schemas/sarif-schema-2.1.0.json")
    }

    /// Validates `file` as `kind` (`cyclonedx`, `spdx`, `sarif`); the exit status and the
    /// validator's lines (the problems, or one `valid …` summary).
    static func validate(_ kind: String, _ file: String) throws -> (status: Int32, output: String) {
        try run(python!, [SharedData.packageRoot.path + "/scripts/validate-format.py", kind, file, "--schemas", schemas])
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let result = try CommandRunner.run(executable, arguments, errors: .merged)
        return (result.status, result.stdout)
    }
}
