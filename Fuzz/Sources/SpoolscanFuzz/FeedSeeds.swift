/// Feed documents in the shapes the advisory tests import.
enum FeedSeeds {
    static let osv = """
        {"schema_version": "1.6.0", "id": "GHSA-xxxx-yyyy-zzzz", "modified": "2024-01-02T03:04:05Z",
         "aliases": ["CVE-2024-1234", "PYSEC-2024-1"], "summary": "A flaw", "details": "Long text\\nmore",
         "severity": [{"type": "CVSS_V3", "score": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"},
                      {"type": "CVSS_V4", "score": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"}],
         "affected": [
           {"package": {"ecosystem": "PyPI", "name": "Requests_Lib"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "2.20.0"}]},
                       {"type": "GIT", "repo": "https://x", "events": [{"introduced": "abc"}]}],
            "versions": ["2.19.0", "2.19.1"], "database_specific": {"severity": "HIGH"}},
           {"package": {"ecosystem": "Debian:12", "name": "openssl"},
            "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "3.0.13-1~deb12u1"}]}],
            "ecosystem_specific": {"urgency": "high"}},
           {"package": {"ecosystem": "Go", "name": "stdlib"},
            "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.19.0"}, {"last_affected": "1.19.8"}, {"limit": "1.20.0"}]}]},
           {"package": {"ecosystem": "Alpine:v3.18", "name": "musl"}, "versions": ["1.2.4-r0"]}
         ],
         "references": [{"type": "WEB", "url": "https://example.com/a"}, {"type": "WEB", "url": "https://example.com/a"}]}
        """

    static let osvWithdrawn = """
        {"id": "GHSA-0000-0000-0000", "modified": "2024-01-01T00:00:00Z", "withdrawn": "2024-01-02T00:00:00Z",
         "affected": [{"package": {"ecosystem": "npm", "name": "@scope/pkg"},
                       "ranges": [{"type": "SEMVER", "events": [{"introduced": "0"}, {"fixed": "1.0.0-beta.2"}]}]}]}
        """

    static let secdb = """
        {"distroversion": "v3.7", "reponame": "main", "packages": [
          {"pkg": {"name": "musl", "secfixes": {"1.1.18-r4": ["CVE-2019-14697"], "0": ["CVE-2020-0000"]}}},
          {"pkg": {"name": "openssl", "secfixes": {"1.0.2t-r0": ["CVE-2019-1547 CVE-2019-1563"]}}}
        ]}
        """

    static let tracker = """
        {"curl": {
           "CVE-2023-38545": {"description": "SOCKS5 heap overflow", "scope": "remote", "releases": {
               "bookworm": {"status": "resolved", "fixed_version": "7.88.1-10+deb12u4", "urgency": "high", "repositories": {"bookworm": "7.88.1-10+deb12u7"}},
               "trixie": {"status": "resolved", "fixed_version": "0", "urgency": "unimportant"},
               "sid": {"status": "open", "urgency": "medium"}}},
           "CVE-2024-2398": {"releases": {"bookworm": {"status": "open", "nodsa": "minor", "nodsa_reason": "postponed", "urgency": "low"}}},
           "TEMP-0000000-ABCDEF": {"releases": {"bookworm": {"status": "undetermined", "urgency": "not yet assigned"}}}},
         "glibc": {"CVE-2023-4911": {"releases": {"bookworm": {"status": "resolved", "fixed_version": "2.36-9+deb12u3", "urgency": "high**"},
                                                  "bullseye": {"status": "not-affected"}}}}}
        """
}
