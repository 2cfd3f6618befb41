import Testing
import Policy

/// purl parsing and the pattern match VEX products and ignore entries use.
@Suite struct PackageURLTests {
    @Test func parsesEveryPart() throws {
        let purl = try #require(PackageURL("pkg:deb/debian/libssl3@3.0.11-1~deb12u2?arch=amd64&distro=debian-12#sub/dir"))
        #expect(purl.type == "deb" && purl.namespace == "debian" && purl.name == "libssl3")
        #expect(purl.version == "3.0.11-1~deb12u2" && purl.qualifiers == ["arch": "amd64", "distro": "debian-12"] && purl.subpath == "sub/dir")
        let npm = try #require(PackageURL("pkg:npm/%40angular/core@16.2.0"))
        #expect(npm.namespace == "@angular" && npm.name == "core" && npm.version == "16.2.0")
        let go = try #require(PackageURL("pkg:golang/github.com/docker/docker@v24.0.7%2Bincompatible"))
        #expect(go.namespace == "github.com/docker" && go.version == "v24.0.7+incompatible")
        let epoch = try #require(PackageURL("pkg:deb/debian/perl@1%3A5.36.0-7"))
        #expect(epoch.version == "1:5.36.0-7")
        #expect(PackageURL("pkg:deb") == nil && PackageURL("deb/debian/x@1") == nil && PackageURL("pkg:/x") == nil)
    }

    @Test(arguments: [
        ("pkg:deb/debian/openssl", "pkg:deb/debian/openssl@3.0.11?arch=amd64&distro=debian-12", true),
        ("pkg:deb/debian/openssl@3.0.11", "pkg:deb/debian/openssl@3.0.11?arch=amd64", true),
        ("pkg:deb/debian/openssl@3.0.11?arch=amd64", "pkg:deb/debian/openssl@3.0.11?distro=debian-12&arch=amd64", true),
        ("pkg:deb/debian/openssl@3.0.11?arch=arm64", "pkg:deb/debian/openssl@3.0.11?arch=amd64", false),
        ("pkg:deb/debian/openssl@3.0.12", "pkg:deb/debian/openssl@3.0.11", false),
        ("pkg:deb/ubuntu/openssl", "pkg:deb/debian/openssl@3.0.11", false),
        ("pkg:rpm/debian/openssl", "pkg:deb/debian/openssl@3.0.11", false),
        ("pkg:pypi/Django_REST.framework", "pkg:pypi/django-rest-framework@3.14.0", true),
        ("PKG:DEB/Debian/OpenSSL", "pkg:deb/debian/openssl@1", true),
    ])
    func covers(pattern: String, purl: String, expected: Bool) {
        #expect(PackageURL.covers(pattern, purl) == expected)
    }
}
