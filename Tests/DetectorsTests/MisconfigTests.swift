import Testing
import ImageReader
import ScanReport
import SpoolscanCore
@testable import Detectors

/// A well-built image, and one change per check that makes exactly that check fire.
struct MisconfigScenario: Sendable, CustomTestStringConvertible {
    var id: String
    var change: @Sendable (inout ImageParts) throws -> Void
    var testDescription: String { id }
}

struct ImageParts {
    var config = ImageConfig()
    var history: [(String, Bool)] = []
    var tags = ["registry.example.com/app:1.4.2"]
    var layers: [[FakeFile]] = []

    static func clean() -> ImageParts {
        var parts = ImageParts()
        parts.config.config = ImageConfig.RunConfig()
        parts.config.config?.User = "app"
        parts.config.config?.Healthcheck = try? FakeConfig.healthcheck(["CMD", "/usr/bin/true"])
        parts.config.config?.Env = ["PATH=/usr/local/bin:/usr/bin:/bin", "GPG_KEY=A035C8C19219BA821ECEA86B64E628F8D684696D",
                                    "DB_PASSWORD_FILE=/run/secrets/db", "APP_TOKEN="]
        parts.history = [("/bin/sh -c #(nop) ADD file:5d673d25da3a14ce1f6cf in / ", false),
                         ("/bin/sh -c apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/*", false),
                         ("COPY app.tar.gz /srv/ # buildkit", false),
                         ("RUN /bin/sh -c apk add --no-cache ca-certificates # buildkit", false)]
        parts.layers = [[
            .directory("etc"), .directory("tmp", mode: 0o1777), .directory("var/tmp", mode: 0o1777),
            .file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\napp:x:1000:1000::/home/app:/bin/sh\n"),
            .file("etc/shadow", "root:*:19000:0:99999:7:::\napp:!:19000:0:99999:7:::\n", mode: 0o640),
            .file("etc/group", "root:x:0:\napp:x:1000:\n"),
            .file("usr/bin/ls", "elf", mode: 0o755), .file("tmp/scratch", "x", mode: 0o666),
            .directory("var/lib/apt/lists"), .directory("var/lib/apt/lists/partial"), .file("var/lib/apt/lists/lock", ""),
            .file("home/app/.ssh/id_ed25519.pub", "ssh-ed25519 AAAA demo"),
        ]]
        return parts
    }

    func read(_ suite: DetectorSuite) throws -> [Misconfiguration] {
        var config = self.config
        config.history = try FakeConfig.history(history)
        let image = FakeReader.read(layers: layers, config: config, repoTags: tags, visitors: suite.visitors)
        return suite.findings(for: image).misconfigurations
    }
}

@Suite("Misconfiguration checks")
struct MisconfigTests {
    static let options = DetectorOptions(secrets: false, malware: false)

    static let scenarios: [MisconfigScenario] = [
        .init(id: "CIS-DI-0001") { $0.config.config?.User = "0:0" },
        .init(id: "CIS-DI-0006") { $0.config.config?.Healthcheck = try FakeConfig.healthcheck(["NONE"]) },
        .init(id: "CIS-DI-0007") { $0.history.append(("/bin/sh -c apt-get -q update", false)) },
        .init(id: "CIS-DI-0008") { $0.layers[0].append(.file("usr/bin/passwd", "elf", mode: 0o4755)) },
        .init(id: "CIS-DI-0009") { $0.history.append(("ADD https://example.com/tool.tar.gz /opt/ # buildkit", false)) },
        .init(id: "CIS-DI-0010") { $0.config.config?.Env?.append("DB_PASSWORD=hunter2") },
        .init(id: "CIS-DI-0010") { $0.layers[0].append(.file("root/.aws/credentials", "[default]\n")) },
        .init(id: "CIS-DI-0010") { $0.layers[0].append(.file("home/app/.ssh/id_ed25519", "key")) },
        .init(id: "CIS-DI-0010") { $0.layers[0].append(.file("root/.docker/config.json", "{}")) },
        .init(id: "DKL-DI-0001") { $0.history.append(("/bin/sh -c sudo apt-get install -y vim", false)) },
        .init(id: "DKL-DI-0003") { $0.history.append(("/bin/sh -c apt-get update && apt-get dist-upgrade -y", false)) },
        .init(id: "DKL-DI-0004") { $0.history.append(("RUN /bin/sh -c apk add curl # buildkit", false)) },
        .init(id: "DKL-DI-0004") { $0.layers[0].append(.file("var/cache/apk/APKINDEX.tar.gz", "x")) },
        .init(id: "DKL-DI-0005") { $0.layers[0].append(.file("var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_InRelease", "x")) },
        .init(id: "DKL-DI-0006") { $0.tags.append("registry.example.com/app:latest") },
        .init(id: "DKL-LI-0001") { $0.layers[0].append(.file("etc/shadow", "root::19000:0:99999:7:::\n")) },
        .init(id: "DKL-LI-0002") { $0.layers[0].append(.file("etc/passwd", "root:x:0:0::/root:/bin/sh\ntoor:x:0:0::/root:/bin/sh\n")) },
        .init(id: "DKL-LI-0002") { $0.layers[0].append(.file("etc/group", "root:x:0:\nwheel:x:0:\n")) },
        .init(id: "DKL-LI-0003") { $0.layers[0].append(.directory("srv/app/.git")) },
        .init(id: "SPL-DI-0001") { $0.layers[0].append(.file("usr/sbin/sshd", "elf", mode: 0o755)) },
        .init(id: "SPL-DI-0001") { $0.config.config?.ExposedPorts = ["22/tcp": .init()] },
        .init(id: "SPL-DI-0002") { $0.layers[0].append(.file("etc/app.conf", "x", mode: 0o666)) },
        .init(id: "SPL-DI-0002") { $0.layers[0].append(.directory("srv/uploads", mode: 0o777)) },
    ]

    @Test("a well-built image has no findings")
    func cleanImage() throws {
        #expect(try ImageParts.clean().read(try DetectorSuite(options: Self.options)) == [])
    }

    @Test("each check fires on its own problem", arguments: scenarios)
    func positive(scenario: MisconfigScenario) throws {
        var parts = ImageParts.clean()
        try scenario.change(&parts)
        let findings = try parts.read(try DetectorSuite(options: Self.options))
        #expect(findings.map(\.id) == [scenario.id])
        let check = try #require(MisconfigCheck.all.first { $0.id == scenario.id })
        #expect(findings.first?.severity == check.severity && findings.first?.title == check.title)
        #expect(findings.first?.evidence.isEmpty == false)
    }

    @Test("every check has a scenario")
    func coverage() {
        #expect(Set(Self.scenarios.map(\.id)) == Set(MisconfigCheck.all.map(\.id)))
    }

    @Test("no USER at all runs as root; the evidence names setuid files and secret ENV names only")
    func evidence() throws {
        var parts = ImageParts.clean()
        parts.config.config?.User = nil
        parts.config.config?.Env?.append("STRIPE_SECRET_KEY=sk_live_" + Fake.alnum(24))
        parts.layers[0].append(.file("usr/bin/newgrp", "elf", mode: 0o2755))
        let findings = try parts.read(try DetectorSuite(options: Self.options))
        #expect(findings.map(\.id) == ["CIS-DI-0001", "CIS-DI-0008", "CIS-DI-0010"])
        #expect(findings[1].evidence == ["usr/bin/newgrp (mode 2755)"])
        #expect(findings[2].evidence == ["ENV STRIPE_SECRET_KEY"])
    }

    @Test("account files come from the final view; a later fix clears the finding")
    func accountFilesFinalView() throws {
        var parts = ImageParts.clean()
        parts.layers[0].append(.file("etc/shadow", "root::19000:0:99999:7:::\n"))
        parts.layers.append([.file("etc/shadow", "root:*:19000:0:99999:7:::\n")])
        #expect(try parts.read(try DetectorSuite(options: Self.options)) == [])
    }

    @Test("disabled checks are dropped; unknown ids are a config error")
    func disabledChecks() throws {
        let path = try TempFile.write(#"{"misconfigurations": {"disabledChecks": ["CIS-DI-0001"]}}"#)
        var parts = ImageParts.clean()
        parts.config.config?.User = "root"
        let suite = try DetectorSuite(options: DetectorOptions(secrets: false, malware: false, configFile: path))
        #expect(try parts.read(suite) == [])
        let bad = try TempFile.write(#"{"misconfigurations": {"disabledChecks": ["CIS-DI-9999"]}}"#)
        let error = #expect(throws: SpoolscanError.self) {
            _ = try DetectorSuite(options: DetectorOptions(secrets: false, malware: false, configFile: bad))
        }
        #expect(error?.code == .configInvalid)
    }
}
