import ArgumentParser
import Forecasting
import Foundation

/// `--progress`: progress of a long analysis on standard error, shown by default on a terminal.
struct ProgressOption: ParsableArguments {
    @Flag(help: "Show progress on standard error even when it is not a terminal (it is shown on a terminal anyway).")
    var progress = false

    /// Whether to show progress: asked for, or standard error is a terminal.
    var enabled: Bool { progress || isatty(STDERR_FILENO) == 1 }

    /// A display labelled `label`, or `nil` when progress is not shown.
    func display(_ label: String) -> ProgressDisplay? {
        enabled ? ProgressDisplay(label: label, inPlace: isatty(STDERR_FILENO) == 1) : nil
    }
}

/// Progress of one analysis on standard error: on a terminal a bar redrawn in place at most ten
/// times a second (units done, percentage, elapsed time and an estimate of the time left);
/// elsewhere (a log file) one line at every tenth of the work. Never writes to standard output.
final class ProgressDisplay: @unchecked Sendable {
    private let label: String
    private let inPlace: Bool
    private let started = Date()
    private var lastDrawn = Date.distantPast
    private var lastTenth = -1
    private var finished = false
    private let lock = NSLock()

    init(label: String, inPlace: Bool) {
        self.label = label
        self.inPlace = inPlace
    }

    /// A counter that draws on this display.
    func counter(total: Int = 0) -> WorkProgress {
        WorkProgress(total: total) { [self] done, total in self.show(done: done, total: total) }
    }

    /// Shows `done` of `total` units.
    func show(done: Int, total: Int) {
        lock.withLock {
            guard !finished else { return }
            let now = Date()
            let fraction = total > 0 ? min(1, Double(done) / Double(total)) : 0
            if inPlace {
                guard now.timeIntervalSince(lastDrawn) >= 0.1 || done == total else { return }
                lastDrawn = now
                write("\r" + line(fraction: fraction, done: done, total: total, now: now) + "\u{1B}[K")
            } else {
                let tenth = Int(fraction * 10)
                guard tenth > lastTenth else { return }
                lastTenth = tenth
                write(line(fraction: fraction, done: done, total: total, now: now) + "\n")
            }
        }
    }

    /// Ends the display (a newline after an in-place bar).
    func finish() {
        lock.withLock {
            guard !finished else { return }
            finished = true
            if inPlace, lastDrawn != .distantPast { write("\n") }
        }
    }

    private func line(fraction: Double, done: Int, total: Int, now: Date) -> String {
        let width = 24
        let filled = Int(fraction * Double(width))
        let bar = String(repeating: "#", count: filled) + String(repeating: " ", count: width - filled)
        let elapsed = now.timeIntervalSince(started)
        var text = "\(label) [\(bar)] \(Int(fraction * 100))% \(done)/\(total) \(Self.duration(elapsed))"
        if fraction > 0.02, fraction < 1 { text += ", about \(Self.duration(elapsed * (1 - fraction) / fraction)) left" }
        return text
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }

    /// `4.2 s`, `3 min 05 s`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 60 { return String(format: "%.1f s", seconds) }
        let whole = Int(seconds.rounded())
        return "\(whole / 60) min " + String(format: "%02d s", whole % 60)
    }
}
