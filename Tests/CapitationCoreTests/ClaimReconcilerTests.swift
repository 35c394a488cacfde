import CapitationCore
import Testing

struct ClaimReconcilerTests {
    private static func date(_ text: String) -> CalendarDate {
        guard let date = try? CalendarDate(parsing: text) else { preconditionFailure(text) }
        return date
    }

    /// A line of member "m" under the Zvw, paid by insurer-a to provider "coop", in scope unless told otherwise.
    private static func line(
        _ id: String,
        _ amount: Int64,
        _ side: ClaimLine.Side = .debit,
        corrects: String? = nil,
        from start: String = "2026-03-01",
        to end: String = "2026-03-01",
        category: CategoryCode = "wijkverpleging",
        regime: Regime = .zvw,
        payer: String = "insurer-a",
        provider: String = "coop",
        line number: Int = 1
    ) -> ClaimLine {
        guard let service = DatePeriod(start: date(start), end: date(end)) else { preconditionFailure() }
        return ClaimLine(
            claimID: id,
            member: "m",
            regime: regime,
            payer: payer,
            provider: provider,
            category: category,
            product: "P1",
            service: service,
            amount: Cents(amount),
            side: side,
            corrects: corrects,
            source: LineSource(file: 0, line: number)
        )
    }

    private let year = DatePeriod(start: date("2026-01-01"), end: date("2026-12-31"))

    private func reconcile(
        _ lines: [ClaimLine],
        window: DatePeriod? = DatePeriod(start: date("2026-01-01"), end: date("2026-12-31")),
        straddling: StraddlingRule = .byStartDate
    ) throws -> MemberReconciliation {
        var contract = try SampleContract.make()
        contract.reconciliation.straddling = straddling
        return try ClaimReconciler(contract: contract).reconcile(lines, window: window, onRoster: true)
    }

    private func reasons(_ result: MemberReconciliation) -> [String: RejectionReason] {
        Dictionary(uniqueKeysWithValues: result.rejected.map { ($0.claimID ?? "?", $0.reason) })
    }

    @Test func acceptsAndNetsCredits() throws {
        // 100.00 charged, 30.00 credited, then 70.00 more credited: the second credit would take the line
        // below zero after the first, so 100.00 − 30.00 = 70.00 remains and exactly 70.00 may be credited.
        let result = try reconcile([
            Self.line("A", 10_000), Self.line("C1", 3_000, .credit, corrects: "A"),
            Self.line("C2", 7_000, .credit, corrects: "A"),
        ])
        #expect(result.accepted[.zvw] == Cents(0))
        #expect(result.acceptedLines[.zvw] == 3)
        #expect(result.rejected.isEmpty)
    }

    @Test func rejectsACreditThatExceedsItsDebit() throws {
        let result = try reconcile([
            Self.line("A", 10_000), Self.line("C1", 3_000, .credit, corrects: "A"),
            Self.line("C2", 7_001, .credit, corrects: "A"),
        ])
        #expect(result.accepted[.zvw] == Cents(7_000))
        #expect(reasons(result) == ["C2": .creditWithoutDebit])
        #expect(result.rejected.first?.detail == "credits 70.01 but only 70.00 of line A remains")
        #expect(result.rejected.first?.amount == Cents(-7_001))
    }

    @Test func rejectsACreditWithoutItsDebit() throws {
        // The debit exists, but from another provider: it is not the line this credit corrects.
        let result = try reconcile([
            Self.line("A", 10_000, provider: "other"), Self.line("C", 1_000, .credit, corrects: "A"),
        ])
        #expect(reasons(result) == ["C": .creditWithoutDebit])
        #expect(result.accepted[.zvw] == Cents(10_000))
    }

    /// Each credit finds the one debit of its own provider whose reference is exactly the one it corrects,
    /// among many debits of two providers with references that share their beginnings.
    ///
    /// Debits of coop: A 100.00, AB 50.00, B 20.00 and F00…F19 at 1.00 each (20.00); of home: A 40.00 and
    /// AB 10.00. Together 240.00 in 25 lines, all accepted.
    /// Credits: K1 of coop's AB 50.00, K2 of home's A 40.00 and K6 of home's AB 10.00 net their debits to
    /// zero: accepted. K3 corrects home's B, which does not exist (coop's does); K4 credits 100.01 of coop's
    /// A, which has 100.00 (home's A has 40.00, so finding it would read "40.00 remains"); K5 corrects ABC,
    /// which nobody has: all three are credits without their debit.
    /// Accepted: 240.00 − 50.00 − 40.00 − 10.00 = 140.00 in 25 + 3 = 28 lines.
    @Test func findsTheDebitOfItsProviderAmongMany() throws {
        var lines = [
            Self.line("A", 10_000), Self.line("AB", 5_000), Self.line("B", 2_000),
            Self.line("A", 4_000, provider: "home"), Self.line("AB", 1_000, provider: "home"),
        ]
        lines += (0..<20).map { Self.line("F\($0 < 10 ? "0" : "")\($0)", 100) }
        lines += [
            Self.line("K1", 5_000, .credit, corrects: "AB"),
            Self.line("K2", 4_000, .credit, corrects: "A", provider: "home"),
            Self.line("K3", 500, .credit, corrects: "B", provider: "home"),
            Self.line("K4", 10_001, .credit, corrects: "A"),
            Self.line("K5", 100, .credit, corrects: "ABC"),
            Self.line("K6", 1_000, .credit, corrects: "AB", provider: "home"),
        ]
        for order in [lines, lines.reversed()] {
            let result = try reconcile(order)
            #expect(result.accepted[.zvw] == Cents(14_000))
            #expect(result.acceptedLines[.zvw] == 28)
            let without = RejectionReason.creditWithoutDebit
            #expect(reasons(result) == ["K3": without, "K4": without, "K5": without])
            let details = Dictionary(uniqueKeysWithValues: result.rejected.map { ($0.claimID ?? "?", $0.detail) })
            #expect(details["K4"] == "credits 100.01 but only 100.00 of line A remains")
            #expect(details["K5"] == "corrects ABC, which is not a debit of this member, regime and provider")
        }
    }

    // Two lines with one reference: the first in canonical order (here the smaller amount) is kept,
    // whatever the order of the input.
    @Test func keepsTheSameDuplicateInAnyOrder() throws {
        let lines = [Self.line("A", 10_000, line: 1), Self.line("A", 9_000, line: 2), Self.line("B", 500, line: 3)]
        for order in [lines, lines.reversed(), [lines[1], lines[2], lines[0]]] {
            let result = try reconcile(order)
            #expect(result.accepted[.zvw] == Cents(9_500))
            #expect(result.rejected.map(\.source.line) == [1])
            #expect(reasons(result) == ["A": .duplicate])
        }
    }

    @Test func rejectsLinesOutsideThePeriodAndThePopulation() throws {
        let window = DatePeriod(start: Self.date("2026-01-01"), end: Self.date("2026-03-31"))  // died on 31 March
        let result = try reconcile(
            [
                Self.line("before", 100, from: "2025-12-30", to: "2026-01-02"),
                Self.line("after-death", 200, from: "2026-04-01", to: "2026-04-01"),
                Self.line("other-payer", 300, payer: "insurer-b"),
                Self.line("hospital", 400, category: "ziekenhuis"),
                Self.line("wlz", 500, regime: .wlz, payer: "zk"),
                Self.line("fine", 600, from: "2026-03-31", to: "2026-04-30"),
            ],
            window: window
        )
        #expect(
            reasons(result) == [
                "before": .outsidePeriod, "after-death": .outsidePopulation, "other-payer": .outsidePopulation,
                "hospital": .outOfScope, "wlz": .outOfScope,
            ]
        )
        // A line that starts on the last day in the population counts whole under the start-date rule.
        #expect(result.accepted[.zvw] == Cents(600))
        // Out-of-scope spending of the population is totalled per regime, including regimes outside the contract.
        #expect(result.outOfScope[.zvw] == Cents(400))
        #expect(result.outOfScope[.wlz] == Cents(500))
    }

    @Test func rejectsEverythingOfSomeoneOutsideThePopulation() throws {
        let result = try reconcile([Self.line("A", 100), Self.line("C", 100, .credit, corrects: "A")], window: nil)
        #expect(reasons(result) == ["A": .outsidePopulation, "C": .outsidePopulation])
        #expect(result.rejected.map(\.amount) == [Cents(100), Cents(-100)])
        #expect(result.accepted.isZero)
        #expect(result.acceptedLines == RegimeCounts())
    }

    // Pro-rata by days: a stay from 2025-12-22 to 2026-01-10 (20 days) of 1,000.00 has 10 days in 2026:
    // 1,000.00 × 10 ÷ 20 = 500.00 counts, 500.00 is excluded. A stay of 3 days from 2026-12-30 of 100.00
    // has 2 days in the period: 100.00 × 2 ÷ 3 = 66.666… → 66.67 (half-even); its credit of 30.00 counts
    // 30.00 × 2 ÷ 3 = 20.00.
    @Test func proRatesStraddlingLinesByDays() throws {
        let result = try reconcile(
            [
                Self.line("A", 100_000, from: "2025-12-22", to: "2026-01-10"),
                Self.line("B", 10_000, from: "2026-12-30", to: "2027-01-01"),
                Self.line("C", 3_000, .credit, corrects: "B", from: "2026-12-30", to: "2027-01-01"),
            ],
            straddling: .proRataDays
        )
        #expect(result.accepted[.zvw] == Cents(50_000 + 6_667 - 2_000))
        #expect(result.proRataExcluded[.zvw] == Cents(50_000 + 3_333 - 1_000))
        #expect(result.rejected.isEmpty)
    }

    // A stay of 100.00 from 2026-12-31 to 2027-01-02 has 1 of its 3 days in the period: 100.00 ÷ 3 =
    // 33.333… → 33.33 counts. Two credits of 50.00 reverse it in full. Each credit counts what it takes off
    // the debit's counted share: the first 33.33 − round(50.00 ÷ 3 = 16.666…) = 33.33 − 16.67 = 16.66, the
    // second 16.67 − 0 = 16.67. So the line nets to exactly 0.00, where rounding each credit on its own
    // (16.67 + 16.67 = 33.34) would leave −0.01; the excluded parts net to 0.00 too.
    @Test func netsAProRatedLineReversedInPartsToZero() throws {
        let result = try reconcile(
            [
                Self.line("A", 10_000, from: "2026-12-31", to: "2027-01-02"),
                Self.line("C1", 5_000, .credit, corrects: "A", from: "2026-12-31", to: "2027-01-02"),
                Self.line("C2", 5_000, .credit, corrects: "A", from: "2026-12-31", to: "2027-01-02"),
            ],
            straddling: .proRataDays
        )
        #expect(result.accepted[.zvw] == .zero)
        #expect(result.proRataExcluded[.zvw] == .zero)
        #expect(result.acceptedLines[.zvw] == 3)
        #expect(result.rejected.isEmpty)
    }

    @Test func attributesAcceptedAmountsToGroupProviders() throws {
        var contract = try SampleContract.make()
        contract.parties.append(Party(id: "gp-north", role: .provider, name: "GP North", agb: "01010101"))
        contract.distribution?.recipients = [
            Recipient(share: 100, receiver: .attributedMembers(["coop", "gp-north"], category: "wijkverpleging"))
        ]
        let result = try ClaimReconciler(contract: contract).reconcile(
            [
                Self.line("A", 500, provider: "01010101"), Self.line("B", 300),
                Self.line("C", 900, category: "ziekenhuis"),
            ],
            window: year,
            onRoster: true
        )
        #expect(result.attribution == [["gp-north": Cents(500), "coop": Cents(300)]])
    }
}

struct CodeTotalsTests {
    private static func line(
        _ id: String,
        _ amount: Int64,
        _ side: ClaimLine.Side = .debit,
        corrects: String? = nil,
        category: CategoryCode,
        product: ProductCode,
        careProfile: CareProfileCode? = nil,
        volume: ClaimLine.Volume? = nil,
        regime: Regime = .wlz
    ) throws -> ClaimLine {
        let day = try CalendarDate(parsing: "2026-03-01")
        return ClaimLine(
            claimID: id,
            member: "m",
            regime: regime,
            payer: regime == .wlz ? "zk" : "insurer-a",
            provider: "home",
            category: category,
            product: product,
            service: try #require(DatePeriod(start: day, end: day)),
            amount: Cents(amount),
            side: side,
            corrects: corrects,
            careProfile: careProfile,
            volume: volume,
            source: LineSource(file: 0, line: 1)
        )
    }

    // The Wlz scope names care profile 754 only. Lines: ZZP 754 under prestatiecode Z754 for 6,000.00 over
    // 30 days, credited 200.00 for 1 day (net 5,800.00, 29 days); ZZP 753 under Z753 for 5,000.00 over 30
    // days (out of scope: the scope names no 753); district nursing under the Zvw for 300.00 in category
    // wijkverpleging (in the sample scope). So: Wlz 754 accepted 2 lines, 5,800.00, volume 29; Wlz 753 out
    // of scope 1 line, 5,000.00, volume 30; Zvw accepted 1 line, 300.00, no volume.
    @Test func totalsAcceptedAndOutOfScopeSpendingPerCode() throws {
        var contract = try SampleContract.make()
        contract.parties.append(Party(id: "zk", role: .careOffice, name: "Care office"))
        contract.regimes.append(
            RegimeTerms(
                regime: .wlz,
                financier: "zk",
                perCapitaAnnual: Cents(100),
                scope: Scope(careProfiles: [ScopeCareProfile(code: "754")])
            )
        )
        let days = ClaimLine.Volume(count: 30, unit: "14")
        let lines = [
            try Self.line("A", 600_000, category: "045", product: "Z754", careProfile: "754", volume: days),
            try Self.line(
                "B",
                20_000,
                .credit,
                corrects: "A",
                category: "045",
                product: "Z754",
                careProfile: "754",
                volume: ClaimLine.Volume(count: 1, unit: "14")
            ),
            try Self.line("C", 500_000, category: "045", product: "Z753", careProfile: "753", volume: days),
            try Self.line("D", 30_000, category: "wijkverpleging", product: "1004", regime: .zvw),
        ]
        let year = try #require(
            DatePeriod(start: CalendarDate(parsing: "2026-01-01"), end: CalendarDate(parsing: "2026-12-31"))
        )
        let result = try ClaimReconciler(contract: contract).reconcile(lines, window: year, onRoster: true)
        #expect(result.accepted == RegimeAmounts([.wlz: Cents(580_000), .zvw: Cents(30_000)]))
        #expect(result.outOfScope == RegimeAmounts([.wlz: Cents(500_000)]))
        let codes = result.codes.sorted
        #expect(codes.map(\.key.product) == ["1004", "Z753", "Z754"])  // Zvw before Wlz, then by product
        #expect(codes[0].entry == CodeTotals.Entry(accepted: CodeTotals.Tally(lines: 1, amount: Cents(30_000))))
        #expect(
            codes[1].entry
                == CodeTotals.Entry(outOfScope: CodeTotals.Tally(lines: 1, amount: Cents(500_000), volume: 30))
        )
        #expect(codes[1].key.careProfile == "753")
        #expect(codes[1].key.unit == "14")
        #expect(
            codes[2].entry == CodeTotals.Entry(accepted: CodeTotals.Tally(lines: 2, amount: Cents(580_000), volume: 29))
        )
        #expect(
            result.rejected.map(\.detail) == ["category 045, product Z753, care profile 753 is not in the Wlz scope"]
        )

        // Merging two members' totals adds them up exactly.
        var merged = CodeTotals()
        try merged.merge(result.codes)
        try merged.merge(result.codes)
        #expect(merged.sorted.map(\.entry.accepted.amount) == [Cents(60_000), .zero, Cents(1_160_000)])
        #expect(merged.sorted[2].entry.accepted.volume == 58)
    }
}
