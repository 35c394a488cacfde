import CapitationCore
import SettlementReports
import Testing

// Indicators without observations. The scenario saves 19,500.00 on a budget of 109,500.00 (claims
// 30,000.00 and 60,000.00); one-sided, MSR 2 %, sharing rate 50 % × the quality score, cap 10 % of the
// budget (10,950.00), payment reduction 2 %. Its indicators: admissions (events; lower is better, target
// 300, floor 500 per 1,000 person-years, weight 2) and control (measured; higher is better, target 80,
// floor 60, weight 1), minimum score 0.4. Control is measured at 70: (70 − 60) ÷ 20 = 0.5 points.
struct UnobservedIndicatorTests {
    static func scenario(
        whenUnobserved: UnobservedIndicatorRule? = nil,
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

    // By default a settlement whose payment depends on the quality score is refused without observations
    // of an indicator, naming it, where the rule comes from and how to go on: no score is computed from a
    // missing measurement.
    @Test func refusesByDefault() throws {
        let scenario = try Self.scenario()
        #expect(
            throws: SettlementError(
                .unobservedIndicators,
                "indicator 'admissions' has no observations, and the quality score changes the payment, so the "
                    + "contract refuses to settle without it (whenUnobserved=\"refuse\", the default): supply the "
                    + "observations; for an event indicator measured without events, declare so in an events file "
                    + "with the row ',admissions,none'; or state in the contract what happens without "
                    + "observations: whenUnobserved=\"zero-points\" or \"leave-out\""
            )
        ) {
            try scenario.settle()
        }
        // Every refusing indicator is named at once, and where their rule comes from; a mandatory indicator
        // is offered only what the contract may say of it.
        var neither = try Self.scenario(admissionsRule: .refuse, mandatory: true)
        neither.observations = IndicatorObservations()
        let error = #expect(throws: SettlementError.self) { try neither.settle() }
        #expect(
            error?.message
                == "indicators 'admissions', 'control' have no observations, and the quality score changes the "
                + "payment, so the contract refuses to settle without them (whenUnobserved=\"refuse\", on the "
                + "indicator and the default): supply the observations; for an event indicator measured without "
                + "events, declare so in an events file with the row ',admissions,none'; or state in the contract "
                + "what happens without observations: whenUnobserved=\"zero-points\" or \"leave-out\" (a mandatory "
                + "indicator cannot be left out)"
        )
    }

    // Events that all lie outside the population or the period are no observation: a file of the wrong
    // year would otherwise give 0 admissions per 1,000 person-years, full points. The refusal says so.
    @Test func treatsEventsThatAllFallOutsideAsNoObservation() throws {
        var scenario = try Self.scenario()
        for day in ["2025-03-01", "2025-12-31"] {
            scenario.observations.addEvent(
                "admissions",
                on: SettlementScenario.date(day),
                window: SettlementCalculatorTests.year
            )
        }
        let error = #expect(throws: SettlementError.self) { try scenario.settle() }
        #expect(
            error?.message
                == "indicator 'admissions' (all of its 2 events lie outside the population or the period) has no "
                + "observations, and the quality score changes the payment, so the contract refuses to settle "
                + "without it (whenUnobserved=\"refuse\", the default): supply the observations; check that the "
                + "events of 'admissions' are those of the period; or state in the contract what happens without "
                + "observations: whenUnobserved=\"zero-points\" or \"leave-out\""
        )
        // With zero points, as the contract says, the settlement goes on and reports the two events.
        scenario.contract.quality?.whenUnobserved = .zeroPoints
        let settlement = try scenario.settle()
        let admissions = try #require(settlement.quality?.indicators.first)
        #expect(admissions.observations == .none(.zeroPoints))
        #expect((admissions.events, admissions.excludedEvents, admissions.measured) == (0, 2, false))
    }

    // When the quality score changes no payment (here the sharing rate does not depend on it), an
    // indicator under the default rule is left out of the score and named, instead of refusing: the score
    // is control's alone, 0.5. Without any observation there is no score: 0, with the gate failed and why.
    @Test func leavesAnUnobservedIndicatorOutWhenTheScoreChangesNoPayment() throws {
        var scenario = try Self.scenario()
        scenario.vary { $0.sharingRate.quality = .none }
        let settlement = try scenario.settle()
        let quality = try #require(settlement.quality)
        #expect(quality.indicators.map(\.observations) == [.none(.refuse), .measuredValues])
        #expect(quality.indicators.map(\.inScore) == [false, true])
        #expect(quality.score == (try ExactDecimal(parsing: "0.5")))
        #expect(settlement.sharing.payout == Cents(955_500))
        #expect(
            settlement.warnings.map(\.description).contains(
                "indicator 'admissions' has no observations; the quality score changes no payment under this contract, so it is left out of the score instead of refusing the settlement"
            )
        )
        scenario.observations = IndicatorObservations()
        scenario.contract.settlement = .feeForService
        let feeForService = try scenario.settle()
        #expect(feeForService.quality?.score == .zero)
        #expect(feeForService.quality?.gateFailures == [.noScore])
        #expect(
            feeForService.quality?.gateFailures.map(\.message) == [
                "no indicator has observations, so there is no quality score"
            ]
        )
        #expect(feeForService.quality?.unobserved.count == 2)
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
            settlement.warnings.map(\.description).contains(
                "indicator 'admissions' has no observations and earns zero points, as the contract says (whenUnobserved=\"zero-points\")"
            )
        )
        // settlement.json names it, and reads back.
        let document = try SettlementDocument(json: Array(SettlementJSON.render(settlement).serialized().utf8))
        let written = try #require(document.quality)
        #expect(written.unobserved == ["admissions"])
        #expect(written.indicators.map(\.observations) == [.unobserved, .measuredValues])
        #expect(written.indicators.map(\.whenUnobserved) == [.zeroPoints, nil])
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
            // settlement.json gives no points to the indicator left out, so that no sum counts it.
            let document = try SettlementDocument(json: Array(SettlementJSON.render(settlement).serialized().utf8))
            #expect(document.quality?.indicators.map(\.points) == [nil, try ExactDecimal(parsing: "0.5")])
            let step = try #require(settlement.steps.first { $0.id == "quality" })
            #expect(step.inputs.map(\.name) == ["weight.control", "points.control", "leftOut", "minimumScore"])
            #expect(step.inputs[2].value == .text("admissions"))
        }
    }

    // Zero events is a measurement when an input says the indicator was measured: declared with no
    // events, admissions are 0 per 1,000 person-years, beyond the target of 300: 1 point; the score is
    // (2 × 1 + 0.5) ÷ 3 = 0.833333 and the final rate 41.66665 %: earned 19,500.00 × 0.4166665 =
    // 8,124.99675 → 8,125.00. An event outside the period beside the declaration is reported, not counted.
    // The settlement says that it rests on a declaration.
    @Test func countsZeroEventsAsAMeasurementWhenDeclared() throws {
        var scenario = try Self.scenario()
        scenario.observations.declareNoEvents("admissions")
        scenario.observations.addEvent(
            "admissions",
            on: SettlementScenario.date("2025-12-31"),
            window: SettlementCalculatorTests.year
        )
        let settlement = try scenario.settle()
        let quality = try #require(settlement.quality)
        #expect(quality.indicators.map(\.observations) == [.declaredNoEvents, .measuredValues])
        let admissions = try #require(quality.indicators.first)
        #expect((admissions.value, admissions.measured, admissions.points) == (.zero, true, 1))
        #expect((admissions.events, admissions.excludedEvents) == (0, 1))
        #expect(quality.unobserved.isEmpty)
        #expect(quality.score == (try ExactDecimal(parsing: "0.833333")))
        #expect(settlement.sharing.earned == Cents(812_500))
        #expect(
            settlement.warnings.map(\.description).contains(
                "indicator 'admissions' is settled on a declaration that it had no events: 0 per 1,000 person-years"
            )
        )
    }

    // A settlement.json written before the observation keys existed still reads: every indicator in the
    // score, observed when it has a value.
    @Test func readsASettlementWrittenWithoutTheObservationKeys() throws {
        let settlement = try Self.scenario(whenUnobserved: .zeroPoints).settle()
        guard case .object(let members) = SettlementJSON.render(settlement) else { return }
        // The keys go from everywhere but the warnings, which name the rule among their own figures.
        let older = JSONValue.object(
            members.map { member in
                member.key == "warnings"
                    ? member
                    : (
                        member.key,
                        Self.removing(["observations", "whenUnobserved", "inScore", "unobserved"], from: member.value)
                    )
            }
        )
        #expect(!older.serialized().contains("\"inScore\""))
        let quality = try #require(try SettlementDocument(older).quality)
        #expect(quality.indicators.map(\.observations) == [.unobserved, .measuredValues])
        #expect(quality.indicators.map(\.inScore) == [true, true])
        #expect(quality.unobserved == ["admissions"])
    }

    /// `json` without the members named `keys`, at any depth.
    static func removing(_ keys: Set<String>, from json: JSONValue) -> JSONValue {
        switch json {
        case .object(let members):
            .object(members.filter { !keys.contains($0.key) }.map { ($0.key, removing(keys, from: $0.value)) })
        case .array(let elements): .array(elements.map { removing(keys, from: $0) })
        default: json
        }
    }

    // A mandatory indicator without observations fails the gate under zero points, whatever its score:
    // here (2 × 0 + 0.5) ÷ 3 = 0.166667, and the gate names both failures; nothing is shared.
    @Test func failsTheGateOnAMandatoryIndicatorWithZeroPoints() throws {
        let settlement = try Self.scenario(admissionsRule: .zeroPoints, mandatory: true).settle()
        #expect(
            settlement.quality?.gateFailures.map(\.message) == [
                "the score 0.166667 is below the minimum 0.4",
                "mandatory indicator 'admissions' has no observations",
            ]
        )
        #expect(
            settlement.quality?.gateFailures == [
                .scoreBelowMinimum(
                    score: try ExactDecimal(parsing: "0.166667"),
                    minimum: try ExactDecimal(parsing: "0.4")
                ),
                .mandatoryUnobserved(indicator: "admissions"),
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
