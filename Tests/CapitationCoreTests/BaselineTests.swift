import CapitationCore
import SettlementReports
import Testing

// The nulmeting and multi-year contracts on figures computed by hand.
struct BaselineTests {
    private static func period(_ year: Int) throws -> DatePeriod {
        try #require(
            DatePeriod(
                start: try CalendarDate(parsing: "\(year)-01-01"),
                end: try CalendarDate(parsing: "\(year)-12-31")
            )
        )
    }

    /// The scenario contract (Zvw without a risk model), with dated trends: +2 % into 2025, +3 % into 2026.
    private static func contract(trends: [Trend]) -> Contract {
        var contract = SettlementScenario().contract
        contract.regimes = [contract.regimes[0]]
        contract.regimes[0].trends = trends
        return contract
    }

    private static let trends = [
        Trend(percent: 2, year: 2025), Trend(percent: 3, year: 2026), Trend(percent: 1, label: "regional"),
    ]

    private static func year(_ year: Int, cost: Int64, days: Int, mean: String) throws -> BaselineYear {
        BaselineYear(
            year: year,
            period: try period(year),
            members: 10,
            exposureDays: days,
            regimes: [.zvw],
            costs: [Cents(cost)],
            riskWeightedDays: [ExactDecimal(days)],
            meanScores: ["m": try ExactDecimal(parsing: mean)]
        )
    }

    // 2024 (366 days): cost 36,600.00 over 3,660 risk-weighted days → 36,600.00 × 366 ÷ 3,660 = 3,660.00 a
    // person-year; trended to 2026 × 1.02 × 1.03 = 1.0506 → 3,845.196. 2025: 40,150.00 × 365 ÷ 3,650 =
    // 4,015.00; × 1.03 → 4,135.45. Weights 1 and 3: (3,845.196 + 3 × 4,135.45) ÷ 4 = 4,062.8865 →
    // 4,062.89 (half-even, once). The undated trend is not a growth between years and does not apply.
    // Mean scores 1.2 and 1.4: (1.2 + 3 × 1.4) ÷ 4 = 1.35.
    @Test func weighsTrendedRiskAdjustedCosts() throws {
        var contract = Self.contract(trends: Self.trends)
        contract.riskModels = [RiskModel(id: "m", cells: [])]
        contract.regimes[0].riskModel = "m"
        let baseline = try BaselineCalculator(
            contract: contract,
            targetYear: 2026,
            weights: [1, 3],
            years: [
                try Self.year(2024, cost: 3_660_000, days: 3_660, mean: "1.2"),
                try Self.year(2025, cost: 4_015_000, days: 3_650, mean: "1.4"),
            ]
        ).compute()
        let zvw = try #require(baseline.regimes.first)
        #expect(zvw.years.map(\.costPerPersonYear) == [Cents(366_000), Cents(401_500)])
        #expect(
            zvw.years.map(\.trendFactor) == [try ExactDecimal(parsing: "1.0506"), try ExactDecimal(parsing: "1.03")]
        )
        #expect(zvw.years.map(\.trendedCostPerPersonYear) == [Cents(384_520), Cents(413_545)])
        #expect(zvw.perCapitaAnnual == Cents(406_289))
        #expect(baseline.meanScores.map(\.mean) == [try ExactDecimal(parsing: "1.35")])
        #expect(baseline.steps.first?.results.first?.value == .cents(Cents(406_289)))
        // Rebasing a contract on it replaces the per-capita amount and the growth cap's baseline mean.
        contract.riskModels[0].growthCap = GrowthCap(percent: 3)
        let rebased = try contract.rebased(on: baseline)
        #expect(rebased.regimes[0].perCapitaAnnual == Cents(406_289))
        #expect(rebased.riskModels[0].growthCap?.baselineMeanScore == (try ExactDecimal(parsing: "1.35")))
    }

    // The demographic part of the mean score is weighed as the mean is: 1.0 and 1.2 with weights 1 and 3
    // give (1.0 + 3 × 1.2) ÷ 4 = 1.15, next to the mean 1.35. A contract that caps growth beyond the
    // demographic part takes both when rebased, and the fragment to paste names both; without a
    // demographic part in every year there is none.
    @Test func weighsTheDemographicPartOfTheMeanScore() throws {
        var contract = Self.contract(trends: Self.trends)
        contract.riskModels = [RiskModel(id: "m", cells: [], growthCap: GrowthCap(demographicPlus: 3))]
        contract.regimes[0].riskModel = "m"
        var first = try Self.year(2024, cost: 3_660_000, days: 3_660, mean: "1.2")
        var second = try Self.year(2025, cost: 4_015_000, days: 3_650, mean: "1.4")
        first.demographicMeanScores = ["m": 1]
        second.demographicMeanScores = ["m": try ExactDecimal(parsing: "1.2")]
        let baseline = try BaselineCalculator(
            contract: contract,
            targetYear: 2026,
            weights: [1, 3],
            years: [first, second]
        ).compute()
        #expect(baseline.demographicMeanScores.map(\.mean) == [try ExactDecimal(parsing: "1.15")])
        // A settlement on the rebased benchmark records how both means were weighed.
        let step = try #require(baseline.steps.first { $0.id == "benchmark.risk.m" })
        #expect(step.inputs.map(\.name).contains("demographicMeanScore.2025"))
        #expect(step.results.map(\.name) == ["baselineMeanScore", "baselineDemographicMeanScore"])
        #expect(step.results.last?.value == .decimal(try ExactDecimal(parsing: "1.15")))
        let rebased = try contract.rebased(on: baseline)
        #expect(rebased.riskModels[0].growthCap?.baselineMeanScore == (try ExactDecimal(parsing: "1.35")))
        #expect(rebased.riskModels[0].growthCap?.baselineDemographicMeanScore == (try ExactDecimal(parsing: "1.15")))
        #expect(
            BaselineReport.fragment(baseline, contract: contract).contains(
                #"<growthCap demographicPlus="3" baselineMean="1.35" baselineDemographicMean="1.15"/>"#
            )
        )
        second.demographicMeanScores = [:]
        let partial = try BaselineCalculator(
            contract: contract,
            targetYear: 2026,
            weights: [1, 3],
            years: [first, second]
        ).compute()
        #expect(partial.demographicMeanScores.isEmpty)
    }

    @Test func refusesWhatItCannotTrendOrWeigh() throws {
        let years = [
            try Self.year(2024, cost: 100, days: 10, mean: "1"), try Self.year(2025, cost: 100, days: 10, mean: "1"),
        ]
        func message(
            _ contract: Contract,
            target: Int = 2026,
            weights: [ExactDecimal] = [1, 1],
            _ years: [BaselineYear]
        ) -> String {
            do {
                _ = try BaselineCalculator(contract: contract, targetYear: target, weights: weights, years: years)
                    .compute()
                return "no error"
            } catch { return error.message }
        }
        let noTrend2025 = Self.contract(trends: [Trend(percent: 3, year: 2026)])
        #expect(
            message(noTrend2025, years).contains(
                "the Zvw cost of 2024 cannot be trended to 2026: the contract has no trend for 2025"
            )
        )
        let full = Self.contract(trends: Self.trends)
        #expect(message(full, weights: [1], years) == "1 weights for 2 baseline years")
        #expect(message(full, weights: [0, 0], years).contains("at least one must be above zero"))
        #expect(message(full, target: 2025, years) == "baseline year 2025 is not before the performance year 2025")
        #expect(message(full, [years[0], years[0]]) == "baseline year 2024 is given twice")
        let empty = [try Self.year(2024, cost: 100, days: 0, mean: "1"), years[1]]
        #expect(message(full, empty) == "baseline year 2024 has no risk-weighted days in the Zvw")
    }

    // A three-year contract from 2026 with a fixed benchmark: 2028's budget is indexed with the dated
    // trends of 2027 and 2028 (not 2026's, which only trends baseline years), next to the undated one.
    @Test func indexesFixedAmountsInLaterYears() throws {
        var contract = Self.contract(
            trends: Self.trends + [Trend(percent: 4, year: 2027), Trend(percent: 5, year: 2028)]
        )
        contract.term = ContractTerm(years: 3)
        contract.population.referenceDate = try CalendarDate(parsing: "2026-02-28")
        #expect(contract.performanceYears == 2026...2028)
        let first = try contract.forYear(2026)
        #expect(first.regimes[0].trends == [Trend(percent: 1, label: "regional")])
        let third = try contract.forYear(2028)
        #expect(third.period == (try Self.period(2028)))
        #expect(third.population.referenceDate == (try CalendarDate(parsing: "2028-02-28")))
        #expect(third.regimes[0].trends.map(\.percent) == [1, 4, 5])
        for year in [2029, 2025] {
            let error = #expect(throws: SettlementError.self) { try contract.forYear(year) }
            #expect(error?.code == .notAPerformanceYear)
        }
        // Without 2028's trend the amount cannot be indexed to 2028, but 2027 still can.
        contract.regimes[0].trends.removeLast()
        #expect(try contract.forYear(2027).regimes[0].trends.map(\.percent) == [1, 4])
        do {
            _ = try contract.forYear(2028)
            Issue.record("indexed without a trend")
        } catch {
            #expect(
                error.message
                    == "the Zvw per-capita amount cannot be indexed to 2028: the contract has no trend for 2028"
            )
        }
        // 29 February moves to 28 February in a year without it.
        #expect(try CalendarDate(parsing: "2028-02-29").shifted(years: 1) == (try CalendarDate(parsing: "2029-02-28")))
    }

    // Dated trends are growth between years: the first year's budget ignores them (36,500.00 for ten
    // members at 3,650.00), the second is indexed with 2027's +10 %: 36,500.00 × 1.1 = 40,150.00.
    @Test func datedTrendsIndexOnlyTheYearsAfterTheFirst() throws {
        var scenario = SettlementScenario()
        scenario.contract.term = ContractTerm(years: 2)
        scenario.contract.regimes[0].trends = [Trend(percent: 10, year: 2026), Trend(percent: 10, year: 2027)]
        #expect(try scenario.settle().regimes[0].budget == Cents(3_650_000))
        scenario.contract = try scenario.contract.forYear(2027)
        let second = try scenario.settle()
        #expect(second.contract.period.start == (try CalendarDate(parsing: "2027-01-01")))
        #expect(second.regimes[0].budget == Cents(4_015_000))
    }
}
