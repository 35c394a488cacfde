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

        let final = try ClaimReconciler(contract: contract.staged(.final)).reconcile(lines, window: window, onRoster: true)
        #expect(final.accepted[.zvw] == Cents(34_000))
        #expect(final.rejected.map { "\($0.claimID ?? "?") \($0.reason.rawValue)" } == ["E received after the cut-off"])

        // Without a stage every line counts, whenever it was received: 340.00 + 75.00.
        let whole = try ClaimReconciler(contract: contract).reconcile(lines, window: window, onRoster: true)
        #expect(whole.accepted[.zvw] == Cents(41_500))
        #expect(whole.rejected.isEmpty)
    }
}
