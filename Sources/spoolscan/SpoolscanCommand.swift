import ArgumentParser
import Foundation
import ScanReport

@main
struct SpoolscanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spoolscan",
        abstract: "Batch security scanner for container images.",
        version: SpoolscanVersion.string,
        subcommands: [ScanCommand.self, WatchCommand.self, SweepCommand.self, StatusCommand.self, DBCommand.self, RematchCommand.self,
                      ReportCommand.self, CacheCommand.self]
    )
}
