import CapitationCore
import SystemPackage

/// The rows of `rejected-claims.csv`, collected in sorted runs (each partition's rejected lines) and merged
/// into one file sorted by file and line.
///
/// Rows of one line are ordered by reason, detail and then the row itself, so that the order never depends
/// on which partition was reconciled first: a line approved in part leaves its refused part before its
/// approved part's rejection, and a message written on one line holds the services of many members.
///
/// Small runs stay in memory; large ones go to the spill folder, so that memory does not grow with the
/// number of rejected lines.
struct RejectedRuns {
    let spill: SpillFolder?
    private var memoryRuns: [[UInt8]] = []
    private var fileRuns: [String] = []
    private var memoryBytes = 0
    /// The most bytes of rows kept in memory before runs go to the spill folder.
    private let memoryLimit: Int
    private(set) var count = 0

    init(spill: SpillFolder?, memoryLimit: Int) {
        self.spill = spill
        self.memoryLimit = memoryLimit
    }

    /// Rejected lines encoded as rows, sorted by source, reason, detail and row; encoding can happen on any
    /// thread.
    struct Run: Sendable {
        var bytes: [UInt8] = []
        var count = 0

        init(_ lines: [RejectedLine], files: [String]) {
            // Each file's name is escaped once, not once per row; the rows are written one after the other
            // and sorted by their positions.
            let names = files.map(RejectedClaimsCSV.fileName)
            let unknown = RejectedClaimsCSV.fileName("?")
            var rows: [UInt8] = []
            var ends: [Int] = []
            ends.reserveCapacity(lines.count)
            for line in lines {
                RejectedClaimsCSV.append(
                    line,
                    file: line.source.file < names.count ? names[line.source.file] : unknown,
                    to: &rows
                )
                ends.append(rows.count)
            }
            let reasons = lines.map { RejectedRuns.reasonNumber($0.reason) }
            // The keys side by side, so that sorting copies no line with its strings.
            let sources = lines.map(\.source)
            rows.withUnsafeBytes { rows in
                func row(_ index: Int) -> UnsafeRawBufferPointer {
                    UnsafeRawBufferPointer(rebasing: rows[(index == 0 ? 0 : ends[index - 1])..<ends[index]])
                }
                let order = lines.indices.sorted { a, b in
                    if sources[a] != sources[b] { return sources[a] < sources[b] }
                    if reasons[a] != reasons[b] { return reasons[a] < reasons[b] }
                    return RejectedRuns.tiePrecedes(
                        detail: lines[a].detail,
                        row: row(a),
                        before: lines[b].detail,
                        row: row(b)
                    )
                }
                for index in order {
                    ClaimRecordCodec.encode(lines[index], reason: reasons[index], row: row(index), into: &bytes)
                }
            }
            count = lines.count
        }
    }

    /// Whether a row of one line and reason comes before another.
    ///
    /// By detail, then by the row itself, as strings compare: canonically equivalent text is equal, as it
    /// always was in this order. Rows of one line and reason are few, so the strings are made only here.
    static func tiePrecedes(
        detail: String,
        row: UnsafeRawBufferPointer,
        before otherDetail: String,
        row otherRow: UnsafeRawBufferPointer
    ) -> Bool {
        if detail != otherDetail { return detail < otherDetail }
        return String(decoding: row, as: UTF8.self) < String(decoding: otherRow, as: UTF8.self)
    }

    /// The position of `reason` among the reasons, by which rows of one line are ordered.
    static func reasonNumber(_ reason: RejectionReason) -> Int64 {
        Int64(reason.ordinal)
    }

    /// Adds a run of rejected lines, in any order.
    mutating func add(_ lines: [RejectedLine], files: [String]) throws(RunError) {
        try add(Run(lines, files: files))
    }

    /// Adds an encoded run.
    mutating func add(_ run: Run) throws(RunError) {
        guard run.count > 0 else { return }
        count += run.count
        if let spill, memoryBytes + run.bytes.count > memoryLimit {
            let name = "rejected-\(fileRuns.count)"
            try spill.append(run.bytes, to: name)
            fileRuns.append(spill.file(name))
        } else {
            memoryRuns.append(run.bytes)
            memoryBytes += run.bytes.count
        }
    }

    /// Writes the header and every row, merged in order of file, line, reason, detail and row, to
    /// `descriptor`.
    ///
    /// There is a run per partition, so a national population's claims make a thousand runs and more: the
    /// smallest head is kept in a heap (not found by a scan of every run per row), and the runs on disk are
    /// read in blocks that share `mergeBufferBytes` (at least 16 KiB each), so that the merge's memory does
    /// not grow with them.
    func write(to descriptor: FileDescriptor, mergeBufferBytes: Int = Self.mergeBufferBytes) throws(RunError) {
        let blockBytes = max(16 << 10, min(1 << 20, mergeBufferBytes / max(1, fileRuns.count)))
        var readers: [RunReader] = memoryRuns.map { RunReader(bytes: $0) }
        for path in fileRuns { readers.append(try RunReader(path: path, blockBytes: blockBytes)) }
        var heads = MergeHeap()
        // Heads of equal file, line and reason (rows of one line) order by detail and row.
        func precedes(_ a: MergeHeap.Head, _ b: MergeHeap.Head) -> Bool {
            if (a.file, a.line, a.reason) != (b.file, b.line, b.reason) {
                return (a.file, a.line, a.reason) < (b.file, b.line, b.reason)
            }
            return readers[a.run].tiePrecedes(readers[b.run])
        }
        for index in readers.indices {
            if let head = try readers[index].next(run: index) { heads.push(head, by: precedes) }
        }
        var output = Array(RejectedClaimsCSV.header.utf8)
        output.reserveCapacity(1 << 20 + 1 << 16)
        while let head = heads.pop(by: precedes) {
            readers[head.run].appendRow(to: &output)
            if let next = try readers[head.run].next(run: head.run) { heads.push(next, by: precedes) }
            if output.count >= 1 << 20 {
                try OutputWriter.writeAll(output, to: descriptor, "rejected-claims.csv")
                output.removeAll(keepingCapacity: true)
            }
        }
        try OutputWriter.writeAll(output, to: descriptor, "rejected-claims.csv")
    }

    /// The memory the blocks of the runs on disk share while they are merged: 32 MiB.
    static let mergeBufferBytes = 32 << 20
}

/// The head of each run, smallest first: a binary heap.
///
/// A head is its row's file, line and reason and the run it is in; the order of heads that tie on those
/// (the run knows their detail and row) is told by the caller. Rows of equal keys are the same row, so
/// the order among them does not change the file.
struct MergeHeap {
    struct Head {
        var file: Int64
        var line: Int64
        var reason: Int64
        var run: Int
    }

    private var items: [Head] = []

    mutating func push(_ head: Head, by precedes: (Head, Head) -> Bool) {
        items.append(head)
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard precedes(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// The smallest head, taken out.
    mutating func pop(by precedes: (Head, Head) -> Bool) -> Head? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let smallest = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < items.count else { break }
            var child = left
            if left + 1 < items.count, precedes(items[left + 1], items[left]) { child = left + 1 }
            guard precedes(items[child], items[parent]) else { break }
            items.swapAt(child, parent)
            parent = child
        }
        return smallest
    }
}

/// Reads the records of one run, from memory or a file in blocks; the current record's detail and row
/// stay in the reader's buffer until the next is read.
struct RunReader {
    private var buffer: [UInt8]
    private var offset = 0
    private var blocks: FileBlocksReader?
    private var detail = 0..<0
    private var row = 0..<0

    init(bytes: [UInt8]) {
        buffer = bytes
    }

    init(path: String, blockBytes: Int = 1 << 20) throws(RunError) {
        buffer = []
        blocks = try FileBlocksReader(path, blockBytes: blockBytes)
    }

    /// Reads the next record and returns its head as run number `run`, or `nil` at the end.
    mutating func next(run: Int) throws(RunError) -> MergeHeap.Head? {
        guard try ensure(28) else { return nil }
        let detailLength = length(at: offset + 24)
        guard try ensure(28 + detailLength + 4) else { return nil }
        let rowLength = length(at: offset + 28 + detailLength)
        guard try ensure(28 + detailLength + 4 + rowLength) else { return nil }
        let head = MergeHeap.Head(
            file: integer(at: offset),
            line: integer(at: offset + 8),
            reason: integer(at: offset + 16),
            run: run
        )
        detail = (offset + 28)..<(offset + 28 + detailLength)
        row = (detail.upperBound + 4)..<(detail.upperBound + 4 + rowLength)
        offset = row.upperBound
        return head
    }

    /// Whether the current record's detail and row come before those of `other`'s, in the order its run
    /// was sorted by (``RejectedRuns/tiePrecedes(detail:row:before:row:)``).
    func tiePrecedes(_ other: RunReader) -> Bool {
        buffer.withUnsafeBytes { mine in
            other.buffer.withUnsafeBytes { theirs in
                RejectedRuns.tiePrecedes(
                    detail: String(decoding: mine[detail], as: UTF8.self),
                    row: UnsafeRawBufferPointer(rebasing: mine[row]),
                    before: String(decoding: theirs[other.detail], as: UTF8.self),
                    row: UnsafeRawBufferPointer(rebasing: theirs[other.row])
                )
            }
        }
    }

    /// Appends the current record's row to `bytes`.
    func appendRow(to bytes: inout [UInt8]) {
        buffer.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[row])) }
    }

    private func length(at position: Int) -> Int {
        Int(
            UInt32(buffer[position]) | UInt32(buffer[position + 1]) << 8 | UInt32(buffer[position + 2]) << 16
                | UInt32(buffer[position + 3]) << 24
        )
    }

    private func integer(at position: Int) -> Int64 {
        var value: UInt64 = 0
        for shift in 0..<8 { value |= UInt64(buffer[position + shift]) << UInt64(8 * shift) }
        return Int64(bitPattern: value)
    }

    /// Makes sure `count` bytes are available from `offset`, reading more of the file when needed.
    private mutating func ensure(_ count: Int) throws(RunError) -> Bool {
        while buffer.count - offset < count {
            guard var reader = blocks, let block = try reader.next() else { return false }
            blocks = reader
            buffer.removeSubrange(0..<offset)
            offset = 0
            buffer += block
        }
        return true
    }
}

/// A copyable block reader for run files (``FileBlocks`` also hashes, and is not copyable).
struct FileBlocksReader {
    let path: String
    let blockBytes: Int
    private var position: Int64 = 0

    init(_ path: String, blockBytes: Int = 1 << 20) throws(RunError) {
        self.path = path
        self.blockBytes = blockBytes
    }

    mutating func next() throws(RunError) -> [UInt8]? {
        do {
            let descriptor = try SpillFolder.openForReading(path)
            defer { try? descriptor.close() }
            var block = [UInt8](repeating: 0, count: blockBytes)
            let count = try block.withUnsafeMutableBytes { try descriptor.read(fromAbsoluteOffset: position, into: $0) }
            guard count > 0 else { return nil }
            position += Int64(count)
            return Array(block[0..<count])
        } catch {
            throw .outputFailed("cannot read a temporary file \(path): \(error)")
        }
    }
}
