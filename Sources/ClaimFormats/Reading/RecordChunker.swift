package import CapitationCore

/// Splits the blocks of a file of records into chunks of complete records, each with the line it starts on
/// and what it carries from the records before it.
///
/// Blocks may be of any size and split records anywhere: a record cut at a block's end waits for the next
/// block. The first chunk starts after the file's header, which is read as soon as the first line is held.
package struct RecordChunker<Format: ClaimRecordFormat> {
    package let path: String
    package let file: Int
    /// The format's reader of this file, once its header is read.
    package private(set) var parser: Format?
    /// The bytes after the last complete record handed over: an incomplete record.
    private var unfinished: [UInt8] = []
    /// What the next chunk carries.
    private var carried: Format.Carried?
    private var nextLine = 1
    private var finished = false

    package init(path: String, file: Int) {
        self.path = path
        self.file = file
    }

    /// Adds the next block of the file, or `nil` at its end, and returns the chunk of the complete records
    /// now held, if any; at the end of the file, the records held are complete.
    ///
    /// - Throws: ``InputError`` when the file's header is unusable.
    package mutating func add(_ block: [UInt8]?) throws(InputError) -> RecordChunk<Format>? {
        precondition(!finished, "a block after the end of the file")
        if let block {
            if unfinished.isEmpty { unfinished = block } else { unfinished += block }
        } else {
            finished = true
        }
        if parser == nil {
            guard finished || unfinished.contains(UInt8(ascii: "\n")) else { return nil }
            let start = try unfinished.withUnsafeBufferPointer { buffer throws(InputError) in
                try Format.start(of: buffer, path: path, file: file)
            }
            parser = start.parser
            carried = start.parser.carriedAtStart
            unfinished.removeFirst(start.bodyOffset)
            nextLine = start.bodyLine
        }
        guard let parser, let carried else { return nil }
        let end: (offset: Int, lines: Int)?
        if finished {
            end = unfinished.isEmpty ? nil : (unfinished.count, 0)
        } else {
            end = unfinished.withUnsafeBufferPointer { Format.lastRecordEnd(in: $0) }
        }
        guard let end else { return nil }
        // The chunk takes the buffer; only the incomplete record after it is copied.
        let rest = Array(unfinished[end.offset...])
        unfinished.removeSubrange(end.offset...)
        let chunk = RecordChunk(parser: parser, bytes: unfinished, firstLine: nextLine, carried: carried)
        unfinished = rest
        self.carried = chunk.bytes.withUnsafeBufferPointer {
            parser.carried(after: $0, firstLine: chunk.firstLine, from: carried)
        }
        nextLine += end.lines
        return chunk
    }
}

extension RecordChunker {
    /// Splits `bytes`, the whole of a file, handed over in blocks of `blockBytes`, into its chunks, in order,
    /// for `body`; returns the format's reader of the file.
    ///
    /// - Throws: ``InputError`` when the file's header is unusable.
    package static func forEachChunk(
        of bytes: [UInt8],
        blockBytes: Int,
        path: String,
        file: Int,
        _ body: (RecordChunk<Format>) -> Void
    ) throws(InputError) -> Format? {
        precondition(blockBytes > 0, "blocks of at least one byte")
        var chunker = RecordChunker(path: path, file: file)
        var offset = 0
        while true {
            let block = offset < bytes.count ? Array(bytes[offset..<min(bytes.count, offset + blockBytes)]) : nil
            offset += blockBytes
            if let chunk = try chunker.add(block) { body(chunk) }
            if block == nil { return chunker.parser }
        }
    }
}

/// Complete records of a file, ready to be parsed on any thread.
package struct RecordChunk<Format: ClaimRecordFormat>: Sendable {
    package let parser: Format
    package let bytes: [UInt8]
    /// The line the first record starts on.
    package let firstLine: Int
    /// What the chunk needs to know of the records before it.
    package let carried: Format.Carried

    /// Parses the records: each readable line goes to `record`, each unreadable one to `invalid`.
    package func parse(record: (ClaimRecord) -> Void, invalid: (RejectedLine) -> Void) -> Format.Tally {
        bytes.withUnsafeBufferPointer { buffer in
            parser.parse(buffer, firstLine: firstLine, carried: carried, record: record, invalid: invalid)
        }
    }
}
