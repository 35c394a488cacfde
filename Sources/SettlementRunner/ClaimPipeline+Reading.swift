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
    /// With more than one thread, while one batch of blocks is parsed, the next is read and split at record
    /// boundaries and the one before is added to the partitions, so that reading and adding up do not wait
    /// for parsing; batches are parsed one after the other and added in the order of the file.
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
        var chunks: [RecordChunk<Format>] = []
        var finished = false
        // The batch being parsed, added to the partitions once the next batch is being parsed.
        var parsing: Task<[(ChunkResult, Format.Tally)], Never>?
        defer { parsing?.cancel() }
        func absorb(_ results: [(ChunkResult, Format.Tally)], sink: inout ClaimSink) throws(RunError) {
            for (result, part) in results {
                tally.merge(part)
                try sink.absorb(result)
            }
        }
        while !finished {
            var block = pending
            pending = nil
            if block == nil { block = try blocks.next() }
            finished = block == nil
            do throws(InputError) {
                if let chunk = try chunker.add(block) { chunks.append(chunk) }
            } catch {
                throw RunError(error)
            }
            guard chunks.count >= threads || (finished && !chunks.isEmpty) else { continue }
            let batch = chunks
            chunks.removeAll()
            let previous = parsing
            // A batch is parsed once the one before it is, so that at most `threads` chunks are parsed at
            // once; with one thread, nothing else happens meanwhile. The task is cancelled only when reading
            // fails (it does not inherit the caller's cancellation), and then parses nothing.
            let next = Task {
                _ = await previous?.value
                guard !Task.isCancelled else { return [(ChunkResult, Format.Tally)]() }
                return await parse(batch, partitionCount: partitionCount)
            }
            parsing = next
            if threads == 1 { _ = await next.value }
            if let previous {
                try absorb(await previous.value, sink: &sink)
                sink.progress?.tell(blocks)
            }
        }
        if let last = parsing {
            parsing = nil
            try absorb(await last.value, sink: &sink)
            sink.progress?.tell(blocks)
        }
        guard let parser = chunker.parser else { return }
        do { sink.file.notes += try parser.finish(tally) } catch { throw RunError(error) }
    }

    /// Parses chunks in parallel; the results come back in the chunks' order.
    private func parse<Format: ClaimRecordFormat>(
        _ chunks: [RecordChunk<Format>],
        partitionCount: Int
    ) async -> [(ChunkResult, Format.Tally)] {
        await withTaskGroup(of: (Int, ChunkResult, Format.Tally).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    var result = ChunkResult()
                    let tally = chunk.parse(
                        record: { result.add($0, partitionCount: partitionCount) },
                        invalid: { result.invalid.append($0) }
                    )
                    return (index, result, tally)
                }
            }
            var results = [(ChunkResult, Format.Tally)](repeating: (ChunkResult(), Format.Tally()), count: chunks.count)
            for await (index, result, tally) in group { results[index] = (result, tally) }
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
                lines: { result.add($0, partitionCount: partitionCount) },
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
