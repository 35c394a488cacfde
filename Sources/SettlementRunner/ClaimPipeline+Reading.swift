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
    /// Set when reading is to stop because something read beside it (the roster) has failed.
    let stop: StopSignal

    init(
        partitions: PartitionBuffers,
        ledger: ClaimLedger,
        rejected: RejectedRuns,
        inputPaths: [String],
        stop: StopSignal
    ) {
        self.partitions = partitions
        self.ledger = ledger
        self.rejected = rejected
        self.inputPaths = inputPaths
        self.stop = stop
    }

    /// Throws an error of no diagnostics, which is never shown (the failure that stopped reading is), when
    /// reading is to stop.
    func checkNotStopped() throws(RunError) {
        if stop.isSet { throw .invalidInput([]) }
    }

    mutating func absorb(_ result: ClaimPipeline.ChunkResult) throws(RunError) {
        for (partition, bytes) in result.partitions.enumerated() where !bytes.isEmpty {
            try partitions.append(bytes, to: partition)
        }
        file.lines += result.readable
        for line in result.invalid {
            file.addInvalid(line)
            if let reference = line.claimID, answers.byLine.answers(reference: reference) {
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

    mutating func flushInvalid() throws(RunError) {
        try rejected.add(invalid, files: inputPaths)
        invalid.removeAll()
    }
}

extension ClaimPipeline {
    /// Reads a file of records of `format` block by block, parsing the complete records of up to `threads`
    /// blocks in parallel.
    ///
    /// With more than one thread, each block's complete records are parsed by a task of their own as soon
    /// as the block is read, and up to `threads` tasks run while the next block is read and split at record
    /// boundaries; the results are added to the partitions in the order of the file, each as soon as it and
    /// those before it are ready. So a thread whose chunk is done takes the next at once, rather than wait
    /// for the others of a batch. With one thread each chunk is parsed and added before the next is read.
    func readRecords<Format: ClaimRecordFormat>(
        _ path: String,
        file: Int,
        format: Format.Type,
        first: [UInt8]?,
        blocks: inout FileBlocks,
        into sink: inout ClaimSink
    ) async throws(RunError) {
        let partitionCount = sink.partitions.count
        var chunker = RecordChunker<Format>(path: path, file: file)
        var pending = first
        var tally = Format.Tally()
        var finished = false
        // The chunks being parsed, oldest first. A task is cancelled only when reading fails (it does not
        // inherit the caller's cancellation), and then parses nothing.
        var parsing: [Task<(ChunkResult, Format.Tally), Never>] = []
        defer { for task in parsing { task.cancel() } }
        func absorbOldest(sink: inout ClaimSink) async throws(RunError) {
            let (result, part) = await parsing.removeFirst().value
            tally.merge(part)
            try sink.absorb(result)
            sink.progress?.tell(blocks)
        }
        while !finished {
            try sink.checkNotStopped()
            var block = pending
            pending = nil
            if block == nil { block = try blocks.next() }
            finished = block == nil
            let chunk: RecordChunk<Format>?
            do throws(InputError) { chunk = try chunker.add(block) } catch { throw RunError(error) }
            if let chunk {
                parsing.append(
                    Task {
                        var result = ChunkResult()
                        guard !Task.isCancelled else { return (result, Format.Tally()) }
                        let tally = chunk.parse(
                            record: { result.add($0, partitionCount: partitionCount) },
                            invalid: { result.invalid.append($0) }
                        )
                        return (result, tally)
                    }
                )
            }
            // Up to one chunk more than the threads waits its turn, so that a thread whose chunk is done
            // finds the next while this loop reads or adds a result; with one thread, none waits.
            while parsing.count > (threads == 1 ? 0 : threads + 1) { try await absorbOldest(sink: &sink) }
        }
        while !parsing.isEmpty { try await absorbOldest(sink: &sink) }
        guard let parser = chunker.parser else { return }
        do { sink.file.notes += try parser.finish(tally) } catch { throw RunError(error) }
    }

    /// Streams a WMO323 message into the sink, one client at a time.
    func readMessage(
        _ path: String,
        file: Int,
        first: [UInt8]?,
        blocks: inout FileBlocks,
        into sink: inout ClaimSink
    ) throws(RunError) {
        let stop = sink.stop
        let findings = try streamMessage(
            path,
            file: file,
            first: first,
            blocks: &blocks,
            answers: sink.answers,
            partitionCount: sink.partitions.count,
            shouldStop: { stop.isSet },
            emit: { (result, read) throws(RunError) in
                try sink.absorb(result)
                sink.progress?.tell(bytesRead: read.bytes, lines: read.lines)
            }
        )
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
        var findings = MessageFindings()
        var emitFailure: RunError?
        do throws(InputError) {
            let read = try WMO323Claims.read(
                path: path,
                file: file,
                next: { () throws(InputError) -> [UInt8]? in
                    if shouldStop() { throw InputError(diagnostics: []) }
                    return try blocks.next(after: &pending)
                },
                verdict: answers.verdict(for:),
                answersExpected: answers.hasDeclarationAnswers,
                record: { result.add($0, partitionCount: partitionCount) },
                invalid: { result.invalid.append($0) },
                clientRead: { () throws(InputError) in
                    guard result.bytes + 256 * result.invalid.count >= partitionBytes else { return }
                    do throws(RunError) {
                        try emit(result, (blocks.bytesRead, blocks.lineCount))
                    } catch {
                        emitFailure = error
                        throw InputError(diagnostics: [])
                    }
                    result = ChunkResult()
                }
            )
            findings.link = read.answered.map(FinancierAnswers.Link.init)
            findings.notes = read.notes
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
    var notes: [ClaimFileNote] = []
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
    var problems: [Diagnostic] {
        diagnostics.isEmpty ? [Diagnostic(.error, at: nil, message)] : diagnostics
    }
}
