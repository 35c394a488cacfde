import CapitationCore
import Foundation
import SystemPackage
import Testing

@testable import SettlementRunner

/// The rows of `rejected-claims.csv` merged from many sorted runs, as a national population's thousand
/// partitions make them: in order of file, line, reason, detail and row, whatever run each came from.
struct RejectedRunsTests {
    /// Rejected lines drawn from a fixed seed: few files and lines, so that runs share lines and keys.
    static func lines(count: Int, seed: inout UInt64) -> [RejectedLine] {
        func next(_ bound: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        let reasons = RejectionReason.allCases
        return (0..<count).map { _ in
            RejectedLine(
                source: LineSource(file: next(3), line: 2 + next(50)),
                claimID: "Z\(next(20))",
                regime: .zvw,
                amount: Cents(Int64(next(10_000))),
                reason: reasons[next(reasons.count)],
                detail: "detail \(next(4))"
            )
        }
    }

    @Test(arguments: [1, 40, 300])
    func mergesManyRunsInOrder(runCount: Int) throws {
        let (written, expected, count) = try merge(runs: runCount, rowsPerRun: 25)
        #expect(count == 25 * runCount)
        #expect(written == expected)
    }

    /// Runs of tens of kilobytes read in blocks of 16 KiB: records cut by a block's end read whole.
    @Test func mergesRunsReadInManyBlocks() throws {
        let (written, expected, count) = try merge(runs: 40, rowsPerRun: 400, mergeBufferBytes: 1)
        #expect(count == 16_000)
        #expect(written.utf8.count > 40 * (16 << 10))  // each run more than a block of 16 KiB
        #expect(written == expected)
    }

    /// Merges `runs` runs of `rowsPerRun` drawn rows, all but the first on disk; returns the file written,
    /// the file expected and the number of rows counted.
    private func merge(
        runs runCount: Int,
        rowsPerRun: Int,
        mergeBufferBytes: Int = RejectedRuns.mergeBufferBytes
    ) throws -> (written: String, expected: String, count: Int) {
        let spill = try SpillFolder()
        defer { spill.remove() }
        let files = ["zvw.csv", "wlz.asc", "wmo.xml"]
        // A limit of one byte keeps only the first run in memory; every other run is a file.
        var runs = RejectedRuns(spill: spill, memoryLimit: 1)
        var seed: UInt64 = 7
        var all: [RejectedLine] = []
        for _ in 0..<runCount {
            let lines = Self.lines(count: rowsPerRun, seed: &seed)
            all += lines
            try runs.add(lines, files: files)
        }
        let written = try Self.written(runs, mergeBufferBytes: mergeBufferBytes)
        // Expected: every row, sorted by the key the merge orders by.
        let expected = all.map { line in
            (line.source, line.reason, line.detail, RejectedClaimsCSV.row(line, files: files))
        }
        .sorted { ($0.0, $0.1, $0.2, $0.3) < ($1.0, $1.1, $1.2, $1.3) }
        .map(\.3)
        return (written, RejectedClaimsCSV.header + expected.joined(), runs.count)
    }

    /// Rows of one line and reason are ordered by detail and row as strings compare, in and across runs.
    ///
    /// Such rows come from a WMO323 message written on one line. "caf\u{E9}" and "cafe\u{301}" are the same text, so
    /// their rows order by reference (A before Z), and "A\u{30A}" (Å) comes after "B", though its first
    /// byte comes before. Expected: the BBBBBB row, the Å row, then A and Z (P before c).
    @Test func ordersRowsOfOneLineAsTextsCompareWhateverTheirRuns() throws {
        func line(_ claimID: String, _ detail: String) -> RejectedLine {
            RejectedLine(
                source: LineSource(file: 0, line: 5),
                claimID: claimID,
                regime: .wmo,
                amount: Cents(-100),
                reason: .creditWithoutDebit,
                detail: detail
            )
        }
        // By their bytes "cafe\u{301}" (65 CC 81) would come before "caf\u{E9}" (C3 A9), and Z before A.
        let (z, a) = (line("Z", "cafe\u{301}"), line("A", "caf\u{E9}"))
        let (ring, b) = (line("C", "ProductCode 'A\u{30A}XXXXX'"), line("D", "ProductCode 'BBBBBB'"))
        let expected = [b, ring, a, z].map { RejectedClaimsCSV.row($0, files: ["wmo.xml"]) }.joined()
        for runs in [[[z, ring], [a, b]], [[a, b], [z, ring]], [[z, a, ring, b]], [[b], [ring], [a], [z]]] {
            let spill = try SpillFolder()
            defer { spill.remove() }
            var rejected = RejectedRuns(spill: spill, memoryLimit: 1)
            for run in runs { try rejected.add(run, files: ["wmo.xml"]) }
            #expect(try Self.written(rejected) == RejectedClaimsCSV.header + expected)
        }
    }

    /// What `runs` write as `rejected-claims.csv`, through a file as a settlement writes it.
    private static func written(
        _ runs: RejectedRuns,
        mergeBufferBytes: Int = RejectedRuns.mergeBufferBytes
    ) throws -> String {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = folder.path("rejected-claims.csv")
        let descriptor = try FileDescriptor.open(
            FilePath(path),
            .writeOnly,
            options: [.create, .truncate],
            permissions: .ownerReadWrite
        )
        try runs.write(to: descriptor, mergeBufferBytes: mergeBufferBytes)
        try descriptor.close()
        return try String(contentsOfFile: path, encoding: .utf8)
    }

    /// The heap gives back what it was given, smallest first, in the order it is given.
    @Test func heapGivesTheSmallestFirst() {
        var heap = MergeHeap()
        var seed: UInt64 = 3
        var keys: [(Int64, Int64, Int)] = []
        // Ties of file and line are told apart by the run, standing for the detail and the row.
        func precedes(_ a: MergeHeap.Head, _ b: MergeHeap.Head) -> Bool {
            (a.file, a.line, a.run) < (b.file, b.line, b.run)
        }
        for run in 0..<500 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let key = (Int64((seed >> 40) % 7), Int64((seed >> 20) % 1_000), run)
            keys.append(key)
            heap.push(MergeHeap.Head(file: key.0, line: key.1, reason: 0, run: run), by: precedes)
        }
        var popped: [(Int64, Int64, Int)] = []
        while let head = heap.pop(by: precedes) { popped.append((head.file, head.line, head.run)) }
        #expect(popped.map(\.2) == keys.sorted { $0 < $1 }.map(\.2))
    }
}
