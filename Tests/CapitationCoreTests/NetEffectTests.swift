import CapitationCore
import SettlementReports
import Testing

/// The gross effect in euros and the net effect for the financiers, worked by hand.
struct NetEffectTests {
    // Two people in each population, both at risk score 1 all year, one baseline year (2025, weight 1)
    // and the performance year 2026; Zvw and Wlz in euros.
    //   fieldlab   2025: Zvw 1,000 + 3,000 → 2,000.00 a person-year; Wlz 5,000 + 7,000 → 6,000.00
    //              2026: Zvw 1,500 + 2,100 → 1,800.00;                Wlz 5,500 + 6,500 → 6,000.00
    //   comparison 2025: Zvw 2 × 2,000 → 2,000.00;  Wlz 2 × 6,000 → 6,000.00
    //              2026: Zvw 2 × 2,200 → 2,200.00;  Wlz 2 × 6,300 → 6,300.00
    // Zvw: counterfactual 2,000 + 2,200 − 2,000 = 2,200.00; effect 1,800 − 2,200 = −400.00 a person-year.
    // Wlz: counterfactual 6,000 + 6,300 − 6,000 = 6,300.00; effect −300.00.
    // The fieldlab has 2 × 365 ÷ 365 = 2 risk-weighted person-years in each regime in 2026, so the gross
    // effects are −800.00 and −600.00 (its cost 3,600 and 12,000 against counterfactual costs 4,400 and
    // 12,600), −1,400.00 in total.
    static func population(_ euros: [[[Int64]]]) -> EvaluationPopulation {
        let years = euros.enumerated().map { index, people in
            EvaluationYear(
                year: 2025 + index,
                daysInPeriod: 365,
                records: people.enumerated().map { person, costs in
                    EvaluationRecord(
                        person: person,
                        costs: costs.map { Cents($0 * 100) },
                        riskWeightedDays: costs.map { _ in ExactDecimal(365) }
                    )
                }
            )
        }
        return EvaluationPopulation(
            personCount: 2,
            baseline: Array(years.dropLast()),
            performance: years[years.count - 1]
        )
    }

    static let fieldlab = population([[[1_000, 5_000], [3_000, 7_000]], [[1_500, 5_500], [2_100, 6_500]]])
    static let comparison = population([[[2_000, 6_000], [2_000, 6_000]], [[2_200, 6_300], [2_200, 6_300]]])
    static let evaluation = DifferenceInDifferences(regimes: [.zvw, .wlz], weights: [1], rounding: .halfEven)

    @Test func turnsTheEffectPerPersonYearIntoEuros() throws {
        let estimate = try Self.evaluation.estimate(fieldlab: Self.fieldlab, comparison: Self.comparison)
        #expect(estimate.rows.map(\.effect) == [Cents(-40_000), Cents(-30_000), Cents(-70_000)])
        #expect(estimate.rows.map(\.riskWeightedPersonYears) == [2, 2, nil])
        #expect(estimate.rows.map(\.grossEffect) == [Cents(-80_000), Cents(-60_000), Cents(-140_000)])
        // The comparison's trend: Zvw 2,000 → 2,200 is +10 %, Wlz 6,000 → 6,300 +5 %, in total 8,000 → 8,500
        // +6.25 %.
        #expect(
            estimate.rows.map(\.comparisonTrend)
                == [
                    try ExactDecimal(parsing: "0.1"), try ExactDecimal(parsing: "0.05"),
                    try ExactDecimal(parsing: "0.0625"),
                ]
        )
        // Each year's cost per person-year, per regime and in total.
        #expect(estimate.years.map(\.year) == [2025, 2026])
        #expect(estimate.years[0].fieldlab == [Cents(200_000), Cents(600_000), Cents(800_000)])
        #expect(estimate.years[1].fieldlab == [Cents(180_000), Cents(600_000), Cents(780_000)])
        #expect(estimate.years[1].comparison == [Cents(220_000), Cents(630_000), Cents(850_000)])
        let step = try #require(estimate.steps.first { $0.id == "evaluation.Zvw" })
        #expect(step.results.contains { $0.name == "grossEffect" && $0.value == .cents(Cents(-80_000)) })
    }

    // Risk adjustment in euros: a fieldlab person of risk score 0.5 all year has 182.5 risk-weighted days,
    // 0.5 risk-weighted person-years. Costing 1,000.00 then 1,150.00, their cost per person-year of score 1
    // is 2,000.00 then 2,300.00; against a comparison person at score 1 costing 1,000.00 then 1,100.00, the
    // counterfactual is 2,000 + 1,100 − 1,000 = 2,100.00 and the effect +200.00 a person-year. In euros:
    // 200 × 0.5 = 100.00, which is the person's cost 1,150.00 less the counterfactual cost 2,100 × 0.5.
    @Test func weighsTheGrossEffectByRisk() throws {
        let fieldlab = try DifferenceInDifferencesTests.onePerson(1_000, then: 1_150, days: "182.5")
        let comparison = try DifferenceInDifferencesTests.onePerson(1_000, then: 1_100, days: "365")
        let evaluation = DifferenceInDifferences(regimes: [.zvw], weights: [1], rounding: .halfEven)
        let row = try evaluation.estimate(fieldlab: fieldlab, comparison: comparison).rows[0]
        let half = try ExactDecimal(parsing: "0.5")
        #expect(row.effect == Cents(20_000) && row.riskWeightedPersonYears == half)
        #expect(row.grossEffect == Cents(10_000))
    }

    // The settlement of SettlementScenario with Zvw claims of 30,000.00 and Wlz claims of 69,000.00, a lump
    // sum of 1,000.00 from the insurer to the cooperative, and an agreed transfer of 100.00 from the insurer
    // to the care office:
    //   savings: Zvw 36,500 − 30,000 = 6,500.00, Wlz 73,000 − 69,000 = 4,000.00, in total 10,500.00 (the
    //   lump sum is in the Zvw's budget and expenditure alike), above the 2 % minimum;
    //   earned 50 % × 10,500 = 5,250.00, under the cap of 10 % of the 110,500.00 budget; less the 2 %
    //   payment reduction (105.00): payout 5,145.00, paid in proportion to savings 65 : 40, so the insurer
    //   pays 3,185.00 and the care office 1,960.00.
    //   The insurer pays 3,185 + 1,000 + 100 = 4,285.00 and receives nothing; the care office pays 1,960.00
    //   and receives 100.00: it paid 1,860.00.
    // Net effect: insurer −800 + 4,285 = 3,485.00; care office −600 + 1,860 = 1,260.00; all financiers
    // −1,400 + 6,145 = 4,745.00. Other payments: 6,145 − 5,145 + 0 = 1,000.00, the lump sum (the transfer
    // between the financiers cancels out). Savings beyond the effect: 10,500 − 1,400 = 9,100.00.
    static func settlement() throws -> Settlement {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_900_000)
        scenario.contract.lumpSums = [
            LumpSum(payer: "insurer-a", payee: "coop", amount: Cents(100_000), label: "coordination")
        ]
        scenario.contract.distribution?.transfers = [
            Transfer(from: "insurer-a", to: "zk", amount: .fixed(Cents(10_000)), label: "agreed")
        ]
        return try scenario.settle()
    }

    @Test func nettsTheSettlementsPaymentsPerFinancier() throws {
        let settlement = try Self.settlement()
        #expect(settlement.totals.savings == Cents(1_050_000) && settlement.sharing.payout == Cents(514_500))
        let estimate = try Self.evaluation.estimate(fieldlab: Self.fieldlab, comparison: Self.comparison)
        let net = try NetEffect(estimate: estimate, settlement: settlement)
        #expect(net.grossEffect == Cents(-140_000))
        #expect(net.payout == Cents(514_500) && net.lossPayment == .zero)
        #expect(net.otherPayments == Cents(100_000))
        #expect(net.netEffect == Cents(474_500))
        #expect(net.savings == Cents(1_050_000) && net.savingsBeyondEffect == Cents(910_000))
        #expect(net.financiers.map(\.party) == ["insurer-a", "zk"])
        #expect(net.financiers.map(\.name) == ["Insurer", "Care office"])
        #expect(net.financiers.map(\.rows) == [[0], [1]])
        #expect(net.financiers.map(\.grossEffect) == [Cents(-80_000), Cents(-60_000)])
        #expect(net.financiers.map(\.paid) == [Cents(428_500), Cents(186_000)])
        #expect(net.financiers.map(\.netEffect) == [Cents(348_500), Cents(126_000)])
        #expect(net.steps.map(\.id) == ["evaluation.net", "evaluation.net.insurer-a", "evaluation.net.zk"])

        // A financier of two regimes has the gross effect of both.
        var single = settlement
        single.regimes[1].financier = "insurer-a"
        let merged = try NetEffect(estimate: estimate, settlement: single)
        #expect(merged.financiers.count == 1 && merged.financiers[0].rows == [0, 1])
        #expect(merged.financiers[0].grossEffect == Cents(-140_000))

        // A settlement of other regimes is refused.
        var other = settlement
        other.regimes.removeLast()
        #expect(throws: EvaluationError.self) { try NetEffect(estimate: estimate, settlement: other) }
    }

    // A resample's gross effect applies its effect per person-year to the whole fieldlab's risk-weighted
    // person-years (2 in each regime here), whoever was drawn; a net interval is the gross interval moved by
    // the payments, which no resample changes.
    @Test func resamplesTheGrossEffectAndMovesItByThePayments() throws {
        let bootstrap = try EffectBootstrap(Self.evaluation, fieldlab: Self.fieldlab, comparison: Self.comparison)
        let resamples = try bootstrap.effects(seed: 3, resamples: 0..<200)
        for resample in resamples {
            let effects = try #require(resample.effects)
            let gross = try #require(resample.gross)
            // Every cost here is whole euros over 2 person-years, so effects are exact and double exactly.
            #expect(gross[0] == Cents(effects[0].rawValue * 2) && gross[1] == Cents(effects[1].rawValue * 2))
            #expect(gross[2] == Cents(gross[0].rawValue + gross[1].rawValue))
        }
        let intervals = EffectIntervals(resamples, rows: 3)
        let level = try ExactDecimal(parsing: "0.9")
        let total = try #require(intervals.gross(rows: [2], level: level))
        let both = try #require(intervals.gross(rows: [0, 1], level: level))
        #expect(total == both)
        let moved = try #require(intervals.gross(rows: [2], adding: Cents(614_500), level: level))
        #expect(moved.lowerBound.rawValue == total.lowerBound.rawValue + 614_500)
        #expect(moved.upperBound.rawValue == total.upperBound.rawValue + 614_500)
        // The nearest ranks of the sums themselves: the 10th and the 190th of 200, ascending.
        let sums = resamples.compactMap { $0.gross?[2] }.sorted()
        #expect(total == sums[9]...sums[189])
        // A financier's net interval: its regime's resampled gross effects plus what it paid (the insurer's
        // 4,285.00), at the same ranks.
        let insurer = resamples.compactMap { $0.gross.map { $0[0].rawValue + 428_500 } }.sorted()
        #expect(
            intervals.gross(rows: [0], adding: Cents(428_500), level: level)
                == Cents(insurer[9])...Cents(insurer[189])
        )
        #expect(intervals.gross(rows: [2], level: ExactDecimal.one) == nil)
    }

    // A baseline year of weight zero may have nobody in a regime: it counts in no figure, and its cost by
    // year is unknown rather than a division by zero. Weights 0 and 1: the estimate is that of the second
    // baseline year alone (the fieldlab's of NetEffectTests, with 2025 repeated as the second year).
    @Test func showsABaselineYearOfWeightZeroWithoutPeopleAsUnknown() throws {
        func shifted(_ population: EvaluationPopulation, emptyFirst: Bool) -> EvaluationPopulation {
            var first = population.baseline[0]
            first.year = 2024
            if emptyFirst {
                first.records = first.records.map {
                    EvaluationRecord(
                        person: $0.person,
                        costs: $0.costs,
                        riskWeightedDays: [.zero, $0.riskWeightedDays[1]]
                    )
                }
            }
            return EvaluationPopulation(
                personCount: population.personCount,
                baseline: [first, population.baseline[0]],
                performance: population.performance
            )
        }
        let evaluation = DifferenceInDifferences(regimes: [.zvw, .wlz], weights: [0, 1], rounding: .halfEven)
        let result = try EvaluationResult.scenario(
            evaluation,
            fieldlab: shifted(Self.fieldlab, emptyFirst: true),
            comparison: shifted(Self.comparison, emptyFirst: false),
            resamples: 0
        )
        let estimate = result.estimate
        #expect(estimate.rows.map(\.effect) == [Cents(-40_000), Cents(-30_000), Cents(-70_000)])
        #expect(estimate.years[0].fieldlab == [nil, Cents(600_000), nil])
        #expect(estimate.years[0].comparison == [Cents(200_000), Cents(600_000), Cents(800_000)])
        let json = EvaluationReport.json(result, levels: [])
        #expect(json["years"]?.elements?.first?["fieldlabCents"]?["Zvw"] == .null)
    }

    // Under capitation the financiers pay and collect a capitation result, and the bridge says so.
    @Test func namesACapitationResultAsSuch() throws {
        let settlement = try PaymentScheduleTests.settlement()
        let estimate = try Self.evaluation.estimate(fieldlab: Self.fieldlab, comparison: Self.comparison)
        let net = try NetEffect(estimate: estimate, settlement: settlement)
        #expect(net.model == "capitation")
        #expect(
            net.paid
                == (try settlement.parties.filter { ["insurer-a", "zk"].contains($0.party) }
                    .map { try $0.pays - $0.receives }.sum())
        )
        var result = try EvaluationReportTests.result(resamples: 0)
        result.net = net
        let markdown = EvaluationReport.markdown(result, levels: [])
        #expect(
            markdown.contains("| + capitation result paid |") && markdown.contains("| − capitation result collected |")
        )
        #expect(!markdown.contains("shared savings paid"))
    }
}
