import CapitationCore
import SettlementReports
import Testing

/// The evaluation's estimate, worked by hand, and its bootstrap.
struct DifferenceInDifferencesTests {
    private static func record(_ person: Int, _ euros: [Int64], days: Int) -> EvaluationRecord {
        EvaluationRecord(
            person: person,
            costs: euros.map { Cents($0 * 100) },
            riskWeightedDays: euros.map { _ in ExactDecimal(days) }
        )
    }

    // Two regimes (Zvw, Wmo), baseline years 2023 and 2024 weighted 1 and 2, performance year 2025. Every
    // person is in the population all year at risk score 1, so risk-weighted days are the year's days and a
    // cost per person-year is the mean cost per person.
    //
    // Fieldlab (2 people), Zvw and Wmo in euros:
    //   2023: 1,000 + 3,000 = 4,000 → 2,000.00 a person-year;  100 + 300 = 400 → 200.00
    //   2024:   2,000 + 2,400 = 4,400 → 2,200.00;               250 + 250 = 500 → 250.00
    //   2025:   1,500 + 2,500 = 4,000 → 2,000.00;               300 + 200 = 500 → 250.00
    //   before Zvw = (1 × 2,000 + 2 × 2,200) ÷ 3 = 2,133.333…; Wmo = (200 + 500) ÷ 3 = 233.333…
    // Comparison (3 people):
    //   2023: 1,000 + 2,000 + 3,000 → 2,000.00;  3 × 100 → 100.00
    //   2024: 3 × 2,100 → 2,100.00;               3 × 120 → 120.00
    //   2025: 3 × 2,300 → 2,300.00;               3 × 130 → 130.00
    //   before Zvw = (2,000 + 4,200) ÷ 3 = 2,066.666…; Wmo = (100 + 240) ÷ 3 = 113.333…
    // Zvw: counterfactual = 2,133.333… + 2,300 − 2,066.666… = 7,100 ÷ 3 = 2,366.666… → 2,366.67;
    //      effect = 2,000 − 7,100 ÷ 3 = −1,100 ÷ 3 = −366.666… → −366.67; share = −1,100 ÷ 7,100 = −11 ÷ 71
    //      = −0.1549295… → −0.154930.
    // Wmo: counterfactual = 700 ÷ 3 + 130 − 340 ÷ 3 = 120 + 130 = 250.00; effect 0; share 0.
    // Total: before 2,133.33… + 233.33… = 7,100 ÷ 3 → 2,366.67 (fieldlab), 2,066.66… + 113.33… = 2,180.00
    //      (comparison); after 2,250.00 and 2,430.00; counterfactual 7,100 ÷ 3 + 250 = 7,850 ÷ 3 → 2,616.67;
    //      effect −1,100 ÷ 3 → −366.67; share −1,100 ÷ 7,850 = −22 ÷ 157 = −0.1401273… → −0.140127.
    static let fieldlab = EvaluationPopulation(
        personCount: 2,
        baseline: [
            EvaluationYear(
                year: 2023,
                daysInPeriod: 365,
                records: [record(0, [1_000, 100], days: 365), record(1, [3_000, 300], days: 365)]
            ),
            EvaluationYear(
                year: 2024,
                daysInPeriod: 366,
                records: [record(0, [2_000, 250], days: 366), record(1, [2_400, 250], days: 366)]
            ),
        ],
        performance: EvaluationYear(
            year: 2025,
            daysInPeriod: 365,
            records: [record(0, [1_500, 300], days: 365), record(1, [2_500, 200], days: 365)]
        )
    )

    static let comparison = EvaluationPopulation(
        personCount: 3,
        baseline: [
            EvaluationYear(
                year: 2023,
                daysInPeriod: 365,
                records: [
                    record(0, [1_000, 100], days: 365), record(1, [2_000, 100], days: 365),
                    record(2, [3_000, 100], days: 365),
                ]
            ),
            EvaluationYear(
                year: 2024,
                daysInPeriod: 366,
                records: (0..<3).map { record($0, [2_100, 120], days: 366) }
            ),
        ],
        performance: EvaluationYear(
            year: 2025,
            daysInPeriod: 365,
            records: (0..<3).map { record($0, [2_300, 130], days: 365) }
        )
    )

    /// One person, in the Zvw only, costing `before` euros in 2025 and `after` in 2026, with `days`
    /// risk-weighted days in each.
    static func onePerson(_ before: Int64, then after: Int64, days: String) throws -> EvaluationPopulation {
        func year(_ year: Int, _ euros: Int64) throws -> EvaluationYear {
            EvaluationYear(
                year: year,
                daysInPeriod: 365,
                records: [
                    EvaluationRecord(
                        person: 0,
                        costs: [Cents(euros * 100)],
                        riskWeightedDays: [try ExactDecimal(parsing: days)]
                    )
                ]
            )
        }
        return EvaluationPopulation(
            personCount: 1,
            baseline: [try year(2025, before)],
            performance: try year(2026, after)
        )
    }

    static let evaluation = DifferenceInDifferences(regimes: [.zvw, .wmo], weights: [1, 2], rounding: .halfEven)

    @Test func estimatesTheEffectAsWorkedByHand() throws {
        let estimate = try Self.evaluation.estimate(fieldlab: Self.fieldlab, comparison: Self.comparison)
        #expect(estimate.rows.map(\.regime) == [.zvw, .wmo, nil])
        let zvw = estimate.rows[0]
        #expect(zvw.fieldlabBefore == Cents(213_333))
        #expect(zvw.fieldlabAfter == Cents(200_000))
        #expect(zvw.comparisonBefore == Cents(206_667))
        #expect(zvw.comparisonAfter == Cents(230_000))
        #expect(zvw.counterfactual == Cents(236_667))
        #expect(zvw.effect == Cents(-36_667))
        #expect(zvw.effectShare == (try ExactDecimal(parsing: "-0.154930")))
        let wmo = estimate.rows[1]
        #expect(wmo.fieldlabBefore == Cents(23_333) && wmo.comparisonBefore == Cents(11_333))
        #expect(wmo.counterfactual == Cents(25_000) && wmo.effect == .zero && wmo.effectShare == .zero)
        let total = try #require(estimate.total)
        #expect(total.fieldlabBefore == Cents(236_667) && total.comparisonBefore == Cents(218_000))
        #expect(total.fieldlabAfter == Cents(225_000) && total.comparisonAfter == Cents(243_000))
        #expect(total.counterfactual == Cents(261_667))
        #expect(total.effect == Cents(-36_667))
        #expect(total.effectShare == (try ExactDecimal(parsing: "-0.140127")))
        // Every figure is a step, with what it was computed from.
        #expect(estimate.steps.map(\.id) == ["evaluation.Zvw", "evaluation.Wmo", "evaluation.total"])
        let inputs = Dictionary(uniqueKeysWithValues: estimate.steps[0].inputs.map { ($0.name, $0.value) })
        #expect(inputs["cost.fieldlab.2024"] == .cents(Cents(440_000)))
        #expect(inputs["riskWeightedDays.comparison.2023"] == .decimal(ExactDecimal(1_095)))
        #expect(inputs["weight.2024"] == .decimal(2))
    }

    // Risk adjustment: a person of risk score 0.5 for a whole year has 182.5 risk-weighted days, so a cost
    // of 1,000.00 is 1,000 × 365 ÷ 182.5 = 2,000.00 a person-year of risk score 1. With the comparison's
    // single person at score 1 costing 1,000.00 then 1,100.00, and the fieldlab's 1,000.00 then 1,050.00:
    // counterfactual = 2,000 + 1,100 − 1,000 = 2,100.00; after = 1,050 × 2 = 2,100.00; effect 0.
    @Test func adjustsForRiskWithDecimalRiskWeightedDays() throws {
        let fieldlab = try Self.onePerson(1_000, then: 1_050, days: "182.5")
        let comparison = try Self.onePerson(1_000, then: 1_100, days: "365")
        let evaluation = DifferenceInDifferences(regimes: [.zvw], weights: [1], rounding: .halfEven)
        let row = try evaluation.estimate(fieldlab: fieldlab, comparison: comparison).rows[0]
        #expect(row.fieldlabBefore == Cents(200_000) && row.fieldlabAfter == Cents(210_000))
        #expect(row.counterfactual == Cents(210_000) && row.effect == .zero)
    }

    // The placebo moves the estimate one year early: 2023 (weight 1) before, 2024 after, where nothing
    // happened. Zvw: fieldlab 2,000 → 2,200, comparison 2,000 → 2,100, so the counterfactual is 2,000 +
    // 2,100 − 2,000 = 2,100.00 and the placebo effect +100.00. Wmo: fieldlab 200 → 250, comparison 100 → 120:
    // counterfactual 220.00, effect +30.00. Total +130.00 against 2,320.00: 130 ÷ 2,320 = 0.0560344… →
    // 0.056034. With one baseline year, or only weight zero before the last, there is no placebo.
    @Test func estimatesThePlaceboOneYearEarly() throws {
        let placebo = try #require(Self.evaluation.placebo(fieldlab: Self.fieldlab, comparison: Self.comparison))
        #expect(placebo.evaluation.weights == [1])
        #expect(placebo.fieldlab.baseline.map(\.year) == [2023] && placebo.fieldlab.performance.year == 2024)
        let estimate = try placebo.evaluation.estimate(fieldlab: placebo.fieldlab, comparison: placebo.comparison)
        #expect(estimate.rows.map(\.counterfactual) == [Cents(210_000), Cents(22_000), Cents(232_000)])
        #expect(estimate.rows.map(\.effect) == [Cents(10_000), Cents(3_000), Cents(13_000)])
        #expect(estimate.total?.effectShare == (try ExactDecimal(parsing: "0.056034")))
        let zeroFirst = DifferenceInDifferences(regimes: [.zvw, .wmo], weights: [0, 1], rounding: .halfEven)
        #expect(zeroFirst.placebo(fieldlab: Self.fieldlab, comparison: Self.comparison) == nil)
        var short = Self.fieldlab
        short.baseline.removeFirst()
        let oneYear = DifferenceInDifferences(regimes: [.zvw, .wmo], weights: [1], rounding: .halfEven)
        #expect(oneYear.placebo(fieldlab: short, comparison: short) == nil)
    }

    @Test func refusesWhatItCannotEstimate() {
        let evaluation = Self.evaluation
        // A regime without risk-weighted days in a year.
        var empty = Self.comparison
        empty.performance.records = empty.performance.records.map {
            EvaluationRecord(person: $0.person, costs: $0.costs, riskWeightedDays: [$0.riskWeightedDays[0], .zero])
        }
        #expect(throws: EvaluationError("the comparison population has no risk-weighted days in the Wmo in 2025")) {
            try evaluation.estimate(fieldlab: Self.fieldlab, comparison: empty)
        }
        // Years that do not match, weights that do not match, a person out of range, a record of one regime.
        var later = Self.comparison
        later.performance.year = 2026
        #expect(throws: EvaluationError.self) { try evaluation.estimate(fieldlab: Self.fieldlab, comparison: later) }
        let oneWeight = DifferenceInDifferences(regimes: [.zvw, .wmo], weights: [1], rounding: .halfEven)
        #expect(throws: EvaluationError.self) {
            try oneWeight.estimate(fieldlab: Self.fieldlab, comparison: Self.comparison)
        }
        var stranger = Self.fieldlab
        stranger.performance.records.append(Self.record(5, [1, 1], days: 365))
        #expect(throws: EvaluationError.self) {
            try evaluation.estimate(fieldlab: stranger, comparison: Self.comparison)
        }
        var short = Self.fieldlab
        short.performance.records[0].costs = [Cents(1)]
        #expect(throws: EvaluationError.self) { try evaluation.estimate(fieldlab: short, comparison: Self.comparison) }
    }

    // Resampling people, each with all their years. Against a comparison of one person, a resample of the
    // two-person fieldlab draws person 0 twice, person 1 twice, or each once (about a quarter, a quarter
    // and a half of the resamples), so its effect is the estimate of one of those three populations,
    // whatever is drawn; the same seed gives the same resamples however they are split.
    @Test func resamplesPeopleWithAllTheirYears() throws {
        let single = EvaluationPopulation(
            personCount: 1,
            baseline: Self.comparison.baseline.map {
                EvaluationYear(
                    year: $0.year,
                    daysInPeriod: $0.daysInPeriod,
                    records: [$0.records[1]].map {
                        EvaluationRecord(person: 0, costs: $0.costs, riskWeightedDays: $0.riskWeightedDays)
                    }
                )
            },
            performance: EvaluationYear(
                year: 2025,
                daysInPeriod: 365,
                records: [Self.record(0, [2_300, 130], days: 365)]
            )
        )
        func twice(_ person: Int) -> EvaluationPopulation {
            func year(_ year: EvaluationYear) -> EvaluationYear {
                let record = year.records[person]
                return EvaluationYear(
                    year: year.year,
                    daysInPeriod: year.daysInPeriod,
                    records: [0, 1].map {
                        EvaluationRecord(person: $0, costs: record.costs, riskWeightedDays: record.riskWeightedDays)
                    }
                )
            }
            return EvaluationPopulation(
                personCount: 2,
                baseline: Self.fieldlab.baseline.map(year),
                performance: year(Self.fieldlab.performance)
            )
        }
        let evaluation = Self.evaluation
        let possible = try [twice(0), Self.fieldlab, twice(1)].map {
            try evaluation.estimate(fieldlab: $0, comparison: single).rows.map(\.effect)
        }
        #expect(Set(possible).count == 3)
        let bootstrap = try EffectBootstrap(evaluation, fieldlab: Self.fieldlab, comparison: single)
        let whole = try bootstrap.effects(seed: 7, resamples: 0..<400)
        let counts = possible.map { effects in whole.filter { $0.effects == effects }.count }
        #expect(counts.reduce(0, +) == 400)
        #expect((60...140).contains(counts[0]) && (140...260).contains(counts[1]) && (60...140).contains(counts[2]))
        let parts = try [300..<400, 0..<150, 150..<300].flatMap { try bootstrap.effects(seed: 7, resamples: $0) }
        #expect(Array(parts[100..<400]) + Array(parts[0..<100]) == whole)
        #expect(try bootstrap.effects(seed: 8, resamples: 0..<400) != whole)

        // The 95 % interval of nearest ranks: the 10th and the 390th of the 400 effects, ascending, which
        // are the smallest and largest possible ones given at least 10 of each.
        let intervals = EffectIntervals(whole, rows: 3)
        #expect(intervals.resamples == 400 && intervals.missing == 0)
        // Levels are strictly between 0 and 1.
        for outside in [Fraction.zero, Fraction.one, try Fraction(3) / Fraction(2), Fraction(-1)] {
            #expect(intervals.effect(row: 2, level: outside) == nil)
        }
        let level = try Fraction(95) / Fraction(100)
        let totals = possible.map { $0[2] }
        #expect(intervals.effect(row: 2, level: level) == totals.min()!...totals.max()!)
    }

    // A year measured person by person adds up to the baseline year measured whole. Ten members all of
    // 2026, no risk model; truncation at 1,000.00 a member. Member 1 spends Zvw 3,000.00 and Wlz 1,000.00:
    // the excess 3,000.00 is split 3 : 1, so 750.00 and 250.00 remain; member 2 spends Zvw 500.00.
    // Per regime: Zvw 750 + 500 = 1,250.00, Wlz 250.00, over 10 × 365 = 3,650 risk-weighted days.
    @Test func measuresEachPersonAsTheBaselineMeasuresThemAll() throws {
        var scenario = SettlementScenario()
        scenario.contract.truncation = .perMemberAnnual(Cents(100_000))
        scenario.spend(zvw: 300_000, wlz: 100_000)
        scenario.claim(2, .zvw, 50_000)
        let population = PopulationEvaluation(roster: scenario.members, contract: scenario.contract)
        let (ledger, _) = try SettlementScenario.ledger(
            of: scenario.lines,
            reconciler: ClaimReconciler(contract: scenario.contract),
            population: population,
            groupCount: 0
        )
        func calculator() -> SettlementCalculator {
            SettlementCalculator(
                contract: scenario.contract,
                population: population,
                ledger: ledger,
                indicators: IndicatorObservations(),
                inputs: []
            )
        }
        let measured = try calculator().measureEvaluationYear()
        let whole = try calculator().measureBaseline()
        #expect(measured.regimes == [.zvw, .wlz] && measured.members.count == 10)
        #expect(measured.members.first == MemberID("m1"))
        #expect(measured.costs[0] == [Cents(75_000), Cents(25_000)])
        #expect(measured.costs[1] == [Cents(50_000), .zero])
        for regime in 0..<2 {
            #expect(try measured.costs.map { $0[regime] }.sum() == whole.costs[regime])
            #expect(try measured.riskWeightedDays.map { $0[regime] }.sum() == whole.riskWeightedDays[regime])
        }
        #expect(whole.costs == [Cents(125_000), Cents(25_000)])
        #expect(whole.riskWeightedDays == [ExactDecimal(3_650), ExactDecimal(3_650)])

        // People keep one number across years, in order of first appearance.
        var later = measured
        later.year = 2027
        later.members = later.members.reversed()
        let joined = try EvaluationPopulation(baseline: [measured], performance: later)
        #expect(joined.personCount == 10)
        #expect(joined.baseline[0].records.map(\.person) == Array(0..<10))
        #expect(joined.performance.records.map(\.person) == Array((0..<10).reversed()))
    }

    // A comparison population lives elsewhere and is paid for by its own financiers: the contract for it
    // drops the fieldlab's postcodes and municipalities and does not check who paid a claim; it keeps the
    // rest. Member 1 lives in postcode 9000, outside the fieldlab's 7000–7999, and member 2's Zvw claim
    // (10.00) is paid by "other-insurer": under the contract only member 2 is in the population and their
    // claim is rejected; under the comparison's both are in it and the claim counts.
    @Test func comparesPeopleOutsideTheAreaPaidByOtherFinanciers() throws {
        var scenario = SettlementScenario(memberCount: 2)
        scenario.contract.population.postcodeRanges = [PostcodeRange(from: 7_000, to: 7_999)]
        scenario.members[0].postcode = 9_000
        scenario.members[1].postcode = 7_100
        scenario.claim(2, .zvw, 1_000)
        scenario.lines[0].payer = "other-insurer"
        let comparison = scenario.contract.forComparison()
        #expect(comparison.population.postcodeRanges.isEmpty && comparison.population.municipalities.isEmpty)
        #expect(!comparison.reconciliation.checksPayer && scenario.contract.reconciliation.checksPayer)
        #expect(comparison.population.minimumAge == scenario.contract.population.minimumAge)
        #expect(
            comparison.regimes == scenario.contract.regimes && comparison.truncation == scenario.contract.truncation
        )
        for (contract, members, accepted) in [(scenario.contract, 1, Cents.zero), (comparison, 2, Cents(1_000))] {
            let population = PopulationEvaluation(roster: scenario.members, contract: contract)
            #expect(population.memberCount == members)
            let (ledger, _) = try SettlementScenario.ledger(
                of: scenario.lines,
                reconciler: ClaimReconciler(contract: contract),
                population: population,
                groupCount: 0
            )
            #expect((ledger.accepted[.zvw]?.amount ?? .zero) == accepted)
        }
    }

    // The JSON holds, per regime and in total, the worked figures of the estimate, the effect in percent
    // (−0.154930 → −15.493 %) and an interval per level asked.
    @Test func writesTheEstimateAsDocumentedJSON() throws {
        let result = try EvaluationResult.scenario(
            Self.evaluation,
            fieldlab: Self.fieldlab,
            comparison: Self.comparison,
            resamples: 40
        )
        let json = EvaluationReport.json(
            result,
            levels: [try ExactDecimal(parsing: "0.9"), try ExactDecimal(parsing: "0.95")]
        )
        .serialized()
        #expect(json.contains(#""format": "capitation-evaluation/1""#))
        #expect(json.contains(#""regime": "Zvw""#) && json.contains(#""regime": "total""#))
        #expect(json.contains(#""counterfactualCents": 236667"#))
        #expect(json.contains(#""effectCents": -36667"#))
        #expect(json.contains(#""effectPercent": "-15.493""#))
        #expect(json.contains(#""effectPercent": "-14.0127""#))
        #expect(json.contains(#""level": "0.9""#) && json.contains(#""level": "0.95""#))
        #expect(json.contains(#""resamples": 40"#))
        #expect(json.contains(#""step": "evaluation.total""#))
        let markdown = EvaluationReport.markdown(result, levels: [try ExactDecimal(parsing: "0.95")])
        // The comparison's Zvw trend: 2,300 ÷ 2,066.666… − 1 = 6,900 ÷ 6,200 − 1 = 0.1129032… → 11.2903 %.
        #expect(
            markdown.contains("| Zvw | € 2,133.33 | € 2,000.00 | € 2,066.67 | € 2,300.00 | 11.2903 % | € 2,366.67 |")
        )
        #expect(markdown.contains("| Zvw | -€ 366.67 | -15.493 % |"))
        #expect(markdown.contains("95 % interval"))
    }

    // Simulated populations of 300 people each over a baseline year and a performance year, every person
    // at risk score 1 all year: a person's cost is a lasting level of their own (100 to 4,000 euros) times
    // noise of the year (50 to 150 %), and every cost rises 5 % into the performance year in both
    // populations, so that trends are parallel. The fieldlab's performance-year costs are then raised by
    // a true effect. Per seed, the effect the data carry is the estimate with the effect less the estimate
    // without it (the same people and draws); a 95 % interval should cover it in about 19 of 20 seeds.
    // Here at least 17 must (these 20 seeds cover it in 20; over 200 seeds with 400 resamples it covered
    // 185, 92.5 %, the percentile interval's usual shortfall on skewed costs), and zero must be excluded
    // when the effect is large (20 % of cost: 200 of 200 seeds).
    @Test func coversAKnownEffectAboutAsOftenAsItsLevelSays() throws {
        func population(seed: UInt64, salt: UInt64, effectPercent: Int) -> EvaluationPopulation {
            var random = SeededGenerator(seed: seed, stream: 0, salt: salt)
            func draw(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }
            let levels = (0..<300).map { _ in draw(100...4_000) }
            func year(_ year: Int, percent: Int) -> EvaluationYear {
                EvaluationYear(
                    year: year,
                    daysInPeriod: 365,
                    records: levels.enumerated().map { person, level in
                        let cents = level * draw(50...150) * percent
                        return EvaluationRecord(person: person, costs: [Cents(Int64(cents))], riskWeightedDays: [365])
                    }
                )
            }
            return EvaluationPopulation(
                personCount: 300,
                baseline: [year(2025, percent: 100)],
                performance: year(2026, percent: (105 * (100 + effectPercent)) / 100)
            )
        }
        let evaluation = DifferenceInDifferences(regimes: [.zvw], weights: [1], rounding: .halfEven)
        let level = try Fraction(95) / Fraction(100)
        var covered = 0
        var excludingZero = 0
        for seed in UInt64(1)...20 {
            let comparison = population(seed: seed, salt: 2, effectPercent: 0)
            let without = try evaluation.estimate(
                fieldlab: population(seed: seed, salt: 1, effectPercent: 0),
                comparison: comparison
            )
            for effect in [5, 20] {
                let fieldlab = population(seed: seed, salt: 1, effectPercent: effect)
                let with = try evaluation.estimate(fieldlab: fieldlab, comparison: comparison)
                let truth = try with.rows[1].effect - without.rows[1].effect
                let bootstrap = try EffectBootstrap(evaluation, fieldlab: fieldlab, comparison: comparison)
                let intervals = EffectIntervals(try bootstrap.effects(seed: seed, resamples: 0..<100), rows: 2)
                let interval = try #require(intervals.effect(row: 1, level: level))
                if effect == 5, interval.contains(truth) { covered += 1 }
                if effect == 20, interval.lowerBound > .zero { excludingZero += 1 }
            }
        }
        #expect(covered >= 17, "covered in \(covered) of 20 seeds")
        #expect(excludingZero >= 18, "zero excluded in \(excludingZero) of 20 seeds")
    }
}
