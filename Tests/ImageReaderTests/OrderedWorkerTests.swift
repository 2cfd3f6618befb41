import Foundation
import ImageReader
import Testing

/// The ordered worker runs jobs in submission order, never holds more than its bound of
/// reserved cost (except one job larger than the bound, alone), and ends on `stop`.
@Suite(.timeLimit(.minutes(1)))
struct OrderedWorkerTests {
    /// State the jobs share, guarded by a lock.
    final class Log: @unchecked Sendable {
        private let lock = NSLock()
        private var order: [Int] = []
        private var held = 0
        /// Times the cost held exceeded the bound other than by one job alone.
        private(set) var overBound = 0
        func start(_ index: Int, cost: Int) { lock.withLock { order.append(index) } }
        func hold(_ cost: Int, bound: Int) {
            lock.withLock {
                held += cost
                if held > bound && held != cost { overBound += 1 }
            }
        }
        func release(_ cost: Int) { lock.withLock { held -= cost } }
        var ran: [Int] { lock.withLock { order } }
    }

    @Test("jobs run in submission order and the cost in flight stays within the bound")
    func orderAndBound() {
        let worker = OrderedWorker(name: "test-worker", maxCostInFlight: 100)
        let log = Log()
        let costs = (0..<300).map { [5, 40, 0, 90, 250, 17][$0 % 6] }
        for (index, cost) in costs.enumerated() {
            worker.reserve(cost: cost)
            log.hold(cost, bound: 100)
            worker.submit(reserved: cost) {
                log.start(index, cost: cost)
                if index % 7 == 0 { usleep(200) }
                log.release(cost)
            }
        }
        worker.waitUntilIdle()
        #expect(log.ran == Array(0..<300))
        #expect(log.overBound == 0)
        worker.stop(finishing: true)
        #expect(worker.hasExited)
    }

    @Test("stopping without finishing drops queued jobs and ends the thread")
    func stopDropsQueued() {
        let worker = OrderedWorker(name: "test-worker", maxCostInFlight: 1 << 20)
        let log = Log()
        worker.submit(cost: 0) { usleep(20_000); log.start(0, cost: 0) }
        for index in 1...50 { worker.submit(cost: 1) { log.start(index, cost: 1) } }
        worker.stop(finishing: false)
        #expect(worker.hasExited)
        #expect(log.ran.count < 51)
        #expect(log.ran == Array(log.ran.indices))
    }
}
