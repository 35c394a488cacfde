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
/// The temporary files are registered in ``TemporaryPaths`` while they exist, so that an interrupted process
/// removes them.
struct OutputWriter {
    let folder: String

    /// Creates the output folder if needed, and removes the temporary files of `names` that killed runs
    /// left there.
    ///
    /// - Parameters:
    ///   - folder: The output folder.
    ///   - names: The names of the files in `folder` (not in a subfolder) that the run writes.
    /// - Throws: ``RunError/outputFailed(_:)`` when the folder cannot be made.
    init(folder: String, names: [String] = []) throws(RunError) {
        self.folder = folder
        switch DirectoryListing.kind(of: folder) {
        case .directory:
            break
        case .missing:
            guard mkdir(folder, 0o755) == 0 || DirectoryListing.kind(of: folder) == .directory else {
                throw .outputFailed("cannot create the folder \(folder): \(String(cString: strerror(errno)))")
            }
        case .file, .other:
            throw .outputFailed("\(folder) exists and is not a folder")
        }
        let owned = Set(names)
        Leftovers.remove(in: folder, folders: false) { Leftovers.processID(inTemporaryFile: $0, of: owned) }
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
        do throws(RunError) {
            try body(descriptor)
            try? descriptor.close()
        } catch {
            try? descriptor.close()
            TemporaryPaths.withRegistry { registry in
                unlink(temporary)
                registry.unregister(registration)
            }
            throw error
        }
        try TemporaryPaths.withRegistry { registry throws(RunError) in
            defer { registry.unregister(registration) }
            guard rename(temporary, target) == 0 else {
                let reason = String(cString: strerror(errno))
                unlink(temporary)
                throw .outputFailed("cannot write \(target): \(reason)")
            }
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
