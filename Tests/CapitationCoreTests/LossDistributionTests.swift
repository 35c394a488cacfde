import CapitationCore
import Testing

// Who receives a shared loss. The scenario's budgets are Zvw 36,500.00 (insurer-a) and Wlz 73,000.00 (zk),
// 109,500.00 in total; the cooperative and the fund receive a payout 80/20 and pay a shared loss 80/20.
// Unless a test says otherwise the contract is two-sided: MSR and MLR 2 % (2,190.00), sharing and
// loss-sharing rate 50 %, no caps, no payment reduction.
struct LossDistributionTests {
    static func twoSided(lossCap: Percentage? = nil) -> SettlementScenario {
        SettlementScenario(
            settlement: .sharedSavings(
                SharedSavingsTerms(
                    sides: .two,
                    minimumSavingsRate: .fixed(2),
                    minimumLossRate: .sameAsSavings,
                    sharingRate: SharingRate(rate: 50, quality: .none),
                    lossSharingRate: .fixed(50),
                    lossCap: lossCap
                )
            )
        )
    }

    // Both financiers lose: claims 39,000.00 and 74,000.00 against budgets 36,500.00 and 73,000.00 give
    // savings −2,500.00 and −1,000.00, a loss of 3,500.00 (3.196 % ≥ 2 %); the providers bear 50 %, 1,750.00.
    static func bothLose(_ scenario: inout SettlementScenario) {
        scenario.spend(zvw: 3_900_000, wlz: 7_400_000)
    }

    // By default each financier receives in proportion to its own loss, 2,500 : 1,000 = 5 : 2, whatever
    // rule finances a payout: the insurer 1,750.00 × 5/7 = 1,250.00, the care office 500.00; each part is
    // paid 80/20 by the cooperative (1,000.00 and 400.00) and the fund (250.00 and 100.00). Before, a
    // contract financing payouts by budget split the loss 1 : 2 by budget as well, recipients first: the
    // insurer received 466.67 + 116.67 = 583.34 and the care office 933.33 + 233.33 = 1,166.66.
    @Test(arguments: [FinancingRule.proportionalToSavings, .proportionalToBudget, .fixedShares(Self.fixed)])
    func paysALossToTheFinanciersInProportionToTheirOwnLosses(financing: FinancingRule) throws {
        var scenario = Self.twoSided()
        scenario.contract.distribution?.financing = financing
        Self.bothLose(&scenario)
        let settlement = try scenario.settle()
        #expect(settlement.sharing.lossPayment == Cents(175_000))
        #expect(
            SettlementScenario.flows(settlement, "shared losses") == [
                "coop→insurer-a 1000.00", "fund→insurer-a 250.00", "coop→zk 400.00", "fund→zk 100.00",
            ]
        )
        #expect(settlement.parties.map(\.net) == [Cents(125_000), Cents(50_000), Cents(-140_000), Cents(-35_000)])
    }

    static let fixed = [FinancierShare(party: "insurer-a", share: 30), FinancierShare(party: "zk", share: 70)]

    // The insurer loses 4,500.00 (claims 41,000.00) and the care office saves 1,000.00 (claims 72,000.00): a
    // loss of 3,500.00 in total, of which the providers bear 1,750.00. Payouts are financed by fixed shares
    // 30/70. The care office lost nothing, so by default it receives nothing: the insurer receives all
    // 1,750.00 (1,400.00 from the cooperative, 350.00 from the fund). The care office keeps its savings of
    // 1,000.00 and passes 25 % of them, 250.00, to the insurer. Before, the fixed shares applied to the
    // loss too: the care office received 70 % of it, 1,225.00, and its transfer grew to 25 % × 2,225.00.
    @Test func givesAFinancierWithSavingsNothingOfASharedLoss() throws {
        var scenario = Self.twoSided()
        scenario.contract.distribution?.financing = .fixedShares(Self.fixed)
        scenario.contract.distribution?.transfers = [
            Transfer(from: "zk", to: "insurer-a", amount: .percentOfRetainedSavings(25), label: "Wlz savings")
        ]
        scenario.spend(zvw: 4_100_000, wlz: 7_200_000)
        let settlement = try scenario.settle()
        #expect(settlement.regimes.map(\.savings) == [Cents(-450_000), Cents(100_000)])
        #expect(settlement.sharing.lossPayment == Cents(175_000))
        #expect(
            SettlementScenario.flows(settlement, "shared losses") == [
                "coop→insurer-a 1400.00", "fund→insurer-a 350.00",
            ]
        )
        #expect(SettlementScenario.flows(settlement, "transfer: Wlz savings") == ["zk→insurer-a 250.00"])
        #expect(settlement.parties.map(\.net) == [Cents(200_000), Cents(-25_000), Cents(-140_000), Cents(-35_000)])
    }

    // The contract may say explicitly that a loss is shared like a payout: with lossFinancing fixed-shares
    // 30/70 the care office, although in surplus, receives 70 % of 1,750.00 = 1,225.00 (980.00 + 245.00)
    // and the insurer 525.00 (420.00 + 105.00); the care office's retained savings are 1,000.00 + 1,225.00
    // = 2,225.00, and it passes 25 %, 556.25, to the insurer.
    @Test func sharesALossByFixedSharesWhenTheContractSaysSo() throws {
        var scenario = Self.twoSided()
        scenario.contract.distribution?.financing = .fixedShares(Self.fixed)
        scenario.contract.distribution?.lossFinancing = .fixedShares(Self.fixed)
        scenario.contract.distribution?.transfers = [
            Transfer(from: "zk", to: "insurer-a", amount: .percentOfRetainedSavings(25), label: "Wlz savings")
        ]
        scenario.spend(zvw: 4_100_000, wlz: 7_200_000)
        let settlement = try scenario.settle()
        #expect(
            SettlementScenario.flows(settlement, "shared losses") == [
                "coop→insurer-a 420.00", "fund→insurer-a 105.00", "coop→zk 980.00", "fund→zk 245.00",
            ]
        )
        #expect(SettlementScenario.flows(settlement, "transfer: Wlz savings") == ["zk→insurer-a 556.25"])
        let step = try #require(settlement.steps.first { $0.id == "transfer.1" })
        #expect(
            step.inputs.map(\.name) == ["from", "to", "savings", "settledUnderTheContract", "retainedSavings", "share"]
        )
        #expect(
            Array(step.inputs.map(\.value)[0...4]) == [
                .text("zk"), .text("insurer-a"), .cents(Cents(100_000)), .cents(Cents(122_500)), .cents(Cents(222_500)),
            ]
        )
    }

    // A payout and a loss of the same size under the same weights have the same parts to the cent, the
    // direction reversed, because both are divided among the financiers first and then among the
    // recipients. By budget, 1 : 2, the 1,750.00 divides into 583.333… → 583.33 and 1,166.666… → 1,166.67
    // (the leftover cent to the larger remainder); 583.33 × 80 % = 466.664 → 466.66 and × 20 % = 116.666
    // → 116.67; 1,166.67 × 80 % = 933.336 → 933.34 and × 20 % = 233.334 → 233.33. The savings are those of
    // the loss with the sign turned: claims 34,000.00 and 72,000.00, savings 2,500.00 and 1,000.00, payout
    // 50 % of 3,500.00. Divided in the other order (recipients first), the cooperative's 1,400.00 would
    // go 466.67 to the insurer: a cent different from the payout.
    @Test func dividesAPayoutAndALossInTheSameOrder() throws {
        var scenario = Self.twoSided()
        scenario.contract.distribution?.financing = .proportionalToBudget
        scenario.contract.distribution?.lossFinancing = .proportionalToBudget
        var saving = scenario
        saving.spend(zvw: 3_400_000, wlz: 7_200_000)
        let payout = try saving.settle()
        #expect(payout.sharing.payout == Cents(175_000))
        #expect(
            SettlementScenario.flows(payout, "shared savings") == [
                "insurer-a→coop 466.66", "insurer-a→fund 116.67", "zk→coop 933.34", "zk→fund 233.33",
            ]
        )
        Self.bothLose(&scenario)
        let loss = try scenario.settle()
        #expect(loss.sharing.lossPayment == Cents(175_000))
        #expect(
            SettlementScenario.flows(loss, "shared losses") == [
                "coop→insurer-a 466.66", "fund→insurer-a 116.67", "coop→zk 933.34", "fund→zk 233.33",
            ]
        )
        #expect(loss.parties.map(\.net) == payout.parties.map { Cents(-$0.net.rawValue) })
    }

    // A loss cap that binds: claims 45,000.00 and 80,000.00 give savings −8,500.00 and −7,000.00, a loss of
    // 15,500.00; 50 % of it, 7,750.00, is above the cap of 5 % × 109,500.00 = 5,475.00, so the providers
    // pay 5,475.00. By own losses, 8,500 : 7,000 = 17 : 14: 547,500 × 17/31 = 300,241.935… cents and
    // 547,500 × 14/31 = 247,258.064…; the leftover cent goes to the larger remainder, the insurer's:
    // 3,002.42 and 2,472.58. The insurer's part 80/20 is 240,193.6 and 60,048.4 cents, the leftover cent to
    // the larger remainder (0.6, the cooperative's): 2,401.94 and 600.48. The care office's is 197,806.4
    // and 49,451.6, the cent to the fund: 1,978.06 and 494.52.
    @Test func paysACappedLossByOwnLosses() throws {
        var scenario = Self.twoSided(lossCap: 5)
        scenario.contract.distribution?.financing = .proportionalToBudget
        scenario.spend(zvw: 4_500_000, wlz: 8_000_000)
        let settlement = try scenario.settle()
        let sharing = settlement.sharing
        #expect((sharing.sharedLoss, sharing.lossCap, sharing.lossCapped) == (Cents(775_000), Cents(547_500), true))
        #expect(sharing.lossPayment == Cents(547_500))
        #expect(
            SettlementScenario.flows(settlement, "shared losses") == [
                "coop→insurer-a 2401.94", "fund→insurer-a 600.48", "coop→zk 1978.06", "fund→zk 494.52",
            ]
        )
        // The step lists the rule and every weight, so each part recomputes from the step alone.
        let step = try #require(settlement.steps.first { $0.id == "distribution.losses" })
        #expect(step.inputs.map(\.name) == ["amount", "lossFinancing", "weight.insurer-a", "weight.zk"])
        #expect(
            Array(step.inputs.map(\.value)[1...3]) == [
                .text("proportional-to-losses"), .decimal(850_000), .decimal(700_000),
            ]
        )
        #expect(step.results.map(\.value) == [.cents(Cents(300_242)), .cents(Cents(247_258))])
    }

    // Capitation: a negative result goes back the same way. Claims 64,950.00 (Zvw) and 55,500.00 (Wlz): the
    // insurer loses 28,450.00, the care office saves 17,500.00, the providers' result is −10,950.00, and it
    // is paid to the insurer alone, although payouts are financed by budget.
    @Test func paysACapitationLossToTheFinancierThatLost() throws {
        var scenario = SettlementScenario(settlement: .capitation(CapitationTerms(corridors: [])))
        scenario.contract.distribution?.financing = .proportionalToBudget
        scenario.contract.distribution?.recipients = [Recipient(share: 100, receiver: .party("coop"))]
        scenario.spend(zvw: 6_495_000, wlz: 5_550_000)
        let settlement = try scenario.settle()
        #expect(settlement.regimes.map(\.savings) == [Cents(-2_845_000), Cents(1_750_000)])
        #expect(SettlementScenario.flows(settlement, "capitation result") == ["coop→insurer-a 10950.00"])
    }
}
