import Foundation

/// Counts the units of a long computation as workers finish them, and tells an observer.
///
/// A forecast's units are its simulated draws (every backtest draw and every projection draw);
/// a calibration study's are its replicates. The total may grow once it is known better (a
/// forecast learns how many candidates it backtests only after fitting them). The observer is
/// called on the worker's thread, under the counter's lock, with the units done and the
/// total; it must be quick (a progress bar redraws at most a few times a second). Counting
/// never changes a result.
public final class WorkProgress: @unchecked Sendable {
    public typealias Observer = @Sendable (_ done: Int, _ total: Int) -> Void

    private let observer: Observer
    private let lock = NSLock()
    private var done = 0
    private var total: Int

    /// A counter of `total` units reporting to `observer`.
    public init(total: Int = 0, observer: @escaping Observer) {
        self.total = max(0, total)
        self.observer = observer
    }

    /// Sets the total (never below the units done).
    public func expect(_ units: Int) {
        lock.withLock {
            total = max(units, done)
            observer(done, total)
        }
    }

    /// Counts `units` more done.
    public func advance(by units: Int = 1) {
        guard units > 0 else { return }
        lock.withLock {
            done += units
            total = max(total, done)
            observer(done, total)
        }
    }

    /// Marks everything done.
    public func finish() {
        lock.withLock {
            done = total
            observer(done, total)
        }
    }
}
