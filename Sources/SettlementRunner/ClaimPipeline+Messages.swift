import CapitationCore
import ClaimFormats
import Synchronization

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
    /// Its lines, encoded per partition, in the order read: all of them, or those read before `failure`.
    var results: [ClaimPipeline.ChunkResult] = []
    /// Why reading stopped, if it did: thrown once the lines before it are absorbed, as when the message is
    /// read alone.
    var failure: RunError?
    var findings = MessageFindings()
    var sha256 = ""
    var bytes = 0
    var lines = 0
}

/// Tells what is still being read that reading has failed, so that it stops.
final class StopSignal: Sendable {
    private let stopped = Atomic<Bool>(false)

    var isSet: Bool { stopped.load(ordering: .relaxed) }
    func set() { stopped.store(true, ordering: .relaxed) }
}

extension ClaimPipeline {
    /// The largest WMO323 message read beside others: eight times ``partitionBytes`` (64 MiB by default).
    ///
    /// A municipality receives one message per provider and month, a few megabytes each; a larger message
    /// is streamed alone. A message's lines take about a seventh of its bytes once encoded, so the at most
    /// two messages per thread held come to about twice ``partitionBytes`` per thread.
    var messageBytesReadBeside: Int { 8 * partitionBytes }

    /// The positions from `offset` on of consecutive WMO323 messages that may be read side by side, with
    /// the answer files among them and after the first, up to the last message; empty with one thread, or
    /// when no such message follows.
    func messageRun(from offset: Int, kinds: [FileKind], answers: [Int: InputFile]) -> [Int] {
        guard threads > 1 else { return [] }
        var run: [Int] = []
        for position in offset..<kinds.count {
            if answers[position] != nil {
                run.append(position)
                continue
            }
            guard case .claims(let format, let bytes) = kinds[position], case .message = format.reading,
                bytes <= messageBytesReadBeside
            else {
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
    /// position of the last file, after which reconciliation follows.
    func readMessages(
        _ messages: [(offset: Int, path: String)],
        firstFileIndex: Int,
        last: Int,
        into sink: inout ClaimSink
    ) async throws(RunError) -> [Int: (InputFile, ClaimCompleteness.FileTally)] {
        let answers = sink.answers
        let partitionCount = sink.partitions.count
        var read: [Int: (InputFile, ClaimCompleteness.FileTally)] = [:]
        var waiting: [Int: MessageRead] = [:]
        let stop = StopSignal()
        let stopped = sink.stop
        var started = 0
        var running = 0
        var absorbed = 0
        var failure: RunError?
        await withTaskGroup(of: (Int, MessageRead).self) { group in
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
                                partitionCount: partitionCount,
                                stop: stop,
                                stopped: stopped
                            )
                        )
                    }
                    started += 1
                    running += 1
                }
            }
            startWhileRoom()
            for await (index, message) in group {
                running -= 1
                waiting[index] = message
                while failure == nil, let message = waiting.removeValue(forKey: absorbed) {
                    let (offset, path) = messages[absorbed]
                    do throws(RunError) {
                        sink.file = ClaimCompleteness.FileTally(path: path)
                        for result in message.results { try sink.absorb(result) }
                        if let failure = message.failure { throw failure }
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
                        stop.set()
                    }
                    absorbed += 1
                }
                startWhileRoom()
            }
        }
        if let failure { throw failure }
        return read
    }

    /// Reads the message at `path` whole, its lines encoded per partition; stops when `stop` (another
    /// message failed) or `stopped` (something read beside the messages failed) is set.
    private func readWhole(
        _ path: String,
        file: Int,
        answers: FinancierAnswers,
        partitionCount: Int,
        stop: StopSignal,
        stopped: StopSignal
    ) -> MessageRead {
        var read = MessageRead()
        do throws(RunError) {
            var blocks = try FileBlocks(path)
            let first = try blocks.next()
            read.findings = try streamMessage(
                path,
                file: file,
                first: first,
                blocks: &blocks,
                answers: answers,
                partitionCount: partitionCount,
                shouldStop: { stop.isSet || stopped.isSet },
                emit: { (result, _) throws(RunError) in read.results.append(result) }
            )
            (read.bytes, read.lines) = (blocks.bytesRead, blocks.lineCount)
            read.sha256 = blocks.sha256()
        } catch {
            read.failure = error
        }
        return read
    }
}
