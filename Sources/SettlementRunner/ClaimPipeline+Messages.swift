import CapitationCore
import ClaimFormats

/// What a claim file is, from its first bytes.
enum FileKind: Sendable {
    /// A file of no bytes: no claim lines, a finding of the completeness checks.
    case empty
    /// A file of `format`, `bytes` long when it was opened.
    case claims(ClaimFileFormat, bytes: Int)

    var format: ClaimFileFormat? {
        guard case .claims(let format, _) = self else { return nil }
        return format
    }
}

/// A WMO323 message read whole on a thread of its own, waiting to be absorbed in file order.
private struct MessageRead: Sendable {
    /// Its lines, encoded per partition, in the order read.
    var results: [ClaimPipeline.ChunkResult]
    var findings: MessageFindings
    var sha256: String
    var bytes: Int
    var lines: Int
}

extension ClaimPipeline {
    /// The largest WMO323 message read beside others: 64 MiB.
    ///
    /// A municipality receives one message per
    /// provider and month, a few megabytes each; a larger message is streamed alone, so that memory holds
    /// at most about two such messages' lines per thread.
    static let messageBytesReadBeside = 64 << 20

    /// The positions from `offset` on of consecutive WMO323 messages that may be read side by side, with
    /// the answer files among them; empty when the file at `offset` is not such a message.
    func messageRun(from offset: Int, kinds: [FileKind], answers: [Int: InputFile]) -> [Int] {
        guard threads > 1 else { return [] }
        var run: [Int] = []
        for position in offset..<kinds.count {
            if answers[position] != nil {
                run.append(position)
                continue
            }
            guard case .claims(.wmo323, let bytes) = kinds[position], bytes <= Self.messageBytesReadBeside else {
                break
            }
            run.append(position)
        }
        // A run ends with its last message, so that an answer file after it is taken up by what follows.
        while let last = run.last, answers[last] != nil { run.removeLast() }
        return run
    }

    /// Reads the WMO323 messages of `messages` (position among the files and path) on all threads.
    ///
    /// Each is streamed on a thread of its own, and their lines are absorbed into `sink` in file order, so
    /// that the result is that of reading them one after the other. At most ``threads`` messages are read at once
    /// and at most twice as many are held; the first message in file order that fails stops the others.
    ///
    /// Returns the input record and the completeness tally of each message, by position; `last` is the
    /// position of the last claim file, after which reconciliation follows.
    func readMessages(
        _ messages: [(offset: Int, path: String)],
        firstFileIndex: Int,
        last: Int,
        into sink: inout ClaimSink
    ) async throws(RunError) -> [Int: (InputFile, ClaimCompleteness.FileTally)] {
        let answers = sink.answers
        let partitionCount = sink.partitions.count
        var read: [Int: (InputFile, ClaimCompleteness.FileTally)] = [:]
        var waiting: [Int: Result<MessageRead, RunError>] = [:]
        var started = 0
        var running = 0
        var absorbed = 0
        var failure: RunError?
        await withTaskGroup(of: (Int, Result<MessageRead, RunError>).self) { group in
            func startWhileRoom() {
                while failure == nil, started < messages.count, running < threads, started - absorbed < 2 * threads {
                    let (index, message) = (started, messages[started])
                    group.addTask {
                        (
                            index,
                            readWhole(
                                message.path,
                                file: firstFileIndex + message.offset,
                                answers: answers,
                                partitionCount: partitionCount
                            )
                        )
                    }
                    started += 1
                    running += 1
                }
            }
            startWhileRoom()
            for await (index, outcome) in group {
                running -= 1
                waiting[index] = outcome
                while failure == nil, let ready = waiting.removeValue(forKey: absorbed) {
                    let (offset, path) = messages[absorbed]
                    do throws(RunError) {
                        let message = try ready.get()
                        sink.file = ClaimCompleteness.FileTally(path: path)
                        for result in message.results { try sink.absorb(result) }
                        sink.take(message.findings)
                        sink.progress?.finish(bytes: message.bytes, lines: message.lines)
                        sink.progress?.tell(reconciling: offset == last)
                        read[offset] = (
                            InputFile(
                                role: "claims",
                                path: path,
                                sha256: message.sha256,
                                lines: message.lines,
                                format: ClaimFileFormat.wmo323.rawValue
                            ),
                            sink.file
                        )
                    } catch {
                        failure = error
                        group.cancelAll()
                    }
                    absorbed += 1
                }
                startWhileRoom()
            }
        }
        if let failure { throw failure }
        return read
    }

    /// Reads the message at `path` whole, its lines encoded per partition.
    private func readWhole(
        _ path: String,
        file: Int,
        answers: FinancierAnswers,
        partitionCount: Int
    ) -> Result<MessageRead, RunError> {
        do throws(RunError) {
            var blocks = try FileBlocks(path)
            let first = try blocks.next()
            var results: [ChunkResult] = []
            let findings = try streamMessage(
                path,
                file: file,
                first: first,
                blocks: &blocks,
                answers: answers,
                partitionCount: partitionCount,
                stopsWhenCancelled: true
            ) { (result, _) throws(RunError) in results.append(result) }
            let (bytes, lines) = (blocks.bytesRead, blocks.lineCount)
            return .success(
                MessageRead(results: results, findings: findings, sha256: blocks.sha256(), bytes: bytes, lines: lines)
            )
        } catch {
            return .failure(error)
        }
    }
}
