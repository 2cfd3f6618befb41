import Foundation

/// Network namespaces for "hosts" in the multi-host test: each gets its own namespace joined to
/// the root namespace (where the database listens) by a veth pair on a /30 of its own. Needs
/// root and `ip`; ``make(count:)`` returns nil when the machine does not allow it, and the test
/// then runs its daemons on loopback and says so.
final class NetworkNamespaces: @unchecked Sendable {
    struct Host {
        var namespace: String
        /// The root side's address: where the daemon in the namespace reaches the database.
        var databaseAddress: String
    }

    let hosts: [Host]
    private let links: [String]

    private init(hosts: [Host], links: [String]) {
        self.hosts = hosts
        self.links = links
    }

    /// Why namespaces cannot be made here, or nil.
    static func make(count: Int) -> (NetworkNamespaces?, String) {
        guard getuid() == 0 else { return (nil, "not root") }
        guard FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip") else { return (nil, "no /usr/sbin/ip") }
        let tag = getpid() % 100_000
        let octet = Int.random(in: 0..<60) * 4
        var hosts: [Host] = []
        var links: [String] = []
        for index in 1...count {
            let namespace = "sq\(tag)-\(index)"
            let outer = "sq\(tag)o\(index)", inner = "sq\(tag)i\(index)"
            let (near, far) = ("10.\(230 + index).\(octet).1", "10.\(230 + index).\(octet).2")
            let steps = [
                ["netns", "add", namespace],
                ["link", "add", outer, "type", "veth", "peer", "name", inner],
                ["link", "set", inner, "netns", namespace],
                ["addr", "add", "\(near)/30", "dev", outer],
                ["link", "set", outer, "up"],
                ["netns", "exec", namespace, "ip", "addr", "add", "\(far)/30", "dev", inner],
                ["netns", "exec", namespace, "ip", "link", "set", inner, "up"],
                ["netns", "exec", namespace, "ip", "link", "set", "lo", "up"],
            ]
            for step in steps {
                if let failure = ip(step) {
                    NetworkNamespaces(hosts: hosts + [Host(namespace: namespace, databaseAddress: near)], links: links + [outer]).remove()
                    return (nil, "ip \(step.joined(separator: " ")): \(failure)")
                }
                if step[0] == "link" && step[1] == "add" { links.append(outer) }
            }
            hosts.append(Host(namespace: namespace, databaseAddress: near))
        }
        return (NetworkNamespaces(hosts: hosts, links: links), "network namespaces")
    }

    /// The networks to trust in pg_hba.conf.
    var networks: [String] { hosts.map { host in host.databaseAddress.split(separator: ".").prefix(3).joined(separator: ".") + ".0/30" } }

    func remove() {
        for link in links { _ = Self.ip(["link", "del", link]) }
        for host in hosts { _ = Self.ip(["netns", "del", host.namespace]) }
    }

    /// Runs `ip ARGS`; nil on success, else why not.
    private static func ip(_ arguments: [String]) -> String? {
        let log = NSTemporaryDirectory() + "ip-\(getpid())-\(UInt32.random(in: 0...UInt32.max)).log"
        defer { try? FileManager.default.removeItem(atPath: log) }
        guard let process = try? DaemonProcess(["/usr/sbin/ip"] + arguments, log: log) else { return "cannot start ip" }
        let status = process.wait(timeoutSeconds: 20)
        return status == 0 ? nil : process.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
