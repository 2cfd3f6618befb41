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
                             ("docker25.tar", SampleImage.docker25Archive)] }) { read($0) },
        FuzzTarget("docker-manifest", "manifest.json of a docker-archive whose blobs are fixed",
                   seeds: { [("manifest.json", SampleImage.dockerManifest)] }) { manifest in
            var tar = TarBuilder()
            SampleImage.dockerBlobs(&tar)
            tar.file("manifest.json", manifest)
            read(tar.archive)
        },
        FuzzTarget("oci-index", "index.json of an OCI archive whose blobs are fixed",
                   seeds: { [("index.json", SampleImage.ociIndex)] }) { index in
            var tar = TarBuilder()
            SampleImage.ociBlobs(&tar)
            tar.file("index.json", index)
            read(tar.archive)
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
