import Testing
import ImageReader
@testable import PackageCatalog

@Suite struct FileRoleTests {
    @Test(arguments: [
        ("etc/os-release", FileRole.releaseFile), ("usr/lib/os-release", .releaseFile), ("etc/alpine-release", .releaseFile),
        ("etc/debian_version", .releaseFile), ("etc/rocky-release", .releaseFile), ("etc/system-release", .releaseFile),
        ("var/lib/dpkg/status", .dpkgStatus), ("var/lib/dpkg/status.d/libc6", .dpkgStatusDirectory),
        ("usr/share/doc/bash/copyright", .dpkgCopyright), ("lib/apk/db/installed", .apk),
        ("var/lib/rpm/rpmdb.sqlite", .rpmSQLite), ("var/lib/rpm/Packages", .rpmBerkeleyDB), ("usr/lib/sysimage/rpm/rpmdb.sqlite", .rpmSQLite),
        ("usr/lib/python3.11/site-packages/pip-23.2.1.dist-info/METADATA", .python),
        ("usr/lib/python3/dist-packages/PyGObject-3.42.2.egg-info/PKG-INFO", .python),
        ("usr/lib/python3/dist-packages/six-1.16.0.egg-info", .python),
        ("app/node_modules/@babel/core/package.json", .npm), ("opt/app/BOOT.JAR", .javaArchive),
        ("srv/ROOT.war", .javaArchive), ("x/plugin.hpi", .javaArchive),
        ("usr/lib/ruby/gems/3.1.0/specifications/rake-13.0.6.gemspec", .gem),
        ("usr/lib/ruby/gems/3.1.0/specifications/default/json-2.6.1.gemspec", .gem),
        ("usr/lib/python3.8/site-packages/foo-1.0-py3.8.egg/EGG-INFO/PKG-INFO", .python),
        ("var/www/vendor/composer/installed.json", .composer),
    ])
    func wantedFiles(path: String, role: FileRole) {
        #expect(FileRole.of(LayerEntry(path: path, kind: .regular, size: 10)) == role)
    }

    @Test(arguments: [
        "etc/passwd", "app/package.json", "node_modules/glob/dist/esm/package.json", "var/lib/dpkg/status-old",
        "var/lib/dpkg/status.d/libc6.md5sums", "usr/share/doc/bash/copyright/x", "usr/share/doc/copyright",
        "src/rake.gemspec", "gems/default/x.gemspec", "var/lib/rpm/Packages.bak", "var/cache/Packages", "composer/installed.json", "lib/x.jarx", "usr/lib/os-release.d/x", "META-INF/METADATA.txt",
    ])
    func otherFiles(path: String) {
        #expect(FileRole.of(LayerEntry(path: path, kind: .regular, size: 10)) == nil)
    }

    @Test func executablesAreBinaryCandidates() {
        #expect(FileRole.of(LayerEntry(path: "usr/bin/kubectl", kind: .regular, size: 4096, mode: 0o755)) == .binaryCandidate)
        #expect(FileRole.of(LayerEntry(path: "usr/bin/tiny", kind: .regular, size: 10, mode: 0o755)) == nil)
        #expect(FileRole.of(LayerEntry(path: "usr/lib/libz.so.1", kind: .regular, size: 4096, mode: 0o644)) == nil)
    }
}
