import ArgumentParser

@main
struct SpoolscanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spoolscan",
        abstract: "Batch security scanner for container images.",
        subcommands: [DBCommand.self, RematchCommand.self]
    )
}
