#if canImport(Glibc)
import Glibc
#endif
import Foundation
import ImageReader
import PackageCatalog

/// The outer archive, `manifest.json` and the OCI `index.json`, read by the real
/// ``ArchiveReader`` from a file (it reads artifacts by path) with the package cataloguer as
/// visitor, then catalogued per image.
enum ImageTargets {
    static let all: [FuzzTarget] = [
        FuzzTarget("archive", "a whole artifact: tar, gzip/zstd, layers, manifests, every cataloguer", maxLength: 1 << 20,
                   seeds: { [("docker.tar", SampleImage.dockerArchive), ("oci.tar", SampleImage.ociArchive),
                             ("docker25.tar", SampleImage.docker25Archive)] + SampleImage.compressedArchives() }) { read($0) },
        FuzzTarget("docker-manifest", "manifest.json of a docker-archive whose blobs are fixed",
                   seeds: { [("manifest.json", SampleImage.dockerManifest)] }) {
            read(SampleImage.withLast("manifest.json", $0, after: SampleImage.dockerBlobs))
        },
        FuzzTarget("oci-index", "index.json of an OCI archive whose blobs are fixed",
                   seeds: { [("index.json", SampleImage.ociIndex)] }) {
            read(SampleImage.withLast("index.json", $0, after: SampleImage.ociBlobs))
        },
    ]

    /// A per-process scratch file in shared memory (the reader takes a path).
    static let scratchPath: String = {
        let folder = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        return "\(folder)/spoolscan-fuzz-\(getpid()).img"
    }()

    static func read(_ bytes: [UInt8]) {
        guard FileManager.default.createFile(atPath: scratchPath, contents: Data(bytes)) else {
            fatalError("cannot write \(scratchPath)")
        }
        defer { unlink(scratchPath) }
        let cataloguer = PackageCataloguer()
        guard let artifact = try? ArchiveReader().read(path: scratchPath, visitors: [cataloguer]) else { return }
        for image in artifact.images { _ = try? cataloguer.catalogue(image: image) }
    }
}
