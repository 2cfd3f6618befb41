import Foundation

/// Ledger steps (claims, finishes) counted with the statements (round trips) and time each took.
public final class StepStatistics: @unchecked Sendable {
    private let lock = NSLock()
    private let label: String
    private var claims = 0
    private var statements = 0
    private var nanoseconds: Int64 = 0

    init(label: String) { self.label = label }

    func add(statements count: Int, ns: Int64) {
        lock.withLock {
            claims += 1
            statements += count
            nanoseconds += ns
        }
    }

    /// `claims=N round_trips_per_claim=R ms_per_claim=M` (with the step's label).
    public var line: String {
        lock.withLock {
            guard claims > 0 else { return "\(label)s=0" }
            return String(format: "%@s=%d round_trips_per_%@=%.1f ms_per_%@=%.2f", label, claims, label,
                          Double(statements) / Double(claims), label, Double(nanoseconds) / 1e6 / Double(claims))
        }
    }
}
