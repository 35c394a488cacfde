import CapitationCore
import ClaimFormats
import Foundation
import SettlementRunner
import Testing

/// AW319 files larger than a read block: the claim records of one person are split over blocks read and
/// parsed in parallel, and must still find their insured-person record.
struct LargeNativeFilesTests {
    /// A copy of the native-formats case whose only claim file is a large AW319 file; every
    /// `outsidePeriodEvery`-th claim (when given) falls in 2025, to be rejected.
    ///
    /// - Returns: The folder and the total of the claims in the period.
    private static func folderWithLargeAW319(outsidePeriodEvery: Int? = nil) throws -> (TemporaryFolder, Cents) {
        let folder = try TemporaryFolder.copyOfExample("native-formats")
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
                institution: "47470001",
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
                    sex: .female,
                    name: "Naam",
                    initials: "A",
                    address: .netherlands(postcode: "7101AB", houseNumber: 1),
                    indication: AW319Person.Indication(body: "0901", client: "C\(person)", request: 1, decision: 2)
                ),
                into: &bytes
            )
            for claim in 0..<20 {
                let amount = Cents(Int64(10_000 + (person * 20 + claim) % 977))
                let isOutside = outsidePeriodEvery.map { (person * 20 + claim) % $0 == 0 } ?? false
                if !isOutside { total = try total + amount }
                let first = try CalendarDate(parsing: isOutside ? "2025-01-01" : "2026-01-01")
                let day = try #require(first.adding(days: claim * 15))
                try writer.claim(
                    ClaimLine(
                        claimID: "R\(person)-\(claim)",
                        member: MemberID(bsn.digits),
                        regime: .wlz,
                        payer: "9664",
                        provider: "47470001",
                        category: "055",
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
        return (folder, total)
    }

    /// The folders hold Wlz claims only, so the Zvw and Wmo regimes have none.
    static let onlyWlz = "a test of the Wlz file alone"

    @Test func readsAnAW319FileOfManyBlocksTheSameWithAnyThreads() async throws {
        let (folder, total) = try Self.folderWithLargeAW319()
        defer { folder.remove() }
        let one = try await folder.settle(threads: 1, acceptIncomplete: Self.onlyWlz).settlement
        let json = try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json")))
        #expect(one.reconciliation.read.lines == 28_000)
        #expect(one.reconciliation.accepted == .init(lines: 28_000, amount: total))
        #expect(one.reconciliation.rejected.allSatisfy { $0.total.lines == 0 })
        _ = try await folder.settle(threads: 2, acceptIncomplete: Self.onlyWlz)
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json"))) == json)
    }

    /// Partitions small enough to spill to the temporary folder, and rejected rows in runs on disk, give
    /// the very same outputs as partitions held in memory.
    @Test func givesTheSameOutputsWhenPartitionsSpill() async throws {
        let (folder, total) = try Self.folderWithLargeAW319(outsidePeriodEvery: 3)
        defer { folder.remove() }
        func outputs() throws -> [Data] {
            try ["settlement.json", "rejected-claims.csv"].map {
                try Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/\($0)")))
            }
        }
        // One partition in memory.
        let whole = try await folder.settle(threads: 2, acceptIncomplete: Self.onlyWlz).settlement
        let expected = try outputs()
        // 28,000 claims, every third (9,334) in 2025.
        #expect(whole.reconciliation.accepted == .init(lines: 18_666, amount: total))
        #expect(whole.reconciliation.rejected.first { $0.reason == .outsidePeriod }?.total.lines == 9_334)
        // 64 KiB of claim files per partition: about 144 partitions, each appended to the spill folder
        // in pieces of 16 KiB, and the rejected rows kept in runs of 64 KiB on disk.
        for threads in [1, 2] {
            _ = try await folder.settle(threads: threads, partitionBytes: 64 << 10, acceptIncomplete: Self.onlyWlz)
            #expect(try outputs() == expected, "\(threads) threads")
        }
    }
}
