/// The image configuration JSON (OCI image config / docker image JSON), the fields spoolscan uses.
public struct ImageConfig: Codable, Sendable, Equatable {
    public struct RunConfig: Codable, Sendable, Equatable {
        public var User: String?
        public var Env: [String]?
        public var ExposedPorts: [String: EmptyObject]?
        public var Entrypoint: [String]?
        public var Cmd: [String]?
        public var WorkingDir: String?
        public var Labels: [String: String]?
        public var Healthcheck: Healthcheck?
        public init() {}
    }
    public struct Healthcheck: Codable, Sendable, Equatable {
        public var Test: [String]?
    }
    public struct RootFS: Codable, Sendable, Equatable {
        public var type: String?
        public var diff_ids: [String]?
    }
    public struct History: Codable, Sendable, Equatable {
        public var created: String?
        public var created_by: String?
        public var empty_layer: Bool?
        public var comment: String?
    }
    /// Decodes `{}` (and ignores whatever is inside).
    public struct EmptyObject: Codable, Sendable, Equatable {
        public init() {}
    }

    public var architecture: String?
    public var os: String?
    public var variant: String?
    public var created: String?
    public var config: RunConfig?
    public var rootfs: RootFS?
    public var history: [History]?

    public init() {}

    /// The `created_by` of each non-empty layer's history entry, in layer order.
    public var layerHistory: [String?] {
        (history ?? []).filter { $0.empty_layer != true }.map { $0.created_by }
    }
}
