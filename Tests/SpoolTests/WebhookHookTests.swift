import Foundation
import Logging
import ScanReport
@testable import Spool
import TestSupport
import Testing

/// `scripts/notify-webhook` (README's curl example) run as the hook against a local HTTP server.
@Suite struct WebhookHookTests {
    static let toolsPresent = ["/usr/bin/curl", "/usr/bin/jq"].allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
        && NotificationHook.resolveExecutable("python3") != nil

    static let webhookScript = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scripts/notify-webhook").path

    /// A one-request HTTP server on 127.0.0.1 that stores the POST body and answers `status`.
    final class Server {
        let process = Process()
        let port: Int

        init(bodyPath: String, status: Int, dir: TemporaryDirectory) throws {
            let script = dir.path("server.py")
            try Data("""
                import http.server, sys
                class Handler(http.server.BaseHTTPRequestHandler):
                    def do_POST(self):
                        body = self.rfile.read(int(self.headers["Content-Length"]))
                        with open(sys.argv[1], "wb") as out:
                            out.write(body)
                        self.send_response(int(sys.argv[2]))
                        self.end_headers()
                    def log_message(self, *args):
                        pass
                server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
                print(server.server_port, flush=True)
                server.handle_request()
                """.utf8).write(to: URL(fileURLWithPath: script))
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["python3", script, bodyPath, String(status)]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            var line = Data()
            while true {
                let byte = output.fileHandleForReading.readData(ofLength: 1)
                if byte.isEmpty || byte == Data("\n".utf8) { break }
                line.append(byte)
            }
            guard let port = Int(String(decoding: line, as: UTF8.self)) else { throw TestSupportError("server did not start") }
            self.port = port
        }

        func stop() {
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
        }
    }

    @Test(.enabled(if: toolsPresent, "needs curl, jq and python3"))
    func webhookReceivesTheNoticeAsJSON() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let name = "app \"v2\" \\ latest.tar"
        try ActionsFixtures.finishJob(spool: dir.path, folder: "done", name: name, report: ActionsFixtures.report(name: name))
        let notice = try JobNotice.read(layout: SpoolLayout(root: dir.path), state: .done, name: name)
        let server = try Server(bodyPath: dir.path("body.json"), status: 200, dir: dir)
        defer { server.stop() }
        let configuration = try NotificationHookConfiguration(
            commandLine: "\(Self.webhookScript) http://127.0.0.1:\(server.port)/hook", stderrFolder: dir.path(".hooks"))
        let outcome = await NotificationHook(configuration, logger: Logger(label: "test")).run(notice)
        #expect(outcome.result == .succeeded, "\(outcome.detail): \(outcome.stderrLastLine)")

        let body = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir.path("body.json")))) as? [String: Any]
        #expect(body?["state"] as? String == "done")
        #expect(body?["name"] as? String == name)
        #expect(body?["verdict"] as? String == "fail")
        #expect(body?["report"] as? String == dir.path("done/\(name).report.json"))
        let counts = body?["counts"] as? [String: Any]
        #expect(counts?["critical"] as? Int == 1)
        #expect(counts?["high"] as? Int == 2)
        #expect(counts?["malware"] as? Int == 1)
    }

    @Test(.enabled(if: toolsPresent, "needs curl, jq and python3"))
    func anHTTPErrorIsAFailedHook() async throws {
        let dir = try TemporaryDirectory()
        defer { dir.remove() }
        let server = try Server(bodyPath: dir.path("body.json"), status: 503, dir: dir)
        defer { server.stop() }
        let configuration = try NotificationHookConfiguration(
            commandLine: "\(Self.webhookScript) http://127.0.0.1:\(server.port)/hook", stderrFolder: dir.path(".hooks"))
        let notice = JobNotice(error: ActionsFixtures.errorRecord(name: "x.tar"), spool: dir.path,
                               artifactPath: dir.path("error/x.tar"), reportPath: dir.path("error/x.tar.error.json"))
        let outcome = await NotificationHook(configuration, logger: Logger(label: "test")).run(notice)
        #expect(outcome.result == .failed)
        #expect(outcome.code == .notificationHookFailed)
        #expect(outcome.stderrLastLine.contains("503"))
        #expect(FileManager.default.fileExists(atPath: dir.path("body.json")), "the request reached the server")
    }
}
