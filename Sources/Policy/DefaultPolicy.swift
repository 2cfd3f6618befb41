/// The policy used when no `--policy` is given. It fails a report only on what almost every
/// team would block: a CRITICAL vulnerability that has a fix, any malware, and a CRITICAL
/// secret (private keys, cloud credentials) found with high confidence. Everything else is
/// reported but does not fail. The verdict names it with a nil path and the SHA-256 of this text.
public enum DefaultPolicy {
    public static let yaml = """
        # spoolscan built-in policy
        version: 1
        rules:
          vulnerabilities:
            - severity: CRITICAL
              fixedOnly: true
          malware: true
          secrets:
            severity: CRITICAL
            confidence: high

        """
}
