import Dispatch
import SettlementRunner

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Ends the process on SIGINT (Ctrl-C) or SIGTERM with exit code 130 or 143, after removing the temporary
/// files and folders of its runs: spilled partitions, half-written outputs, a half-made pseudonymised copy.
///
/// The signals are taken from a dispatch source, so the removal runs on an ordinary thread, not in a signal
/// handler, where almost nothing is safe to call.
enum Interruption {
    /// The sources, kept for the life of the process.
    ///
    /// Written once, by ``install()`` before the command runs, and never read: dispatch sources are not
    /// `Sendable`, and a source released stops.
    nonisolated(unsafe) private static var sources: [any DispatchSourceSignal] = []

    /// Installs the handlers.
    static func install() {
        let queue = DispatchQueue(label: "capitation.interruption")
        var installed: [any DispatchSourceSignal] = []
        for (number, status) in [(SIGINT, ExitStatus.interrupted), (SIGTERM, .terminated)] {
            // Ignored until the source takes it, so that it never ends the process with the files left. A
            // signal the process started with ignored stays so, as a shell without job control ignores
            // SIGINT for a command it runs in the background.
            let previous = signal(number, SIG_IGN)
            guard !isIgnore(previous) else { continue }
            let source = DispatchSource.makeSignalSource(signal: number, queue: queue)
            source.setEventHandler {
                TemporaryPaths.removeAll { _exit(status.rawValue) }
            }
            source.resume()
            installed.append(source)
        }
        sources = installed
    }

    /// Whether `handler` is `SIG_IGN`; C function pointers have no `==`.
    private static func isIgnore(_ handler: sighandler_t?) -> Bool {
        unsafeBitCast(handler, to: UnsafeRawPointer?.self) == unsafeBitCast(SIG_IGN, to: UnsafeRawPointer?.self)
    }
}
