import CapitationCore
import SettlementReports
import Testing

/// The retrospective trend adjustment, worked by hand in each corridor of ACO REACH from PY2024: threshold
/// 1 %, deviations of 0–4 % borne 100 %, 4–8 % 50 %, above 8 % 0 %.
struct TrendAdjustmentTests {
    static let reach = TrendAdjustment(
        threshold: 1,
        corridors: [
            TrendCorridor(from: 0, to: 4, borne: 100), TrendCorridor(from: 4, to: 8, borne: 50),
            TrendCorridor(from: 8, to: nil, borne: 0),
        ]
    )

    static func applied(actual: String, forecast: Fraction = .one, _ rule: TrendAdjustment = reach) throws -> Fraction?
    {
        var rule = rule
        rule.actuals = [TrendActual(year: 2026, percent: try Percentage(parsing: actual))]
        return try rule.factors(year: 2026, budgetForecast: forecast)?.applied
    }

    static func fraction(_ text: String) throws -> Fraction { Fraction(try ExactDecimal(parsing: text)) }

    // Against a forecast of 1 (no trend), the ratio is 1 + actual:
    // - +0.5 %: within the 1 % threshold, the budget stays: 1.
    // - exactly −1 %: still within (at most the threshold): 1.
    // - −3 %: all in the first corridor, borne in full: 0.97.
    // - −5.09 % (the ratio 0.9491 of PY2021): 4 % borne in full and 1.09 % half: 1 − 0.04 − 0.00545 = 0.95455.
    // - +10 %: 4 % + half of 4 % + none of 2 %: 1.06.
    // - without corridors, −2 % is borne in full: 0.98.
    @Test func bearsTheDeviationInCorridors() throws {
        #expect(try Self.applied(actual: "0.5") == .one)
        #expect(try Self.applied(actual: "-1") == .one)
        #expect(try Self.applied(actual: "-3") == (try Self.fraction("0.97")))
        #expect(try Self.applied(actual: "-5.09") == (try Self.fraction("0.95455")))
        #expect(try Self.applied(actual: "10") == (try Self.fraction("1.06")))
        #expect(try Self.applied(actual: "-2", TrendAdjustment(threshold: 1)) == (try Self.fraction("0.98")))
        #expect(try TrendAdjustment(threshold: 1).factors(year: 2026, budgetForecast: .one) == nil)
        // At the corridors' edges: +1 % is still within the threshold; 4 % is the first corridor in full
        // (0.96); 8 % is 4 % + half of 4 % (0.94); 8 % and more adds nothing (−20 %: 0.94 too).
        #expect(try Self.applied(actual: "1") == .one)
        #expect(try Self.applied(actual: "-4") == (try Self.fraction("0.96")))
        #expect(try Self.applied(actual: "-8") == (try Self.fraction("0.94")))
        #expect(try Self.applied(actual: "-20") == (try Self.fraction("0.94")))
        // The actual of another year does not apply.
        var other = Self.reach
        other.actuals = [TrendActual(year: 2027, percent: -5)]
        #expect(try other.factors(year: 2026, budgetForecast: .one) == nil)
    }

    // Against a forecast of +3 % (F = 1.03) and an actual −2.2 %: ratio 0.978 ÷ 1.03 = 0.949514…, a
    // deviation of 5.0485… %: applied = 1 − 0.04 − 0.5 × (1 − 0.978 ÷ 1.03 − 0.04) = 0.48 + 0.489 ÷ 1.03 =
    // 0.954757…, exactly. The budget's factor is then 1.03 × that = 0.4944 + 0.489 = 0.9834: a per-capita
    // Zvw budget of 36,500.00 becomes 35,894.10 instead of 37,595.00 under the forecast alone.
    @Test func comparesTheActualTrendWithTheBudgetsForecast() throws {
        let forecast = try Self.fraction("1.03")
        var rule = Self.reach
        rule.actuals = [TrendActual(year: 2026, percent: try Percentage(parsing: "-2.2"))]
        let result = try #require(try rule.factors(year: 2026, budgetForecast: forecast))
        #expect(result.forecast == forecast)
        let ratio = try Self.fraction("0.978") / forecast
        let applied = try Self.fraction("0.48") + (try Self.fraction("0.489") / forecast)
        #expect(result.ratio == ratio)
        #expect(result.applied == applied)
        #expect(forecast * result.applied == (try Self.fraction("0.9834")))

        var scenario = SettlementScenario()
        scenario.contract.regimes[0].trends = [Trend(percent: 3, label: "forecast")]
        scenario.contract.regimes[0].trendAdjustment = rule
        let settlement = try scenario.settle()
        #expect(settlement.regimes[0].capitationBudget == Cents(3_589_410))
        let adjustment = try #require(settlement.regimes[0].trendAdjustment)
        #expect(adjustment.forecastFactor == (try ExactDecimal(parsing: "1.03")))
        #expect(adjustment.ratio == (try ExactDecimal(parsing: "0.949515")))
        #expect(adjustment.appliedFactor == (try ExactDecimal(parsing: "0.954757")))
        let step = try #require(settlement.steps.first { $0.id == "budget.Zvw" })
        #expect(step.results.contains { $0.name == "trendAdjustmentFactor" })

        // A per-capita amount that carries its trend inside (pasted from a baseline) names the forecast it
        // carries: with no trend in the contract and forecastPercent 3, the ratio is the same, 0.949515, and
        // the budget 36,500.00 × 0.954757… = 34,848.64 (0.48 × 36,500 + 0.489 × 36,500 ÷ 1.03 = 17,520 +
        // 17,328.640…).
        var carried = scenario
        carried.contract.regimes[0].trends = []
        carried.contract.regimes[0].trendAdjustment?.actuals = [
            TrendActual(year: 2026, percent: try Percentage(parsing: "-2.2"), forecastPercent: 3)
        ]
        let named = try carried.settle()
        #expect(named.regimes[0].trendAdjustment?.ratio == (try ExactDecimal(parsing: "0.949515")))
        #expect(named.regimes[0].capitationBudget == Cents(3_484_864))

        // Until the actual trend is known the budget keeps the forecast, and the settlement says so.
        scenario.contract.regimes[0].trendAdjustment = Self.reach
        let provisional = try scenario.settle()
        #expect(provisional.regimes[0].capitationBudget == Cents(3_759_500))
        #expect(provisional.regimes[0].trendAdjustment?.appliedFactor == .one)
        #expect(
            provisional.warnings.contains {
                $0.description.contains("retrospective trend adjustment without an actual trend")
            }
        )

        // The report shows the adjustment beside the budget.
        let markdown = SettlementMarkdown.render(try SettlementDocument(SettlementJSON.render(settlement)))
        #expect(markdown.contains("| Zvw | 1.03 | -2.2 % | 0.949515 | 0.954757 |"))
    }
}
