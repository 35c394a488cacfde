import InputFiles
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files so that a reader never sees half of one: each is written to a temporary file
/// `.NAME.PID.tmp` in the same folder and renamed over the target when complete.
///
/// The temporary files, and the folders that ``init(folder:names:)`` made, are registered in
/// ``TemporaryPaths`` while they exist, so that an interrupted process removes them.
struct OutputWriter {
    let folder: String
    /// The folders that `init` made, outermost first.
    private let made: [MadeFolder]

    private typealias MadeFolder = (path: String, registration: TemporaryPaths.Registration)

    /// The name of the file made and removed again to check that the folder can be written.
    static let probeName = "capitation-probe"

    /// Makes the folder and its missing parents, checks that a file can be made in it, and removes the
    /// temporary files of `names` that killed runs left there.
    ///
    /// Call it before the work whose results it writes, so that a folder that cannot be written is found
    /// at once; run the work in ``finishing(_:)``, or end with ``keepNewFolders()`` or ``removeNewFolders()``.
    ///
    /// - Parameters:
    ///   - folder: The output folder.
    ///   - names: The names of the files in `folder` (not in a subfolder) that the run writes.
    /// - Throws: ``RunError/Code/outputFailed`` when a folder cannot be made or no file can be made in it.
    init(folder: String, names: [String] = []) throws(RunError) {
        self.folder = folder
        var made: [MadeFolder] = []
        do throws(RunError) {
            try Self.makeFolders(folder, into: &made)
            self.made = made
            try probe()
        } catch {
            Self.remove(made)
            throw error
        }
        let owned = Set(names + [Self.probeName])
        Leftovers.remove(in: folder, folders: false) { Leftovers.processID(inTemporaryFile: $0, of: owned) }
    }

    /// Makes `folder` and each missing folder above it, like `mkdir -p`.
    private static func makeFolders(
        _ folder: String,
        into made: inout [MadeFolder]
    ) throws(RunError) {
        let path = FilePath(folder)
        var current = FilePath(root: path.root)
        for component in path.components {
            current.append(component)
            let step = current.string
            switch DirectoryListing.kind(of: step) {
            case .directory:
                continue
            case .file, .other:
                throw .outputFailed(
                    step == path.string
                        ? "\(folder) exists and is not a folder"
                        : "cannot create the folder \(folder): \(step) is not a folder"
                )
            case .missing:
                let registration = try TemporaryPaths.withRegistry {
                    registry throws(RunError) -> TemporaryPaths.Registration? in
                    guard mkdir(step, 0o755) == 0 else {
                        // Read at once: any call after mkdir may change errno.
                        let error = Errno(rawValue: errno)
                        if error == .fileExists, DirectoryListing.kind(of: step) == .directory { return nil }
                        throw .outputFailed("cannot create the folder \(step): \(RegularFile.explain(error))")
                    }
                    return registry.register(step, as: .emptyFolder)
                }
                if let registration { made.append((step, registration)) }
            }
        }
    }

    /// Makes a file in the folder and removes it again.
    private func probe() throws(RunError) {
        let probe = SettlementPaths.join(folder, Self.temporaryName(of: Self.probeName))
        try TemporaryPaths.withRegistry { _ throws(RunError) in
            // A file of this name is of a process that had this id before; never one to write through.
            unlink(probe)
            let descriptor = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
            guard descriptor >= 0 else {
                let error = Errno(rawValue: errno)
                throw .outputFailed("cannot create a file in the folder \(folder): \(RegularFile.explain(error))")
            }
            close(descriptor)
            unlink(probe)
        }
    }

    /// The result of `body`, keeping the folders that `init` made when it succeeds and removing them (while
    /// still empty) when it fails.
    func finishing<Result>(_ body: () throws(RunError) -> Result) throws(RunError) -> Result {
        do throws(RunError) {
            let result = try body()
            keepNewFolders()
            return result
        } catch {
            removeNewFolders()
            throw error
        }
    }

    /// ``finishing(_:)`` for work that waits.
    func finishingAsync<Result>(_ body: () async throws(RunError) -> Result) async throws(RunError) -> Result {
        do throws(RunError) {
            let result = try await body()
            keepNewFolders()
            return result
        } catch {
            removeNewFolders()
            throw error
        }
    }

    /// Keeps the folders that `init` made: the run wrote its outputs there.
    func keepNewFolders() {
        TemporaryPaths.withRegistry { registry in
            for folder in made { registry.unregister(folder.registration) }
        }
    }

    /// Removes the folders that `init` made, those that are still empty: the run failed.
    func removeNewFolders() {
        Self.remove(made)
    }

    private static func remove(_ made: [MadeFolder]) {
        TemporaryPaths.withRegistry { registry in
            for folder in made.reversed() {
                rmdir(folder.path)
                registry.unregister(folder.registration)
            }
        }
    }

    /// `.NAME.PID.tmp`: the temporary file of `name` written by this process.
    static func temporaryName(of name: String) -> String {
        ".\(name).\(getpid()).tmp"
    }

    /// Writes `text` to `name` in the folder, atomically.
    func write(_ name: String, _ text: String) throws(RunError) {
        try write(name) { descriptor throws(RunError) in try Self.writeAll(Array(text.utf8), to: descriptor, name) }
    }

    /// Writes a file through `body`, atomically; `name` may lie in a subfolder that exists.
    func write(_ name: String, _ body: (FileDescriptor) throws(RunError) -> Void) throws(RunError) {
        try commit(try prepare(name, body))
    }

    /// A file written under its temporary name, to be put in place by ``commit(_:)`` or removed by
    /// ``discard(_:)``.
    struct PreparedFile: Sendable {
        fileprivate let temporary: String
        fileprivate let target: String
        fileprivate let registration: TemporaryPaths.Registration
    }

    /// Writes a file through `body` under a temporary name next to `name`, which an interruption removes;
    /// it takes the name only with ``commit(_:)``.
    func prepare(_ name: String, _ body: (FileDescriptor) throws(RunError) -> Void) throws(RunError) -> PreparedFile {
        let target = SettlementPaths.join(folder, name)
        // The temporary file sits next to the target, so that the rename never crosses file systems.
        let path = FilePath(target)
        let temporaryName = Self.temporaryName(of: path.lastComponent?.string ?? name)
        let temporary = path.removingLastComponent().appending(temporaryName).string
        let (descriptor, registration) = try TemporaryPaths.withRegistry { registry throws(RunError) in
            do {
                let descriptor = try FileDescriptor.open(
                    FilePath(temporary),
                    .writeOnly,
                    options: [.create, .truncate],
                    permissions: [.ownerReadWrite, .groupRead, .otherRead]
                )
                return (descriptor, registry.register(temporary, as: .file))
            } catch {
                throw .outputFailed("cannot write \(target): \(RegularFile.explain(error))")
            }
        }
        let prepared = PreparedFile(temporary: temporary, target: target, registration: registration)
        do throws(RunError) {
            try body(descriptor)
            try? descriptor.close()
        } catch {
            try? descriptor.close()
            discard(prepared)
            throw error
        }
        return prepared
    }

    /// Puts a prepared file in place, under its name.
    func commit(_ file: PreparedFile) throws(RunError) {
        try TemporaryPaths.withRegistry { registry throws(RunError) in
            defer { registry.unregister(file.registration) }
            guard rename(file.temporary, file.target) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(file.temporary)
                throw .outputFailed("cannot write \(file.target): \(reason)")
            }
        }
    }

    /// Removes a prepared file that is not to be put in place.
    func discard(_ file: PreparedFile) {
        TemporaryPaths.withRegistry { registry in
            unlink(file.temporary)
            registry.unregister(file.registration)
        }
    }

    /// Removes `name` from the folder, if it is there.
    func remove(_ name: String) throws(RunError) {
        let target = SettlementPaths.join(folder, name)
        guard unlink(target) == 0 || errno == ENOENT else {
            throw .outputFailed("cannot replace \(target): \(String(cString: strerror(errno)))")
        }
    }

    static func writeAll(_ bytes: [UInt8], to descriptor: FileDescriptor, _ name: String) throws(RunError) {
        do {
            try descriptor.writeAll(bytes)
        } catch {
            throw .outputFailed("cannot write \(name): \(RegularFile.explain(error))")
        }
    }
}
