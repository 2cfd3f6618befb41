import ArgumentParser

@main
struct SpoolscanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spoolscan",
        abstract: "Batch security scanner for container images.",
        subcommands: [ScanCommand.self, WatchCommand.self, SweepCommand.self, StatusCommand.self, DBCommand.self, RematchCommand.self,
                      ReportCommand.self]
    )
}
