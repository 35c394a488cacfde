import CapitationCore
import ClaimFormats
import Crypto
import InputFiles
import SystemPackage

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A file read block by block, hashed as it goes.
struct FileBlocks: ~Copyable {
    let path: String
    private let descriptor: FileDescriptor
    private var hasher = SHA256()
    /// Bytes read so far.
    private(set) var bytesRead = 0
    /// Line ends read so far.
    private(set) var lineEnds = 0
    private var lastByte: UInt8?

    init(_ path: String) throws(RunError) {
        self.path = path
        do {
            descriptor = try RegularFile.open(path)
        } catch {
            throw .invalidInput([
                Diagnostic(
                    .error,
                    at: SourceLocation(path: path),
                    "cannot open the file: \(error)"
                )
            ])
        }
    }

    deinit { try? descriptor.close() }

    /// The file's size in bytes, as the file system gives it.
    var size: Int {
        var status = stat()
        guard fstat(descriptor.rawValue, &status) == 0 else { return 0 }
        return Int(status.st_size)
    }

    /// The next block of at most `size` bytes, or `nil` at the end of the file.
    mutating func next(size: Int = InputFileReader.blockSize) throws(RunError) -> [UInt8]? {
        try next(after: [], size: size)
    }

    /// `prefix` followed by the next block of at most `size` bytes, read in place after it; `nil` at the
    /// end of the file.
    mutating func next(after prefix: [UInt8], size: Int = InputFileReader.blockSize) throws(RunError) -> [UInt8]? {
        var failure: (any Error)?
        let block = [UInt8](unsafeUninitializedCapacity: prefix.count + size) { buffer, initialized in
            let start = prefix.withUnsafeBufferPointer {
                UnsafeMutableBufferPointer(rebasing: buffer[...]).initialize(fromContentsOf: $0)
            }
            do {
                let count = try descriptor.read(
                    into: UnsafeMutableRawBufferPointer(UnsafeMutableBufferPointer(rebasing: buffer[start...]))
                )
                initialized = start + count
            } catch {
                failure = error
                initialized = start
            }
        }
        if let failure {
            throw .invalidInput([
                Diagnostic(
                    .error,
                    at: SourceLocation(path: path),
                    "cannot read the file: \(RegularFile.explain(failure))"
                )
            ])
        }
        guard block.count > prefix.count else { return nil }
        let skip = prefix.count
        var ends = 0
        block.withUnsafeBufferPointer { (all: UnsafeBufferPointer<UInt8>) in
            let fresh = UnsafeBufferPointer<UInt8>(rebasing: all[skip...])
            hasher.update(bufferPointer: UnsafeRawBufferPointer(fresh))
            ends = Self.lineFeeds(in: UnsafeRawBufferPointer(fresh))
        }
        bytesRead += block.count - skip
        lineEnds += ends
        lastByte = block.last
        return block
    }

    /// The number of line feeds in `bytes`, counted eight bytes at a time.
    static func lineFeeds(in bytes: UnsafeRawBufferPointer) -> Int {
        ByteWords.count(of: UInt8(ascii: "\n"), in: bytes)
    }

    /// `pending` when it holds a block already read (it is then emptied), or else the next block; for
    /// readers that report ``InputError``.
    mutating func next(after pending: inout [UInt8]?) throws(InputError) -> [UInt8]? {
        if let block = pending {
            pending = nil
            return block
        }
        do throws(RunError) {
            return try next()
        } catch {
            throw InputError(diagnostics: error.problems)
        }
    }

    /// The number of lines: line ends, plus one for a last line without one.
    var lineCount: Int { lineEnds + (lastByte.map { $0 == UInt8(ascii: "\n") ? 0 : 1 } ?? 0) }

    /// The SHA-256 of the bytes read, in lowercase hexadecimal.
    consuming func sha256() -> String {
        let digits = Array("0123456789abcdef".utf8)
        return String(
            decoding: hasher.finalize().flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 0xF)]] },
            as: UTF8.self
        )
    }
}
