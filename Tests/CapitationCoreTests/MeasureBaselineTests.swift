import CapitationCore
import SettlementReports
import Testing

// A baseline year measured on data held in memory, and a rebased contract settled on it.
struct MeasureBaselineTests {
    /// The scenario's contract (ten members, Zvw and Wlz) with a rebased benchmark on one baseline year
    /// and trends of 0 % for 2025 and 2026.
    static func rebased() -> SettlementScenario {
        var scenario = SettlementScenario()
        scenario.contract.term.benchmark = .rebased
        scenario.contract.term.baselineWeights = [1]
        for index in scenario.contract.regimes.indices {
            scenario.contract.regimes[index].trends = [Trend(percent: 0, year: 2025), Trend(percent: 0, year: 2026)]
        }
        return scenario
    }

    /// A claim line of `member` in `regime` of `amount` cents on `day`.
    static func line(_ id: String, _ member: String, _ regime: Regime, _ amount: Int64, on day: String) -> ClaimLine {
        ClaimLine(
            claimID: id,
            member: MemberID(member),
            regime: regime,
            payer: regime == .zvw ? "insurer-a" : "zk",
            provider: "coop",
            category: "care",
            product: "p",
            service: DatePeriod(day: SettlementScenario.date(day)),
            amount: Cents(amount),
            side: .debit
        )
    }

    /// Member 1's Zvw line of 10,000.00 and member 2's Wlz line of 20,000.00 of `year`.
    static func lines(of year: Int, zvw: Int64 = 1_000_000, wlz: Int64 = 2_000_000) -> [ClaimLine] {
        [Self.line("a", "m1", .zvw, zvw, on: "\(year)-06-01"), Self.line("b", "m2", .wlz, wlz, on: "\(year)-06-01")]
    }

    // 2025: ten members all year, 3,650 days (no risk model: risk-weighted days are days). Member 1's Zvw
    // line of 10,000.00 and member 2's Wlz line of 20,000.00 count; member 3's line of 2026 lies outside
    // the shifted period and is rejected.
    @Test func measuresTheYearAsTheFilesWouldBe() throws {
        let scenario = Self.rebased()
        let year = try scenario.contract.measureBaseline(
            year: 2025,
            members: scenario.members,
            claims: Self.lines(of: 2025) + [Self.line("c", "m3", .zvw, 50_000, on: "2026-01-15")]
        )
        #expect(year.year == 2025)
        #expect(year.members == 10)
        #expect(year.exposureDays == 3_650)
        #expect(year.regimes == [.zvw, .wlz])
        #expect(year.costs == [Cents(1_000_000), Cents(2_000_000)])
        #expect(year.riskWeightedDays == [3_650, 3_650])
        #expect(year.acceptedLines == 2)
        #expect(year.rejectedLines == 1)
    }

    // The baseline of 2025 trended by 0 % to 2026: 10,000.00 over 10 person-years is 1,000.00 per person
    // in the Zvw, 20,000.00 is 2,000.00 in the Wlz. In 2026 the same ten members give budgets of
    // 10,000.00 and 20,000.00 (30,000.00); claims of 9,000.00 and 18,000.00 save 3,000.00, 10 %.
    @Test func settlesARebasedContractOnIt() throws {
        let scenario = Self.rebased()
        let year = try scenario.contract.measureBaseline(
            year: 2025,
            members: scenario.members,
            claims: Self.lines(of: 2025)
        )
        let baseline = try BaselineCalculator(
            contract: scenario.contract,
            targetYear: 2026,
            weights: scenario.contract.term.baselineWeights,
            years: [year]
        ).compute()
        #expect(baseline.perCapita(.zvw) == Cents(100_000))
        #expect(baseline.perCapita(.wlz) == Cents(200_000))
        let settlement = try scenario.contract.settle(
            members: scenario.members,
            claims: Self.lines(of: 2026, zvw: 900_000, wlz: 1_800_000),
            rebasedOn: baseline
        )
        #expect(settlement.regimes.map(\.budget) == [Cents(1_000_000), Cents(2_000_000)])
        #expect(settlement.totals.savings == Cents(300_000))
        #expect(settlement.totals.savingsRate == (try ExactDecimal(parsing: "0.1")))
    }

    // A baseline is refused where it would give a wrong budget: for another year than the one settled
    // (its amounts trended to 2027, not 2026), or given to a contract whose benchmark is fixed (it would
    // replace the amounts the contract writes).
    @Test func refusesABaselineThatIsNotTheContractsForTheYear() throws {
        var scenario = Self.rebased()
        for index in scenario.contract.regimes.indices {
            scenario.contract.regimes[index].trends.append(Trend(percent: 0, year: 2027))
        }
        let year = try scenario.contract.measureBaseline(
            year: 2025,
            members: scenario.members,
            claims: Self.lines(of: 2025)
        )
        let for2027 = try BaselineCalculator(contract: scenario.contract, targetYear: 2027, weights: [1], years: [year])
            .compute()
        let claims = Self.lines(of: 2026, zvw: 900_000, wlz: 1_800_000)
        let otherYear = #expect(throws: SettlementError.self) {
            try scenario.contract.settle(members: scenario.members, claims: claims, rebasedOn: for2027)
        }
        #expect(otherYear?.code == .invalidInput)
        let for2026 = try BaselineCalculator(contract: scenario.contract, targetYear: 2026, weights: [1], years: [year])
            .compute()
        let fixed = SettlementScenario().contract
        let notRebased = #expect(throws: SettlementError.self) {
            try fixed.settle(members: scenario.members, claims: claims, rebasedOn: for2026)
        }
        #expect(notRebased?.code == .invalidInput)
        var otherContract = for2026
        otherContract.contractID = "another-contract"
        let other = #expect(throws: SettlementError.self) {
            try scenario.contract.settle(members: scenario.members, claims: claims, rebasedOn: otherContract)
        }
        #expect(other?.code == .invalidInput)
        // The same baseline, of this contract and year, settles.
        #expect(throws: Never.self) {
            try scenario.contract.settle(members: scenario.members, claims: claims, rebasedOn: for2026)
        }
    }

    // For an evaluation each person is measured on their own: member 1 cost 10,000.00 in the Zvw, member 2
    // 20,000.00 in the Wlz, the others nothing, each over 365 days of 2026 (no risk model).
    @Test func measuresEachPersonForAnEvaluation() throws {
        let scenario = Self.rebased()
        let year = try scenario.contract.measureEvaluationYear(
            year: 2026,
            members: scenario.members,
            claims: Self.lines(of: 2026)
        )
        #expect(year.members == scenario.members.map(\.id))
        #expect(year.regimes == [.zvw, .wlz])
        #expect(year.costs.prefix(3) == [[Cents(1_000_000), .zero], [.zero, Cents(2_000_000)], [.zero, .zero]])
        #expect(year.riskWeightedDays.allSatisfy { $0 == [365, 365] })
        #expect(year.daysInPeriod == 365)
    }

    // A baseline year is never measured on claims that look incomplete, and misuse is refused by position.
    @Test func refusesIncompleteClaimsAndMisuse() throws {
        let scenario = Self.rebased()
        let incomplete = #expect(throws: SettlementError.self) {
            try scenario.contract.measureBaseline(
                year: 2025,
                members: scenario.members,
                claims: [Self.line("a", "m1", .zvw, 1_000_000, on: "2025-06-01")]
            )
        }
        #expect(incomplete?.code == .incompleteClaims)
        var negative = Self.line("b", "m2", .wlz, 2_000_000, on: "2025-06-01")
        negative.amount = Cents(-2_000_000)
        let misuse = #expect(throws: SettlementError.self) {
            try scenario.contract.measureBaseline(
                year: 2025,
                members: scenario.members,
                claims: [Self.line("a", "m1", .zvw, 1_000_000, on: "2025-06-01"), negative]
            )
        }
        #expect(misuse?.code == .invalidInput)
        #expect(misuse?.location == .claim(index: 1))
        let performanceYear = #expect(throws: SettlementError.self) {
            try scenario.contract.measureBaseline(year: 2026, members: scenario.members, claims: [])
        }
        #expect(performanceYear?.code == .invalidInput)
    }
}
