import CapitationCore
import ClaimFormats
import Testing

@testable import SettlementRunner

/// The packed form of claim lines in a partition: written whole or field by field to the same bytes, and
/// read back to the same lines.
struct ClaimRecordCodecTests {
    static func date(_ text: String) -> CalendarDate {
        guard let date = try? CalendarDate(parsing: text) else { preconditionFailure(text) }
        return date
    }

    /// Lines with every optional part present and absent, empty texts and text of more than one byte.
    static let lines: [ClaimLine] = {
        guard let march = DatePeriod(start: date("2026-03-01"), end: date("2026-03-31")),
            let day = DatePeriod(start: date("2026-12-31"), end: date("2026-12-31")),
            let ages = DatePeriod(start: date("0001-01-01"), end: date("9999-12-31"))
        else { preconditionFailure() }
        return [
            ClaimLine(
                claimID: "Z1",
                member: "M1",
                regime: .zvw,
                payer: "insurer-a",
                provider: "coop",
                category: "wijkverpleging",
                product: "WV01",
                service: march,
                amount: Cents(1_250),
                side: .debit,
                source: LineSource(file: 3, line: 2)
            ),
            ClaimLine(
                claimID: "WLZ-0002",
                member: "111222333",
                regime: .wlz,
                payer: "5519",
                provider: "47470001",
                category: "055",
                product: "Z754",
                service: march,
                amount: Cents(19_753),
                side: .credit,
                corrects: "WLZ-0001",
                careProfile: "754",
                volume: ClaimLine.Volume(count: 1, unit: "14"),
                source: LineSource(file: 0, line: 4)
            ),
            ClaimLine(
                claimID: "",
                member: "coöp-ü",
                regime: .wmo,
                payer: "0363",
                provider: "",
                category: "hh",
                product: "HH01",
                service: day,
                amount: Cents(Int64.max / 2),
                side: .debit,
                volume: ClaimLine.Volume(count: 0, unit: ""),
                source: LineSource(file: 12, line: 700_000)
            ),
            // The longest text whose length is one byte (254) and the shortest that is escaped (255).
            ClaimLine(
                claimID: String(repeating: "S", count: 255),
                member: "M3",
                regime: .zvw,
                payer: "insurer-a",
                provider: "coop",
                category: "wijkverpleging",
                product: ProductCode(String(repeating: "P", count: 254)),
                service: march,
                amount: Cents(1),
                side: .credit,
                corrects: String(repeating: "T", count: 255),
                source: LineSource(file: 1, line: 9)
            ),
            // The extremes of every integer, a text whose length takes two bytes, dates far apart.
            ClaimLine(
                claimID: String(repeating: "R", count: 300),
                member: "M2",
                regime: .wlz,
                payer: "zk",
                provider: "vvt",
                category: "verpleeghuis",
                product: "753",
                service: ages,
                amount: Cents(Int64.max),
                side: .debit,
                volume: ClaimLine.Volume(count: Int64.min, unit: "14"),
                source: LineSource(file: Int(Int32.max), line: Int.max)
            ),
        ]
    }()

    /// The packed form takes a byte for a short text's length and few bytes for small numbers, and leaves
    /// out what a line of the same run repeats.
    ///
    /// The first line: a byte of regime, side and optional parts and a byte of repeats (none); the shared
    /// beginning of its reference, 0, in a byte; six texts of a byte of length each and 2 + 2 + 9 + 4 + 14
    /// + 4 = 35 bytes; the start 2026-03-01, day 20,513 since 1970, zigzagged 41,026 (< 2^21: three bytes);
    /// the end 30 days after it, zigzagged 60 (a byte); 1,250 cents, zigzagged 2,500 (< 2^14: two bytes);
    /// file 3 and line 2, a byte each: 2 + 1 + 6 + 35 + 3 + 1 + 2 + 1 + 1 = 52 bytes (70 with 32-bit dates
    /// and file and 64-bit cents and line).
    ///
    /// The same line again as "Z2" in the same run repeats member, payer, provider, category and product
    /// (bits 0 to 4: 31) and shares "Z" of its reference: 2 bytes of flags, a byte of 1 shared, "2" with
    /// its length in 2, then the same 3 + 1 + 2 + 1 + 1 = 8 bytes of numbers: 13 bytes.
    ///
    /// The last line's reference of 300 bytes takes a byte 255, a 32-bit length and its bytes.
    @Test func writesAPlainLineInFiftyTwoBytesAndItsNextInThirteen() {
        var plain: [UInt8] = []
        var run = ClaimRecordCodec.Run()
        ClaimRecord.with(Self.lines[0]) { ClaimRecordCodec.encode($0, run: &run, into: &plain) }
        #expect(plain.count == 52)
        #expect(Array(plain[0..<3]) == [0, 0, 0])
        var next = Self.lines[0]
        next.claimID = "Z2"
        ClaimRecord.with(next) { ClaimRecordCodec.encode($0, run: &run, into: &plain) }
        #expect(plain.count == 52 + 13)
        #expect(Array(plain[52..<57]) == [0, 31, 1, 1, UInt8(ascii: "2")])
        var long: [UInt8] = []
        var longRun = ClaimRecordCodec.Run()
        ClaimRecord.with(Self.lines[4]) { ClaimRecordCodec.encode($0, run: &longRun, into: &long) }
        #expect(Array(long[3..<8]) == [255, 44, 1, 0, 0])  // 300 = 0x012C
    }

    /// A line written into a buffer of its size is the same bytes as one written field by field, first in
    /// a run and after the line before.
    @Test(arguments: lines.indices)
    func writesALineWholeAsFieldByField(index: Int) {
        var whole: [UInt8] = []
        var byField: [UInt8] = []
        var (wholeRun, byFieldRun) = (ClaimRecordCodec.Run(), ClaimRecordCodec.Run())
        for line in [Self.lines[(index + 1) % Self.lines.count], Self.lines[index], Self.lines[index]] {
            ClaimRecord.with(line) { record in
                ClaimRecordCodec.encode(record, run: &wholeRun, into: &whole)
                ClaimRecordCodec.encodeFieldByField(record, run: &byFieldRun, into: &byField)
            }
            #expect(whole == byField)
        }
        #expect(!whole.isEmpty)
    }

    /// The lines of a partition, answered or not, read back into a batch are the lines written.
    @Test func readsBackTheLinesWritten() {
        var answered = Self.lines[0]
        answered.claimID = "Z9"
        answered.answer = FinancierAnswer(approved: Cents(1_000), codes: ["0001"], explanation: "in part")
        let lines = Self.lines + [answered]
        var bytes: [UInt8] = []
        var run = ClaimRecordCodec.Run()
        for line in lines { ClaimRecord.with(line) { ClaimRecordCodec.encode($0, run: &run, into: &bytes) } }
        expectSameLines(ClaimRecordCodec.decodeBatch(bytes), lines)
    }

    /// Lines written the long way (counted first: with an answer, or texts of more than 395 bytes) leave
    /// out and repeat texts like the others, and a care profile and unit absent from a line are repeated

    /// A batch decoded into again, as partitions use one batch's storage after another, holds the new
    /// partition's lines, texts, references and answers alone, numbered from the start as in a new batch.
    @Test func readsAPartitionIntoABatchUsedBeforeAsIntoANewOne() {
        func encoded(_ lines: [ClaimLine]) -> [UInt8] {
            var bytes: [UInt8] = []
            var run = ClaimRecordCodec.Run()
            for line in lines { ClaimRecord.with(line) { ClaimRecordCodec.encode($0, run: &run, into: &bytes) } }
            return bytes
        }
        var answered = Self.lines[1]
        answered.answer = FinancierAnswer(approved: .zero, codes: ["0001"], explanation: "refused")
        let first = Self.lines.reversed() + [answered]
        let second = [Self.lines[2], Self.lines[0]]
        var batch = ClaimBatch()
        _ = ClaimRecordCodec.decodeBatch(encoded(first), answers: AnswerTable(), into: &batch)
        #expect(batch.count == first.count && batch.answers.count == 1)
        _ = ClaimRecordCodec.decodeBatch(encoded(second), answers: AnswerTable(), into: &batch)
        let fresh = ClaimRecordCodec.decodeBatch(encoded(second))
        expectSameLines(batch, second)
        #expect(batch.texts.count == fresh.texts.count)
        #expect(batch.references.count == fresh.references.count)
        #expect(batch.answers.isEmpty)
        #expect(batch.lines.map(\.member) == fresh.lines.map(\.member))
        #expect(batch.lines.map(\.provider) == fresh.lines.map(\.provider))
    }
    /// from the last line that had them.
    @Test func readsBackLinesWrittenTheLongWayThatRepeatTexts() {
        let base = Self.lines[1]
        var answered = base
        answered.claimID = "WLZ-0003"
        answered.answer = FinancierAnswer(approved: Cents(1_000), codes: ["0001", "0002"], explanation: "in part")
        var long = base
        long.claimID = "WLZ-0004"
        long.provider = String(repeating: "p", count: 400)
        var longAgain = long
        longAgain.claimID = "WLZ-0005"
        var bare = base
        (bare.claimID, bare.careProfile, bare.volume, bare.corrects, bare.side) = ("WLZ-0006", nil, nil, nil, .debit)
        var again = base
        again.claimID = "WLZ-0007"
        let lines = [base, answered, long, longAgain, base, bare, again, answered]
        var bytes: [UInt8] = []
        var run = ClaimRecordCodec.Run()
        var sizes: [Int] = []
        for line in lines {
            let before = bytes.count
            ClaimRecord.with(line) { ClaimRecordCodec.encode($0, run: &run, into: &bytes) }
            sizes.append(bytes.count - before)
        }
        expectSameLines(ClaimRecordCodec.decodeBatch(bytes), lines)
        // The second long line leaves out its 400 bytes of provider (bit 2 of its second byte); the line
        // after the bare one its care profile and unit (bits 5 and 6), which the bare one did not have.
        func repeats(_ index: Int) -> UInt8 { bytes[sizes[..<index].reduce(0, +) + 1] }
        #expect(sizes[3] < sizes[2] - 400)
        #expect(repeats(3) & 1 << 2 != 0)
        #expect(repeats(5) & (1 << 5 | 1 << 6) == 0)
        #expect(repeats(6) & (1 << 5 | 1 << 6) == 1 << 5 | 1 << 6)
    }

    /// Runs of lines drawn from few texts, so that they repeat often (and sometimes absent care profiles and
    /// units in between), written into separate buffers and concatenated in any order, read back to the
    /// lines written: the first line of a run never leans on the line before it.
    @Test(arguments: 1...6)
    func readsBackConcatenatedRunsOfRepeatingLines(seed: UInt64) {
        var random = SeededGenerator(seed: seed)
        func pick(_ texts: [String]) -> String { texts[Int.random(in: 0..<texts.count, using: &random)] }
        let lines: [ClaimLine] = (0..<400).map { _ in
            let start = Int.random(in: -719_000...2_932_000, using: &random)
            guard let first = CalendarDate(dayNumber: start),
                let last = CalendarDate(dayNumber: start + Int.random(in: 0...400, using: &random)),
                let service = DatePeriod(start: first, end: last)
            else { preconditionFailure() }
            let credit = Bool.random(using: &random)
            return ClaimLine(
                claimID: pick([
                    "Z-1", "Z-10", "Z-100", "Z-2", "", "Y", "Z-1000000000", "Z-1000000001", "Z-100000000-2",
                    "ABCDEFGHIJKLMNOPQ", "ABCDEFGHIJKLMNOPR", "ABCDEFGHIJKLMNO", "ABCDEFGHIJKLMNOQ",
                    "ABCDEFGHIJKLMNOPQ!",
                    String(repeating: "R", count: 40), String(repeating: "R", count: 41) + "S",
                ]),
                member: MemberID(pick(["M1", "M2", "M10", ""])),
                regime: [.zvw, .wmo, .wlz][Int.random(in: 0..<3, using: &random)],
                payer: pick(["insurer-a", "0363", ""]),
                provider: pick(["coop", "vvt", "coöp"]),
                category: CategoryCode(pick(["wijkverpleging", "hh", ""])),
                product: ProductCode(pick(["WV01", "753", "Z754"])),
                service: service,
                amount: Cents(Int64.random(in: 0...1_000_000_000, using: &random)),
                side: credit ? .credit : .debit,
                corrects: credit && Bool.random(using: &random) ? pick(["Z-1", "Z-10"]) : nil,
                careProfile: Bool.random(using: &random) ? CareProfileCode(pick(["754", "4VV", ""])) : nil,
                volume: Bool.random(using: &random)
                    ? ClaimLine.Volume(count: Int64.random(in: -5...500, using: &random), unit: pick(["14", "01"]))
                    : nil,
                source: LineSource(
                    file: Int.random(in: 0...3, using: &random),
                    line: Int.random(in: 1...1 << 40, using: &random)
                )
            )
        }
        var runs: [[ClaimLine]] = []
        var rest = lines[...]
        while !rest.isEmpty {
            let count = min(rest.count, Int.random(in: 1...40, using: &random))
            runs.append(Array(rest.prefix(count)))
            rest = rest.dropFirst(count)
        }
        runs.shuffle(using: &random)
        var bytes: [UInt8] = []
        for lines in runs {
            var buffer: [UInt8] = []
            var run = ClaimRecordCodec.Run()
            for line in lines { ClaimRecord.with(line) { ClaimRecordCodec.encode($0, run: &run, into: &buffer) } }
            bytes += buffer
        }
        expectSameLines(ClaimRecordCodec.decodeBatch(bytes), runs.flatMap { $0 })
    }

    /// Answers are found while the lines are read back, by reference, provider and side, also for a line
    /// that leaves its provider out because the line before had it, and in a second run.
    @Test func findsTheAnswersOfLinesWhileReadingThemBack() {
        var lines: [ClaimLine] = []
        for (claimID, provider, side) in [
            ("A-1", "coop", ClaimLine.Side.debit), ("A-2", "coop", .debit), ("A-3", "vvt", .debit),
            ("A-2", "vvt", .debit), ("A-2", "coop", .credit),
        ] {
            var line = Self.lines[0]
            (line.claimID, line.provider, line.side) = (claimID, provider, side)
            lines.append(line)
        }
        var answers = AnswerTable()
        let csv =
            "claim_id,provider,debit_credit,approved_amount,reason_codes,reason\n"
            + "A-2,coop,D,0.00,T1,\nA-3,vvt,D,0.00,T1,\nB-9,coop,D,0.00,T1,\n"
        #expect(throws: Never.self) {
            try AnswersReader.read(Array(csv.utf8), path: "answers.csv") { row in
                answers.add(row, path: "answers.csv", file: 0)?.line
            }
        }
        #expect(answers.count == 3)
        // Lines 0 and 1 in one run (line 1 repeats the provider "coop"), lines 2 to 4 in another.
        var bytes: [UInt8] = []
        for run in [lines[0..<2], lines[2...]] {
            var state = ClaimRecordCodec.Run()
            for line in run { ClaimRecord.with(line) { ClaimRecordCodec.encode($0, run: &state, into: &bytes) } }
        }
        let (batch, answered) = ClaimRecordCodec.decodeBatch(bytes, answers: answers)
        #expect(batch.count == 5)
        // "A-2" of coop (line 1, answer 0) and "A-3" of vvt (line 2, answer 1); not "A-2" of vvt, nor the
        // credit "A-2" of coop.
        #expect(answered.map(\.line) == [1, 2])
        #expect(answered.map(\.answer) == [0, 1])
    }

    private func expectSameLines(_ decoded: ClaimBatch, _ lines: [ClaimLine]) {
        let expected = ClaimBatch(lines)
        #expect(decoded.count == lines.count)
        for index in lines.indices where index < decoded.count {
            #expect(describe(decoded, index) == describe(expected, index), "line \(index)")
        }
    }

    /// A batch line with its texts spelt out, to compare lines of two batches.
    private func describe(_ batch: ClaimBatch, _ index: Int) -> String {
        let line = batch.lines[index]
        let texts =
            [line.member, line.payer, line.provider, line.category, line.product, line.careProfile, line.unit].map {
                batch.texts.optionalString($0) ?? "-"
            } + [line.claimID, line.corrects].map { batch.references.optionalString($0) ?? "-" }
        let answer = line.answer < 0 ? "-" : "\(batch.answers[Int(line.answer)])"
        return "\(texts) \(line.regime) \(line.side) \(line.start) \(line.end) \(line.amount) \(line.volume) "
            + "\(line.source) \(answer)"
    }
}
