/// The shared ledger several daemons coordinate through (PostgreSQL in `SharedQueue`).
///
/// Each closure runs while the job's row is locked (`SELECT … FOR UPDATE`), on the ledger's own
/// thread, and must only move files: so a host whose lease expired never renames or finalises a
/// job another host now owns.
public protocol JobLedger: Sendable {
    /// Registers ready files (one round trip for all); returns how many were new.
    func register(_ drops: [LedgerDrop], by owner: LedgerOwner) async throws -> Int
    /// Claims the oldest pending job whose backoff is over (`FOR UPDATE SKIP LOCKED`), letting
    /// `move` rename its file; returns it with its new token and lease, or nil when none is ready.
    func claim(_ owner: LedgerOwner, leaseSeconds: Double, maxAttempts: Int,
               move: @escaping @Sendable (LedgerJob) -> ClaimMove) async throws -> LedgerJob?
    /// Extends the leases of these jobs (id, token); returns the ids still held.
    func renew(_ owner: LedgerOwner, jobs: [(Int64, Int64)], leaseSeconds: Double) async throws -> Set<Int64>
    /// Records the attempt's end and, while the row still carries `job.token`, lets `move` finish
    /// or requeue the job (it gets the attempt history); false when the lease was lost.
    func finish(_ job: LedgerJob, attempt: AttemptEnd?,
                move: @escaping @Sendable (LedgerJob, [AttemptRecord]) throws -> FinishMove) async throws -> Bool
    /// Puts back jobs whose lease expired (their attempt stays counted); returns how many.
    func rescueExpired(_ owner: LedgerOwner, move: @escaping @Sendable (LedgerJob) -> RescueMove) async throws -> Int
    /// Ends the leases a previous run of this host left (it died): they are rescued at once.
    func expirePreviousRuns(_ owner: LedgerOwner) async throws -> Int
    /// Records this daemon (host, run, slot count) for `status`; called on every heartbeat.
    func announce(_ owner: LedgerOwner, slots: Int) async throws
    /// Tells the other daemons that jobs were registered or freed.
    func notify() async throws
    /// Waits up to `timeoutMs` for another daemon's notification; true when one came.
    func waitForNotification(timeoutMs: Int) async throws -> Bool
}
