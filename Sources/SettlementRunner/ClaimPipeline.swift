package import CapitationCore
package import ClaimFormats
import Synchronization

/// Reads claim files and reconciles their lines into a ledger, using several threads, in memory that grows
/// with the number of members rather than the number of claim lines.
///
/// Each file is read in blocks, and the complete records of each block are parsed in parallel. Lines go
/// to partitions by a stable hash of the member id, so all lines of a member meet in one partition; each
/// partition holds about ``partitionBytes`` of claim files, and partitions that grow large are spilled to
/// a temporary folder. The partitions are then reconciled in parallel, one at a time per thread. Because
/// reconciliation orders each member's lines canonically and the ledger adds exact integers, the result is
/// the same for any number of threads and any order of lines or files.
package struct ClaimPipeline: Sendable {
    let reconciler: ClaimReconciler
    let groupCount: Int
    let threads: Int
    /// The size of claim files per partition: about the most held in memory at once per thread (about twice
    /// as much while WMO323 messages are read side by side).
    let partitionBytes: Int
    /// Where progress goes, if anywhere.
    var progress: Progress?

    /// Progress over all claim files.
    struct Progress: Sendable {
        let totalBytes: Int
        let report: ProgressHandler
        /// Bytes and lines of the files read completely.
        var bytesBefore = 0
        var linesBefore = 0

        init(totalBytes: Int, report: @escaping ProgressHandler) {
            self.totalBytes = totalBytes
            self.report = report
        }

        func tell(_ blocks: borrowing FileBlocks, reconciling: Bool = false) {
            tell(bytesRead: blocks.bytesRead, lines: blocks.lineCount, reconciling: reconciling)
        }

        /// Tells how far reading has come: the files read completely, and `bytesRead` bytes and `lines`
        /// lines of the one being read.
        func tell(bytesRead: Int = 0, lines: Int = 0, reconciling: Bool = false) {
            report(
                ReadProgress(
                    bytesRead: bytesBefore + bytesRead,
                    totalBytes: totalBytes,
                    linesRead: linesBefore + lines,
                    reconciling: reconciling
                )
            )
        }

        /// Counts a file read completely.
        mutating func finish(bytes: Int, lines: Int) {
            bytesBefore += bytes
            linesBefore += lines
        }
    }

    /// How the pipeline has the population whose claims it reconciles, with the input record of its roster.
    ///
    /// With more than one thread it is called beside the reading of the claims, which needs no member, so
    /// that the roster is read while they are; with one thread, before.
    typealias PopulationSource = @Sendable () throws(RunError) -> (population: PopulationEvaluation, roster: InputFile)

    struct Output {
        var population: PopulationEvaluation
        /// The input record of the population's roster.
        var roster: InputFile
        var ledger: ClaimLedger
        var rejected: RejectedRuns
        var inputs: [InputFile]
        /// What each claim file held, in the order read, for the completeness checks.
        var files: [ClaimCompleteness.FileTally]
    }

    /// One parsed chunk: its lines encoded per partition and its unreadable lines.
    ///
    /// It is what parsing a chunk makes, whatever the format: the benchmark of parsing alone makes the same.
    package struct ChunkResult: Sendable {
        /// The encoded lines per partition; empty until the first line arrives.
        package var partitions: [[UInt8]] = []
        package var invalid: [RejectedLine] = []
        /// The bytes of encoded lines held.
        package var bytes = 0
        /// The number of readable lines.
        package var readable = 0
        /// What each partition's run of lines remembers of its last line (see ``ClaimRecordCodec``).
        var runs: [ClaimRecordCodec.Run] = []

        package init() {}

        /// Adds a parsed line: a readable one to its member's partition, an unreadable one to `invalid`.
        package mutating func add(_ parsed: ParsedClaim, partitionCount: Int) {
            switch parsed {
            case .line(let line):
                ClaimRecord.with(line) { add($0, partitionCount: partitionCount) }
            case .invalid(let line):
                invalid.append(line)
            }
        }

        /// Adds a readable line to its member's partition.
        package mutating func add(_ record: ClaimRecord, partitionCount: Int) {
            readable += 1
            if partitions.isEmpty {
                partitions = Array(repeating: [], count: partitionCount)
                runs = Array(repeating: ClaimRecordCodec.Run(), count: partitionCount)
            }
            let partition = StableHash.partition(of: record.member, count: partitionCount)
            let before = partitions[partition].count
            ClaimRecordCodec.encode(record, run: &runs[partition], into: &partitions[partition])
            bytes += partitions[partition].count - before
        }
    }

    /// The reconciliation of one partition: its members added up, and its rejected lines as rows of
    /// `rejected-claims.csv` sorted by source.
    struct PartitionResult: Sendable {
        var part: ClaimLedger.Part
        var rejected: RejectedRuns.Run
        /// The CSV answers that found their line.
        var answered: [Int32]
    }

    /// The number of partitions for claim files of `bytes` bytes in total.
    package static func partitionCount(forBytes bytes: Int, partitionBytes: Int) -> Int {
        max(1, (bytes + partitionBytes - 1) / partitionBytes)
    }

    /// Reads and reconciles `files`, whose positions in the settlement's inputs start at `firstFileIndex`;
    /// `inputPaths` names every input by position, for `rejected-claims.csv`.
    ///
    /// Each file's format is recognised by its content: the project's CSV, Vektis AW319 or iWmo WMO323.
    func run(
        files: [String],
        firstFileIndex: Int,
        inputPaths: [String],
        spill: SpillFolder?,
        partitionCount: Int,
        population source: PopulationSource
    ) async throws(RunError) -> Output {
        let rosterFailed = StopSignal()
        let read: ReadClaims
        let population: (population: PopulationEvaluation, roster: InputFile)
        if threads == 1 {
            population = try source()
            read = try await readClaims(files, firstFileIndex, inputPaths, spill, partitionCount, stop: rosterFailed)
        } else {
            // The roster is read beside the claims; when it fails, reading them stops, and its failure is
            // the one reported, as when it is read first.
            async let loaded = Self.population(from: source, signalling: rosterFailed)
            do {
                read = try await readClaims(
                    files,
                    firstFileIndex,
                    inputPaths,
                    spill,
                    partitionCount,
                    stop: rosterFailed
                )
            } catch {
                if case .failure(let failure) = await loaded { throw failure }
                throw error
            }
            population = try await loaded.get()
        }
        var ledger = ClaimLedger(memberCount: population.population.roster.count, groupCount: groupCount)
        do { try ledger.merge(read.ledger) } catch {
            throw .refused("the claims are too large to add up exactly: \(error)")
        }
        return try await reconcile(
            read,
            into: ledger,
            population: population,
            spill: spill,
            inputPaths: inputPaths,
            partitionCount: partitionCount
        )
    }

    /// The population of `source`, setting `signal` when it fails.
    private static func population(
        from source: PopulationSource,
        signalling signal: StopSignal
    ) -> Result<(population: PopulationEvaluation, roster: InputFile), RunError> {
        let result = Result { () throws(RunError) in try source() }
        if case .failure = result { signal.set() }
        return result
    }

    /// The claim files read into partitions, with what was read of them besides.
    private struct ReadClaims {
        var partitions: PartitionBuffers
        /// The totals of the unreadable lines, of no member.
        var ledger: ClaimLedger
        var rejected: RejectedRuns
        var answers: FinancierAnswers
        var linkedDeclarations: Set<FinancierAnswers.Link>
        var unreadableAnswered: Set<String>
        var inputs: [InputFile]
        var tallies: [ClaimCompleteness.FileTally]
    }

    /// Reads `files` into partitions; stops, with an error that is not shown, when `stop` is set.
    private func readClaims(
        _ files: [String],
        _ firstFileIndex: Int,
        _ inputPaths: [String],
        _ spill: SpillFolder?,
        _ partitionCount: Int,
        stop: StopSignal
    ) async throws(RunError) -> ReadClaims {
        var sink = ClaimSink(
            partitions: PartitionBuffers(count: partitionCount, spill: spill, partitionBytes: partitionBytes),
            ledger: ClaimLedger(memberCount: 0, groupCount: groupCount),
            rejected: RejectedRuns(spill: spill, memoryLimit: partitionBytes),
            inputPaths: inputPaths,
            stop: stop
        )
        sink.progress = progress
        var inputs: [InputFile] = []
        var tallies: [ClaimCompleteness.FileTally] = []
        // The financier's answers first, so that every line is settled on what was decided of it. Every
        // file's format is known from its first bytes from here on.
        var answers = FinancierAnswers()
        var answerInputs: [Int: InputFile] = [:]
        var kinds: [FileKind] = []
        for (offset, path) in files.enumerated() {
            var blocks = try FileBlocks(path)
            let size = blocks.size
            guard let first = try blocks.next(size: ClaimFileFormat.detectionBytes), !first.isEmpty else {
                kinds.append(.empty)
                continue
            }
            let format = ClaimFileFormat.detect(first)
            kinds.append(.claims(format, bytes: size))
            guard format.isAnswers else { continue }
            var bytes = first
            while let block = try blocks.next() { bytes += block }
            try answers.read(bytes, path: path, file: firstFileIndex + offset, format: format)
            let lines = blocks.lineCount
            answerInputs[offset] = InputFile(
                role: "answers",
                path: path,
                sha256: blocks.sha256(),
                lines: lines,
                format: format.rawValue
            )
        }
        sink.answers = answers
        var offset = 0
        while offset < files.count {
            try sink.checkNotStopped()
            // Consecutive messages (a municipality's year: one per provider and month) are read side by side.
            let run = messageRun(from: offset, kinds: kinds, answers: answerInputs)
            if run.filter({ answerInputs[$0] == nil }).count >= 2 {
                let read = try await readMessages(
                    run.filter { answerInputs[$0] == nil }.map { (offset: $0, path: files[$0]) },
                    firstFileIndex: firstFileIndex,
                    last: files.count - 1,
                    into: &sink
                )
                for position in run {
                    if let input = answerInputs[position] {
                        inputs.append(input)
                    } else if let (input, tally) = read[position] {
                        inputs.append(input)
                        tallies.append(tally)
                    }
                }
                offset += run.count
                continue
            }
            defer { offset += 1 }
            let path = files[offset]
            if let input = answerInputs[offset] {
                inputs.append(input)
                continue
            }
            let fileIndex = firstFileIndex + offset
            sink.file = ClaimCompleteness.FileTally(path: path)
            var blocks = try FileBlocks(path)
            let first = try blocks.next()
            let kind = kinds[offset]
            // An empty file holds no claim lines: a finding of the completeness checks, not an error, so
            // that it can be accepted like a file with a header alone.
            switch kind.format?.reading {
            case nil, .answers?:
                break
            case .message?:
                try readMessage(path, file: fileIndex, first: first, blocks: &blocks, into: &sink)
            case .records(let format)?:
                try await readRecords(path, file: fileIndex, format: format, first: first, blocks: &blocks, into: &sink)
            }
            let lines = blocks.lineCount
            sink.progress?.tell(blocks, reconciling: offset == files.count - 1)
            sink.progress?.finish(bytes: blocks.bytesRead, lines: lines)
            inputs.append(
                InputFile(
                    role: "claims",
                    path: path,
                    sha256: blocks.sha256(),
                    lines: lines,
                    format: kind.format?.rawValue ?? "empty"
                )
            )
            tallies.append(sink.file)
        }
        try sink.flushInvalid()
        return ReadClaims(
            partitions: sink.partitions,
            ledger: sink.ledger,
            rejected: sink.rejected,
            answers: sink.answers,
            linkedDeclarations: sink.linkedDeclarations,
            unreadableAnswered: sink.unreadableAnswered,
            inputs: inputs,
            tallies: tallies
        )
    }

    /// Reconciles the partitions that `read` holds into `ledger`, at most ``threads`` at a time.
    private func reconcile(
        _ read: ReadClaims,
        into ledger: ClaimLedger,
        population: (population: PopulationEvaluation, roster: InputFile),
        spill: SpillFolder?,
        inputPaths: [String],
        partitionCount: Int
    ) async throws(RunError) -> Output {
        var partitions = read.partitions
        var ledger = ledger
        var rejected = read.rejected
        let answers = read.answers

        // Reconcile the partitions, at most `threads` at a time, and add each result as it arrives.
        // Which CSV answers found their line, by number.
        var matched = [Bool](repeating: false, count: answers.byLine.count)
        let byLine = answers.byLine
        let batches = ClaimBatchPool()
        var next = 0
        var failure: RunError?
        await withTaskGroup(of: Result<PartitionResult, RunError>.self) { group in
            func start() {
                let (remainder, spilled) = partitions.take(next)
                let index = next
                group.addTask {
                    reconcilePartition(
                        index,
                        remainder: remainder,
                        spilled: spilled,
                        spill: spill,
                        files: inputPaths,
                        answers: byLine,
                        population: population.population,
                        batches: batches
                    )
                }
                next += 1
            }
            while next < min(threads, partitionCount) { start() }
            for await outcome in group {
                if failure == nil, next < partitionCount { start() }
                guard failure == nil else { continue }
                do {
                    let result = try outcome.get()
                    try ledger.merge(result.part)
                    for number in result.answered { matched[Int(number)] = true }
                    try rejected.add(result.rejected)
                } catch let error as RunError {
                    failure = error
                } catch {
                    failure = .refused("the claims are too large to add up exactly: \(error)")
                }
            }
        }
        if let failure { throw failure }
        try answers.checkAllFound(
            linked: read.linkedDeclarations,
            matched: matched,
            unreadable: read.unreadableAnswered,
            inputPaths: inputPaths
        )
        return Output(
            population: population.population,
            roster: population.roster,
            ledger: ledger,
            rejected: rejected,
            inputs: read.inputs,
            files: read.tallies
        )
    }

    private func reconcilePartition(
        _ partition: Int,
        remainder: [UInt8],
        spilled: Int,
        spill: SpillFolder?,
        files inputPaths: [String],
        answers: AnswerTable,
        population: PopulationEvaluation,
        batches: ClaimBatchPool
    ) -> Result<PartitionResult, RunError> {
        var answered: [Int32] = []
        var batch = batches.take()
        defer { batches.put(batch) }
        do {
            let bytes = try PartitionBuffers.load(partition, remainder: remainder, spilled: spilled, spill: spill)
            let found = ClaimRecordCodec.decodeBatch(bytes, answers: answers, into: &batch)
            if !answers.isEmpty {
                for (index, number) in found {
                    answered.append(number)
                    guard batch.answer(index, with: answers.answer(number)) else {
                        let key = answers.key(number)
                        let source = answers.source(number)
                        throw RunError.invalidInput([
                            Diagnostic(
                                .error,
                                at: SourceLocation(path: inputPaths[source.file], line: source.line),
                                "line \(key.claimID) of \(key.provider) is answered here and by a WMO325 answer to its declaration; a line has one answer"
                            )
                        ])
                    }
                }
            }
            let reconciled = try reconciler.reconcile(batch, groupCount: groupCount, population: population)
            return .success(
                PartitionResult(
                    part: reconciled.part,
                    rejected: RejectedRuns.Run(reconciled.rejected, files: inputPaths),
                    answered: answered
                )
            )
        } catch let error as RunError {
            return .failure(error)
        } catch {
            return .failure(.refused("the claims are too large to add up exactly: \(error)"))
        }
    }
}

/// Batches whose storage the next partition uses again: a partition's batch takes megabytes, and a batch
/// taken fresh from the system for every partition cost a page fault per page touched.
final class ClaimBatchPool: Sendable {
    private let free = Mutex<[ClaimBatch]>([])

    /// A batch to decode into: one put back before, or a new one.
    func take() -> ClaimBatch {
        free.withLock { $0.popLast() } ?? ClaimBatch()
    }

    /// Puts `batch` back for the next partition.
    func put(_ batch: ClaimBatch) {
        free.withLock { $0.append(batch) }
    }
}

/// A hash that is the same on every run and machine (Swift's `Hasher` is seeded per process): FNV-1a.
enum StableHash {
    static func of(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Which of `count` partitions `bytes` fall in: the hash scaled to `0..<count` by a multiplication
    /// (the high half of hash × count), not by a division, which took a line's longest instruction.
    ///
    /// The scaling reads the hash's highest bits, which FNV-1a mixes poorly (the last byte reaches them
    /// only by carries, so ids that differ in their last digit would share a partition): the hash is mixed
    /// first, as MurmurHash3 finishes one.
    static func partition(of bytes: some Sequence<UInt8>, count: Int) -> Int {
        var hash = of(bytes)
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        return Int(hash.multipliedFullWidth(by: UInt64(count)).high)
    }
}
