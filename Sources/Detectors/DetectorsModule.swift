/// Secret, malware and misconfiguration detectors.
public enum DetectorsModule {}
