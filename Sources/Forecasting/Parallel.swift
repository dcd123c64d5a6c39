import Dispatch
import Foundation

/// Runs `body` on consecutive chunks of `0..<count`, one chunk per worker, and returns the
/// chunks' results in chunk order: the output depends on `count` only, never on `threads` or on
/// the scheduling, as long as `body` depends only on the indices it is given.
func parallelChunks<T: Sendable>(count: Int, threads: Int, _ body: @Sendable (Range<Int>) -> T) -> [T] {
    let workers = max(1, min(threads, count))
    let size = (count + workers - 1) / workers
    let box = ResultBox<T>(count: workers)
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
        let range = min(count, worker * size)..<min(count, (worker + 1) * size)
        box.store(body(range), at: worker)
    }
    return box.results
}

/// The workers' results, written under a lock.
private final class ResultBox<T: Sendable>: @unchecked Sendable {
    private var slots: [T?]
    private let lock = NSLock()

    init(count: Int) { slots = [T?](repeating: nil, count: count) }

    func store(_ value: T, at index: Int) {
        lock.lock()
        slots[index] = value
        lock.unlock()
    }

    var results: [T] { lock.withLock { slots.compactMap { $0 } } }
}
