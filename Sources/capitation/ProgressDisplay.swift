import Foundation
import SettlementRunner
import Synchronization

/// One line on standard error that shows how far reading the claims has come: lines read, throughput and
/// the time left, redrawn at most four times a second and cleared at the end.
///
/// It shows only when standard error is a terminal, so logs and pipes get nothing but the summary.
final class ProgressDisplay: Sendable {
    private struct State {
        var lastDrawn: ContinuousClock.Instant?
        var shown = false
    }

    private let start = ContinuousClock.now
    private let state = Mutex(State())

    /// A display when standard error is a terminal and the command is not quiet; otherwise `nil`.
    static func forTerminal(quiet: Bool) -> ProgressDisplay? {
        quiet || isatty(STDERR_FILENO) == 0 ? nil : ProgressDisplay()
    }

    /// The handler that feeds this display.
    var handler: ProgressHandler {
        { [self] progress in self.show(progress) }
    }

    private func show(_ progress: ReadProgress) {
        let now = ContinuousClock.now
        let line: String? = state.withLock { state in
            if let last = state.lastDrawn, now - last < .milliseconds(250), !progress.reconciling { return nil }
            state.lastDrawn = now
            state.shown = true
            return Self.text(progress, elapsed: now - start)
        }
        if let line { FileHandle.standardError.write(Data(("\r\u{1B}[K" + line).utf8)) }
    }

    /// Clears the line, when one was drawn.
    func finish() {
        let shown = state.withLock { $0.shown }
        if shown { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
    }

    /// For example `claims: 1,234,567 lines, 412 of 870 MB (47 %), 310 MB/s, about 2 s left`.
    static func text(_ progress: ReadProgress, elapsed: Duration) -> String {
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let megabytes = Double(progress.bytesRead) / 1_000_000
        let total = Double(progress.totalBytes) / 1_000_000
        let rate = seconds > 0 ? megabytes / seconds : 0
        var parts = [
            "claims: \(grouped(progress.linesRead)) lines",
            "\(Int(megabytes.rounded())) of \(Int(total.rounded())) MB"
                + (total > 0 ? " (\(Int((100 * megabytes / total).rounded(.down))) %)" : ""),
            "\(Int(rate.rounded())) MB/s",
        ]
        if progress.reconciling {
            parts.append("reconciling members")
        } else if rate > 0 {
            parts.append("about \(Int(((total - megabytes) / rate).rounded(.up))) s left")
        }
        return parts.joined(separator: ", ")
    }

    private static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var text = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }
}
