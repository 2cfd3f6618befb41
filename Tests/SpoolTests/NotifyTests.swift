import Foundation
import Testing

extension SpoolIntegration {
    @Suite struct Notify {
        /// Under systemd (`Type=notify`) the daemon sends READY=1 once it watches the spool, a
        /// STATUS= line with the queue depth, and STOPPING=1 on SIGTERM.
        @Test func daemonNotifiesSystemd() async throws {
            let harness = try SpoolHarness()
            let socketPath = "\(harness.root)/notify.sock"
            let fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
            #expect(fd >= 0)
            defer { close(fd) }
            var address = sockaddr_un()
            address.sun_family = sa_family_t(AF_UNIX)
            withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: Array(socketPath.utf8)) }
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
            }
            #expect(bound == 0)
            var timeout = timeval(tv_sec: 15, tv_usec: 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

            let daemon = try harness.start(["watch", "--spool", harness.spool] + harness.scannerFlag, log: "daemon",
                                           environment: ["NOTIFY_SOCKET": socketPath])
            var messages: [String] = []
            func receive() -> String? {
                var buffer = [UInt8](repeating: 0, count: 4096)
                let count = recv(fd, &buffer, buffer.count, 0)
                return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : nil
            }
            if let first = receive() { messages.append(first) }
            #expect(messages.first?.hasPrefix("READY=1") == true, "\(messages)")
            try harness.drop("a.tar", "a")
            try await harness.waitUntil("done", timeout: 20) { harness.artifacts("done") == ["a.tar"] }
            kill(daemon.processIdentifier, SIGTERM)
            while let message = receive() {
                messages.append(message)
                if message.contains("STOPPING=1") { break }
            }
            try await harness.waitUntil("daemon exit", timeout: 20) { !daemon.isRunning }
            #expect(daemon.terminationStatus == 0)
            #expect(messages.contains { $0.hasPrefix("STATUS=queued") })
            #expect(messages.last == "STOPPING=1")
        }
    }
}
