import ArgumentParser
import Foundation
import Spool

/// `spoolscan status`: what the spool holds and what its workers do.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show counts per state, the queue, scanner slots and recent errors of a spool.")

    @Option(help: "The spool folder.")
    var spool: String = "./spool"

    @Flag(help: "Print JSON instead of text.")
    var json = false

    @Option(help: "Show the shared queue in this PostgreSQL database instead (also SPOOLSCAN_QUEUE).")
    var queue: String?

    func run() throws {
        if try QueueOptions.printStatus(queue: queue, json: json) { return }
        let status: SpoolStatus
        do {
            status = try SpoolStatus.collect(SpoolLayout(root: spool))
        } catch {
            throw SpoolOptions.fail(error)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(status), as: UTF8.self))
        } else {
            print(status.text())
        }
    }
}
