/// The advisory database, version comparison and vulnerability matching.
public enum AdvisoriesModule {}
