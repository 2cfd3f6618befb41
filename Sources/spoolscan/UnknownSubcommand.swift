import ArgumentParser
import SpoolscanCore

/// Finds a command-line word that should name a subcommand and does not, and words the error
/// with the nearest subcommand (printed after its code): `unknown command 'scna' for 'spoolscan'. Did you mean 'scan'?`
enum UnknownSubcommand {
    /// The error line for `arguments`, or nil when every command word is known (or an option
    /// comes first, which the parser handles).
    static func message(for arguments: [String], root: any ParsableCommand.Type) -> String? {
        var command = root
        var path = [root._commandName]
        for word in arguments {
            let subcommands = command.configuration.subcommands
            guard !subcommands.isEmpty, !word.hasPrefix("-"), word != "help" else { return nil }
            if let next = subcommands.first(where: { $0._commandName == word }) {
                command = next
                path.append(word)
                continue
            }
            let names = subcommands.map { $0._commandName }
            let hint = NameSuggestion.closest(to: word, among: names).map { " Did you mean '\($0)'?" } ?? ""
            let where_ = path.joined(separator: " ")
            return "unknown command '\(word)' for '\(where_)'.\(hint) Commands: \(names.joined(separator: ", ")); see '\(where_) --help'."
        }
        return nil
    }
}
