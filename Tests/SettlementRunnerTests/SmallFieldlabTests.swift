import CapitationCore
import Foundation
import SettlementRunner
import Testing

/// `Examples/small-fieldlab` settles to exactly the figures derived by hand in its `EXPECTED.md`.
struct SmallFieldlabTests {
    private func settle() async throws -> (Settlement, [String: Any], String) {
        let folder = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { folder.remove() }
        let outcome = try await folder.settle(threads: 2)
        let json = try JSONSerialization.jsonObject(
            with: Data(contentsOf: URL(fileURLWithPath: folder.path("settlement/settlement.json")))
        )
        let rejected = try String(contentsOfFile: folder.path("settlement/rejected-claims.csv"), encoding: .utf8)
        return (outcome.settlement, try #require(json as? [String: Any]), rejected)
    }

    @Test func matchesTheFiguresDerivedByHand() async throws {
        let (settlement, _, _) = try await settle()
        // 1. Population
        #expect(settlement.population.rosterMembers == 16)
        #expect(settlement.population.members == 12)
        #expect(settlement.population.exposureDays == 3_832)
        #expect(settlement.population.personYears == (try ExactDecimal(parsing: "10.49863")))
        #expect(settlement.population.excluded.map(\.members) == [1, 1, 1, 1])
        // 2. Risk
        let risk = try #require(settlement.risk.first)
        #expect(risk.riskWeightedDays == (try ExactDecimal(parsing: "5546.8")))
        #expect(risk.meanScore == (try ExactDecimal(parsing: "1.447495")))
        #expect(risk.growthCapApplied)
        #expect(risk.budgetRiskWeightedDays == (try ExactDecimal(parsing: "5525.744")))
        // 3. Budget
        #expect(settlement.regimes.map(\.capitationBudget) == [Cents(5_636_259), Cents(1_657_723), Cents(11_051_488)])
        #expect(settlement.regimes.map(\.budget) == [Cents(5_636_259), Cents(2_157_723), Cents(11_051_488)])
        #expect(settlement.totals.budget == Cents(18_845_470))
        // 4. Claims
        let reconciliation = settlement.reconciliation
        #expect(reconciliation.read == .init(lines: 53, amount: Cents(30_929_723)))
        #expect(reconciliation.accepted == .init(lines: 34, amount: Cents(16_680_850)))
        #expect(
            reconciliation.rejected.map(\.total) == [
                .init(lines: 3, amount: Cents(-212_000)), .init(lines: 2, amount: Cents(6_752_500)),
                .init(lines: 1, amount: Cents(-12_000)),
                .init(lines: 2, amount: Cents(996_000)), .init(lines: 8, amount: Cents(5_411_833)),
                .init(lines: 3, amount: Cents(1_312_540)),
            ]
        )
        #expect(settlement.regimes.map(\.claims) == [Cents(4_773_050), Cents(2_196_600), Cents(9_711_200)])
        #expect(settlement.regimes.map(\.acceptedLines) == [17, 12, 5])
        #expect(settlement.regimes.map(\.outOfScope) == [Cents(287_540), Cents(45_000), Cents(980_000)])
        // 5. Truncation
        #expect(settlement.regimes.map(\.truncated) == [Cents(6_840), .zero, Cents(133_160)])
        // 6. Expenditure and savings
        #expect(settlement.regimes.map(\.expenditure) == [Cents(4_766_210), Cents(2_696_600), Cents(9_578_040)])
        #expect(settlement.regimes.map(\.savings) == [Cents(870_049), Cents(-538_877), Cents(1_473_448)])
        #expect(settlement.totals.savings == Cents(1_804_620))
        #expect(settlement.totals.savingsRate == (try ExactDecimal(parsing: "0.095759")))
        // 7. MSR
        #expect(settlement.minimumSavingsRate?.met == true)
        // 8. Quality
        let quality = try #require(settlement.quality)
        #expect(quality.indicators.map(\.value) == [try ExactDecimal(parsing: "381.002088"), 75])
        #expect(
            quality.indicators.map(\.points) == [
                try ExactDecimal(parsing: "0.59499"), try ExactDecimal(parsing: "0.75"),
            ]
        )
        #expect(quality.indicators.first?.events == 4)
        #expect(quality.indicators.first?.excludedEvents == 2)
        #expect(quality.score == (try ExactDecimal(parsing: "0.64666")))
        #expect(quality.gatePassed)
        // 9. Sharing
        let sharing = settlement.sharing
        #expect(sharing.finalSharingRate == (try Percentage(parsing: "32.333")))
        #expect(sharing.earned == Cents(583_488))
        #expect(sharing.cap == Cents(1_884_547))
        #expect(sharing.paymentReduction == Cents(11_670))
        #expect(sharing.payout == Cents(571_818))
        // 10. Distribution
        #expect(
            settlement.transfers.map { "\($0.from)→\($0.to) \($0.amount)" } == [
                "winterswijk→coop 5000.00", "insurer-a→coop 1698.35", "insurer-a→prevention-fund 424.59",
                "zk-achterhoek→coop 2876.19", "zk-achterhoek→prevention-fund 719.05",
                "zk-achterhoek→winterswijk 2784.81",
            ]
        )
        #expect(
            settlement.parties.map(\.net) == [
                Cents(-212_294), Cents(-221_519), Cents(-638_005), Cents(957_454), Cents(114_364),
            ]
        )
        #expect(try settlement.parties.map(\.net).sum() == .zero)
        // Chance: the twelve members' budget shares and costs, with the lump sum of 5,000.00 fixed in both,
        // add up to the settled budget (188,454.70) and expenditure (170,408.50), so the resampled rate
        // starts from the settled one.
        let outcomes = try #require(settlement.memberOutcomes)
        #expect(outcomes.count == 12)
        #expect((outcomes.fixedBudget, outcomes.fixedCost) == (500_000, 500_000))
        #expect((outcomes.totalBudget, outcomes.totalCost) == (18_845_470, 17_040_850))
        let chance = try #require(settlement.chance)
        #expect(chance.observedRate == settlement.totals.savingsRate)
        #expect((chance.members, chance.resamples, chance.seed) == (12, 1_000, 1))
        #expect(chance.payout?.rate == 2)
    }

    @Test func writesTheDocumentedKeysAndTheRejectedLines() async throws {
        let (_, json, rejected) = try await settle()
        for key in [
            "contract", "inputs", "population", "risk", "reconciliation", "regimes", "totals", "minimumSavingsRate",
            "quality", "sharing", "parties", "transfers", "chance", "steps",
        ] {
            #expect(json[key] != nil, "settlement.json lacks \(key)")
        }
        let totals = try #require(json["totals"] as? [String: Any])
        #expect(totals["savingsCents"] as? Int == 1_804_620)
        #expect(totals["savingsRate"] as? String == "0.095759")
        let inputs = try #require(json["inputs"] as? [[String: Any]])
        #expect(
            inputs.map { $0["role"] as? String } == [
                "contract", "population", "claims", "claims", "claims", "indicators", "indicators",
            ]
        )
        #expect(inputs.allSatisfy { ($0["sha256"] as? String)?.count == 64 })
        let lines = rejected.split(separator: "\n")
        #expect(lines.first == "source_file,line,claim_id,regime,amount,reason,detail")
        #expect(lines.count == 1 + 19)
        #expect(
            lines.contains {
                $0.hasSuffix(
                    "wlz.csv,8,L001,Wlz,58400.00,duplicate reference,\"another debit of the same member, regime and provider has reference L001\""
                )
            }
        )
    }

    // What stops a run is told by its code: claims without a regime's file, a contract that breaks its
    // schema (located at its line 9, where <period> is), and the engine's refusal for an indicator without observations.
    @Test func namesWhatStopsARunByItsCode() async throws {
        let missing = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { missing.remove() }
        try FileManager.default.removeItem(atPath: missing.path("claims/wlz.csv"))
        let incomplete = await #expect(throws: RunError.self) { try await missing.settle(threads: 2) }
        #expect(incomplete?.code == .incompleteClaims && incomplete?.isRefusal == true)
        #expect(incomplete?.settlement == nil)

        let broken = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { broken.remove() }
        let contract = try String(contentsOfFile: broken.path("contract.xml"), encoding: .utf8)
        try broken.write("contract.xml", contract.replacing("<period start=", with: "<period begin="))
        let invalid = await #expect(throws: RunError.self) { try await broken.settle(threads: 2) }
        #expect(invalid?.code == .invalidInput && invalid?.isRefusal == false)
        #expect(invalid?.location?.path == broken.path("contract.xml") && invalid?.location?.line == 9)

        let unobserved = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { unobserved.remove() }
        try FileManager.default.removeItem(atPath: unobserved.path("indicators.csv"))
        let refused = await #expect(throws: RunError.self) { try await unobserved.settle(threads: 2) }
        #expect(refused?.code == .settlementRefused && refused?.settlement == .unobservedIndicators)
    }
}
