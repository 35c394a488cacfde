import SystemPackage

/// Writes text to a file through a large buffer.
final class BufferedFileWriter {
    let path: String
    private let descriptor: FileDescriptor
    private var buffer: [UInt8] = []
    private let capacity = 1 << 20

    init(_ path: String) throws(SyntheticDataError) {
        self.path = path
        do {
            descriptor = try FileDescriptor.open(
                FilePath(path),
                .writeOnly,
                options: [.create, .truncate],
                permissions: [.ownerReadWrite, .groupRead, .otherRead]
            )
        } catch {
            throw SyntheticDataError("cannot write \(path): \(error)")
        }
        buffer.reserveCapacity(capacity)
    }

    func line(_ text: String) throws(SyntheticDataError) {
        buffer.append(contentsOf: text.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= capacity { try flush() }
    }

    func flush() throws(SyntheticDataError) {
        guard !buffer.isEmpty else { return }
        do {
            try descriptor.writeAll(buffer)
        } catch {
            throw SyntheticDataError("cannot write \(path): \(error)")
        }
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws(SyntheticDataError) {
        try flush()
        try? descriptor.close()
    }
}

/// Why synthetic data could not be written.
public struct SyntheticDataError: Error, Sendable, CustomStringConvertible {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
