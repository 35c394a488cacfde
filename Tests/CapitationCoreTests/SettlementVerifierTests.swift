import CapitationCore
import SettlementReports
import SettlementVerification
import Testing

// The verifier recomputes a settlement.json from what it records. Every settlement a test settles through
// `SettlementScenario` is verified (`checkInvariants`); these tests show that what is changed is caught,
// named by step and field, and that what is not a settlement is refused.
struct SettlementVerifierTests {
    /// The scenario's one-sided contract (MSR 2 %, sharing 50 %, cap 10 %, payment reduction 2 %) with Zvw
    /// claims of 30,000.01 and Wlz claims of 60,000.00 against budgets of 36,500.00 and 73,000.00: savings
    /// 19,499.99 (17.8082 %), earned 50 % = 9,749.995, which rounds half-even to 9,750.00 (the even cent);
    /// payment reduction 2 % of 9,750.00 = 195.00; payout 9,555.00.
    private static func json() throws -> String {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_001, wlz: 6_000_000)
        let settlement = try scenario.settle()
        #expect(settlement.sharing.earned == Cents(975_000))
        #expect(settlement.sharing.payout == Cents(955_500))
        return SettlementJSON.render(settlement).serialized()
    }

    private static func verify(_ text: String) throws -> [String] {
        try SettlementVerifier.verify(json: Array(text.utf8)).discrepancies.map(\.description)
    }

    /// `text` with the first `old` after `anchor` replaced by `new`.
    private static func replacing(
        _ old: String,
        with new: String,
        after anchor: String = "",
        in text: String
    ) throws
        -> String
    {
        var result = text
        let start = anchor.isEmpty ? result.startIndex : try #require(result.firstRange(of: anchor)).upperBound
        let range = try #require(result[start...].firstRange(of: old))
        result.replaceSubrange(range, with: new)
        return result
    }

    @Test func verifiesTheUntouchedSettlement() throws {
        let report = try SettlementVerifier.verify(json: Array(try Self.json().utf8))
        #expect(report.verifies)
        #expect(
            report.stepsRecomputed == [
                "population", "budget.Zvw", "budget.Wlz", "reconciliation", "savings.Zvw", "savings.Wlz", "savings",
                "minimumSavingsRate", "sharing", "chance", "distribution.payout", "parties",
            ]
        )
        #expect(
            report.notRecomputable.map(\.step) == [
                "population", "reconciliation", "chance", "distribution.payout", "contract terms",
            ]
        )
    }

    // Toward zero, 9,749.995 is 9,749.99 and 2 % of it 194.9998 is 194.99: the recorded 9,750.00 and 195.00
    // do not follow under that rule. (The payout, 9,555.00 either way, does.)
    @Test func catchesARoundingRuleThatDoesNotGiveTheFigures() throws {
        let changed = try Self.replacing(
            "\"rounding\": \"half-even\"",
            with: "\"rounding\": \"toward-zero\"",
            in: try Self.json()
        )
        #expect(
            try Self.verify(changed) == [
                "sharing: result.earnedCents: recorded 975000, recomputed 974999",
                "sharing: result.reductionCents: recorded 19500, recomputed 19499",
                "sharing: sharing.earnedCents: recorded 975000, recomputed 974999",
                "sharing: sharing.earnedAfterCapCents: recorded 975000, recomputed 974999",
                "sharing: sharing.paymentReductionCents: recorded 19500, recomputed 19499",
            ]
        )
    }

    // Both financiers save: the Zvw 6,499.99 and the Wlz 13,000.00, so the payout of 9,555.00 is financed
    // in proportion to them: the insurer's exact part is 955,500 × 649,999 ÷ 1,949,999 = 318,499.673 cents
    // and the care office's 637,000.327; the cent left over goes to the larger remainder, the insurer's:
    // 318,500 and 637,000. A cent moved to the care office still sums to the payout, but is not the split.
    @Test func catchesAPartOfThePayoutThatIsNotItsShare() throws {
        let changed = try Self.replacing(
            "\"insurer-a\": 318500",
            with: "\"insurer-a\": 318499",
            after: "\"step\": \"distribution.payout\"",
            in: try Self.json()
        )
        let discrepancies = try Self.verify(changed)
        #expect(
            discrepancies.first
                == "distribution.payout: result.partCents.insurer-a: recorded 318499, recomputed 318500"
        )
    }

    @Test func namesAMissingStepAndAnUnreadableInput() throws {
        let json = try Self.json()
        let withoutStep = try Self.replacing("\"step\": \"budget.Wlz\"", with: "\"step\": \"budget.Other\"", in: json)
        let found = try Self.verify(withoutStep)
        #expect(found.contains("steps: steps: recorded no step budget.Wlz, recomputed a step budget.Wlz"))
        let unreadable = try Self.replacing(
            "\"perCapitaAnnualCents\": 365000",
            with: "\"perCapitaAnnualCents\": \"3650.00\"",
            after: "\"step\": \"budget.Zvw\"",
            in: json
        )
        #expect(
            try Self.verify(unreadable) == [
                "budget.Zvw: inputs.perCapitaAnnualCents: recorded \"3650.00\", recomputed an amount in cents (so the "
                    + "step cannot be recomputed)"
            ]
        )
    }

    // The gate fails twice over: admissions, mandatory, have no observations and earn zero points, so the
    // score is (2 × 0 + 1 × 0.5) ÷ 3 = 0.166667, below the minimum 0.4. The recorded failures must be
    // those two, in that order, with those figures.
    @Test func catchesAGateFailureThatDoesNotFollow() throws {
        let settlement = try UnobservedIndicatorTests.scenario(admissionsRule: .zeroPoints, mandatory: true).settle()
        let json = SettlementJSON.render(settlement).serialized()
        #expect(try Self.verify(json) == [])
        let score = try Self.replacing(
            "\"score\": \"0.166667\"",
            with: "\"score\": \"0.5\"",
            after: "\"gateFailures\"",
            in: json
        )
        #expect(
            try Self.verify(score) == [
                "quality: quality.gateFailures[0].score: recorded \"0.5\", recomputed \"0.166667\""
            ]
        )
        let code = try Self.replacing(
            "\"code\": \"mandatory-unobserved\"",
            with: "\"code\": \"given-as-failed\"",
            after: "\"gateFailures\"",
            in: json
        )
        #expect(
            try Self.verify(code) == [
                "quality: quality.gateFailures[1].code: recorded \"given-as-failed\", recomputed \"mandatory-unobserved\""
            ]
        )
    }

    @Test func refusesWhatIsNotASettlement() throws {
        #expect(throws: VerificationError("not JSON: line 1, column 2: an object's key must be a string")) {
            try SettlementVerifier.verify(json: Array("{".utf8))
        }
        #expect(
            throws: VerificationError(
                "not a settlement.json of format capitation-settlement/3, /2 or /1: its format is capitation-evaluation/1"
            )
        ) {
            try SettlementVerifier.verify(json: Array(#"{"format": "capitation-evaluation/1"}"#.utf8))
        }
        let json = try Self.replacing(
            "\"rounding\": \"half-even\"",
            with: "\"rounding\": \"bankers\"",
            in: try Self.json()
        )
        #expect(
            throws: VerificationError(
                "contract.rounding is \"bankers\", not one of half-even, half-away-from-zero, toward-zero, "
                    + "away-from-zero, floor, ceiling"
            )
        ) {
            try SettlementVerifier.verify(json: Array(json.utf8))
        }
    }

    // Across settlements drawn from seeds (every payment model, rounding rule and financing rule), each
    // kind of step is recomputed somewhere, and every one verifies (checked for each in `checkInvariants`).
    @Test func recomputesEveryKindOfStepOfTheDrawnSettlements() throws {
        var kinds: Set<String> = []
        for seed in SettlementPropertyTests.seeds {
            let json = SettlementJSON.render(try DrawnSettlement(seed: seed).scenario.settle()).serialized()
            let report = try SettlementVerifier.verify(json: Array(json.utf8))
            #expect(report.verifies, "seed \(seed)")
            for step in report.stepsRecomputed {
                kinds.insert(String(step.prefix { $0 != "." }))
            }
        }
        #expect(
            kinds.isSuperset(of: [
                "population", "budget", "reconciliation", "savings", "minimumSavingsRate", "minimumLossRate", "sharing",
                "capitation", "distribution", "parties", "schedule", "chance",
            ]),
            "\(kinds.sorted())"
        )
    }
}
