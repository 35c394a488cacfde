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
        let milliseconds = max(
            1,
            elapsed.components.seconds * 1_000 + elapsed.components.attoseconds / 1_000_000_000_000_000
        )
        let megabytes = progress.bytesRead / 1_000_000
        let total = progress.totalBytes / 1_000_000
        // Bytes per millisecond are kilobytes per second.
        let kilobytesPerSecond = Int64(progress.bytesRead) / milliseconds
        var parts = [
            "claims: \(grouped(progress.linesRead)) lines",
            "\(megabytes) of \(total) MB"
                + (progress.totalBytes > 0 ? " (\(100 * progress.bytesRead / progress.totalBytes) %)" : ""),
            "\(kilobytesPerSecond / 1_000) MB/s",
        ]
        if progress.reconciling {
            parts.append("reconciling members")
        } else if kilobytesPerSecond > 0 {
            let left = Int64(progress.totalBytes - progress.bytesRead) / 1_000
            parts.append("about \((left + kilobytesPerSecond - 1) / kilobytesPerSecond) s left")
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
