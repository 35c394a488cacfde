public import CapitationCore

/// The claim lines of a whole claim file held in memory, read as a settlement reads them.
///
/// The file is handed over in blocks of the size asked for and read as a settlement reads its files: a
/// file of records (the project's CSV, Vektis AW319) in chunks of complete records, each parsed on its own,
/// a WMO323 message as a stream. The lines are the same whatever the block size: a test and the fuzzers
/// read each file in small and large blocks and compare. A file of no bytes holds no lines, as in a
/// settlement, where it is a finding of the completeness checks.
public struct ClaimFileContents: Sendable {
    /// The file's format.
    public var format: ClaimFileFormat
    /// Every line, readable or not, in the order of the file.
    public var claims: [ParsedClaim]
    /// Notes on what the file holds that does not change what is read, such as empty lines after an AW319
    /// trailer.
    public var notes: [ClaimFileNote]

    /// Reads the whole of a claim file.
    ///
    /// - Parameters:
    ///   - bytes: The file's bytes.
    ///   - format: The file's format; when `nil`, it is recognised from the bytes, as a settlement does.
    ///   - path: The file's path, for messages.
    ///   - file: The file's position among the settlement's inputs, for each line's `LineSource`.
    ///   - blockBytes: The size of the blocks the bytes are handed over in (at least 1).
    /// - Throws: ``InputError`` when the file is unusable as a whole (a header that is not one, an AW319
    ///   trailer that does not match, a CSV file that is not UTF-8, a WMO323 message that breaks the
    ///   standard), or when it holds a financier's answers rather than claims.
    public init(
        reading bytes: [UInt8],
        as format: ClaimFileFormat? = nil,
        path: String,
        file: Int,
        blockBytes: Int = 1 << 22
    ) throws(InputError) {
        precondition(blockBytes > 0, "blocks of at least one byte")
        let format = format ?? ClaimFileFormat.detect(bytes.prefix(ClaimFileFormat.detectionBytes))
        self.format = format
        guard !bytes.isEmpty else {
            (claims, notes) = ([], [])
            return
        }
        var blocks = stride(from: 0, to: bytes.count, by: blockBytes).lazy.map {
            Array(bytes[$0..<min(bytes.count, $0 + blockBytes)])
        }.makeIterator()
        var claims: [ParsedClaim] = []
        switch format.reading {
        case .records(let type):
            notes = try Self.readRecords(
                type,
                bytes,
                blockBytes: blockBytes,
                path: path,
                file: file,
                emit: { claims.append($0) }
            )
        case .message:
            notes =
                try WMO323Claims.read(
                    path: path,
                    file: file,
                    next: { blocks.next() },
                    verdict: { _ in nil },
                    answersExpected: false,
                    record: { claims.append(.line($0.line)) },
                    invalid: { claims.append(.invalid($0)) },
                    clientRead: {}
                ).notes
        case .answers:
            throw InputError(diagnostics: [
                Diagnostic(
                    .error,
                    at: SourceLocation(path: path),
                    "this file holds a financier's answers (\(format.rawValue)), not claim lines"
                )
            ])
        }
        self.claims = claims
    }

    /// Reads a file of records chunk by chunk, as the blocks complete them; returns the file's notes.
    private static func readRecords<Format: ClaimRecordFormat>(
        _ format: Format.Type,
        _ bytes: [UInt8],
        blockBytes: Int,
        path: String,
        file: Int,
        emit: (ParsedClaim) -> Void
    ) throws(InputError) -> [ClaimFileNote] {
        var tally = Format.Tally()
        let parser = try RecordChunker<Format>.forEachChunk(of: bytes, blockBytes: blockBytes, path: path, file: file) {
            tally.merge($0.parse(record: { emit(.line($0.line)) }, invalid: { emit(.invalid($0)) }))
        }
        return try parser?.finish(tally) ?? []
    }
}
