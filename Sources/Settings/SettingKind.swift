import Foundation
import SpoolscanCore

/// The type of a setting and the values it allows; parses a variable's text and checks a value
/// from any source the same way.
public enum SettingKind: Sendable {
    /// A whole number in `range`.
    case integer(ClosedRange<Int>)
    /// A number in `range`; `open` excludes the lower bound (a time limit of 0 is no limit).
    case number(ClosedRange<Double>, lowerOpen: Bool)
    /// `true` or `false`.
    case boolean
    /// Any non-empty text; `prefixes` (when given) are the beginnings it must have.
    case text(prefixes: [String])
    /// One of `choices`.
    case choice([String])
    /// A list of texts (YAML sequence, or comma-separated); each in `choices` when given, no repeats.
    case list(choices: [String]?)

    /// What the type is called in error messages.
    var typeName: String {
        switch self {
        case .integer: return "a whole number"
        case .number: return "a number"
        case .boolean: return "true or false"
        case .text: return "text"
        case .choice(let choices): return "one of \(choices.joined(separator: ", "))"
        case .list: return "a list"
        }
    }

    /// Parses an environment variable's text (`where` names the variable in errors).
    func parse(text: String, where place: String) throws(SpoolscanError) -> SettingValue {
        let word = text.trimmingCharacters(in: .whitespaces)
        switch self {
        case .integer:
            guard let value = Int(word) else { throw wrongType(place, "'\(text)'") }
            return try check(.integer(value), where: place)
        case .number:
            guard let value = Double(word), value.isFinite else { throw wrongType(place, "'\(text)'") }
            return try check(.number(value), where: place)
        case .boolean:
            switch word.lowercased() {
            case "true", "1", "yes", "on": return .boolean(true)
            case "false", "0", "no", "off": return .boolean(false)
            default: throw wrongType(place, "'\(text)'")
            }
        case .text:
            return try check(.text(text), where: place)
        case .choice:
            return try check(.text(word), where: place)
        case .list:
            let items = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return try check(.list(items), where: place)
        }
    }

    /// Checks that `value` has this type and lies in its range; an integer is accepted for a
    /// number. Returns the value in this kind's own case.
    func check(_ value: SettingValue, where place: String) throws(SpoolscanError) -> SettingValue {
        switch (self, value) {
        case (.integer(let range), .integer(let number)):
            guard range.contains(number) else { throw outOfRange(place, "\(number) is outside \(range.lowerBound)…\(range.upperBound)") }
            return value
        case (.number(let range, let lowerOpen), .integer(let number)):
            return try check(.number(Double(number)), where: place, range: range, lowerOpen: lowerOpen)
        case (.number(let range, let lowerOpen), .number(let number)):
            return try check(.number(number), where: place, range: range, lowerOpen: lowerOpen)
        case (.boolean, .boolean):
            return value
        case (.text(let prefixes), .text(let text)):
            guard !text.isEmpty else { throw outOfRange(place, "empty") }
            guard prefixes.isEmpty || prefixes.contains(where: { text.hasPrefix($0) }) else {
                throw outOfRange(place, "must begin with \(prefixes.joined(separator: " or "))")
            }
            return value
        case (.choice(let choices), .text(let text)):
            guard choices.contains(text) else { throw outOfRange(place, "'\(text)' is not one of \(choices.joined(separator: ", "))") }
            return value
        case (.list(let choices), .list(let items)):
            var seen: Set<String> = []
            for item in items {
                if let choices, !choices.contains(item) {
                    throw outOfRange(place, "'\(item)' is not one of \(choices.joined(separator: ", "))")
                }
                guard seen.insert(item).inserted else { throw outOfRange(place, "'\(item)' is listed twice") }
            }
            return value
        case (.list, .text(let text)):
            return try check(.list([text]), where: place)
        default:
            if case .text(let text) = value { throw wrongType(place, "'\(text)' (text)") }
            throw wrongType(place, "\(value)")
        }
    }

    private func check(_ value: SettingValue, where place: String, range: ClosedRange<Double>,
                       lowerOpen: Bool) throws(SpoolscanError) -> SettingValue {
        guard case .number(let number) = value, number.isFinite else { throw wrongType(place, "\(value)") }
        let aboveLower = lowerOpen ? number > range.lowerBound : number >= range.lowerBound
        guard aboveLower, number <= range.upperBound else {
            let lower = lowerOpen ? "more than \(SettingValue.number(range.lowerBound))" : "at least \(SettingValue.number(range.lowerBound))"
            throw outOfRange(place, "\(value) must be \(lower) and at most \(SettingValue.number(range.upperBound))")
        }
        return value
    }

    func wrongType(_ place: String, _ found: String) -> SpoolscanError {
        SpoolscanError(.settingWrongType, "\(place): expected \(typeName), found \(found)")
    }

    private func outOfRange(_ place: String, _ detail: String) -> SpoolscanError {
        SpoolscanError(.settingOutOfRange, "\(place): \(detail)")
    }
}
