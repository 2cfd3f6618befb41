/// A setting's value once read from any source, before it is put into ``ResolvedSettings``.
public enum SettingValue: Sendable, Equatable, CustomStringConvertible {
    case integer(Int)
    case number(Double)
    case boolean(Bool)
    case text(String)
    case list([String])

    public var description: String {
        switch self {
        case .integer(let value): return String(value)
        case .number(let value): return value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
        case .boolean(let value): return value ? "true" : "false"
        case .text(let value): return value
        case .list(let values): return values.joined(separator: ",")
        }
    }
}
