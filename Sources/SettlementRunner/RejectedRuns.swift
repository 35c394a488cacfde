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
            // Each file's name is escaped once, not once per row.
            let names = files.map(RejectedClaimsCSV.fileName)
            let rows = lines.map { line in
                let name = line.source.file < names.count ? names[line.source.file] : RejectedClaimsCSV.fileName("?")
                return (source: line.source, row: RejectedClaimsCSV.row(line, file: name), line: line)
            }
            .sorted {
                ($0.source, $0.line.reason, $0.line.detail, $0.row) < (
                    $1.source, $1.line.reason, $1.line.detail, $1.row
                )
            }
            for row in rows { ClaimRecordCodec.encode(row.line, row: row.row, into: &bytes) }
            count = lines.count
        }
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
        for index in readers.indices {
            if let head = try readers[index].next() { heads.push(head, run: index) }
        }
        var output = Array(RejectedClaimsCSV.header.utf8)
        while let (head, index) = heads.pop() {
            output.append(contentsOf: head.row.utf8)
            if let next = try readers[index].next() { heads.push(next, run: index) }
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
/// Rows of equal keys are the same row, so the order among them does not change the file.
struct MergeHeap {
    private var items: [(record: RunReader.Record, run: Int)] = []

    mutating func push(_ record: RunReader.Record, run: Int) {
        items.append((record, run))
        var child = items.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard items[child].record.key < items[parent].record.key else { break }
            items.swapAt(child, parent)
            child = parent
        }
    }

    /// The smallest head and its run, taken out.
    mutating func pop() -> (RunReader.Record, Int)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let smallest = items.removeLast()
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < items.count else { break }
            var child = left
            if left + 1 < items.count, items[left + 1].record.key < items[left].record.key { child = left + 1 }
            guard items[child].record.key < items[parent].record.key else { break }
            items.swapAt(child, parent)
            parent = child
        }
        return (smallest.record, smallest.run)
    }
}

/// Reads the records of one run, from memory or a file in blocks.
struct RunReader {
    private var buffer: [UInt8]
    private var offset = 0
    private var blocks: FileBlocksReader?

    init(bytes: [UInt8]) {
        buffer = bytes
    }

    init(path: String, blockBytes: Int = 1 << 20) throws(RunError) {
        buffer = []
        blocks = try FileBlocksReader(path, blockBytes: blockBytes)
    }

    /// A rejected row and the key it is merged by.
    struct Record {
        var file: Int64
        var line: Int64
        var reason: Int64
        var detail: String
        var row: String

        var key: (Int64, Int64, Int64, String, String) { (file, line, reason, detail, row) }
    }

    /// The next record, or `nil` at the end.
    mutating func next() throws(RunError) -> Record? {
        guard try ensure(24) else { return nil }
        let file = integer(at: offset)
        let line = integer(at: offset + 8)
        let reason = integer(at: offset + 16)
        offset += 24
        guard let detail = try text(), let row = try text() else { return nil }
        return Record(file: file, line: line, reason: reason, detail: detail, row: row)
    }

    /// A text written with its length.
    private mutating func text() throws(RunError) -> String? {
        guard try ensure(4) else { return nil }
        let length = Int(
            UInt32(buffer[offset]) | UInt32(buffer[offset + 1]) << 8 | UInt32(buffer[offset + 2]) << 16
                | UInt32(buffer[offset + 3]) << 24
        )
        guard try ensure(4 + length) else { return nil }
        let text = String(decoding: buffer[(offset + 4)..<(offset + 4 + length)], as: UTF8.self)
        offset += 4 + length
        return text
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
