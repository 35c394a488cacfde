import CapitationCore
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
        rule.actualPercent = try Percentage(parsing: actual)
        return try rule.factors(forecast: forecast)?.applied
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
        #expect(try TrendAdjustment(threshold: 1).factors(forecast: .one) == nil)
    }

    // Against a forecast of +3 % (F = 1.03) and an actual −2.2 %: ratio 0.978 ÷ 1.03 = 0.949514…, a
    // deviation of 5.0485… %: applied = 1 − 0.04 − 0.5 × (1 − 0.978 ÷ 1.03 − 0.04) = 0.48 + 0.489 ÷ 1.03 =
    // 0.954757…, exactly. The budget's factor is then 1.03 × that = 0.4944 + 0.489 = 0.9834: a per-capita
    // Zvw budget of 36,500.00 becomes 35,894.10 instead of 37,595.00 under the forecast alone.
    @Test func comparesTheActualTrendWithTheBudgetsForecast() throws {
        let forecast = try Self.fraction("1.03")
        var rule = Self.reach
        rule.actualPercent = try Percentage(parsing: "-2.2")
        let result = try #require(try rule.factors(forecast: forecast))
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

        // Until the actual trend is known the budget keeps the forecast, and the settlement says so.
        scenario.contract.regimes[0].trendAdjustment = Self.reach
        let provisional = try scenario.settle()
        #expect(provisional.regimes[0].capitationBudget == Cents(3_759_500))
        #expect(provisional.regimes[0].trendAdjustment?.appliedFactor == .one)
        #expect(provisional.warnings.contains { $0.contains("retrospective trend adjustment without an actual trend") })

        // The report shows the adjustment beside the budget.
        let markdown = SettlementMarkdown.render(try SettlementDocument(SettlementJSON.render(settlement)))
        #expect(markdown.contains("| Zvw | 1.03 | -2.2 % | 0.949515 | 0.954757 |"))
    }
}
