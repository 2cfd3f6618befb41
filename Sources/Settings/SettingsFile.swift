import Foundation
import Policy
import SpoolscanCore
import Yams

/// The settings file: a YAML mapping from setting keys (README, "Configuration") to values.
///
/// Every key must be a known setting, given once; every value must have its setting's type
/// (`workers: 4`, `quarantine: true`, `formats: [cyclonedx, sarif]`) and lie in its range. An
/// error names the file, the line and the key. `key: null` (or `key: ~`) leaves the setting unset.
public struct SettingsFile: Sendable {
    /// Where the service looks when no `--config` or `SPOOLSCAN_CONFIG` names a file.
    public static let defaultPath = "/etc/spoolscan/spoolscan.yaml"
    /// Largest settings file read (a real one is a few hundred bytes).
    public static let maxBytes = 1 << 20

    /// One value read from the file, with the line it is on.
    public struct Entry: Sendable, Equatable {
        public var value: SettingValue
        public var line: Int
        public init(value: SettingValue, line: Int) { self.value = value; self.line = line }
    }

    /// The file read (for messages and `source`).
    public let path: String
    /// The settings the file gives, by key.
    public let entries: [String: Entry]

    /// Reads and checks `path`: `CONF-003` when it does not exist, `CONF-004` when it cannot be
    /// read, is writable by every user, or is not a YAML mapping, `CONF-005`/`CONF-006`/`CONF-007` for a bad key or value.
    public static func load(path: String) throws(SpoolscanError) -> SettingsFile {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else {
            throw SpoolscanError(.namedFileMissing, "settings file \(path) does not exist")
        }
        guard !isFolder.boolValue else { throw SpoolscanError(.settingsFileInvalid, "\(path) is a folder") }
        // The file names commands the worker runs (scanner, hook): anyone who may write it may run them.
        var info = stat()
        if stat(path, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG, info.st_mode & S_IWOTH != 0 {
            throw SpoolscanError(.settingsFileInvalid, "\(path) is writable by every user (it names commands the worker runs); chmod o-w")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            throw SpoolscanError(.settingsFileInvalid, "\(path): \(String(cString: strerror(errno)))")
        }
        defer { try? handle.close() }
        let data = (try? handle.read(upToCount: maxBytes + 1)) ?? Data()
        guard data.count <= maxBytes else {
            throw SpoolscanError(.settingsFileInvalid, "\(path): more than \(maxBytes) bytes")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw SpoolscanError(.settingsFileInvalid, "\(path): not UTF-8 text")
        }
        return try parse(text, path: path)
    }

    /// Parses settings YAML `text`; `path` names it in errors.
    public static func parse(_ text: String, path: String) throws(SpoolscanError) -> SettingsFile {
        guard !YAMLNesting.exceeds(text, limit: 8) else {
            throw SpoolscanError(.settingsFileInvalid, "\(path): YAML nested more than 8 levels deep")
        }
        let root: Node?
        do { root = try Yams.compose(yaml: text) } catch {
            throw SpoolscanError(.settingsFileInvalid, "\(path): not valid YAML: \(error)")
        }
        guard let root else { return SettingsFile(path: path, entries: [:]) }
        guard let mapping = root.mapping else {
            throw SpoolscanError(.settingsFileInvalid, "\(path):\(root.mark?.line ?? 1): not a mapping of settings (`key: value` lines)")
        }
        var entries: [String: Entry] = [:]
        for (keyNode, valueNode) in mapping {
            let line = keyNode.mark?.line ?? 0
            guard case .scalar(let keyScalar) = keyNode else {
                throw SpoolscanError(.settingUnknown, "\(path):\(line): a key must be a setting name")
            }
            let key = keyScalar.string
            let place = "\(path):\(line): \(key)"
            guard let setting = Setting.named(key) else {
                let hint = NameSuggestion.closest(to: key, among: Setting.all.map(\.key)).map { " (did you mean '\($0)'?)" } ?? ""
                throw SpoolscanError(.settingUnknown, "\(path):\(line): '\(key)' is no setting\(hint)")
            }
            guard entries[key] == nil else {
                throw SpoolscanError(.settingsFileInvalid, "\(place): given twice (first on line \(entries[key]!.line))")
            }
            guard let raw = try value(of: valueNode, for: setting, place: place) else { continue }
            entries[key] = Entry(value: try setting.kind.check(raw, where: place), line: valueNode.mark?.line ?? line)
        }
        return SettingsFile(path: path, entries: entries)
    }

    /// The node as a value of the kind `setting` expects (nil for YAML null). Plain scalars are
    /// typed the YAML way (`4` a number, `true` a boolean); a quoted scalar is always text.
    private static func value(of node: Node, for setting: Setting, place: String) throws(SpoolscanError) -> SettingValue? {
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain, ["null", "Null", "NULL", "~", ""].contains(scalar.string) { return nil }
            return typed(scalar, for: setting.kind)
        case .sequence(let sequence):
            guard case .list = setting.kind else { throw setting.kind.wrongType(place, "a list") }
            var items: [String] = []
            for item in sequence {
                guard case .scalar(let scalar) = item, !scalar.string.isEmpty else {
                    throw setting.kind.wrongType("\(place) (line \(item.mark?.line ?? 0))", "a list holding something other than text")
                }
                items.append(scalar.string)
            }
            return .list(items)
        case .mapping:
            throw setting.kind.wrongType(place, "a mapping")
        }
    }

    private static func typed(_ scalar: Node.Scalar, for kind: SettingKind) -> SettingValue {
        let text = scalar.string
        guard scalar.style == .plain else { return .text(text) }
        if ["true", "True", "TRUE"].contains(text) { return .boolean(true) }
        if ["false", "False", "FALSE"].contains(text) { return .boolean(false) }
        if let integer = Int(text) { return .integer(integer) }
        if let number = Double(text), number.isFinite, text.first.map({ $0.isNumber || $0 == "-" || $0 == "." }) == true {
            return .number(number)
        }
        if case .list = kind, text.contains(",") {
            return .list(text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        }
        return .text(text)
    }
}
