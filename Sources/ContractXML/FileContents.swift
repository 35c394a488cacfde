import InputFiles
import SystemPackage

/// Reads a whole (small) file into memory, with messages a user can act on.
enum FileContents {
    /// Why a file could not be read.
    struct ReadError: Error, CustomStringConvertible {
        var description: String
    }

    /// The bytes of the file at `path`.
    ///
    /// - Throws: ``ReadError`` when the file is missing, a directory, unreadable, or larger than `limit` bytes.
    static func read(_ path: String, limit: Int) throws(ReadError) -> [UInt8] {
        let descriptor: FileDescriptor
        do {
            descriptor = try RegularFile.open(path)
        } catch {
            throw ReadError(description: "cannot open the file: \(error)")
        }
        defer { try? descriptor.close() }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count: Int
            do {
                count = try chunk.withUnsafeMutableBytes { try descriptor.read(into: $0) }
            } catch {
                throw ReadError(description: "cannot read the file: \(RegularFile.explain(error))")
            }
            if count == 0 { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
            if bytes.count > limit {
                throw ReadError(
                    description: "the file is larger than \(limit / (1024 * 1024)) MiB, the most a contract may be"
                )
            }
        }
    }
}
