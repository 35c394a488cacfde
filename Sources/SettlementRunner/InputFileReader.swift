import CapitationCore

/// Reads input files, computing each one's SHA-256 as its bytes go by.
enum InputFileReader {
    /// The size of the blocks in which files are read.
    static let blockSize = 4 << 20

    /// The whole file, with its SHA-256.
    static func readAll(_ path: String) throws(RunError) -> (bytes: [UInt8], sha256: String) {
        var blocks = try FileBlocks(path)
        var bytes: [UInt8] = []
        while let block = try blocks.next() { bytes.append(contentsOf: block) }
        return (bytes, blocks.sha256())
    }

    /// The SHA-256 of a file, read block by block.
    static func sha256(of path: String) throws(RunError) -> String {
        var blocks = try FileBlocks(path)
        while try blocks.next() != nil {}
        return blocks.sha256()
    }
}
