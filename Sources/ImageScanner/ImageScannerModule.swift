/// One scan of one artifact.
public enum ImageScannerModule {}
