import Foundation
import SpoolscanCore
import TestSupport

/// A small image whose one layer holds a file for every package cataloguer, laid out as a
/// docker-archive (legacy and Docker ≥ 25) or an OCI archive. The image targets use its
/// blobs as their fixed part and its archives as seeds.
enum SampleImage {
    static let layer: [UInt8] = {
        var tar = TarBuilder()
        tar.file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\nPRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\n")
        tar.file("var/lib/dpkg/status", PackageSeeds.dpkgStatus)
        tar.file("lib/apk/db/installed", PackageSeeds.apkInstalled)
        tar.file("usr/lib/python3/dist-packages/six-1.16.0.dist-info/METADATA", PackageSeeds.pythonMetadata)
        tar.file("app/node_modules/left-pad/package.json", PackageSeeds.packageJSON)
        tar.file("usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec", PackageSeeds.gemspec)
        tar.file("app/vendor/composer/installed.json", PackageSeeds.composerInstalled)
        tar.file("usr/local/bin/hello", GoSeeds.inlineBinary(), mode: 0o755)
        return tar.archive
    }()

    static let layerDigest = "sha256:" + SHA256Hasher.hex(layer)

    static let config: [UInt8] = Array("""
        {"architecture":"amd64","os":"linux","config":{"Env":["PATH=/usr/bin"],"Cmd":["/bin/sh"],"User":"1000"},\
        "rootfs":{"type":"layers","diff_ids":["\(layerDigest)"]},\
        "history":[{"created_by":"/bin/sh -c #(nop) ADD file:0 in /"}]}
        """.utf8)

    static let configHex = SHA256Hasher.hex(config)

    static let ociManifest: [UInt8] = Array("""
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json",\
        "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:\(configHex)","size":\(config.count)},\
        "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar","digest":"\(layerDigest)","size":\(layer.count)}]}
        """.utf8)

    static let ociManifestHex = SHA256Hasher.hex(ociManifest)

    /// `manifest.json` of the legacy docker-archive layout.
    static let dockerManifest: [UInt8] = Array("""
        [{"Config":"\(configHex).json","RepoTags":["fuzz:latest"],"Layers":["0a/layer.tar"]}]
        """.utf8)

    /// `index.json` of the OCI layout.
    static let ociIndex: [UInt8] = Array("""
        {"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[\
        {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:\(ociManifestHex)","size":\(ociManifest.count),\
        "annotations":{"org.opencontainers.image.ref.name":"latest"}}]}
        """.utf8)

    /// The docker-archive legacy layout without its `manifest.json` (which `docker save` writes last).
    static func dockerBlobs(_ tar: inout TarBuilder) {
        tar.file("0a/layer.tar", layer)
        tar.file("\(configHex).json", config)
    }

    /// The OCI layout without its `index.json`.
    static func ociBlobs(_ tar: inout TarBuilder) {
        tar.file("oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}")
        tar.file("blobs/sha256/" + String(layerDigest.dropFirst(7)), layer)
        tar.file("blobs/sha256/" + configHex, config)
        tar.file("blobs/sha256/" + ociManifestHex, ociManifest)
    }

    /// The blobs `blobs` writes, then `document` as the archive's last member `name`.
    static func withLast(_ name: String, _ document: [UInt8], after blobs: (inout TarBuilder) -> Void) -> [UInt8] {
        var tar = TarBuilder()
        blobs(&tar)
        tar.file(name, document)
        return tar.archive
    }

    static var dockerArchive: [UInt8] { withLast("manifest.json", dockerManifest, after: dockerBlobs) }

    static var ociArchive: [UInt8] { withLast("index.json", ociIndex, after: ociBlobs) }

    /// Docker ≥ 25: OCI blobs plus `manifest.json` naming them.
    static var docker25Archive: [UInt8] {
        var tar = TarBuilder()
        ociBlobs(&tar)
        tar.file("index.json", ociIndex)
        tar.file("manifest.json", """
            [{"Config":"blobs/sha256/\(configHex)","RepoTags":["fuzz:25"],"Layers":["blobs/sha256/\(layerDigest.dropFirst(7))"]}]
            """)
        return tar.archive
    }

    /// The same files as a two-layer image written by the tests' ``ImageBuilder``, in each
    /// layout with gzip or zstd layers and a gzip- or zstd-compressed whole file.
    static func compressedArchives() -> [(String, [UInt8])] {
        let files: [TestFile] = [
            .file("etc/os-release", "ID=alpine\nVERSION_ID=3.20.3\n"),
            .file("lib/apk/db/installed", PackageSeeds.apkInstalled),
            .file("usr/lib/python3.12/site-packages/six-1.16.0.dist-info/METADATA", PackageSeeds.pythonMetadata),
        ]
        let image = ImageBuilder(layers: [.init(files: files), .init(files: [.file("app/node_modules/x/package.json", PackageSeeds.packageJSON)])])
        let path = NSTemporaryDirectory() + "spoolscan-fuzz-seed-\(getpid()).tar"
        defer { unlink(path) }
        var seeds: [(String, [UInt8])] = []
        let variants: [(String, ImageBuilder.Format, ImageBuilder.Compression, ImageBuilder.Compression)] = [
            ("docker-gzip-layers.tar", .dockerLegacy, .gzip, .none),
            ("oci-zstd-layers.tar", .ociArchive, .zstd, .none),
            ("docker25.tar.gz", .docker25, .none, .gzip),
            ("oci.tar.zst", .ociArchive, .none, .zstd),
        ]
        for (name, format, layers, outer) in variants {
            guard (try? image.write(to: path, format: format, layerCompression: layers, outerCompression: outer)) != nil,
                  let data = FileManager.default.contents(atPath: path) else { continue }
            seeds.append((name, Array(data)))
        }
        return seeds
    }
}
