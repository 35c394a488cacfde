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

    /// The packed form takes a byte for a short text's length, 32 bits for a date or a file.
    ///
    /// The first line in bytes: a byte of regime, side and optional parts; six texts of a byte of length
    /// each and 2 + 2 + 9 + 4 + 14 + 4 = 35 bytes; two 32-bit day numbers; 64-bit cents; a 32-bit file and
    /// a 64-bit line: 1 + 6 + 35 + 4 + 4 + 8 + 4 + 8 = 70 bytes (105 with 32-bit lengths, 64-bit dates and
    /// files, and a byte each for the regime, the side and each optional part). The last line's reference
    /// of 300 bytes takes a byte 255, a 32-bit length and its bytes.
    @Test func writesAPlainLineInSeventyBytes() {
        var plain: [UInt8] = []
        ClaimRecord.with(Self.lines[0]) { ClaimRecordCodec.encode($0, into: &plain) }
        #expect(plain.count == 70)
        var long: [UInt8] = []
        ClaimRecord.with(Self.lines[4]) { ClaimRecordCodec.encode($0, into: &long) }
        #expect(Array(long[1..<6]) == [255, 44, 1, 0, 0])  // 300 = 0x012C
    }

    /// A line written into a buffer of its size is the same bytes as one written field by field.
    @Test(arguments: lines)
    func writesALineWholeAsFieldByField(line: ClaimLine) {
        var whole: [UInt8] = []
        var byField: [UInt8] = []
        ClaimRecord.with(line) { record in
            ClaimRecordCodec.encode(record, into: &whole)
            ClaimRecordCodec.encodeFieldByField(record, into: &byField)
        }
        #expect(whole == byField)
        #expect(!whole.isEmpty)
    }

    /// The lines of a partition, answered or not, read back into a batch are the lines written.
    @Test func readsBackTheLinesWritten() {
        var answered = Self.lines[0]
        answered.claimID = "Z9"
        answered.answer = FinancierAnswer(approved: Cents(1_000), codes: ["0001"], explanation: "in part")
        let lines = Self.lines + [answered]
        var bytes: [UInt8] = []
        for line in lines { ClaimRecord.with(line) { ClaimRecordCodec.encode($0, into: &bytes) } }
        let decoded = ClaimRecordCodec.decodeBatch(bytes)
        let expected = ClaimBatch(lines)
        #expect(decoded.count == lines.count)
        for index in lines.indices {
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
