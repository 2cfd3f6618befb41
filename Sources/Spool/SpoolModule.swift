/// The spool queue, worker pool and watcher.
public enum SpoolModule {}
