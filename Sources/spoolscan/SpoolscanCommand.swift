import ArgumentParser
import Foundation
import ScanReport

@main
struct SpoolscanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spoolscan",
        abstract: "Batch security scanner for container images.",
        version: SpoolscanVersion.string,
        subcommands: [ScanCommand.self, WatchCommand.self, SweepCommand.self, StatusCommand.self, DBCommand.self, RematchCommand.self]
    )

    /// Parses and runs the command line; an unknown subcommand gets a "did you mean" line first.
    static func main() {
        if let message = UnknownSubcommand.message(for: Array(CommandLine.arguments.dropFirst()), root: Self.self) {
            FileHandle.standardError.write(Data((message + "\n").utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
        main(nil)
    }
}
