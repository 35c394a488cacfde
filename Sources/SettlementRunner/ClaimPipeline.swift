import CapitationCore
import ClaimFormats

/// Reads claim files and reconciles their lines into a ledger, using several threads.
///
/// Each file is read in blocks; the complete records of each block are parsed in parallel. Lines go to
/// partitions by a stable hash of the member id, so all lines of a member meet in one partition, and the
/// partitions are reconciled in parallel. Because reconciliation orders each member's lines canonically
/// and the ledger adds exact integers, the result is the same for any number of threads and any order of
/// lines or files.
struct ClaimPipeline: Sendable {
    let population: PopulationEvaluation
    let reconciler: ClaimReconciler
    let groupCount: Int
    let threads: Int

    struct Output {
        var ledger: ClaimLedger
        var rejected: [RejectedLine]
        var inputs: [InputFile]
    }

    /// The lines of one parsed chunk.
    struct ChunkResult: Sendable {
        var lines: [ClaimLine] = []
        var invalid: [RejectedLine] = []
    }

    /// The reconciliation of one partition.
    struct PartitionResult: Sendable {
        var members: [(position: Int?, reconciliation: MemberReconciliation, lines: Int, amount: Cents)] = []
    }

    func run(files: [String], firstFileIndex: Int) async throws(RunError) -> Output {
        let partitionCount = max(1, threads * 4)
        var partitions = [[ClaimLine]](repeating: [], count: partitionCount)
        var ledger = ClaimLedger(memberCount: population.roster.count, groupCount: groupCount)
        var rejected: [RejectedLine] = []
        var inputs: [InputFile] = []

        func absorb(_ result: ChunkResult) throws(RunError) {
            for line in result.lines {
                partitions[Int(StableHash.of(line.member.rawValue) % UInt64(partitionCount))].append(line)
            }
            for line in result.invalid {
                try arithmetic { () throws(ArithmeticError) in try ledger.addUnreadable(line) }
                rejected.append(line)
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
                    for result in await parse(chunks, with: parser) { try absorb(result) }
                    chunks.removeAll()
                }
            }
            let lines = blocks.lineCount
            inputs.append(
                InputFile(role: "claims", path: path, sha256: blocks.sha256(), lines: lines, format: "capitation-csv")
            )
        }

        for outcome in await reconcile(partitions) {
            let result: PartitionResult
            switch outcome {
            case .success(let partition): result = partition
            case .failure(let error): throw .refused("the claims are too large to add up exactly: \(error)")
            }
            for member in result.members {
                try arithmetic { () throws(ArithmeticError) in
                    try ledger.add(
                        member.reconciliation,
                        member: member.position,
                        lineCount: member.lines,
                        amount: member.amount
                    )
                }
                rejected += member.reconciliation.rejected
            }
        }
        rejected.sort { $0.source < $1.source }
        return Output(ledger: ledger, rejected: rejected, inputs: inputs)
    }

    /// Parses chunks in parallel; the results come back in the chunks' order.
    private func parse(
        _ chunks: [(bytes: [UInt8], firstLine: Int)],
        with parser: ClaimsCSVParser
    ) async -> [ChunkResult] {
        await withTaskGroup(of: (Int, ChunkResult).self) { group in
            for (index, chunk) in chunks.enumerated() {
                group.addTask {
                    var result = ChunkResult()
                    chunk.bytes.withUnsafeBufferPointer { buffer in
                        parser.parse(buffer, firstLine: chunk.firstLine) { parsed in
                            switch parsed {
                            case .line(let line): result.lines.append(line)
                            case .invalid(let line): result.invalid.append(line)
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

    /// Reconciles the partitions, at most `threads` at a time.
    private func reconcile(_ partitions: [[ClaimLine]]) async -> [Result<PartitionResult, ArithmeticError>] {
        await withTaskGroup(of: (Int, Result<PartitionResult, ArithmeticError>).self) { group in
            var results = [Result<PartitionResult, ArithmeticError>](
                repeating: .success(PartitionResult()),
                count: partitions.count
            )
            var next = 0
            func start() {
                let index = next
                let lines = partitions[index]
                group.addTask { (index, reconcilePartition(lines)) }
                next += 1
            }
            while next < min(threads, partitions.count) { start() }
            for await (index, result) in group {
                results[index] = result
                if next < partitions.count { start() }
            }
            return results
        }
    }

    private func reconcilePartition(_ lines: [ClaimLine]) -> Result<PartitionResult, ArithmeticError> {
        var result = PartitionResult()
        let byMember = Dictionary(grouping: lines, by: \.member)
        do {
            for (member, memberLines) in byMember {
                let (position, window) = population.window(of: member)
                let reconciliation = try reconciler.reconcile(memberLines, window: window, onRoster: position != nil)
                let amount = try memberLines.map(\.signedAmount).sum()
                result.members.append((position, reconciliation, memberLines.count, amount))
            }
        } catch {
            return .failure(error)
        }
        return .success(result)
    }

    private func arithmetic(_ body: () throws(ArithmeticError) -> Void) throws(RunError) {
        do { try body() } catch { throw .refused("the claims are too large to add up exactly: \(error)") }
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
