import CapitationCore
import Testing

struct RunOutTests {
    private static func date(_ text: String) -> CalendarDate {
        guard let date = try? CalendarDate(parsing: text) else { preconditionFailure(text) }
        return date
    }

    private static func period(_ start: String, _ end: String) -> DatePeriod {
        guard let period = DatePeriod(start: date(start), end: date(end)) else { preconditionFailure() }
        return period
    }

    /// The cut-off is the last day of the month that many months after the month the period ends in.
    @Test func cutsOffAtTheEndOfAMonth() {
        let runOut = RunOut(months: 3, finalMonths: 12)
        let year = Self.period("2026-01-01", "2026-12-31")
        #expect(runOut.cutOff(of: year, stage: .provisional) == Self.date("2027-03-31"))
        #expect(runOut.cutOff(of: year, stage: .final) == Self.date("2027-12-31"))
        // A period ending mid-month: the month it ends in counts whole. Into a leap February.
        let halfYear = Self.period("2027-06-01", "2027-11-15")
        #expect(runOut.cutOff(of: halfYear, stage: .provisional) == Self.date("2028-02-29"))
        // No run-out: the period's own month.
        #expect(RunOut(months: 0, finalMonths: 1).cutOff(of: year, stage: .provisional) == Self.date("2026-12-31"))
    }

    /// A contract without a run-out settles every line at any stage; with one, each stage has its cut-off.
    @Test func stagesAContract() throws {
        var contract = try SampleContract.make()
        #expect(contract.staged(.provisional) == contract)
        contract.reconciliation.runOut = RunOut(months: 3, finalMonths: 12)
        #expect(contract.staged(.provisional).reconciliation.cutOff == Self.date("2027-03-31"))
        #expect(contract.staged(.final).reconciliation.cutOff == Self.date("2027-12-31"))
        // Reconcilers of the two stages classify differently, so claims are read again for each.
        #expect(ClaimReconciler(contract: contract.staged(.provisional)) != ClaimReconciler(contract: contract))
    }

    /// A line of member "m" under the Zvw in scope of the sample contract, received on `received`.
    private static func line(
        _ id: String,
        _ amount: Int64,
        _ side: ClaimLine.Side = .debit,
        corrects: String? = nil,
        received: String?
    ) -> ClaimLine {
        ClaimLine(
            claimID: id,
            member: "m",
            regime: .zvw,
            payer: "insurer-a",
            provider: "coop",
            category: "wijkverpleging",
            product: "P1",
            service: period("2026-11-01", "2026-11-30"),
            amount: Cents(amount),
            side: side,
            corrects: corrects,
            received: received.map(date),
            source: LineSource(file: 0, line: 1)
        )
    }

    /// Five lines of November 2026: A received on the provisional cut-off's last day, B the day after,
    /// C a credit of B received in time, D without a day of receipt, E after the final cut-off.
    ///
    /// - Provisional (cut-off 2027-03-31): A 100.00 and D 40.00 count, 140.00; B and E are received after
    ///   the cut-off; C then corrects no debit.
    /// - Final (cut-off 2027-12-31): A, B − C and D count: 100.00 + 250.00 − 50.00 + 40.00 = 340.00; E alone
    ///   is received after the cut-off.
    @Test func countsOnlyTheLinesReceivedByTheCutOff() throws {
        var contract = try SampleContract.make()
        contract.reconciliation.runOut = RunOut(months: 3, finalMonths: 12)
        let lines = [
            Self.line("A", 10_000, received: "2027-03-31"),
            Self.line("B", 25_000, received: "2027-04-01"),
            Self.line("C", 5_000, .credit, corrects: "B", received: "2027-02-10"),
            Self.line("D", 4_000, received: nil),
            Self.line("E", 7_500, received: "2028-01-12"),
        ]
        let window = Self.period("2026-01-01", "2026-12-31")
        let provisional = try ClaimReconciler(contract: contract.staged(.provisional))
            .reconcile(lines, window: window, onRoster: true)
        #expect(provisional.accepted[.zvw] == Cents(14_000))
        #expect(provisional.acceptedLines[.zvw] == 2)
        let late = provisional.rejected.map { "\($0.claimID ?? "?") \($0.reason.rawValue): \($0.detail)" }
        #expect(
            late == [
                "B received after the cut-off: received on 2027-04-01, after the cut-off 2027-03-31",
                "E received after the cut-off: received on 2028-01-12, after the cut-off 2027-03-31",
                "C credit without its debit: corrects B, which is not a debit of this member, regime and provider",
            ]
        )
        #expect(provisional.rejected.map(\.amount) == [Cents(25_000), Cents(7_500), Cents(-5_000)])

        let final = try ClaimReconciler(contract: contract.staged(.final)).reconcile(
            lines,
            window: window,
            onRoster: true
        )
        #expect(final.accepted[.zvw] == Cents(34_000))
        #expect(final.rejected.map { "\($0.claimID ?? "?") \($0.reason.rawValue)" } == ["E received after the cut-off"])

        // Without a stage every line counts, whenever it was received: 340.00 + 75.00.
        let whole = try ClaimReconciler(contract: contract).reconcile(lines, window: window, onRoster: true)
        #expect(whole.accepted[.zvw] == Cents(41_500))
        #expect(whole.rejected.isEmpty)
    }
}

/// A provisional settlement's estimate of the claims not yet received, and the true-up of the final one,
/// worked by hand.
struct ClaimCompletionTests {
    private static func date(_ text: String) -> CalendarDate { SettlementScenario.date(text) }

    /// The baseline year 2025, observed through December 2026 (its final cut-off, twelve months on, comes
    /// before the provisional cut-off of 2026, January 2027): January is observed up to lag 23, December
    /// up to lag 12.
    ///
    /// Zvw claims of January 600.00 received a month later, 300.00 two months and 100.00 three months
    /// later; of December 300.00, 150.00 and 50.00 likewise. Within k months both months together had
    /// received 0, 900.00, 1,350.00 and 1,500.00 (k = 0 to 3), and nothing more to lag 12; January alone
    /// 1,000.00 from lag 3 to 23. Age-to-age factors: from lag 0, 900 ÷ 0 (none); from 1, 1,350 ÷ 900 = 1.5;
    /// from 2, 1,500 ÷ 1,350 = 10/9 = 1.111111; from 3 to 11 both months, and from 12 to 22 January alone,
    /// 1. The Wlz's claims all came a month later: complete after one month.
    private static func baseline() throws -> ClaimCompletion {
        var lags = ReceiptLags()
        for (month, lag, cents) in [
            (0, 1, 60_000), (0, 2, 30_000), (0, 3, 10_000), (11, 1, 30_000), (11, 2, 15_000), (11, 3, 5_000),
        ] {
            try lags.add(Cents(Int64(cents)), at: ReceiptLags.Key(regime: .zvw, month: month, lag: lag))
        }
        try lags.add(Cents(100_000), at: ReceiptLags.Key(regime: .wlz, month: 0, lag: 1))
        return ClaimCompletion(baselines: [ClaimCompletion.Baseline(year: 2025, lags: lags, observedThrough: 23)])
    }

    /// The performance year 2026, provisional one month after it (cut-off 2027-01-31): Zvw claims of
    /// October 200.00 (received in November), November 140.00 (received in December), December 100.00
    /// (received in January 2027) and 50.00 more received in February 2027, after the cut-off; Wlz 500.00
    /// of June, received in July.
    private func scenario() throws -> SettlementScenario {
        var scenario = SettlementScenario()
        scenario.contract.reconciliation.runOut = RunOut(months: 1, finalMonths: 12)
        for (member, regime, cents, service, received) in [
            (1, Regime.zvw, Int64(20_000), "2026-10-15", "2026-11-12"), (2, .zvw, 14_000, "2026-11-15", "2026-12-12"),
            (3, .zvw, 10_000, "2026-12-15", "2027-01-12"), (4, .zvw, 5_000, "2026-12-20", "2027-02-12"),
            (5, .wlz, 50_000, "2026-06-01", "2026-07-10"),
        ] {
            scenario.claim(member, regime, cents)
            let day = Self.date(service)
            scenario.lines[scenario.lines.count - 1].service = try #require(DatePeriod(start: day, end: day))
            scenario.lines[scenario.lines.count - 1].received = Self.date(received)
        }
        scenario.completion = try Self.baseline()
        return scenario
    }

    /// The estimate, worked by hand.
    ///
    /// Ages at the cut-off (January 2027) and at the final cut-off (December 2027): October 3 and 14,
    /// November 2 and 13, December 1 and 12. Development factors: October 1 (complete), November
    /// f(2) = 10/9 (0.9 received), December f(1) × f(2) = 1.5 × 10/9 = 5/3 (0.6 received). Not yet received:
    /// November 140.00 × (10/9 − 1) = 15.5556 and December 100.00 × (5/3 − 1) = 66.6667; the sum 82.2222… is
    /// rounded once to 82.22 (the months rounded apart, 15.56 + 66.67, would make 82.23). Zvw expenditure
    /// 200 + 140 + 100 + 82.22 = 522.22.
    @Test func estimatesTheClaimsNotYetReceivedFromTheBaselineLags() throws {
        var scenario = try scenario()
        scenario.contract = scenario.contract.staged(.provisional)
        let settlement = try scenario.settle()
        let runOut = try #require(settlement.runOut)
        #expect(runOut.stage == .provisional && runOut.cutOff == Self.date("2027-01-31"))
        #expect(runOut.receivedAfterCutOff == LineTotal(lines: 1, amount: Cents(5_000)))
        let zvw = try #require(runOut.completion.first { $0.regime == .zvw })
        #expect(zvw.baselineClaims == Cents(150_000))
        #expect(zvw.development.count == 23)
        #expect(zvw.development.prefix(4).map(\.received) == [.zero, Cents(90_000), Cents(135_000), Cents(150_000)])
        #expect(
            zvw.development.prefix(4).map(\.receivedNext) == [
                Cents(90_000), Cents(135_000), Cents(150_000), Cents(150_000),
            ]
        )
        #expect(zvw.development.prefix(4).map { $0.ageToAgeFactor?.description } == [nil, "1.5", "1.111111", "1"])
        #expect(zvw.development.map(\.origins) == Array(repeating: 2, count: 12) + Array(repeating: 1, count: 11))
        #expect(zvw.development[12].received == Cents(100_000) && zvw.development[22].ageToAgeFactor == .one)
        #expect(zvw.months.map(\.age) == Array((1...12).reversed()))
        #expect(zvw.months.map(\.finalAge) == Array((12...23).reversed()))
        let autumn = zvw.months.suffix(3)
        #expect(autumn.map(\.developmentFactor.description) == ["1", "1.111111", "1.666667"])
        #expect(autumn.map(\.completionFactor.description) == ["1", "0.9", "0.6"])
        #expect(autumn.map(\.estimate) == [.zero, Cents(1_556), Cents(6_667)])
        #expect(zvw.months.prefix(9).allSatisfy { $0.estimate.isZero && $0.developmentFactor == .one })
        #expect(zvw.estimate == Cents(8_222))
        let regime = try #require(settlement.regimes.first { $0.regime == .zvw })
        #expect(regime.claims == Cents(44_000))
        #expect(regime.notYetReceived == Cents(8_222))
        #expect(regime.expenditure == Cents(52_222))
        // The Wlz's June is seven months old: complete.
        #expect(settlement.regimes.first { $0.regime == .wlz }?.notYetReceived == .zero)
        #expect(settlement.steps.contains { $0.id == "completion.Zvw" })
        #expect(settlement.warnings.isEmpty)
    }

    // The baseline triangle above, measured from claim lines of 2025 held in memory: January's Zvw 600.00,
    // 300.00 and 100.00 received one, two and three months on, December's 300.00, 150.00 and 50.00 likewise,
    // the Wlz's 1,000.00 of January a month on. Observed through 23 months (its final cut-off, December
    // 2026, comes before the provisional one of 2026), it is the same triangle, and the provisional
    // settlement made on it in memory estimates the same 82.22 not yet received.
    @Test func measuresTheBaselineTriangleFromLinesInMemory() throws {
        var scenario = try scenario()
        var lines: [ClaimLine] = []
        for (member, regime, cents, service, received) in [
            (1, Regime.zvw, Int64(60_000), "2025-01-10", "2025-02-10"), (2, .zvw, 30_000, "2025-01-10", "2025-03-10"),
            (3, .zvw, 10_000, "2025-01-10", "2025-04-10"), (4, .zvw, 30_000, "2025-12-10", "2026-01-10"),
            (5, .zvw, 15_000, "2025-12-10", "2026-02-10"), (6, .zvw, 5_000, "2025-12-10", "2026-03-10"),
            (7, .wlz, 100_000, "2025-01-10", "2025-02-10"),
        ] {
            var line = scenario.lines[0]
            line.claimID = "b\(lines.count + 1)"
            line.member = MemberID("m\(member)")
            line.regime = regime
            line.payer = regime == .zvw ? "insurer-a" : "zk"
            line.amount = Cents(cents)
            line.service = DatePeriod(day: Self.date(service))
            line.received = Self.date(received)
            lines.append(line)
        }
        let measured = try scenario.contract.measureReceiptLags(year: 2025, members: scenario.members, claims: lines)
        let byHand = try Self.baseline().baselines[0]
        #expect(measured.lags == byHand.lags)
        #expect(measured.observedThrough == byHand.observedThrough)
        scenario.contract = scenario.contract.staged(.provisional)
        let settlement = try scenario.contract.settle(
            members: scenario.members,
            claims: scenario.lines,
            completion: ClaimCompletion(baselines: [measured])
        )
        #expect(settlement.regimes.first { $0.regime == .zvw }?.notYetReceived == Cents(8_222))
    }

    /// The true-up, worked by hand.
    ///
    /// The final settlement (cut-off 2027-12-31) counts the 50.00 received in February and no estimate:
    /// Zvw expenditure 490.00 against 522.22 provisionally. Budgets 36,500.00 + 73,000.00; the savings
    /// change by 32.22, which sharing turns into each party's change; the changes sum to zero.
    @Test func truesUpTheFinalAgainstTheProvisional() throws {
        var provisional = try scenario()
        provisional.contract = provisional.contract.staged(.provisional)
        var final = try scenario()
        final.contract = final.contract.staged(.final)
        let (before, after) = (try provisional.settle(), try final.settle())
        #expect(after.regimes.first { $0.regime == .zvw }?.expenditure == Cents(49_000))
        #expect(after.runOut?.completion.isEmpty == true)
        let trueUp = try TrueUp(provisional: before, final: after)
        #expect(trueUp.provisionalCutOff == Self.date("2027-01-31"))
        // The back-test: 82.22 estimated for the Zvw, 50.00 came in since (the line received in February).
        #expect(
            trueUp.estimates
                == [
                    TrueUp.EstimateCheck(regime: .zvw, estimated: Cents(8_222), countedSince: Cents(5_000)),
                    TrueUp.EstimateCheck(regime: .wlz, estimated: .zero, countedSince: .zero),
                ]
        )
        #expect(trueUp.lines.map(\.party) == after.parties.map(\.party))
        for line in trueUp.lines {
            let (was, now) = (
                before.parties.first { $0.party == line.party }?.net,
                after.parties.first { $0.party == line.party }?.net
            )
            #expect(line.provisional == was && line.final == now)
            #expect(try line.change == line.final - line.provisional)
        }
        #expect(try trueUp.lines.map(\.change).sum() == .zero)
        #expect(trueUp.lines.contains { !$0.change.isZero })
        // Two provisional settlements, or a final against a final, cannot be trued up.
        let error = #expect(throws: SettlementError.self) { try TrueUp(provisional: after, final: after) }
        #expect(error?.code == .trueUp)
    }

    /// A provisional settlement without baseline lags is refused, and so is a contract with a run-out
    /// settled without a stage: it would count lines whenever they came in.
    @Test func refusesAProvisionalSettlementItCannotEstimate() throws {
        var scenario = try scenario()
        scenario.completion = nil
        scenario.contract = scenario.contract.staged(.provisional)
        #expect(#expect(throws: SettlementError.self) { try scenario.settle() }?.code == .baselineRequired)
        var unstaged = try self.scenario()
        unstaged.contract.reconciliation.cutOff = nil
        #expect(#expect(throws: SettlementError.self) { try unstaged.settle() }?.code == .stageRequired)
        // A month whose age the baseline received nothing within cannot be estimated.
        var young = try self.scenario()
        young.contract.reconciliation.runOut = RunOut(months: 0, finalMonths: 12)
        young.contract = young.contract.staged(.provisional)
        young.lines.removeAll { $0.received.map { $0 > Self.date("2026-12-31") } ?? false }
        young.lines.append(young.lines[0])
        young.lines[young.lines.count - 1].claimID = "december"
        young.lines[young.lines.count - 1].service = try #require(
            DatePeriod(start: Self.date("2026-12-01"), end: Self.date("2026-12-01"))
        )
        young.lines[young.lines.count - 1].received = Self.date("2026-12-20")
        let error = #expect(throws: SettlementError.self) { try young.settle() }
        #expect(error?.code == .estimateUnavailable)
        #expect(error?.message.contains("within 0 months of the month of service") == true)
        // So is one with nothing received in December: it has as much to come as the baseline says.
        young.lines.removeLast()
        let nothing = #expect(throws: SettlementError.self) { try young.settle() }
        #expect(nothing?.code == .estimateUnavailable)
        #expect(nothing?.message.contains("the claims of 2026-12 not yet received cannot be estimated") == true)
        // A final run-out longer than the baseline shows cannot be estimated either.
        var long = try self.scenario()
        long.contract.reconciliation.runOut = RunOut(months: 1, finalMonths: 24)
        long.contract = long.contract.staged(.provisional)
        let longer = #expect(throws: SettlementError.self) { try long.settle() }
        #expect(longer?.code == .estimateUnavailable)
        #expect(longer?.message.contains("do not show how Zvw claims develop from 23 to 24 months") == true)
    }
}
