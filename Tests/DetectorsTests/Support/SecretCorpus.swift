import Foundation
import Testing
import ImageReader
import ScanReport
import TestSupport
@testable import Detectors

/// The secret corpora: the negative one from real packages (`scripts/secret-corpus.sh`, cached
/// in `~/.cache/spoolscan-corpus`) and the recall one of planted fake credentials
/// (`scripts/secret-recall-corpus.py`), packed as images and scanned with the real reader.
enum SecretCorpus {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let mkimage = packageRoot + "/../shared/tools/mkimage.py"

    /// One planted credential of the recall corpus.
    struct Planted: Decodable {
        var path: String
        var line: Int
        var rule: String
        var kind: String
    }

    /// The negative corpus folder, or a reason why it cannot be built here.
    static let negative: Result<String, Skip> = {
        guard FileManager.default.fileExists(atPath: mkimage) else {
            return .failure(Skip("skipped: ../shared/tools/mkimage.py is absent (not part of the repository)"))
        }
        let (status, output) = run("/bin/bash", [packageRoot + "/scripts/secret-corpus.sh"])
        guard status == 0, let folder = output.split(separator: "\n").last.map(String.init) else {
            return .failure(Skip("skipped: PyPI or the Debian archive is not reachable (scripts/secret-corpus.sh exited \(status))"))
        }
        return .success(folder)
    }()

    struct Skip: Error { let message: String; init(_ message: String) { self.message = message } }

    static var negativeAvailable: Bool { (try? negative.get()) != nil }
    static var negativeSkipMessage: Comment {
        if case .failure(let skip) = negative { return Comment(rawValue: skip.message) }
        return ""
    }

    /// Packs the negative corpus as one layer (wheels under the Python site folder, Debian
    /// packages at the root) with mkimage.py, once: the layer folder and image are kept in
    /// `image/` beside the corpus. Returns the image and the layer folder.
    static func negativeImage() throws -> (image: String, layer: String) {
        let corpus = try negative.get()
        let folder = corpus + "/image"
        let layer = folder + "/layer"
        let image = folder + "/negative.tar"
        if FileManager.default.fileExists(atPath: image) { return (image, layer) }
        try? FileManager.default.removeItem(atPath: folder)
        let site = layer + "/usr/local/lib/python3.11"
        try FileManager.default.createDirectory(atPath: site, withIntermediateDirectories: true)
        // Hard links when the cache shares the file system, copies otherwise.
        for (from, to) in [(corpus + "/pypi", site + "/site-packages"), (corpus + "/debian/.", layer + "/")]
        where run("/bin/cp", ["-al", from, to]).0 != 0 {
            try check(run("/bin/cp", ["-a", from, to]))
        }
        try check(run("/usr/bin/find", [layer, "-name", ".complete", "-delete"]))
        try check(run("/usr/bin/python3", [mkimage, "--out", image + ".part", "--tag", "corpus/negative:1", layer]))
        try FileManager.default.moveItem(atPath: image + ".part", toPath: image)
        return (image, layer)
    }

    /// Writes the recall corpus with `seed` (a fresh random one by default; failures print it,
    /// and `scripts/secret-recall-corpus.py OUT --seed N` writes the same corpus again) and
    /// packs it with ``ImageBuilder``.
    static func recallImage(in folder: String, seed: UInt32 = .random(in: 1...UInt32.max)) throws -> (image: String, planted: [Planted]) {
        try check(run("/usr/bin/python3", [packageRoot + "/scripts/secret-recall-corpus.py", folder + "/recall", "--seed", String(seed)]))
        let root = folder + "/recall/rootfs"
        var files: [TestFile] = []
        for relative in (FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []).sorted() {
            var isFolder: ObjCBool = false
            FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isFolder)
            if isFolder.boolValue { continue }
            files.append(.file(relative, bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)))))
        }
        let image = folder + "/recall.tar"
        try ImageBuilder(layers: [.init(files: files)]).write(to: image, format: .dockerLegacy)
        let planted = try JSONDecoder().decode([Planted].self, from: Data(contentsOf: URL(fileURLWithPath: folder + "/recall/expected.json")))
        return (image, planted)
    }

    /// Secret findings of `image` with the default detector settings, read by the real reader.
    static func scan(_ image: String) throws -> [SecretFinding] {
        let suite = try DetectorSuite(options: DetectorOptions(malware: false, misconfigurations: false))
        let artifact = try ArchiveReader().read(path: image, visitors: suite.visitors)
        return artifact.images.flatMap { suite.findings(for: $0).secrets }
    }

    @discardableResult
    static func run(_ executable: String, _ arguments: [String]) -> (Int32, String) {
        CommandRunner.run(executable, arguments)
    }

    static func check(_ result: (Int32, String)) throws {
        guard result.0 == 0 else { throw Skip("command exited \(result.0)") }
    }
}
