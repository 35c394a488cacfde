package import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Opens inputs for reading, refusing whatever is not a regular file: a directory, a device such as
/// `/dev/zero` (which never ends) or a named pipe (whose opening waits for a writer) given where a file
/// was expected is refused with a message instead of hanging the program or filling its memory.
package enum RegularFile: Sendable {
    /// Why an input cannot be opened, in words: `no such file`, `it is a directory, not a file`.
    package struct OpenError: Error, Sendable, CustomStringConvertible {
        package var description: String
    }

    /// Opens the regular file at `path` read-only.
    ///
    /// - Throws: ``OpenError`` when the file does not exist, cannot be opened, or is not a regular file.
    package static func open(_ path: String) throws(OpenError) -> FileDescriptor {
        let descriptor: FileDescriptor
        do {
            // Non-blocking, so that opening a named pipe returns at once and can be refused.
            descriptor = try FileDescriptor.open(FilePath(path), .readOnly, options: [.nonBlocking])
        } catch {
            throw OpenError(description: explain(error))
        }
        var status = stat()
        guard fstat(descriptor.rawValue, &status) == 0 else {
            let error = Errno(rawValue: errno)
            try? descriptor.close()
            throw OpenError(description: explain(error))
        }
        let kind = status.st_mode & S_IFMT
        guard kind == S_IFREG else {
            try? descriptor.close()
            throw OpenError(
                description: kind == S_IFDIR
                    ? "it is a directory, not a file"
                    : "it is not a regular file (a device, a named pipe or a socket cannot be read as an input)"
            )
        }
        return descriptor
    }

    /// An error of the file system in words.
    package static func explain(_ error: any Error) -> String {
        guard let errno = error as? Errno else { return "\(error)" }
        switch errno {
        case .noSuchFileOrDirectory: return "no such file"
        case .isDirectory: return "it is a directory, not a file"
        case .permissionDenied: return "permission denied"
        case .notDirectory: return "a part of the path is not a folder"
        case .ioError: return "the disk could not be read (input/output error)"
        default: return "\(errno)"
        }
    }
}
