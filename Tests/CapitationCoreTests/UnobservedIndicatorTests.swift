import CapitationCore
import Testing

// Indicators without observations. The scenario saves 19,500.00 on a budget of 109,500.00 (claims
// 30,000.00 and 60,000.00); one-sided, MSR 2 %, sharing rate 50 % × the quality score, cap 10 % of the
// budget (10,950.00), payment reduction 2 %. Its indicators: admissions (events; lower is better, target
// 300, floor 500 per 1,000 person-years, weight 2) and control (measured; higher is better, target 80,
// floor 60, weight 1), minimum score 0.4. Control is measured at 70: (70 − 60) ÷ 20 = 0.5 points.
struct UnobservedIndicatorTests {
    static func scenario(
        whenUnobserved: UnobservedIndicatorRule = .refuse,
        admissionsRule: UnobservedIndicatorRule? = nil,
        mandatory: Bool = false
    ) throws -> SettlementScenario {
        var scenario = SettlementScenario()
        var terms = try SettlementCalculatorTests.qualityTerms(mandatory: mandatory)
        terms.whenUnobserved = whenUnobserved
        terms.indicators[0].whenUnobserved = admissionsRule
        scenario.contract.quality = terms
        scenario.vary { $0.sharingRate.quality = .multiply }
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        try scenario.observations.addMeasure("control", value: 70, respondents: 40)
        return scenario
    }

    // By default a settlement without observations of an indicator is refused, naming it and saying how
    // to go on: no score is computed from a missing measurement.
    @Test func refusesByDefault() throws {
        let scenario = try Self.scenario()
        #expect(
            throws: SettlementError(
                "indicator 'admissions' has no observations, and the contract refuses to settle without them "
                    + "(whenUnobserved=\"refuse\", the default): supply the observations; for an event indicator "
                    + "that had no events, declare so with the row ',admissions,none' in an events file; or let "
                    + "the contract decide in advance with whenUnobserved=\"zero-points\" or \"leave-out\" on "
                    + "<indicators> or <indicator>"
            )
        ) {
            try scenario.settle()
        }
        // Every refusing indicator is named at once.
        var neither = try Self.scenario()
        neither.observations = IndicatorObservations()
        let error = #expect(throws: SettlementError.self) { try neither.settle() }
        #expect(error?.message.hasPrefix("indicators 'admissions', 'control' have no observations") == true)
    }

    // Zero points, as the contract says: admissions earn 0 points and keep their weight 2, so the score is
    // (2 × 0 + 1 × 0.5) ÷ 3 = 0.166667, below the minimum 0.4: the gate fails and nothing is shared,
    // where the savings would otherwise earn a payout. The settlement names the indicator and the rule.
    @Test func givesZeroPointsWhenTheContractSaysSo() throws {
        let settlement = try Self.scenario(whenUnobserved: .zeroPoints).settle()
        let quality = try #require(settlement.quality)
        #expect(quality.indicators.map(\.points) == [0, try ExactDecimal(parsing: "0.5")])
        #expect(quality.indicators.map(\.observations) == [.none(.zeroPoints), .measuredValues])
        #expect(quality.indicators.map(\.inScore) == [true, true])
        #expect(quality.unobserved.map(\.indicator.id) == ["admissions"])
        #expect(quality.score == (try ExactDecimal(parsing: "0.166667")))
        #expect(quality.gatePassed == false)
        #expect(settlement.sharing.payout == .zero)
        #expect(
            settlement.warnings.contains(
                "indicator 'admissions' has no observations and earns zero points, as the contract says (whenUnobserved=\"zero-points\")"
            )
        )
        // settlement.json names it, and reads back.
        let document = try SettlementDocument(json: Array(SettlementJSON.render(settlement).serialized().utf8))
        let written = try #require(document.quality)
        #expect(written.unobserved == ["admissions"])
        #expect(written.indicators.map(\.observations) == ["none", "measured-values"])
        #expect(written.indicators.map(\.whenUnobserved) == ["zero-points", nil])
        #expect(written.indicators.map(\.inScore) == [true, true])
    }

    // Left out, as the contract says: the score is control's alone, 1 × 0.5 ÷ 1 = 0.5 ≥ 0.4; the final
    // sharing rate 50 % × 0.5 = 25 % earns 19,500.00 × 25 % = 4,875.00, under the cap; less 2 % (97.50):
    // payout 4,777.50. The quality step lists only the weights that count and names what was left out.
    @Test func leavesTheIndicatorOutWhenTheContractSaysSo() throws {
        for scenario in [
            try Self.scenario(whenUnobserved: .leaveOut),
            try Self.scenario(whenUnobserved: .refuse, admissionsRule: .leaveOut),
        ] {
            let settlement = try scenario.settle()
            let quality = try #require(settlement.quality)
            #expect(quality.indicators.map(\.inScore) == [false, true])
            #expect(quality.score == (try ExactDecimal(parsing: "0.5")))
            #expect(quality.gatePassed)
            #expect(settlement.sharing.finalSharingRate == 25)
            #expect((settlement.sharing.earned, settlement.sharing.payout) == (Cents(487_500), Cents(477_750)))
            let step = try #require(settlement.steps.first { $0.id == "quality" })
            #expect(step.inputs.map(\.name) == ["weight.control", "points.control", "leftOut", "minimumScore"])
            #expect(step.inputs[2].value == .text("admissions"))
        }
    }

    // Zero events is a measurement when an input says the indicator was measured: declared with no
    // events, admissions are 0 per 1,000 person-years, beyond the target of 300: 1 point; the score is
    // (2 × 1 + 0.5) ÷ 3 = 0.833333 and the final rate 41.66665 %: earned 19,500.00 × 0.4166665 =
    // 8,124.99675 → 8,125.00. An event outside the period is a row of data too: counted none, excluded one,
    // the same 0 per 1,000 and 1 point.
    @Test func countsZeroEventsAsAMeasurementWhenTheDataWasSupplied() throws {
        var declared = try Self.scenario()
        declared.observations.declareNoEvents("admissions")
        var excluded = try Self.scenario()
        excluded.observations.addEvent(
            "admissions",
            on: SettlementScenario.date("2025-12-31"),
            window: SettlementCalculatorTests.year
        )
        for (scenario, kind) in [(declared, IndicatorObservationKind.declaredNoEvents), (excluded, .events)] {
            let settlement = try scenario.settle()
            let quality = try #require(settlement.quality)
            #expect(quality.indicators.map(\.observations) == [kind, .measuredValues])
            #expect(quality.indicators.first?.value == .zero)
            #expect(quality.indicators.first?.measured == true)
            #expect(quality.indicators.first?.points == 1)
            #expect(quality.unobserved.isEmpty)
            #expect(quality.score == (try ExactDecimal(parsing: "0.833333")))
            #expect(settlement.sharing.earned == Cents(812_500))
        }
    }

    // A mandatory indicator without observations fails the gate under zero points, whatever its score:
    // here (2 × 0 + 0.5) ÷ 3 = 0.166667, and the gate names both failures; nothing is shared.
    @Test func failsTheGateOnAMandatoryIndicatorWithZeroPoints() throws {
        let settlement = try Self.scenario(admissionsRule: .zeroPoints, mandatory: true).settle()
        #expect(
            settlement.quality?.gateFailures == [
                "the score 0.166667 is below the minimum 0.4",
                "mandatory indicator 'admissions' has no observations",
            ]
        )
        #expect(settlement.sharing.payout == .zero)
    }

    // Without any indicator left in the score there is no score: refused.
    @Test func refusesWhenEveryIndicatorIsLeftOut() throws {
        var scenario = try Self.scenario(whenUnobserved: .leaveOut)
        scenario.observations = IndicatorObservations()
        let error = #expect(throws: SettlementError.self) { try scenario.settle() }
        #expect(error?.message.hasPrefix("the quality score cannot be computed: no indicator has observations") == true)
    }
}
