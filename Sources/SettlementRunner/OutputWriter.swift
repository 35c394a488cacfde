import InputFiles
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes output files so that a reader never sees half of one: each is written to a temporary file in
/// the same folder and renamed over the target when complete.
struct OutputWriter {
    let folder: String

    /// Creates the output folder if needed.
    init(folder: String) throws(RunError) {
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
        let temporary = path.removingLastComponent().appending(".\(path.lastComponent?.string ?? name).\(getpid()).tmp")
            .string
        let descriptor: FileDescriptor
        do {
            descriptor = try FileDescriptor.open(
                FilePath(temporary),
                .writeOnly,
                options: [.create, .truncate],
                permissions: [.ownerReadWrite, .groupRead, .otherRead]
            )
        } catch {
            throw .outputFailed("cannot write \(target): \(RegularFile.explain(error))")
        }
        do {
            try body(descriptor)
            try? descriptor.close()
        } catch {
            try? descriptor.close()
            unlink(temporary)
            throw error
        }
        guard rename(temporary, target) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw .outputFailed("cannot write \(target): \(reason)")
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
