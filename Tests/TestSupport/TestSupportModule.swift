/// Builders for test images.
public enum TestSupportModule {}
