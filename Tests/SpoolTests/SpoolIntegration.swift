import Testing

/// Integration tests that start the real binary; run one at a time (2 cores, timing-sensitive).
@Suite(.serialized) struct SpoolIntegration {}
