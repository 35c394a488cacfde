import CapitationCore
import ClaimFormats

/// Reads claim files and reconciles their lines into a ledger, using several threads, in memory that grows
/// with the number of members rather than the number of claim lines.
///
/// Each file is read in blocks, and the complete records of each block are parsed in parallel. Lines go
/// to partitions by a stable hash of the member id, so all lines of a member meet in one partition; each
/// partition holds about ``partitionBytes`` of claim files, and partitions that grow large are spilled to
/// a temporary folder. The partitions are then reconciled in parallel, one at a time per thread. Because
/// reconciliation orders each member's lines canonically and the ledger adds exact integers, the result is
/// the same for any number of threads and any order of lines or files.
struct ClaimPipeline: Sendable {
    let population: PopulationEvaluation
    let reconciler: ClaimReconciler
    let groupCount: Int
    let threads: Int

    /// The size of claim files per partition: the most held in memory at once per thread.
    static let partitionBytes = 8 << 20

    struct Output {
        var ledger: ClaimLedger
        var rejected: RejectedRuns
        var inputs: [InputFile]
    }

    /// One parsed chunk: its lines encoded per partition, and its unreadable lines.
    struct ChunkResult: Sendable {
        var partitions: [Int: [UInt8]] = [:]
        var invalid: [RejectedLine] = []
    }

    /// The reconciliation of one partition, with its rejected lines sorted by source.
    struct PartitionResult: Sendable {
        var members: [(position: Int?, reconciliation: MemberReconciliation, lines: Int, amount: Cents)] = []
        var rejected: [RejectedLine] = []
    }

    /// The number of partitions for claim files of `bytes` bytes in total.
    static func partitionCount(forBytes bytes: Int) -> Int {
        max(1, (bytes + partitionBytes - 1) / partitionBytes)
    }

    /// Reads and reconciles `files`, whose positions in the settlement's inputs start at `firstFileIndex`;
    /// `inputPaths` names every input by position, for `rejected-claims.csv`.
    func run(
        files: [String],
        firstFileIndex: Int,
        inputPaths: [String],
        spill: SpillFolder?,
        partitionCount: Int
    ) async throws(RunError) -> Output {
        var partitions = PartitionBuffers(count: partitionCount, spill: spill)
        var ledger = ClaimLedger(memberCount: population.roster.count, groupCount: groupCount)
        var rejected = RejectedRuns(spill: spill)
        var invalid: [RejectedLine] = []
        var inputs: [InputFile] = []

        func absorb(_ result: ChunkResult) throws(RunError) {
            for (partition, bytes) in result.partitions.sorted(by: { $0.key < $1.key }) {
                try partitions.append(bytes, to: partition)
            }
            for line in result.invalid {
                do { try ledger.addUnreadable(line) } catch {
                    throw .refused("the claims are too large to add up exactly: \(error)")
                }
                invalid.append(line)
            }
            // Unreadable lines arrive in order of file and line: they form a sorted run of their own.
            if invalid.count >= 50_000 {
                try rejected.add(invalid, files: inputPaths)
                invalid.removeAll()
            }
        }

        for (offset, path) in files.enumerated() {
            let fileIndex = firstFileIndex + offset
            var blocks = try FileBlocks(path)
            var carry: [UInt8] = []
            var parser: ClaimsCSVParser?
            var nextLine = 1
            var chunks: [(bytes: [UInt8], firstLine: Int)] = []
            var finished = false
            while !finished {
                if let block = try blocks.next() {
                    carry += block
                } else {
                    finished = true
                }
                if parser == nil {
                    guard finished || carry.contains(UInt8(ascii: "\n")) else { continue }
                    let header: (parser: ClaimsCSVParser, bodyOffset: Int, bodyLine: Int)
                    do {
                        header = try carry.withUnsafeBufferPointer { buffer throws(InputError) in
                            try ClaimsCSVParser.header(of: buffer, path: path, file: fileIndex)
                        }
                    } catch {
                        throw .invalidInput(error.diagnostics)
                    }
                    parser = header.parser
                    carry.removeFirst(header.bodyOffset)
                    nextLine = header.bodyLine
                }
                if finished {
                    if !carry.isEmpty { chunks.append((carry, nextLine)) }
                    carry = []
                } else if let end = carry.withUnsafeBufferPointer({ CSVRecordBoundary.lastRecordEnd(in: $0) }) {
                    chunks.append((Array(carry[0..<end.offset]), nextLine))
                    nextLine += end.lines
                    carry.removeFirst(end.offset)
                }
                if let parser, chunks.count >= threads || finished {
                    for result in await parse(chunks, with: parser, partitionCount: partitionCount) {
                        try absorb(result)
                    }
                    chunks.removeAll()
                }
            }
            let lines = blocks.lineCount
            inputs.append(
                InputFile(role: "claims", path: path, sha256: blocks.sha256(), lines: lines, format: "capitation-csv")
            )
        }
        try rejected.add(invalid, files: inputPaths)

        // Reconcile the partitions, at most `threads` at a time, and add each result as it arrives.
        var next = 0
        var failure: RunError?
        await withTaskGroup(of: Result<PartitionResult, RunError>.self) { group in
            func start() {
                let remainder = partitions.take(next)
                let index = next
                group.addTask { reconcilePartition(index, remainder: remainder, spill: spill) }
                next += 1
            }
            while next < min(threads, partitionCount) { start() }
            for await outcome in group {
                if next < partitionCount { start() }
                guard failure == nil else { continue }
                do {
                    let result = try outcome.get()
                    for member in result.members {
                        try ledger.add(
                            member.reconciliation,
                            member: member.position,
                            lineCount: member.lines,
                            amount: member.amount
                        )
                    }
                    try rejected.add(result.rejected, files: inputPaths)
                } catch let error as RunError {
                    failure = error
                } catch {
                    failure = .refused("the claims are too large to add up exactly: \(error)")
                }
            }
        }
        if let failure { throw failure }
        return Output(ledger: ledger, rejected: rejected, inputs: inputs)
    }

    /// Parses chunks in parallel; the results come back in the chunks' order.
    private func parse(
        _ chunks: [(bytes: [UInt8], firstLine: Int)],
        with parser: ClaimsCSVParser,
        partitionCount: Int
    ) async -> [ChunkResult] {
        await withTaskGroup(of: (Int, ChunkResult).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    var result = ChunkResult()
                    chunk.bytes.withUnsafeBufferPointer { buffer in
                        parser.parse(buffer, firstLine: chunk.firstLine) { parsed in
                            switch parsed {
                            case .line(let line):
                                let partition = Int(StableHash.of(line.member.rawValue) % UInt64(partitionCount))
                                ClaimRecordCodec.encode(line, into: &result.partitions[partition, default: []])
                            case .invalid(let line):
                                result.invalid.append(line)
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

    private func reconcilePartition(
        _ partition: Int,
        remainder: [UInt8],
        spill: SpillFolder?
    ) -> Result<PartitionResult, RunError> {
        var result = PartitionResult()
        do {
            let bytes = try PartitionBuffers.load(partition, remainder: remainder, spill: spill)
            let byMember = Dictionary(grouping: ClaimRecordCodec.decodeLines(bytes), by: \.member)
            for (member, memberLines) in byMember {
                let (position, window) = population.window(of: member)
                let reconciliation = try reconciler.reconcile(memberLines, window: window, onRoster: position != nil)
                let amount = try memberLines.map(\.signedAmount).sum()
                result.members.append((position, reconciliation, memberLines.count, amount))
                result.rejected += reconciliation.rejected
            }
        } catch let error as RunError {
            return .failure(error)
        } catch {
            return .failure(.refused("the claims are too large to add up exactly: \(error)"))
        }
        result.rejected.sort { $0.source < $1.source }
        return .success(result)
    }
}

/// A hash that is the same on every run and machine (Swift's `Hasher` is seeded per process): FNV-1a.
enum StableHash {
    static func of(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01B3
        }
        return hash
    }
}
