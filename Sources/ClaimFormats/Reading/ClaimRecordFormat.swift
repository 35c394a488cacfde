package import CapitationCore

/// A claim-file format of records, one per line (or, in CSV, per quoted run of lines), read in chunks that
/// end where a record ends, so that the chunks of one file can be parsed in parallel.
///
/// A format says how its file starts (``start(of:path:file:)``), where its records end
/// (``lastRecordEnd(in:)``), what a chunk needs to know of the records before it (``Carried``: the
/// insured person of AW319, nothing for CSV), how a chunk's records become claim records
/// (``parse(_:firstLine:carried:record:invalid:)``), and what the file as a whole must satisfy once every
/// chunk is read (``finish(_:)``: AW319's trailer, CSV's encoding). ``RecordChunker`` splits a file's
/// blocks into chunks with it, so that a reader of files only reads blocks and schedules chunks, whatever
/// the format.
package protocol ClaimRecordFormat: Sendable {
    /// What a chunk needs to know of the records before it.
    associatedtype Carried: Sendable
    /// What a chunk tells of its file as a whole; the tallies of a file's chunks merge in file order.
    associatedtype Tally: ClaimFileTally

    /// Reads the start of a file (its header) from `bytes`, which hold at least its first line (or all of a
    /// file shorter than a line).
    ///
    /// - Returns: The format's reader of this file, and the offset and line number where its first record
    ///   after the header starts.
    /// - Throws: ``InputError`` listing every problem of the header.
    static func start(
        of bytes: UnsafeBufferPointer<UInt8>,
        path: String,
        file: Int
    ) throws(InputError) -> (parser: Self, bodyOffset: Int, bodyLine: Int)

    /// The offset just past the last record end in `bytes`, which start at the start of a record, and the
    /// number of line ends before it; `nil` when no record ends in `bytes`.
    static func lastRecordEnd(in bytes: UnsafeBufferPointer<UInt8>) -> (offset: Int, lines: Int)?

    /// What the first chunk after the header carries.
    var carriedAtStart: Carried { get }

    /// What the chunk after `chunk`, whose first record is on line `firstLine`, carries, given what `chunk`
    /// carried.
    func carried(after chunk: UnsafeBufferPointer<UInt8>, firstLine: Int, from carried: Carried) -> Carried

    /// Parses the complete records in `chunk`, whose first record is on line `firstLine`: each readable
    /// line goes to `record` (its texts valid during the call), each unreadable one to `invalid`, in the
    /// order of the chunk.
    func parse(
        _ chunk: UnsafeBufferPointer<UInt8>,
        firstLine: Int,
        carried: Carried,
        record: (ClaimRecord) -> Void,
        invalid: (RejectedLine) -> Void
    ) -> Tally

    /// Checks the file's tally, merged over all its chunks.
    ///
    /// - Returns: Notes on what the file holds that does not change what is read.
    /// - Throws: ``InputError`` when the file as a whole is unusable.
    func finish(_ tally: Tally) throws(InputError) -> [ClaimFileNote]
}

/// What the chunks of a file tell of it as a whole.
package protocol ClaimFileTally: Sendable {
    /// The tally of no records.
    init()
    /// Adds the tally of the chunk after those already merged.
    mutating func merge(_ other: Self)
}

extension UndecodableText: ClaimFileTally {}
extension AW319Tally: ClaimFileTally {}

/// How a file of a claim format is read.
package enum ClaimFileReading {
    /// In chunks of complete records, parsed in parallel.
    case records(any ClaimRecordFormat.Type)
    /// As a stream of XML, one message at a time: WMO323, read by ``WMO323Claims/read(path:file:next:verdict:answersExpected:record:invalid:clientRead:)``.
    case message
    /// Not claims but a financier's answers to them, read whole before any claims.
    case answers
}

extension ClaimFileFormat {
    /// How a file of this format is read.
    package var reading: ClaimFileReading {
        switch self {
        case .capitationCSV: .records(ClaimsCSVParser.self)
        case .aw319: .records(AW319Parser.self)
        case .wmo323: .message
        case .wmo325, .answersCSV: .answers
        }
    }
}
