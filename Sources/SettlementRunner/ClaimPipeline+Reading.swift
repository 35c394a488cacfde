import CapitationCore
import ClaimFormats

/// Where parsed claim lines go: partitions of members, the ledger of unreadable lines and the rejected
/// rows.
struct ClaimSink {
    var partitions: PartitionBuffers
    var ledger: ClaimLedger
    var rejected: RejectedRuns
    let inputPaths: [String]
    /// Where progress goes, with the files read so far.
    var progress: ClaimPipeline.Progress?
    /// What the file being read has held so far.
    var file = ClaimCompleteness.FileTally(path: "")
    /// The financier's answers, read before the claims.
    var answers = FinancierAnswers()
    /// The WMO323 declarations a WMO325 answer was found for.
    var linkedDeclarations: Set<FinancierAnswers.Link> = []
    /// The references of unreadable lines that a CSV answer names.
    var unreadableAnswered: Set<String> = []
    /// Unreadable lines not yet added to `rejected`; they arrive in order of file and line.
    private var invalid: [RejectedLine] = []

    init(partitions: PartitionBuffers, ledger: ClaimLedger, rejected: RejectedRuns, inputPaths: [String]) {
        self.partitions = partitions
        self.ledger = ledger
        self.rejected = rejected
        self.inputPaths = inputPaths
    }

    mutating func absorb(_ result: ClaimPipeline.ChunkResult) throws(RunError) {
        for (partition, bytes) in result.partitions.enumerated() where !bytes.isEmpty {
            try partitions.append(bytes, to: partition)
        }
        file.lines += result.readable
        for line in result.invalid {
            file.addInvalid(line)
            if let reference = line.claimID, answers.references.contains(reference) {
                unreadableAnswered.insert(reference)
            }
            do { try ledger.addUnreadable(line) } catch {
                throw .refused("the claims are too large to add up exactly: \(error)")
            }
            invalid.append(line)
        }
        // Unreadable lines form a sorted run of their own.
        if invalid.count >= 50_000 { try flushInvalid() }
    }

    /// Adds parsed chunks in order, with their AW319 tallies and their fields that are not UTF-8.
    mutating func absorb(
        _ results: [ClaimPipeline.ChunkResult],
        tally: inout AW319Tally,
        undecodable: inout UndecodableText
    ) throws(RunError) {
        for result in results {
            if let part = result.tally { tally.merge(part) }
            undecodable.merge(result.undecodable)
            try absorb(result)
        }
    }

    mutating func flushInvalid() throws(RunError) {
        try rejected.add(invalid, files: inputPaths)
        invalid.removeAll()
    }
}

/// The parser of a file of records: the project's CSV or AW319.
private enum RecordParser: Sendable {
    case csv(ClaimsCSVParser)
    case aw319(AW319Parser)
}

/// A chunk of complete records, with where it starts and, for AW319, the insured person before it.
private struct Chunk: Sendable {
    var bytes: [UInt8]
    var firstLine: Int
    var insured: AW319Insured?
}

extension ClaimPipeline {
    /// Reads a file of records (CSV or AW319) block by block, parsing the complete records of up to
    /// `threads` blocks in parallel.
    ///
    /// With more than one thread, while one batch of blocks is parsed, the next is read and split at record
    /// boundaries and the one before is added to the partitions, so that reading and adding up do not wait
    /// for parsing; batches are parsed one after the other and added in the order of the file.
    func readRecords(
        _ path: String,
        file: Int,
        format: ClaimFileFormat,
        first: [UInt8]?,
        blocks: inout FileBlocks,
        into sink: inout ClaimSink
    ) async throws(RunError) {
        let partitionCount = sink.partitions.count
        var carry: [UInt8] = []
        var pending = first
        var parser: RecordParser?
        var nextLine = 1
        var insured: AW319Insured?
        var tally = AW319Tally()
        var undecodable = UndecodableText()
        var chunks: [Chunk] = []
        var finished = false
        // The batch being parsed, added to the partitions once the next batch is being parsed.
        var parsing: Task<[ChunkResult], Never>?
        defer { parsing?.cancel() }
        while !finished {
            if let waiting = pending {
                carry += waiting
                pending = nil
            } else if let extended = try blocks.next(after: carry) {
                carry = extended
            } else {
                finished = true
            }
            if parser == nil {
                guard finished || carry.contains(UInt8(ascii: "\n")) else { continue }
                let header = try Self.header(of: carry, format: format, path: path, file: file)
                parser = header.parser
                carry.removeFirst(header.bodyOffset)
                nextLine = header.bodyLine
            }
            var end: (offset: Int, lines: Int)?
            if finished {
                end = carry.isEmpty ? nil : (carry.count, 0)
            } else {
                end = carry.withUnsafeBufferPointer { buffer in
                    format == .aw319
                        ? AW319Parser.lastRecordEnd(in: buffer) : CSVRecordBoundary.lastRecordEnd(in: buffer)
                }
            }
            if let end {
                // The chunk takes the buffer; only the incomplete record after it is copied.
                let rest = Array(carry[end.offset...])
                carry.removeSubrange(end.offset...)
                let chunk = Chunk(bytes: carry, firstLine: nextLine, insured: insured)
                carry = rest
                if case .aw319(let reader) = parser {
                    insured =
                        chunk.bytes.withUnsafeBufferPointer {
                            reader.lastInsured(in: $0, firstRecord: chunk.firstLine)
                        } ?? insured
                }
                chunks.append(chunk)
                nextLine += end.lines
            }
            if let parser, chunks.count >= threads || (finished && !chunks.isEmpty) {
                let batch = chunks
                chunks.removeAll()
                let previous = parsing
                // A batch is parsed once the one before it is, so that at most `threads` chunks are parsed
                // at once; with one thread, nothing else happens meanwhile. The task is cancelled only when
                // reading fails (it does not inherit the caller's cancellation), and then parses nothing.
                let next = Task {
                    _ = await previous?.value
                    guard !Task.isCancelled else { return [ChunkResult]() }
                    return await parse(batch, with: parser, partitionCount: partitionCount)
                }
                parsing = next
                if threads == 1 { _ = await next.value }
                if let previous {
                    try sink.absorb(await previous.value, tally: &tally, undecodable: &undecodable)
                    sink.progress?.tell(blocks)
                }
            }
        }
        if let last = parsing {
            parsing = nil
            try sink.absorb(await last.value, tally: &tally, undecodable: &undecodable)
            sink.progress?.tell(blocks)
        }
        if let refusal = undecodable.diagnostic(path: path) { throw .invalidInput([refusal]) }
        if case .aw319(let reader) = parser {
            do { sink.file.notes += try reader.check(tally) } catch { throw RunError(error) }
        }
    }

    private static func header(
        of bytes: [UInt8],
        format: ClaimFileFormat,
        path: String,
        file: Int
    ) throws(RunError) -> (parser: RecordParser, bodyOffset: Int, bodyLine: Int) {
        do {
            return try bytes.withUnsafeBufferPointer { buffer throws(InputError) in
                if format == .aw319 {
                    let header = try AW319Parser.header(of: buffer, path: path, file: file)
                    return (.aw319(header.parser), header.bodyOffset, header.bodyLine)
                }
                let header = try ClaimsCSVParser.header(of: buffer, path: path, file: file)
                return (.csv(header.parser), header.bodyOffset, header.bodyLine)
            }
        } catch {
            var diagnostics = error.diagnostics
            if format == .capitationCSV {
                diagnostics.append(
                    Diagnostic(
                        .note,
                        at: SourceLocation(path: path),
                        "claim files are the project's CSV, Vektis AW319 (starting with record 01) or iWmo WMO323 messages (XML); this file was read as CSV"
                    )
                )
            }
            throw .invalidInput(diagnostics)
        }
    }

    /// Parses chunks in parallel; the results come back in the chunks' order.
    private func parse(_ chunks: [Chunk], with parser: RecordParser, partitionCount: Int) async -> [ChunkResult] {
        await withTaskGroup(of: (Int, ChunkResult).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    var result = ChunkResult()
                    chunk.bytes.withUnsafeBufferPointer { buffer in
                        switch parser {
                        case .csv(let reader):
                            result.undecodable = reader.parse(
                                buffer,
                                firstLine: chunk.firstLine,
                                record: { result.add($0, partitionCount: partitionCount) },
                                other: { result.add($0, partitionCount: partitionCount) }
                            )
                        case .aw319(let reader):
                            result.tally = reader.parse(buffer, firstRecord: chunk.firstLine, insured: chunk.insured) {
                                result.add($0, partitionCount: partitionCount)
                            }
                        }
                    }
                    return (index, result)
                }
            }
            var results = [ChunkResult](repeating: ChunkResult(), count: chunks.count)
            for await (index, result) in group { results[index] = result }
            return results
        }
    }

    /// Streams a WMO323 message into the sink, one client at a time.
    func readMessage(
        _ path: String,
        file: Int,
        first: [UInt8]?,
        blocks: inout FileBlocks,
        into sink: inout ClaimSink
    ) throws(RunError) {
        let findings = try streamMessage(
            path,
            file: file,
            first: first,
            blocks: &blocks,
            answers: sink.answers,
            partitionCount: sink.partitions.count
        ) { (result, read) throws(RunError) in
            try sink.absorb(result)
            sink.progress?.tell(bytesRead: read.bytes, lines: read.lines)
        }
        sink.take(findings)
    }

    /// Streams a WMO323 message one client at a time; returns what the message says besides its lines.
    ///
    /// Its lines go to `emit` in results of about ``partitionBytes``, each with how far the file has been
    /// read. When `shouldStop` says so (another message read beside it has failed), reading stops with an
    /// error of no diagnostics, which is never shown: the earlier failure is.
    func streamMessage(
        _ path: String,
        file: Int,
        first: [UInt8]?,
        blocks: inout FileBlocks,
        answers: FinancierAnswers,
        partitionCount: Int,
        shouldStop: () -> Bool = { false },
        emit: (ChunkResult, _ read: (bytes: Int, lines: Int)) throws(RunError) -> Void
    ) throws(RunError) -> MessageFindings {
        var pending = first
        var result = ChunkResult()
        var claims: WMO323Claims?
        var findings = MessageFindings()
        var emitFailure: RunError?
        do throws(InputError) {
            try WMO323Reader.read(
                path: path,
                next: { () throws(InputError) -> [UInt8]? in
                    if shouldStop() { throw InputError(diagnostics: []) }
                    return try blocks.next(after: &pending)
                },
                { (part) throws(InputError) in
                    switch part {
                    case .header(let header):
                        claims = try WMO323Claims(header: header, path: path, file: file)
                        if let verdict = answers.verdict(for: header) {
                            claims?.verdict = verdict
                            findings.link = FinancierAnswers.Link(header)
                        } else if answers.hasDeclarationAnswers {
                            findings.notes.append(
                                "no WMO325 answer to declaration \(header.identification) of \(header.messageDate) is among the claim files, so its services count as declared"
                            )
                        }
                    case .client(let client):
                        claims?.lines(of: client) { result.add($0, partitionCount: partitionCount) }
                        guard result.bytes + 256 * result.invalid.count >= partitionBytes else { return }
                        do throws(RunError) {
                            try emit(result, (blocks.bytesRead, blocks.lineCount))
                        } catch {
                            emitFailure = error
                            throw InputError(diagnostics: [])
                        }
                        result = ChunkResult()
                    }
                }
            )
            try claims?.check()
        } catch {
            if let emitFailure { throw emitFailure }
            throw RunError(error)
        }
        try emit(result, (blocks.bytesRead, blocks.lineCount))
        return findings
    }
}

/// What a WMO323 message says besides its lines: the WMO325 answer found for it, and what to note of its
/// file.
struct MessageFindings: Sendable {
    var link: FinancierAnswers.Link?
    var notes: [String] = []
}

extension ClaimSink {
    /// Records what a message said besides its lines, once its lines are absorbed.
    mutating func take(_ findings: MessageFindings) {
        if let link = findings.link { linkedDeclarations.insert(link) }
        file.notes += findings.notes
    }
}

extension RunError {
    /// The located problems of an invalid input; the message for any other error.
    var diagnostics: [Diagnostic] {
        switch self {
        case .invalidInput(let diagnostics): diagnostics
        case .refused(let message), .outputFailed(let message): [Diagnostic(.error, at: nil, message)]
        }
    }
}
