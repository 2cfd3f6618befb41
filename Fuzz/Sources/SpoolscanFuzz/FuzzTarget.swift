/// One fuzz target: a name, what it feeds, how one input is run, and its seed inputs.
struct FuzzTarget: Sendable {
    let name: String
    let summary: String
    /// Largest input libFuzzer should generate for this target.
    let maxLength: Int
    /// Runs one input. Must return normally for any bytes: a crash, a trap or a hang is a finding.
    let run: @Sendable ([UInt8]) -> Void
    /// Seed inputs: (file name, bytes). Committed fixtures are added by name from `fixtures`.
    let seeds: @Sendable () -> [(String, [UInt8])]
    /// Test fixtures (paths relative to the repository root) copied into the seed corpus.
    let fixtures: [String]

    init(_ name: String, _ summary: String, maxLength: Int = 64 << 10, fixtures: [String] = [],
         seeds: @escaping @Sendable () -> [(String, [UInt8])] = { [] }, run: @escaping @Sendable ([UInt8]) -> Void) {
        self.name = name; self.summary = summary; self.maxLength = maxLength
        self.fixtures = fixtures; self.seeds = seeds; self.run = run
    }
}

/// Every target, in the order `scripts/fuzz --list` prints them.
enum FuzzTargets {
    static let all: [FuzzTarget] = ImageTargets.all + PackageTargets.all + VersionTargets.all + FeedTargets.all
        + PolicyTargets.all + ConfigTargets.all

    static func named(_ name: String) -> FuzzTarget? { all.first { $0.name == name } }
}
