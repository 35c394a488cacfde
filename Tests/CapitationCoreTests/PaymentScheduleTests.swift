import CapitationCore
import Testing

// Capitation paid ahead month by month and reconciled at year end, on the scenario's ten members with the
// tenth dying on 30 June: exposure 9 × 365 + 181 = 3,466 days, so the budgets are Zvw 3,650.00 × 3,466 ÷ 365
// = 34,660.00 and Wlz 7,300.00 × 3,466 ÷ 365 = 69,320.00. Claims Zvw 30,000.00 and Wlz 72,000.00: savings
// 4,660.00 and −2,680.00, 1,980.00 in total, all of it paid by the insurer (financing in proportion to
// positive savings) to the providers under capitation without corridors.
@Suite("Capitation payment schedule")
struct PaymentScheduleTests {
    static func settlement() throws -> Settlement {
        var scenario = SettlementScenario(settlement: .capitation(CapitationTerms()))
        scenario.members[9].deathDate = SettlementScenario.date("2026-06-30")
        scenario.spend(zvw: 3_000_000, wlz: 7_200_000)
        return try scenario.settle()
    }

    @Test("Ten members January to June, nine from July: 3,041.67 and 2,737.50 a month for the Zvw")
    func monthlyPayments() throws {
        let schedule = try #require(try Self.settlement().paymentSchedule)
        let zvw = try #require(schedule.financiers.first { $0.financier == "insurer-a" })
        // 3,650.00 × 10 ÷ 12 = 3,041.666… → 3,041.67; 3,650.00 × 9 ÷ 12 = 2,737.50.
        #expect(zvw.months.count == 12)
        #expect(zvw.months.prefix(6).allSatisfy { $0.amount == Cents(304_167) && $0.members == 10 })
        #expect(zvw.months.suffix(6).allSatisfy { $0.amount == Cents(273_750) && $0.members == 9 })
        #expect(zvw.months[6].counted == SettlementScenario.date("2026-07-01"))
        // Paid ahead: 6 × 3,041.67 + 6 × 2,737.50 = 34,675.02, against a budget to the day of 34,660.00.
        #expect(zvw.prospective == Cents(3_467_502))
        #expect(zvw.capitationBudget == Cents(3_466_000))
    }

    @Test("Year end: due = claims borne + the providers' result; reconciliation = due − paid ahead")
    func reconciliation() throws {
        let schedule = try #require(try Self.settlement().paymentSchedule)
        let zvw = try #require(schedule.financiers.first { $0.financier == "insurer-a" })
        // The insurer owes 30,000.00 + 1,980.00 = 31,980.00 and paid 34,675.02: the providers repay 2,695.02.
        #expect(zvw.claimsBorne == Cents(3_000_000))
        #expect(zvw.providersResult == Cents(198_000))
        #expect(zvw.due == Cents(3_198_000))
        #expect(zvw.reconciliation == Cents(-269_502))
        // The care office paid 6 × 6,083.33 + 6 × 5,475.00 = 69,349.98 and owes 72,000.00 + 0: it pays 2,650.02.
        let wlz = try #require(schedule.financiers.first { $0.financier == "zk" })
        #expect(wlz.prospective == Cents(6_934_998))
        #expect(wlz.due == Cents(7_200_000))
        #expect(wlz.reconciliation == Cents(265_002))
        // In cash each financier pays its claims plus its part of the result, as in the settlement.
        let settlement = try Self.settlement()
        for financier in schedule.financiers {
            let party = try #require(settlement.parties.first { $0.party == financier.financier })
            #expect(try financier.prospective + financier.reconciliation == financier.claimsBorne - party.net)
        }
    }

    @Test("A period of six months is paid in sixths: 36,500.00 ÷ 6 = 6,083.33 a month, reconciled to the budget")
    func shortPeriod() throws {
        // The budget spreads the per-capita amount over the period: 3,650.00 × 10 members × 181 ÷ 181 days.
        var scenario = SettlementScenario(settlement: .capitation(CapitationTerms()))
        let period = try #require(
            DatePeriod(start: SettlementScenario.date("2026-01-01"), end: SettlementScenario.date("2026-06-30"))
        )
        scenario.contract.period = period
        scenario.spend(zvw: 3_000_000, wlz: 7_200_000)
        let zvw = try #require(try scenario.settle().paymentSchedule?.financiers.first { $0.financier == "insurer-a" })
        #expect(zvw.capitationBudget == Cents(3_650_000))
        #expect(zvw.months.count == 6)
        #expect(zvw.months.allSatisfy { $0.amount == Cents(608_333) })
        #expect(zvw.prospective == Cents(3_649_998))
    }

    @Test("Only capitation has a payment schedule")
    func onlyUnderCapitation() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 7_200_000)
        #expect(try scenario.settle().paymentSchedule == nil)
    }
}
