import Foundation
import TestSupport
import Testing

/// The service as installed (`SystemdUnitTests` runs `systemd-analyze verify` on every unit): the
/// daemon runs as the unprivileged user with its exposure score at most 1.5, only the database update has network,
/// the update runs before the nightly sweep, and the sysusers/tmpfiles files create the user and
/// the spool folders producers write to.
@Suite struct ServiceUnitTests {
    static let analyze = SystemdUnitTests.analyze
    static let folder = "\(SpoolHarness.packageRoot)/systemd"

    static func text(_ unit: String) throws -> String {
        try String(contentsOfFile: "\(folder)/\(unit)", encoding: .utf8)
    }

    /// The `KEY=` lines of a unit (comments left out), in order.
    static func settings(_ unit: String, _ key: String) throws -> [String] {
        try text(unit).split(separator: "\n").filter { $0.hasPrefix(key + "=") }.map { String($0.dropFirst(key.count + 1)) }
    }

    static func run(_ tool: String, _ arguments: [String]) throws -> (Int32, String) {
        let result = try CommandRunner.run(tool, arguments, errors: .merged)
        return (result.status, result.stdout)
    }

    @Test(.enabled(if: analyze != nil, "systemd-analyze is not installed: exposure not measured"))
    func daemonExposureAtMostOnePointFive() throws {
        let (status, output) = try Self.run(Self.analyze!, ["security", "--offline=yes", "\(Self.folder)/spoolscan.service"])
        #expect(status == 0, "\(output)")
        let line = try #require(output.split(separator: "\n").last { $0.contains("Overall exposure level") }, "\(output)")
        let score = line.split(separator: " ").compactMap { Double($0) }.first
        #expect(score != nil && score! <= 1.5, "\(line)")
    }

    /// The shared-queue drop-in loads with the daemon's unit (`systemd-analyze verify` finds it
    /// through the unit path) and keeps its exposure at most 1.7: it opens the network, but only
    /// towards the addresses it allows.
    @Test(.enabled(if: analyze != nil, "systemd-analyze is not installed: queue drop-in not verified"))
    func queueDropInVerifiesAndStaysSandboxed() throws {
        let units = try TemporaryDirectory()
        try FileManager.default.createDirectory(atPath: "\(units.path)/spoolscan.service.d", withIntermediateDirectories: true)
        try Self.text("spoolscan.service").replacingOccurrences(of: "/usr/local/bin/spoolscan", with: SpoolHarness.binary)
            .write(toFile: "\(units.path)/spoolscan.service", atomically: true, encoding: .utf8)
        let dropIn = try Self.text("spoolscan-queue.conf")
        try dropIn.write(toFile: "\(units.path)/spoolscan.service.d/queue.conf", atomically: true, encoding: .utf8)
        var environment = ProcessInfo.processInfo.environment
        environment["SYSTEMD_UNIT_PATH"] = units.path + ":"
        let verify = try CommandRunner.run(Self.analyze!, ["verify", "spoolscan.service"], environment: environment,
                                           directory: units.path, errors: .merged)
        #expect(verify.status == 0 && verify.stdout.isEmpty, "\(verify.stdout)")
        let (status, output) = try Self.run(Self.analyze!, ["security", "--offline=yes", "\(units.path)/spoolscan.service"])
        #expect(status == 0, "\(output)")
        let line = try #require(output.split(separator: "\n").last { $0.contains("Overall exposure level") }, "\(output)")
        let score = line.split(separator: " ").compactMap { Double($0) }.first
        #expect(score != nil && score! <= 1.7, "\(line)")
        for setting in ["PrivateNetwork=no", "IPAddressDeny=any", "IPAddressAllow=", "SPOOLSCAN_QUEUE=postgres://"] {
            #expect(dropIn.contains(setting), "missing \(setting)")
        }
    }

    @Test func servicesRunAsTheSpoolscanUser() throws {
        for unit in ["spoolscan.service", "spoolscan-sweep.service", "spoolscan-db-update.service"] {
            #expect(try Self.settings(unit, "User") == ["spoolscan"], "\(unit)")
            #expect(try Self.settings(unit, "Group") == ["spoolscan"], "\(unit)")
            #expect(try Self.settings(unit, "CapabilityBoundingSet") == [""], "\(unit)")
            #expect(try Self.settings(unit, "NoNewPrivileges") == ["yes"], "\(unit)")
        }
        // Reports 0640 and folders 0750: group spoolscan (the producers) reads them.
        #expect(try Self.settings("spoolscan.service", "UMask") == ["0027"])
        #expect(try Self.settings("spoolscan-sweep.service", "UMask") == ["0027"])
    }

    @Test func onlyTheUpdateHasNetwork() throws {
        for unit in ["spoolscan.service", "spoolscan-sweep.service"] {
            #expect(try Self.settings(unit, "PrivateNetwork") == ["yes"], "\(unit)")
            #expect(try Self.settings(unit, "RestrictAddressFamilies") == ["AF_UNIX"], "\(unit)")
        }
        let update = "spoolscan-db-update.service"
        #expect(try Self.settings(update, "PrivateNetwork").isEmpty)
        let families = try Self.settings(update, "RestrictAddressFamilies").joined(separator: " ")
        #expect(families.contains("AF_INET") && families.contains("AF_INET6"))
        #expect(try Self.settings(update, "After").contains("network-online.target"))
        #expect(try Self.settings(update, "ProtectHome") == ["yes"])
        // The database lives in the state folder, where the daemon's default path looks.
        #expect(try Self.settings(update, "StateDirectory") == ["spoolscan"])
        #expect(try Self.settings(update, "ExecStart").first?.contains("db update --db /var/lib/spoolscan/advisories.db") == true)
    }

    @Test func updateThenRematch() throws {
        #expect(try Self.settings("spoolscan-db-update.service", "Before") == ["spoolscan-sweep.service"])
        #expect(try Self.settings("spoolscan-sweep.service", "After").first?.contains("spoolscan-db-update.service") == true)
        #expect(try Self.settings("spoolscan-sweep.service", "ExecStart").first?.contains("--rematch") == true)
        let update = try Self.settings("spoolscan-db-update.timer", "OnCalendar")
        let sweep = try Self.settings("spoolscan-sweep.timer", "OnCalendar")
        #expect(update == ["*-*-* 01:30:00"] && sweep == ["*-*-* 02:30:00"])
        // Daily at 01:30 plus at most 45 minutes: done before the sweep's earliest start.
        #expect(try Self.settings("spoolscan-db-update.timer", "RandomizedDelaySec") == ["45min"])
        #expect(try Self.settings("spoolscan-db-update.timer", "Persistent") == ["yes"] ||
                Self.settings("spoolscan-db-update.timer", "Persistent") == ["true"])
    }

    static let sysusers = ["/usr/bin/systemd-sysusers", "/bin/systemd-sysusers"].first { FileManager.default.isExecutableFile(atPath: $0) }
    static let tmpfiles = ["/usr/bin/systemd-tmpfiles", "/bin/systemd-tmpfiles"].first { FileManager.default.isExecutableFile(atPath: $0) }

    @Test(.enabled(if: sysusers != nil && tmpfiles != nil && getuid() == 0,
                   "needs systemd-sysusers, systemd-tmpfiles and root (to chown) for the user and spool folders"))
    func sysusersAndTmpfilesCreateTheUserAndSpool() throws {
        let root = NSTemporaryDirectory() + "service-root-\(UInt32.random(in: 0...UInt32.max))"
        defer { try? FileManager.default.removeItem(atPath: root) }
        for folder in ["etc", "usr/lib/sysusers.d", "usr/lib/tmpfiles.d"] {
            try FileManager.default.createDirectory(atPath: "\(root)/\(folder)", withIntermediateDirectories: true)
        }
        try FileManager.default.copyItem(atPath: "\(Self.folder)/spoolscan.sysusers", toPath: "\(root)/usr/lib/sysusers.d/spoolscan.conf")
        try FileManager.default.copyItem(atPath: "\(Self.folder)/spoolscan.tmpfiles", toPath: "\(root)/usr/lib/tmpfiles.d/spoolscan.conf")
        let (usersStatus, usersOutput) = try Self.run(Self.sysusers!, ["--root=\(root)"])
        #expect(usersStatus == 0, "\(usersOutput)")
        let passwd = try String(contentsOfFile: "\(root)/etc/passwd", encoding: .utf8)
        let entry = try #require(passwd.split(separator: "\n").first { $0.hasPrefix("spoolscan:") }).split(separator: ":", omittingEmptySubsequences: false)
        #expect(entry[5] == "/var/lib/spoolscan" && entry[6].hasSuffix("nologin"))
        let uid = try #require(UInt32(entry[2])), gid = try #require(UInt32(entry[3]))
        #expect(uid < 1000, "a system user")

        let (filesStatus, filesOutput) = try Self.run(Self.tmpfiles!, ["--root=\(root)", "--create", "spoolscan.conf"])
        #expect(filesStatus == 0, "\(filesOutput)")
        let expected: [(String, mode_t)] = [("var/spool/spoolscan", 0o2750), ("var/spool/spoolscan/tmp", 0o3770),
                                            ("var/spool/spoolscan/pending", 0o3770), ("var/spool/spoolscan/done", 0o2750),
                                            ("var/spool/spoolscan/error", 0o2750), ("var/lib/spoolscan", 0o755)]
        for (path, mode) in expected {
            var info = stat()
            #expect(stat("\(root)/\(path)", &info) == 0, "\(path) missing")
            #expect(info.st_mode & 0o7777 == mode, "\(path): \(String(info.st_mode & 0o7777, radix: 8))")
            #expect(info.st_uid == uid && info.st_gid == gid, "\(path) owner")
        }
    }
}
