import Foundation

/// One thread of its own that runs jobs one at a time, in the order they were submitted, so a
/// visitor's heavy work (e.g. YARA over a buffered file) overlaps the reading thread while its
/// results stay in the same order as when run inline.
///
/// Memory is bounded: each job declares a cost (the bytes it holds) and ``reserve(cost:)`` (or
/// ``submit(cost:_:)``) blocks while the costs in flight (reserved, queued or running) would
/// exceed `maxCostInFlight`; a job larger than the bound still runs, alone.
public final class OrderedWorker: @unchecked Sendable {
    private let condition = NSCondition()
    private var jobs: [(cost: Int, run: () -> Void)] = []
    private var costInFlight = 0
    private var running = false
    private var stopping = false
    private var exited = false
    private let maxCostInFlight: Int

    /// Starts the thread, named `name`.
    public init(name: String, maxCostInFlight: Int) {
        self.maxCostInFlight = max(1, maxCostInFlight)
        let thread = Thread { [self] in loop() }
        thread.name = name
        thread.start()
    }

    /// Queues `job` behind the others, first waiting while `cost` more would exceed the bound.
    public func submit(cost: Int, _ job: @escaping () -> Void) {
        reserve(cost: cost)
        submit(reserved: cost, job)
    }

    /// Waits while `cost` more would exceed the bound, then counts it as in flight: call it
    /// before filling a buffer, and hand the job over with ``submit(reserved:_:)``.
    public func reserve(cost: Int) {
        condition.lock()
        defer { condition.unlock() }
        while costInFlight > 0 && costInFlight + cost > maxCostInFlight && !stopping { condition.wait() }
        costInFlight += cost
    }

    /// Queues `job` behind the others; `cost` was reserved with ``reserve(cost:)`` and is
    /// released once the job has run.
    public func submit(reserved cost: Int, _ job: @escaping () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        precondition(!stopping, "job submitted to a stopped worker")
        jobs.append((cost, job))
        condition.broadcast()
    }

    /// Waits until every submitted job has run.
    public func waitUntilIdle() {
        condition.lock()
        while !jobs.isEmpty || running { condition.wait() }
        condition.unlock()
    }

    /// Ends the thread and waits for it. With `finishing`, the queued jobs run first;
    /// otherwise they are dropped (the running one, if any, still completes).
    public func stop(finishing: Bool) {
        condition.lock()
        if !finishing {
            jobs.removeAll()
            costInFlight = 0
        }
        stopping = true
        condition.broadcast()
        while !exited { condition.wait() }
        condition.unlock()
    }

    /// True once the thread has ended.
    public var hasExited: Bool {
        condition.lock()
        defer { condition.unlock() }
        return exited
    }

    private func loop() {
        condition.lock()
        while true {
            while jobs.isEmpty && !stopping { condition.wait() }
            if jobs.isEmpty { break }
            let job = jobs.removeFirst()
            running = true
            condition.unlock()
            job.run()
            condition.lock()
            running = false
            costInFlight = max(0, costInFlight - job.cost)
            condition.broadcast()
        }
        exited = true
        condition.broadcast()
        condition.unlock()
    }
}
