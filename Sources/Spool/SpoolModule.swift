/// The spool queue, worker pool and watcher.
///
/// **Folders.** A job's state is the folder its artifact sits in: `pending/` (Pending),
/// `in-progress/` (In progress), `parsing/` (Parsing results), `done/` (Finished: `NAME` and
/// `NAME.report.json`), `error/` (Error: `NAME` and `NAME.error.json`). Producers write into
/// `tmp/` (or a dot-file / `*.part` in `pending/`) and rename into `pending/`; all folders must be
/// on one filesystem (checked at start, `HNDL-009`). Durable metadata lives in `.state/` (see
/// ``SpoolLayout``); `.lock` is the daemon's flock.
///
/// **Queue.** A renamed-in file is received at once; a file written in place once size and mtime
/// stay unchanged for the settle time. The receipt (`.state/jobs/INODE.json`, fsynced) records
/// when the worker first saw it; jobs start in that order. Claims are `renameat2(NOREPLACE)`
/// from `pending/` to `in-progress/` under the job's flock; the loser of a race gets ENOENT.
///
/// **Attempts.** Each attempt is recorded (fsynced) before the scanner starts. What follows is
/// decided by the category of the cause's code (``Disposition``): `artifact` (exit 2 with
/// `SCAN-xxx: message` on the first stderr line, `HNDL-010` for a non-regular drop) goes to
/// `error/` at once; `internal` — timeout (`HNDL-004`), crash (`HNDL-005`), out of memory
/// (`HNDL-006`), a failing report hook (`HNDL-001`) — is retried after a backoff, counted, and
/// after three counted attempts goes to `error/` with the last cause's code (`HNDL-002` when
/// every attempt was cut short by the worker dying); `host` (disk full `HNDL-007`, a database
/// outage) holds the job without counting; `configuration` stops the worker. A shutdown kill is
/// recorded but not counted. Out of memory = SIGKILL the pool did not send, or an
/// allocation-failure message in the stderr tail (see ``ExitCause``). Names are bytes
/// (``SpoolName``).
///
/// **Recovery.** Only the spool-lock holder (the daemon, or a sweep when no daemon runs) puts
/// jobs left in `in-progress/`/`parsing/` back into `pending/`, and only those whose job lock it
/// can take (a dead worker's orphaned scanner is killed first).
public enum SpoolModule {}
