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

    func bytes(_ bytes: [UInt8]) throws(SyntheticDataError) {
        buffer.append(contentsOf: bytes)
        if buffer.count >= capacity { try flush() }
    }

    /// Appends the whole content of the file at `source`.
    func append(contentsOf source: String) throws(SyntheticDataError) {
        try flush()
        do {
            let input = try FileDescriptor.open(FilePath(source), .readOnly)
            defer { try? input.close() }
            var block = [UInt8](repeating: 0, count: capacity)
            while true {
                let count = try block.withUnsafeMutableBytes { try input.read(into: $0) }
                if count == 0 { break }
                try descriptor.writeAll(block[..<count])
            }
        } catch {
            throw SyntheticDataError("cannot copy \(source) into \(path): \(error)")
        }
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
