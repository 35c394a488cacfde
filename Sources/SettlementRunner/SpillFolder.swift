import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A private temporary folder for partitions that do not fit in memory, removed with everything in it.
///
/// Its name, `capitation-spill-PID-XXXXXX`, carries the id of the process that made it, so that a later
/// run can tell the folder of a killed run (``removeLeftovers()``) from one still in use. While it exists it
/// is registered in ``TemporaryPaths``, so that an interrupted process removes it too.
final class SpillFolder: Sendable {
    let path: String
    private let registration: TemporaryPaths.Registration
    /// The open file `.lock` in the folder, locked (`flock`) for as long as the folder is in use: a process
    /// id alone cannot tell a run in another process namespace (a container sharing `/tmp`) from a dead one.
    private let lock: Int32

    /// The start of every spill folder's name.
    static let prefix = "capitation-spill-"

    /// Creates a folder under `$TMPDIR` (or `/tmp`).
    init() throws(RunError) {
        let base = Self.base
        (path, registration) = try TemporaryPaths.withRegistry { registry throws(RunError) in
            var template = Array((base + "/\(Self.prefix)\(getpid())-XXXXXX").utf8CString)
            let created: String? = template.withUnsafeMutableBufferPointer { buffer in
                guard let start = buffer.baseAddress, mkdtemp(start) != nil else { return nil }
                return String(cString: start)
            }
            guard let created else {
                throw .outputFailed(
                    "cannot create a temporary folder under \(base): \(String(cString: strerror(errno)))"
                )
            }
            return (created, registry.register(created, as: .tree))
        }
        lock = open(path + "/" + Self.lockName, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0, flock(lock, LOCK_EX | LOCK_NB) == 0 else {
            let reason = String(cString: strerror(errno))
            if lock >= 0 { close(lock) }
            DirectoryListing.removeTree(path)
            TemporaryPaths.withRegistry { $0.unregister(registration) }
            throw .outputFailed("cannot lock the temporary folder \(path): \(reason)")
        }
    }

    /// The file whose lock says the folder is in use.
    static let lockName = ".lock"

    /// Whether the spill folder at `path` is in use: its `.lock` is locked, or it has none yet and was
    /// made in the last minute (a run between making the folder and locking it).
    static func isInUse(_ path: String) -> Bool {
        let descriptor = open(path + "/" + lockName, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            var information = stat()
            return stat(path, &information) == 0 && time(nil) - information.st_mtim.tv_sec < 60
        }
        defer { close(descriptor) }
        return flock(descriptor, LOCK_EX | LOCK_NB) != 0
    }

    /// The folder spill folders are made in: `$TMPDIR`, or `/tmp`.
    static var base: String { getenv("TMPDIR").map { String(cString: $0) } ?? "/tmp" }

    /// Removes the spill folders under ``base`` that runs of the current user left when they were killed:
    /// those whose process no longer exists.
    static func removeLeftovers() {
        Leftovers.remove(in: base, folders: true, inUse: isInUse) { name in
            Leftovers.processID(in: name, prefix: prefix, suffix: "-", randomCharacters: 6)
        }
    }

    func file(_ name: String) -> String { SettlementPaths.join(path, name) }

    /// Removes the folder and its files.
    func remove() {
        DirectoryListing.removeTree(path)
        close(lock)
        TemporaryPaths.withRegistry { $0.unregister(registration) }
    }

    /// Appends `bytes` to the file `name`.
    func append(_ bytes: [UInt8], to name: String) throws(RunError) {
        do {
            // Made while the folder cannot be removed by an interruption, so that the removal is complete.
            let descriptor = try TemporaryPaths.withRegistry { _ in
                try FileDescriptor.open(
                    FilePath(file(name)),
                    .writeOnly,
                    options: [.create, .append],
                    permissions: [.ownerReadWrite]
                )
            }
            defer { try? descriptor.close() }
            try descriptor.writeAll(bytes)
        } catch {
            throw .outputFailed("cannot write a temporary file in \(path): \(error)")
        }
    }

    /// Opens the spilled file at `path` for reading.
    ///
    /// Opened while an interruption cannot remove the folder: once one has, this waits for the end of the
    /// process instead of failing, so that an interrupted run never reports a file it removed itself.
    static func openForReading(_ path: String) throws -> FileDescriptor {
        try TemporaryPaths.withRegistry { _ in try FileDescriptor.open(FilePath(path), .readOnly) }
    }

    /// The whole file `name`, which holds `size` bytes (nothing when `size` is 0), followed by `tail`, read
    /// into one array rather than joined after.
    ///
    /// - Throws: ``RunError/Code/outputFailed`` when the file is missing or not of `size` bytes: spilled
    ///   claims are never lost without a word, even when something else removed or changed the file.
    func read(_ name: String, size: Int, followedBy tail: [UInt8] = []) throws(RunError) -> [UInt8] {
        guard size > 0 else { return tail }
        let found = DirectoryListing.size(of: file(name))
        guard found == size else {
            throw .outputFailed(
                "the temporary file \(file(name)) holds \(found) bytes where \(size) were written: it was removed "
                    + "or changed while the settlement was made"
            )
        }
        do {
            let descriptor = try Self.openForReading(file(name))
            defer { try? descriptor.close() }
            var failure: (any Error)?
            let bytes = [UInt8](unsafeUninitializedCapacity: size + tail.count) { buffer, initialized in
                var filled = 0
                while filled < size {
                    do {
                        let count = try descriptor.read(
                            fromAbsoluteOffset: Int64(filled),
                            into: UnsafeMutableRawBufferPointer(
                                UnsafeMutableBufferPointer(rebasing: buffer[filled..<size])
                            )
                        )
                        guard count > 0 else { throw Errno.ioError }
                        filled += count
                    } catch {
                        failure = error
                        break
                    }
                }
                guard failure == nil else { return }
                let copied = tail.withUnsafeBufferPointer {
                    UnsafeMutableBufferPointer(rebasing: buffer[size...]).initialize(fromContentsOf: $0)
                }
                initialized = size + copied
            }
            if let failure { throw failure }
            return bytes
        } catch {
            throw .outputFailed("cannot read back a temporary file in \(path): \(error)")
        }
    }
}

/// Claim lines by partition of members, kept in memory and appended to the spill folder when a partition's
/// buffer grows large.
struct PartitionBuffers {
    let count: Int
    let spill: SpillFolder?
    private var buffers: [[UInt8]]
    /// The bytes appended to each partition's file.
    private var spilled: [Int]
    /// The most a partition holds in memory before it is appended to its file: 16 MiB shared by all
    /// partitions, so that the memory of the buffers does not grow with the number of partitions, and at
    /// most a quarter of a partition's share of claim files.
    private let threshold: Int

    init(count: Int, spill: SpillFolder?, partitionBytes: Int) {
        self.count = count
        self.spill = spill
        buffers = Array(repeating: [], count: count)
        spilled = Array(repeating: 0, count: count)
        threshold = min(max(1, partitionBytes / 4), max(64 << 10, (16 << 20) / max(1, count)))
    }

    mutating func append(_ bytes: [UInt8], to partition: Int) throws(RunError) {
        buffers[partition].append(contentsOf: bytes)
        if let spill, buffers[partition].count >= threshold {
            try spill.append(buffers[partition], to: "partition-\(partition)")
            spilled[partition] += buffers[partition].count
            // The buffer keeps its room for the next lines, within the threshold's share, rather than
            // growing again from nothing, copying itself at every doubling.
            buffers[partition].removeAll(keepingCapacity: true)
        }
    }

    /// What stayed in memory of partition `partition`, taken out, and how many bytes of it were spilled;
    /// ``load(_:remainder:spilled:spill:)`` reads the spilled part.
    mutating func take(_ partition: Int) -> (remainder: [UInt8], spilled: Int) {
        defer { buffers[partition] = [] }
        return (buffers[partition], spilled[partition])
    }

    /// All of a partition: the `spilled` bytes of its file, then what stayed in memory.
    static func load(
        _ partition: Int,
        remainder: [UInt8],
        spilled: Int,
        spill: SpillFolder?
    ) throws(RunError) -> [UInt8] {
        guard let spill else { return remainder }
        return try spill.read("partition-\(partition)", size: spilled, followedBy: remainder)
    }
}
