import Advisories
import Foundation

/// Real images for the format tests, built once per checkout under `.build/integration`:
/// Debian 12 (debootstrap, via ../shared/images/build-debian.sh) with a second layer of Python
/// dist-info and npm packages, a planted token, the EICAR file and a setuid file; and Alpine
/// 3.7.3 / 3.20.3 from their official minirootfs. Nil when ../shared or the Debian archive is absent.
enum FormatTestImages {
    static let work = SharedData.packageRoot.path + "/.build/integration/formats"

    static let debian: String? = {
        guard SharedData.exists("images/build-debian.sh"), SharedData.exists("tools/mkimage.py") else { return nil }
        let base = work + "/debian"
        let image = work + "/debian12-app.tar"
        if FileManager.default.fileExists(atPath: image) { return image }
        do {
            if !FileManager.default.fileExists(atPath: base + "/debian12-minbase.tar") {
                try SharedData.run("/bin/bash", [SharedData.path("images/build-debian.sh"), base])
            }
            let layer = work + "/app-layer"
            try? FileManager.default.removeItem(atPath: layer)
            let dist = layer + "/usr/local/lib/python3.11/dist-packages"
            for (name, version, license) in [("requests", "2.19.1", "Apache 2.0"), ("urllib3", "1.24.1", "MIT"),
                                             ("Jinja2", "2.10", "BSD"), ("PyYAML", "5.3", "MIT")] {
                try write(dist + "/\(name)-\(version).dist-info/METADATA",
                          "Metadata-Version: 2.1\nName: \(name)\nVersion: \(version)\nLicense: \(license)\n\nA package.\n")
            }
            try write(layer + "/usr/local/lib/node_modules/lodash/package.json",
                      #"{"name": "lodash", "version": "4.17.4", "license": "MIT"}"#)
            try write(layer + "/app/.env", "DB_PASSWORD=Xk29fLq8Zr7TwPm4Vn3sQ1\nGITHUB_TOKEN=ghp_" + "Zq3xV8kL2mN5pR7tW9yB4cD6fH1jK0aS2uE8\n")
            try write(layer + "/tmp/eicar.com", #"X5O!P%@AP[4\PZX54(P^)7CC)7}$EICAR-STANDARD-ANTIVIRUS-TEST-FILE!$H+H*"#)
            try write(layer + "/usr/local/bin/helper", "#!/bin/sh\n")
            chmod(layer + "/usr/local/bin/helper", 0o4755)
            try SharedData.run("/usr/bin/python3", [SharedData.path("tools/mkimage.py"), "--out", image, "--tag", "example/app:1.0",
                                                    base + "/rootfs-minbase", layer])
            return image
        } catch {
            return nil
        }
    }()

    /// An Alpine minirootfs packed as a docker-archive.
    static func alpine(_ version: String) -> String? {
        let rootfs = "alpine-minirootfs-\(version)-x86_64.tar.gz"
        guard SharedData.exists("images/rootfs/" + rootfs) else { return nil }
        return try? SharedData.alpineImage(rootfs, format: "docker")
    }

    /// A database of the PyPI OSV records and the Alpine secdb v3.7 (built once).
    static let database: String? = {
        let path = work + "/advisories.db"
        if FileManager.default.fileExists(atPath: path) { return path }
        guard SharedData.exists("vulndata/PyPI-all.zip"), SharedData.exists("vulndata/alpine-secdb/v3.7") else { return nil }
        try? FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
        guard (try? AdvisoryImporter(databasePath: path).importFeeds(
            [SharedData.path("vulndata/PyPI-all.zip"), SharedData.path("vulndata/alpine-secdb/v3.7")])) != nil else { return nil }
        return path
    }()

    static func write(_ path: String, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    }
}
