/// Where a resolved setting came from: flag > environment > settings file > default.
public enum SettingSource: Sendable, Equatable, CustomStringConvertible {
    case flag(String)
    case environment(String)
    case file(path: String, line: Int)
    case builtIn

    public var description: String {
        switch self {
        case .flag(let name): return "--\(name)"
        case .environment(let name): return name
        case .file(let path, let line): return "\(path):\(line)"
        case .builtIn: return "default"
        }
    }
}
