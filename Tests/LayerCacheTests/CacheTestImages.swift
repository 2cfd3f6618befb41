import Foundation
import TestSupport

/// Multi-layer images for the cache tests: a base layer shared by two images, later layers
/// that delete files, hide a folder, override files and rewrite the dpkg database.
enum CacheTestImages {
    static let secret = "ghp_" + "R8vXq2LmN5pT7wY9zA1bC3dE5fG7hJ9kL2mN"
    static let eicar = "X5O!P%@AP[4\\PZX54(P^)7CC" + ")7}$" + "EICAR-STANDARD-" + "ANTIVIRUS-TEST-FILE!" + "$H+H*"

    static func dpkg(_ packages: [(String, String)]) -> String {
        packages.map { "Package: \($0.0)\nStatus: install ok installed\nArchitecture: amd64\nVersion: \($0.1)\n" }
            .joined(separator: "\n") + "\n"
    }

    static let base = ImageBuilder.Layer(files: [
        .file("etc/os-release", "ID=debian\nVERSION_ID=\"12\"\nVERSION_CODENAME=bookworm\n"),
        .file("etc/debian_version", "12.7\n"),
        .file("var/lib/dpkg/status", dpkg([("libc6", "2.36-9+deb12u7"), ("openssl", "3.0.11-1~deb12u2"), ("zlib1g", "1:1.2.13.dfsg-1")])),
        .file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\nbin:x:2:2:bin:/bin:/usr/sbin/nologin\n"),
        .file("etc/shadow", "root:*:19000:0:99999:7:::\n"),
        .file("etc/group", "root:x:0:\n"),
        .file("opt/app/old.py", "token = '\(secret)'\n"),
        .file("opt/app/keep.txt", "plain\n"),
        .file("tmp/eicar.com", eicar),
        .file("usr/bin/passwd", "binary", mode: 0o4755),
    ], createdBy: "ADD rootfs.tar /")

    /// An image on ``base``: the dpkg database rewritten, files deleted and overridden, a folder hidden.
    static func app(_ marker: String) -> ImageBuilder {
        ImageBuilder(layers: [
            base,
            .init(files: [
                .file("var/lib/dpkg/status", dpkg([("libc6", "2.36-9+deb12u7"), ("zlib1g", "1:1.2.13.dfsg-1"), ("curl", "7.88.1-10")])),
                .file("etc/passwd", "root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/sh\n"),
                .whiteout("tmp/eicar.com"),
                .file("usr/lib/python3/dist-packages/requests-2.19.1.dist-info/METADATA",
                      "Metadata-Version: 2.1\nName: requests\nVersion: 2.19.1\nLicense: Apache 2.0\n"),
                .file("root/.git-credentials", "https://octocat:\(secret)@github.com\n"),
            ], createdBy: "RUN apt-get install curl && pip install requests"),
            .init(files: [
                .opaqueWhiteout(in: "opt/app"),
                .file("opt/app/\(marker).sh", "#!/bin/sh\necho \(marker)\n", mode: 0o755),
                .whiteout("root/.git-credentials"),
            ], createdBy: "COPY app /opt/app"),
        ], config: .init(env: ["PATH=/usr/bin"], exposedPorts: ["22/tcp"]), tags: ["example/\(marker):1"])
    }
}
