import CapitationCore
import ClaimFormats
import Foundation
import SettlementRunner
import Testing

/// AW319 files larger than a read block: the claim records of one person are split over blocks read and
/// parsed in parallel, and must still find their insured-person record.
struct LargeNativeFilesTests {
    @Test func readsAnAW319FileOfManyBlocksTheSameWithAnyThreads() async throws {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
        defer { folder.remove() }
        try FileManager.default.removeItem(atPath: folder.path("claims"))
        // 1,400 people with 20 Wlz claims each: 29,400 records of 312 bytes, about 9.2 MB, so the file is
        // read in three blocks of 4 MiB and parsed in chunks that cut through people.
        var roster =
            "member_id,birth_date,sex,postcode,municipality,insurer,enrolled_from,enrolled_to,death_date,markers\n"
        var bytes: [UInt8] = []
        var writer = AW319Writer()
        let year = try #require(
            DatePeriod(start: CalendarDate(parsing: "2026-01-01"), end: CalendarDate(parsing: "2026-12-31"))
        )
        try writer.header(
            AW319Header(
                messageCode: 187,
                uzovi: "9664",
                period: year,
                invoiceNumber: "BIG",
                invoiceDate: try CalendarDate(parsing: "2027-01-15")
            ),
            into: &bytes
        )
        var prefix = 20_000_000
        var total = Cents.zero
        for person in 0..<1_400 {
            while BSN.checkDigit(prefix: prefix) == nil { prefix += 1 }
            let bsn = try #require(BSN(number: prefix * 10 + (BSN.checkDigit(prefix: prefix) ?? 0)))
            prefix += 1
            roster += "\(bsn.digits),1940-01-01,F,7101,0294,3311,,,,\n"
            try writer.person(
                AW319Person(
                    bsn: bsn,
                    uzovi: "9664",
                    birthDate: try CalendarDate(parsing: "1940-01-01"),
                    sex: 2,
                    name: "Naam",
                    initials: "A"
                ),
                into: &bytes
            )
            for claim in 0..<20 {
                let amount = Cents(Int64(10_000 + (person * 20 + claim) % 977))
                total = try total + amount
                let day = try #require(try CalendarDate(parsing: "2026-01-01").adding(days: claim * 15))
                try writer.claim(
                    ClaimLine(
                        claimID: "R\(person)-\(claim)",
                        member: MemberID(bsn.digits),
                        regime: .wlz,
                        payer: "9664",
                        provider: "47470001",
                        category: "045",
                        product: "Z754",
                        service: try #require(DatePeriod(start: day, end: day)),
                        amount: amount,
                        side: .debit,
                        careProfile: "754",
                        volume: ClaimLine.Volume(count: 1, unit: "14"),
                        source: LineSource(file: 0, line: 0)
                    ),
                    into: &bytes
                )
            }
        }
        try writer.trailer(into: &bytes)
        #expect(bytes.count > 2 * (4 << 20))
        try folder.write("population.csv", roster)
        try FileManager.default.createDirectory(atPath: folder.path("claims"), withIntermediateDirectories: true)
        try Data(bytes).write(to: URL(fileURLWithPath: folder.path("claims/wlz.asc")))

        let one = try await folder.settle(threads: 1).settlement
        let json = try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json")))
        #expect(one.reconciliation.read.lines == 28_000)
        #expect(one.reconciliation.accepted == .init(lines: 28_000, amount: total))
        #expect(one.reconciliation.rejected.allSatisfy { $0.total.lines == 0 })
        _ = try await folder.settle(threads: 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json"))) == json)
    }
}
