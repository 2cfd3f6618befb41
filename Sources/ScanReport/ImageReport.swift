/// Everything found in one image of an artifact.
public struct ImageReport: Codable, Sendable, Equatable {
    public var repoTags: [String]
    /// The image ID: the config blob's digest (`sha256:…`).
    public var imageID: String
    /// The manifest digest where the layout has one (OCI); nil for legacy docker-archive.
    public var manifestDigest: String?
    public var os: OSInfo?
    public var architecture: String
    public var layers: [LayerInfo]
    public var config: ImageConfigSummary
    public var packages: [Package]
    public var vulnerabilities: [Vulnerability]
    public var vulnerabilitySummary: SeveritySummary?
    /// Which packages the advisory database could speak for, per package type, ecosystem and
    /// release; nil when vulnerabilities were not matched.
    public var coverage: [PackageCoverage]?
    public var secrets: [SecretFinding]
    public var malware: [MalwareFinding]
    public var misconfigurations: [Misconfiguration]

    public init(repoTags: [String], imageID: String, manifestDigest: String? = nil, os: OSInfo?,
                architecture: String, layers: [LayerInfo], config: ImageConfigSummary,
                packages: [Package] = [], vulnerabilities: [Vulnerability] = [],
                vulnerabilitySummary: SeveritySummary? = nil, secrets: [SecretFinding] = [],
                malware: [MalwareFinding] = [], misconfigurations: [Misconfiguration] = []) {
        self.repoTags = repoTags; self.imageID = imageID; self.manifestDigest = manifestDigest
        self.os = os; self.architecture = architecture; self.layers = layers; self.config = config
        self.packages = packages; self.vulnerabilities = vulnerabilities
        self.vulnerabilitySummary = vulnerabilitySummary; self.secrets = secrets
        self.malware = malware; self.misconfigurations = misconfigurations
    }
}

/// The operating system of an image's final filesystem.
public struct OSInfo: Codable, Sendable, Equatable {
    /// `debian`, `ubuntu`, `alpine`, `rhel`, `centos`, `rocky`, `almalinux`, `fedora`, `amzn`, … (os-release `ID`).
    public var family: String
    /// Release version (`12`, `3.20.3`, `9.4`); the precise one where the image has it (`debian_version`).
    public var version: String
    /// Human name (`PRETTY_NAME`).
    public var name: String
    /// Release codename where known (`bookworm`).
    public var codename: String?

    public init(family: String, version: String, name: String, codename: String? = nil) {
        self.family = family; self.version = version; self.name = name; self.codename = codename
    }
}

/// One layer, in the image's order (index 0 is the base).
public struct LayerInfo: Codable, Sendable, Equatable {
    public var index: Int
    /// SHA-256 of the uncompressed layer tar (`sha256:…`), as the config's `rootfs.diff_ids`.
    public var diffID: String
    /// SHA-256 of the blob as stored (`sha256:…`), compressed or not.
    public var digest: String
    /// Size of the blob as stored, in bytes.
    public var size: Int64
    /// `none`, `gzip` or `zstd`, detected from the bytes.
    public var compression: String
    /// The history line that made this layer, when the config has one.
    public var createdBy: String?

    public init(index: Int, diffID: String, digest: String, size: Int64, compression: String, createdBy: String?) {
        self.index = index; self.diffID = diffID; self.digest = digest; self.size = size
        self.compression = compression; self.createdBy = createdBy
    }
}

/// The parts of the image config a reviewer needs. Environment values are not copied (they may
/// hold secrets); only the names are.
public struct ImageConfigSummary: Codable, Sendable, Equatable {
    public var user: String?
    public var envNames: [String]
    public var exposedPorts: [String]
    public var entrypoint: [String]?
    public var cmd: [String]?
    public var workingDir: String?
    public var healthcheck: [String]?
    public var labels: [String: String]
    public var created: String?

    public init(user: String? = nil, envNames: [String] = [], exposedPorts: [String] = [],
                entrypoint: [String]? = nil, cmd: [String]? = nil, workingDir: String? = nil,
                healthcheck: [String]? = nil, labels: [String: String] = [:], created: String? = nil) {
        self.user = user; self.envNames = envNames; self.exposedPorts = exposedPorts
        self.entrypoint = entrypoint; self.cmd = cmd; self.workingDir = workingDir
        self.healthcheck = healthcheck; self.labels = labels; self.created = created
    }
}

/// Where in the image a finding comes from.
public struct LayerRef: Codable, Sendable, Equatable, Hashable {
    public var index: Int
    public var diffID: String
    public init(index: Int, diffID: String) { self.index = index; self.diffID = diffID }
}
