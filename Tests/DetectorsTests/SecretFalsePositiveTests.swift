import Testing
@testable import Detectors

/// The false positives found on popular PyPI packages and Debian packages, each with its real
/// source line (package, file and line in the comment). None of them may be reported again.
@Suite("Secret false positives on real packages")
struct SecretFalsePositiveTests {
    /// (where the line comes from, the rule that fired, the line itself).
    static let lines: [(source: String, rule: String, line: String)] = [
        // private-key: truncated PEM examples in Twilio's docstrings
        ("twilio 9 rest/chat/v1/credential.py:169", "private-key",
         "        :param private_key: [APN only] The URL encoded representation of the private key. For example, `-----BEGIN RSA PRIVATE KEY----- MIIEpQIBAAKCAQEAuyf/lNrH9ck8DmNyo3fGgvCI1l9s+cmBY3WIz+cUDqmxiieR. -----END RSA PRIVATE KEY-----`"),
        ("twilio 9 rest/conversations/v1/credential.py:171", "private-key",
         "        :param private_key: [APN only] The URL encoded representation of the private key. For example, `-----BEGIN RSA PRIVATE KEY----- MIIEpQIBAAKCAQEAuyf/lNrH9ck8DmNyo3fG... -----END RSA PRIVATE KEY-----`."),
        // aws-access-key-id: AWS's documented example key IDs
        ("boto3 examples/cloudfront.rst:25", "aws-access-key-id", "    key_id = 'AKIAIOSFODNN7EXAMPLE'"),
        ("botocore data/iam/2010-05-08/examples-1.json:130", "aws-access-key-id", #"            "AccessKeyId": "AKIAIOSFODNN7EXAMPLE","#),
        ("botocore data/iam/2010-05-08/examples-1.json:870", "aws-access-key-id", #"              "AccessKeyId": "AKIA111111111EXAMPLE","#),
        ("botocore data/sts/2011-06-15/examples-1.json:172", "aws-access-key-id", #"          "UserId": "AKIAI44QH8DHBEXAMPLE:my-role-session-name""#),
        ("twilio rest/accounts/v1/credential/aws.py:568", "aws-access-key-id",
         "        :param credentials: A string that contains the AWS access credentials in the format `<AWS_ACCESS_KEY_ID>:<AWS_SECRET_ACCESS_KEY>`. For example, `AKIAIOSFODNN7EXAMPLE:wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`"),
        // generic-api-key: paginator fields, Kubernetes attribute names, a Django docstring
        ("botocore data/dynamodb/2012-08-10/paginators-1.json:29", "generic-api-key", #"      "input_token": "ExclusiveStartKey","#),
        ("botocore data/dynamodb/2012-08-10/paginators-1.json:17", "generic-api-key", #"      "output_token": "LastEvaluatedKey","#),
        ("botocore data/dynamodb/2012-08-10/paginators-1.json:5", "generic-api-key", #"      "output_token": "LastEvaluatedBackupArn","#),
        ("kubernetes client/models/v1_pod_spec.py:215", "generic-api-key", #"        "automount_service_account_token": "automountServiceAccountToken","#),
        ("kubernetes client/models/v1_volume_projection.py:124", "generic-api-key", #"        "service_account_token": "V1ServiceAccountTokenProjection""#),
        ("django template/base.py:663", "generic-api-key", #"        >>> token = 'variable|default:"Default value"|date:"Y-m-d"'"#),
        // generic-secret: type names in cryptography and PyJWT
        ("cryptography x509/base.py:260", "generic-secret", "        private_key: CertificateIssuerPrivateKeyTypes,"),
        ("cryptography hazmat/primitives/serialization/ssh.py:790", "generic-secret", "    private_key: SSHPrivateKeyTypes,"),
        ("cryptography hazmat/primitives/serialization/pkcs7.py:84", "generic-secret", "        private_key: PKCS7PrivateKeyTypes,"),
        ("PyJWT jwt/algorithms.py:1107", "generic-secret", "                private_key: Ed25519PrivateKey | Ed448PrivateKey"),
        // generic-password: class attributes, defaults and docstrings
        ("paramiko pkey.py:158", "generic-password", "        :param str password: Optional decryption password."),
        ("pydantic types.py:1862", "generic-password", "    model = Model(password='IAmSensitive', password_bytes=b'IAmSensitiveBytes')"),
        ("redis _parsers/base.py:79", "generic-password", #"            "invalid password": AuthenticationError,"#),
        ("SQLAlchemy engine/url.py:654", "generic-password", "        :param hide_password: Defaults to True.   The password is not shown"),
        // npmrc-auth-token: keyword arguments in Python source
        ("botocore args.py:768", "npmrc-auth-token", "            s3_disable_express_session_auth=s3_disable_express_session_auth,"),
        ("slack_sdk socket_mode/websocket_client/__init__.py:242", "npmrc-auth-token", "                    http_proxy_auth=self.http_proxy_auth,"),
        // Debian: RFC 6749 example values in oauthlib, documentation URLs in Perl modules, JWTs in jose's docs
        ("python3-oauthlib oauth2/rfc6749/parameters.py:331", "generic-api-key", "        Location: http://example.com/cb#access_token=2YotnFZFEjr1zCsicMWpAA"),
        ("python3-oauthlib oauth2/rfc6749/clients/base.py:348", "basic-auth-header", "            Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW"),
        ("python3-oauthlib oauth2/rfc6749/clients/base.py:350", "generic-api-key", "            token=45ghiukldjahdnhzdauz&token_type_hint=refresh_token"),
        ("requests-oauthlib oauth1_session.py:93", "generic-secret", "        'oauth_token_secret': '2kjshdfp92i34asdasd',"),
        ("libmojolicious-perl Mojo/URL.pm:255", "url-basic-auth", "  Mojo::URL->new('http://sri:t3st@example.com:8080/foo')->host;"),
        ("libmojolicious-perl Mojo/URL.pm:367", "url-basic-auth", "  Mojo::URL->new('http://isabel:s3cret@mojolicious.org')->password;"),
        ("libwww-perl LWP/Protocol/http.pm:108", "url-basic-auth", #"    # export http_proxy="http://proxyuser:proxypass@proxyhost:port"."#),
        ("node-jose dist/deno/jwt/verify.ts:39", "jwt-token",
         " *   'eyJhbGciOiJIUzI1NiJ9.eyJ1cm46ZXhhbXBsZTpjbGFpbSI6dHJ1ZSwiaWF0IjoxNjY5MDU2MjMxLCJpc3MiOiJ1cm46ZXhhbXBsZTppc3N1ZXIiLCJhdWQiOiJ1cm46ZXhhbXBsZTphdWRpZW5jZSJ9.C4iSlLfAUMBq--wnC6VqD9gEOhwpRZpoRarE0m7KE-o'"),
    ]

    @Test("a real source line that was a false positive is not reported", arguments: lines.indices)
    func notReported(index: Int) throws {
        let (source, rule, line) = Self.lines[index]
        let detector = try SecretTestKit.detector()
        let found = SecretTestKit.ruleIDs(in: line + "\n", detector: detector)
        #expect(found.isEmpty, "\(source): \(rule) fired again (\(found.sorted()))")
    }

    @Test("generic findings in test files are not reported (tornado's test literals)")
    func genericInTestFile() throws {
        let line = #"                    {"username": "foo", "password": "barユ£"},"#
        let hits = SecretTestKit.streamHits(Array((line + "\n").utf8), path: "usr/lib/python3/site-packages/tornado/test/curl_httpclient_test.py",
                                            chunkSize: 4096, detector: try SecretTestKit.detector())
        #expect(hits.isEmpty)
    }
}
