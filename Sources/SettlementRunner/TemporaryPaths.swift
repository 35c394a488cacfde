import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The temporary files and folders that the runs of this process are making, so that a process that is
/// interrupted can remove them before it exits.
///
/// The spill folders, the output writer and ``PseudonymisationRun`` make each temporary file or folder and
/// register it in one step, and unregister it once they have removed it or renamed it into place. A
/// program that ends on SIGINT or SIGTERM calls ``removeAll(andThen:)`` from its handler; nothing else
/// needs it, and a program that never calls it loses nothing but a lock taken once per file made.
public enum TemporaryPaths: Sendable {
    /// How a registered path is removed.
    enum Kind: Sendable {
        /// A file, unlinked.
        case file
        /// A folder, removed with everything in it.
        case tree
        /// A folder made for the outputs, removed only while it is empty.
        case emptyFolder
    }

    /// A registered path, to unregister.
    struct Registration: Sendable, Hashable {
        fileprivate let number: Int
    }

    /// The paths registered and not yet unregistered.
    struct Registry: Sendable {
        fileprivate var entries: [Int: (path: String, kind: Kind)] = [:]
        fileprivate var next = 0

        /// Registers `path`, which the caller has just made.
        mutating func register(_ path: String, as kind: Kind) -> Registration {
            next += 1
            entries[next] = (path, kind)
            return Registration(number: next)
        }

        /// Forgets a path that the caller has removed or renamed into place.
        mutating func unregister(_ registration: Registration) {
            entries[registration.number] = nil
        }

        /// The paths, the last registered first: files before the folders they are in.
        var inRemovalOrder: [(path: String, kind: Kind)] {
            entries.sorted { $0.key > $1.key }.map(\.value)
        }
    }

    private static let registry = Mutex(Registry())

    /// Runs `body` with the registry, while no other thread can change it or remove what it holds.
    ///
    /// A path made in `body` and registered there is never missed by ``removeAll(andThen:)``, and a file
    /// made in `body` inside a registered folder never appears while that folder is being removed.
    /// `body` must not call this again.
    static func withRegistry<Result: Sendable, Failure: Error>(
        _ body: (inout Registry) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        try registry.withLock { (registry) throws(Failure) -> Result in try body(&registry) }
    }

    /// Removes every registered file and folder, then calls `end`, which must end the process.
    ///
    /// The registry stays locked until the process has ended, so that no run makes another temporary file
    /// in between; a thread that tries waits until then. Call it from an ordinary thread (for example the
    /// queue of a dispatch source for the signal), never from a signal handler itself.
    ///
    /// - Parameter end: Ends the process, for example with `_exit(130)` after SIGINT.
    public static func removeAll(andThen end: () -> Never) -> Never {
        registry.withLock { registry -> Never in
            for (path, kind) in registry.inRemovalOrder {
                switch kind {
                case .file: unlink(path)
                case .tree: DirectoryListing.removeTree(path)
                case .emptyFolder: rmdir(path)
                }
            }
            end()
        }
    }
}
