import CapitationCore
import SettlementReports
import Testing

// The settlement arithmetic on scenarios computed by hand. Unless a test says otherwise: budgets Zvw
// 36,500.00 and Wlz 73,000.00 (ten members × 365 days × 10.00 and 20.00 a day), total 109,500.00.
struct SettlementCalculatorTests {
    // Claims 30,000.00 (Zvw) and 60,000.00 (Wlz): savings 6,500.00 and 13,000.00, total 19,500.00, a rate
    // of 19,500 ÷ 109,500 = 0.178082 (17.8082 %), above the MSR of 2 %. Earned 50 % = 9,750.00, under the
    // cap of 10 % × 109,500.00 = 10,950.00; the 2 % payment reduction is 195.00; payout 9,555.00.
    // Financed in proportion to savings, 6,500 : 13,000 = 1 : 2: the insurer 3,185.00, the care office
    // 6,370.00; each part goes 80/20 to the cooperative and the fund.
    @Test func sharesSavingsFromTheFirstEuro() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        let settlement = try scenario.settle()
        #expect(settlement.regimes.map(\.budget) == [Cents(3_650_000), Cents(7_300_000)])
        #expect(settlement.regimes.map(\.savings) == [Cents(650_000), Cents(1_300_000)])
        #expect(settlement.totals.savingsRate == (try ExactDecimal(parsing: "0.178082")))
        #expect(settlement.minimumSavingsRate?.met == true)
        let sharing = settlement.sharing
        #expect((sharing.earned, sharing.cap, sharing.capped) == (Cents(975_000), Cents(1_095_000), false))
        #expect((sharing.paymentReduction, sharing.payout) == (Cents(19_500), Cents(955_500)))
        #expect(
            SettlementScenario.flows(settlement, "shared savings") == [
                "insurer-a→coop 2548.00", "insurer-a→fund 637.00", "zk→coop 5096.00", "zk→fund 1274.00",
            ]
        )
        #expect(settlement.parties.map(\.net) == [Cents(-318_500), Cents(-637_000), Cents(764_400), Cents(191_100)])
    }

    // At a sharing rate of 100 % the earned 19,500.00 exceeds the cap of 10,950.00; the reduction is
    // 2 % of the capped amount, 219.00; payout 10,731.00.
    @Test func capsEarnedSavings() throws {
        var scenario = SettlementScenario()
        scenario.vary { $0.sharingRate.rate = 100 }
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        let sharing = try scenario.settle().sharing
        #expect((sharing.earned, sharing.earnedAfterCap, sharing.capped) == (Cents(1_950_000), Cents(1_095_000), true))
        #expect((sharing.paymentReduction, sharing.payout) == (Cents(21_900), Cents(1_073_100)))
    }

    /// Shared above the MSR only: base 19,500.00 − 2 % × 109,500.00 = 17,310.00; × 50 % = 8,655.00.
    @Test func sharesOnlyAboveTheMinimumWhenAgreed() throws {
        var scenario = SettlementScenario()
        scenario.vary { $0.sharingRate.basis = .aboveMinimum }
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        let sharing = try scenario.settle().sharing
        #expect(sharing.sharedBase == Cents(1_731_000))
        #expect(sharing.earned == Cents(865_500))
    }

    // Savings of 1,095.00 are exactly 1 % of the budget: they meet an MSR of 1 % ("meets or exceeds") and
    // miss one of 1.000001 %.
    @Test func testsTheMinimumSavingsRateExactly() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_650_000 - 109_500, wlz: 7_300_000)
        scenario.vary { $0.minimumSavingsRate = .fixed(1) }
        #expect(try scenario.settle().minimumSavingsRate?.met == true)
        let slightlyMore = try Percentage(parsing: "1.000001")
        scenario.vary { $0.minimumSavingsRate = .fixed(slightlyMore) }
        let settlement = try scenario.settle()
        #expect(settlement.minimumSavingsRate?.met == false)
        #expect(settlement.sharing.payout == .zero)
        #expect(settlement.transfers.isEmpty)
    }

    /// Ten members under the MSSP table: 0–499 people → 12.2 %; savings of 17.8 % meet it.
    @Test func looksUpTheMSSPTable() throws {
        var scenario = SettlementScenario()
        scenario.vary { $0.minimumSavingsRate = .table("mssp") }
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        let msr = try #require(try scenario.settle().minimumSavingsRate)
        #expect(
            (msr.mode, msr.rate, msr.populationSize, msr.met) == ("table", try Percentage(parsing: "12.2"), 10, true)
        )
    }

    // Two members, each with a budget share of 3,650.00 + 7,300.00 = 10,950.00, cost 100.00 and 300.00:
    // E = 2,190,000 cents, C = 40,000; each cost minus its share at the population's rate C ÷ E is
    // ∓10,000 cents, so the standard error of the savings rate is √(2 × 10⁸) ÷ 2,190,000 = 0.00645759
    // (eight decimals, rounded down); × z 1.960 × 100 % = 1.26568764 → 1.265688 %.
    @Test func derivesTheMSRFromTheSpreadOfCosts() throws {
        var scenario = SettlementScenario(memberCount: 2)
        scenario.vary { $0.minimumSavingsRate = .confidence(95) }
        scenario.claim(1, .zvw, 10_000)
        scenario.claim(2, .zvw, 30_000)
        let msr = try #require(try scenario.settle().minimumSavingsRate)
        #expect(msr.rate == (try Percentage(parsing: "1.265688")))
        // Identical costs have no spread: the MSR is zero.
        var equal = SettlementScenario(memberCount: 3)
        equal.vary { $0.minimumSavingsRate = .confidence(90) }
        for member in 1...3 { equal.claim(member, .wlz, 50_000) }
        #expect(try equal.settle().minimumSavingsRate?.rate == .zero)
    }

    // Quality: acute admissions (lower is better, target 300, floor 500) and experienced control (higher,
    // target 80, floor 60), weights 2 and 1. 3 admissions over 3,650 days = 10 person-years → 300.0 per
    // 1,000 → 1 point; control 70 → (70 − 60) ÷ 20 = 0.5 points; score (2 × 1 + 0.5) ÷ 3 = 0.833333.
    // Final sharing rate 50 % × 0.833333 = 41.66665 %; earned = 19,500.00 × 0.4166665 = 8,124.99675 →
    // 8,125.00 (half-even).
    @Test func multipliesTheSharingRateByTheQualityScore() throws {
        var scenario = SettlementScenario()
        scenario.contract.quality = try Self.qualityTerms(mandatory: false)
        scenario.vary { $0.sharingRate.quality = .multiply }
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        for _ in 1...3 {
            scenario.observations.addEvent("admissions", on: SettlementScenario.date("2026-05-01"), window: Self.year)
        }
        // An event before the period is excluded.
        scenario.observations.addEvent("admissions", on: SettlementScenario.date("2025-05-01"), window: Self.year)
        try scenario.observations.addMeasure("control", value: 70, respondents: 40)
        let settlement = try scenario.settle()
        let quality = try #require(settlement.quality)
        #expect(quality.indicators.map(\.value) == [try ExactDecimal(parsing: "300"), 70])
        #expect(quality.indicators.map(\.points) == [1, try ExactDecimal(parsing: "0.5")])
        #expect(quality.indicators.first?.excludedEvents == 1)
        #expect(quality.score == (try ExactDecimal(parsing: "0.833333")))
        #expect(settlement.sharing.finalSharingRate == (try Percentage(parsing: "41.66665")))
        #expect(settlement.sharing.earned == Cents(812_500))
    }

    // A mandatory indicator beyond its floor (600 admissions per 1,000 person-years, floor 500) fails the
    // gate, and the score (2 × 0 + 1 × 1) ÷ 3 = 0.333333 misses the minimum of 0.4: under "multiply" and
    // "gate" nothing is shared; under "none" quality does not matter.
    @Test func gatesSharingOnMandatoryIndicators() throws {
        var scenario = SettlementScenario()
        scenario.contract.quality = try Self.qualityTerms(mandatory: true)
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        for _ in 1...6 {
            scenario.observations.addEvent("admissions", on: SettlementScenario.date("2026-05-01"), window: Self.year)
        }
        try scenario.observations.addMeasure("control", value: 80, respondents: 10)
        for (application, payout) in [
            (QualityApplication.multiply, Cents.zero), (.gate, .zero), (.none, Cents(955_500)),
        ] {
            scenario.vary { $0.sharingRate.quality = application }
            let settlement = try scenario.settle()
            #expect(settlement.quality?.gatePassed == false)
            #expect(
                settlement.quality?.gateFailures.map(\.message) == [
                    "the score 0.333333 is below the minimum 0.4",
                    "mandatory indicator 'admissions' is beyond its floor (600, floor 500)",
                ]
            )
            #expect(settlement.sharing.payout == payout)
        }
    }

    // Two-sided: claims 40,000.00 and 75,000.00 give savings −3,500.00 and −2,000.00, a loss of 5,500.00
    // (5.0228 % ≥ the MLR of 2 %). The loss-sharing rate is 100 % − 60 % = 40 %, within 40–60 %: the shared
    // loss is 2,200.00, under the cap of 5 % × 109,500.00 = 5,475.00. The financiers receive it in
    // proportion to their losses, 3,500 : 2,000 (1,400.00 and 800.00), each part paid 80/20 by the
    // recipients: the insurer 1,120.00 from the cooperative and 280.00 from the fund, the care office
    // 640.00 and 160.00.
    @Test func sharesLossesTwoSided() throws {
        var scenario = SettlementScenario()
        scenario.vary {
            $0.sides = .two
            $0.sharingRate.rate = 60
            $0.minimumLossRate = .sameAsSavings
            $0.lossSharingRate = .complementOfSharingRate(minimum: 40, maximum: 60)
            $0.lossCap = 5
        }
        scenario.spend(zvw: 4_000_000, wlz: 7_500_000)
        let settlement = try scenario.settle()
        #expect(settlement.minimumLossRate?.met == true)
        #expect(settlement.sharing.lossSharingRate == 40)
        #expect(
            (settlement.sharing.sharedLoss, settlement.sharing.lossCap, settlement.sharing.lossPayment) == (
                Cents(220_000), Cents(547_500), Cents(220_000)
            )
        )
        #expect(settlement.sharing.paymentReduction == .zero)
        #expect(
            SettlementScenario.flows(settlement, "shared losses") == [
                "coop→insurer-a 1120.00", "fund→insurer-a 280.00", "coop→zk 640.00", "fund→zk 160.00",
            ]
        )
        // A one-sided contract shares no losses.
        scenario.vary { $0.sides = .one }
        #expect(try scenario.settle().transfers.isEmpty)
    }

    // Capitation with ACO REACH Global corridors. Claims 20,000.00 and 45,000.00: savings 44,500.00, 40.64 %
    // of the budget. Kept: 100 % of the first 25 % (27,375.00), 50 % of 25–35 % (10,950.00 × 0.5 = 5,475.00),
    // 25 % of the part above 35 % (44,500.00 − 38,325.00 = 6,175.00 × 0.25 = 1,543.75): 34,393.75. Paid in
    // proportion to the budgets, 1 : 2: 11,464.5833… → 11,464.58 and 22,929.1666… → 22,929.17 (the leftover
    // cent goes to the larger remainder).
    @Test func keepsCapitationResultsWithinCorridors() throws {
        var scenario = SettlementScenario(
            settlement: .capitation(
                CapitationTerms(corridors: [
                    CorridorBand(from: 0, to: 25, providerShare: 100),
                    CorridorBand(from: 25, to: 35, providerShare: 50),
                    CorridorBand(from: 35, to: 50, providerShare: 25),
                    CorridorBand(from: 50, to: nil, providerShare: 10),
                ])
            )
        )
        scenario.contract.distribution?.financing = .proportionalToBudget
        scenario.contract.distribution?.recipients = [Recipient(share: 100, receiver: .party("coop"))]
        scenario.spend(zvw: 2_000_000, wlz: 4_500_000)
        let settlement = try scenario.settle()
        #expect(settlement.sharing.payout == Cents(3_439_375))
        #expect(
            SettlementScenario.flows(settlement, "capitation result") == [
                "insurer-a→coop 11464.58", "zk→coop 22929.17",
            ]
        )
        // A loss of 10,950.00 (10 % of the budget) is borne in full: the providers pay it back.
        scenario.spend(zvw: 4_495_000, wlz: 1_050_000)  // on top of the claims above: expenditure 120,450.00
        let loss = try scenario.settle()
        #expect(loss.totals.savings == Cents(-1_095_000))
        #expect(loss.sharing.lossPayment == Cents(1_095_000))
    }

    // Fee-for-service settles nothing but the agreed payments: here a lump sum of 5,000.00, which is both
    // budget and expenditure of the care office's regime.
    @Test func settlesFeeForServiceWithOnlyLumpSums() throws {
        var scenario = SettlementScenario(settlement: .feeForService)
        scenario.contract.lumpSums = [LumpSum(payer: "zk", payee: "coop", amount: Cents(500_000), label: "night care")]
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        let settlement = try scenario.settle()
        #expect(settlement.regimes.map(\.budget) == [Cents(3_650_000), Cents(7_800_000)])
        #expect(settlement.regimes.map(\.expenditure) == [Cents(3_000_000), Cents(6_500_000)])
        #expect(settlement.transfers.map(\.reason) == ["lump sum: night care"])
        #expect(settlement.parties.map(\.net) == [.zero, Cents(-500_000), Cents(500_000), .zero])
    }

    // Truncation at the 80th percentile of five members' costs 100, 200, 300, 400 and 10,000.00: nearest
    // rank ⌈0.8 × 5⌉ = 4, threshold 400.00; the fifth member's excess of 9,600.00 (all Wlz) is not counted.
    @Test func truncatesAtAPercentile() throws {
        var scenario = SettlementScenario(memberCount: 5)
        scenario.contract.truncation = .percentile(80)
        for (member, amount) in [(1, 10_000), (2, 20_000), (3, 30_000), (4, 40_000)] {
            scenario.claim(member, .zvw, Int64(amount))
        }
        scenario.claim(5, .wlz, 1_000_000)
        let settlement = try scenario.settle()
        #expect(settlement.totals.truncationThreshold == Cents(40_000))
        #expect(settlement.regimes.map(\.truncated) == [.zero, Cents(960_000)])
        #expect(settlement.regimes.map(\.expenditure) == [Cents(100_000), Cents(40_000)])
    }

    // Fixed financing shares 70/30; a recipient group divides by attributed members (each member goes to the
    // provider with the largest accepted amount for them: seven to gp-a, three to gp-b, so 70/30); a fixed
    // transfer of 100.00.
    @Test func distributesByFixedSharesAndAttributedMembers() throws {
        var scenario = SettlementScenario()
        scenario.contract.parties += [
            Party(id: "gp-a", role: .provider, name: "GP A"), Party(id: "gp-b", role: .provider, name: "GP B"),
        ]
        scenario.contract.distribution = Distribution(
            financing: .fixedShares([
                FinancierShare(party: "insurer-a", share: 70), FinancierShare(party: "zk", share: 30),
            ]),
            recipients: [Recipient(share: 100, receiver: .attributedMembers(["gp-a", "gp-b"], category: nil))],
            transfers: [Transfer(from: "zk", to: "fund", amount: .fixed(Cents(10_000)), label: "fixed")]
        )
        for member in 1...10 { scenario.claim(member, .zvw, 100_000, provider: member <= 6 ? "gp-a" : "gp-b") }
        scenario.claim(7, .zvw, 150_000, provider: "gp-a")  // member 7 now has more from gp-a: 7 and 3
        // Expenditure 11,500.00 of 36,500.00 (Zvw) and nothing in the Wlz: savings 98,000.00; earned 49,000.00,
        // capped at 10,950.00; reduction 219.00; payout 10,731.00 → 70/30: 7,511.70 and 3,219.30.
        let settlement = try scenario.settle()
        #expect(settlement.sharing.payout == Cents(1_073_100))
        #expect(
            SettlementScenario.flows(settlement, "shared savings") == [
                "insurer-a→gp-a 5258.19", "insurer-a→gp-b 2253.51", "zk→gp-a 2253.51", "zk→gp-b 965.79",
            ]
        )
        #expect(SettlementScenario.flows(settlement, "transfer: fixed") == ["zk→fund 100.00"])
    }

    // The budget is per-capita amount × risk-weighted days ÷ days in the period, trended and discounted,
    // rounded once: two members of weights 0.8 and 1.4 all year (803 risk-weighted days), 4,210.00 a year,
    // +3.1 % and −2 %: 421,000 × 803 ÷ 365 × 1.031 × 0.98 = 935,813.956 cents → 9,358.14.
    @Test func computesTheBudgetExactly() throws {
        var contract = try SampleContract.make()
        contract.regimes[0].trends = [Trend(percent: try Percentage(parsing: "3.1"))]
        contract.regimes[0].discount = 2
        let members = [
            Member(id: "a", birthDate: SettlementScenario.date("1945-06-01"), sex: .female),  // 80: 0.8
            Member(id: "b", birthDate: SettlementScenario.date("1935-06-01"), sex: .female),  // 90: 1.4
        ]
        let settlement = try Self.settleWithoutClaims(contract, members)
        #expect(settlement.risk.first?.riskWeightedDays == 803)
        #expect(settlement.regimes.first?.budget == Cents(935_814))
        // With a growth cap of 3 % over a baseline mean of 1.0, the mean 1.1 is capped at 1.03: risk-weighted
        // days 1.03 × 730 = 751.9; 421,000 × 751.9 ÷ 365 = 867,260.00 cents before trend and discount.
        contract.regimes[0].trends = []
        contract.regimes[0].discount = nil
        contract.riskModels[0].growthCap = GrowthCap(percent: 3, baselineMeanScore: 1)
        let capped = try Self.settleWithoutClaims(contract, members)
        #expect(capped.risk.first?.growthCapApplied == true)
        #expect(capped.risk.first?.budgetRiskWeightedDays == (try ExactDecimal(parsing: "751.9")))
        #expect(capped.regimes.first?.budget == Cents(867_260))
    }

    // The growth cap compares the exact mean score, not the mean reported to six decimals. Member b joins
    // on 2 January: 0.8 × 365 + 1.4 × 364 = 801.6 risk-weighted days over 729 exposure days, a mean of
    // 1.0995884773…, reported as 1.099588. The cap of 3 % over a baseline mean of 1.0675615 is
    // 1.099588345: below the exact mean, so the cap applies, although the reported mean lies below it.
    // The budget uses 1.099588345 × 729 = 801.599903505 days: 421,000 × 801.599903505 ÷ 365 =
    // 924,585.094… cents, where the uncapped 801.6 days give 924,585.205…; both round to 9,245.85.
    @Test func capsRiskGrowthOnTheExactMeanScore() throws {
        var contract = try SampleContract.make()
        contract.riskModels[0].growthCap = GrowthCap(
            percent: 3,
            baselineMeanScore: try ExactDecimal(parsing: "1.0675615")
        )
        let members = [
            Member(id: "a", birthDate: SettlementScenario.date("1945-06-01"), sex: .female),  // 80: 0.8
            Member(
                id: "b",
                birthDate: SettlementScenario.date("1935-06-01"),
                sex: .female,
                enrolledFrom: SettlementScenario.date("2026-01-02")
            ),  // 90: 1.4
        ]
        let settlement = try Self.settleWithoutClaims(contract, members)
        let risk = try #require(settlement.risk.first)
        #expect(risk.riskWeightedDays == (try ExactDecimal(parsing: "801.6")))
        #expect(risk.meanScore == (try ExactDecimal(parsing: "1.099588")))
        #expect(risk.growthCapApplied)
        #expect(risk.budgetRiskWeightedDays == (try ExactDecimal(parsing: "801.599903505")))
        #expect(settlement.regimes.first?.budget == Cents(924_585))
    }

    // A cap beyond the demographic part (MSSP from PY2024). Member a, 80, with frailty-mid: 0.8 + 0.3 = 1.1;
    // member b, 90: 1.4; both all year. Risk-weighted days (1.1 + 1.4) × 365 = 912.5 over 730 exposure days:
    // mean 1.25. The demographic part (cells alone) is (0.8 + 1.4) × 365 = 803 days, mean 1.1; the markers'
    // part 0.15.
    // - Baseline mean 1.0, baseline demographic mean 1.0, 3 points: demographic growth 1.1 ÷ 1.0 = 1.1, so
    //   the mean may reach 1.0 × (1.1 + 0.03) = 1.13; 1.25 is above it: 1.13 × 730 = 824.9 days, a budget
    //   of 421,000 × 824.9 ÷ 365 = 951,460 cents.
    // - With the whole-score cap of 3 % as well, the lower limit 1.03 applies: 751.9 days, 867,260 cents.
    // - Baseline demographic mean 0.9: growth 1.1 ÷ 0.9 = 1.2222… → 1.222222, limit 1.252222; 1.25 is below
    //   it, so nothing is capped: 912.5 days, 421,000 × 912.5 ÷ 365 = 1,052,500 cents.
    @Test func capsRiskGrowthBeyondTheDemographicPart() throws {
        var contract = try SampleContract.make()
        let members = [
            Member(id: "a", birthDate: SettlementScenario.date("1945-06-01"), sex: .female, markers: ["frailty-mid"]),
            Member(id: "b", birthDate: SettlementScenario.date("1935-06-01"), sex: .female),
        ]
        contract.riskModels[0].growthCap = GrowthCap(
            baselineMeanScore: 1,
            demographicPlus: 3,
            baselineDemographicMeanScore: 1
        )
        let capped = try Self.settleWithoutClaims(contract, members)
        let risk = try #require(capped.risk.first)
        #expect(risk.meanScore == (try ExactDecimal(parsing: "1.25")))
        #expect(risk.demographicMeanScore == (try ExactDecimal(parsing: "1.1")))
        #expect(risk.markerMeanScore == (try ExactDecimal(parsing: "0.15")))
        #expect(risk.demographicGrowth == (try ExactDecimal(parsing: "1.1")))
        #expect(risk.growthCapApplied)
        #expect(risk.budgetRiskWeightedDays == (try ExactDecimal(parsing: "824.9")))
        #expect(capped.regimes.first?.budget == Cents(951_460))
        let step = try #require(capped.steps.first { $0.id == "risk.elderly" })
        let limit = try ExactDecimal(parsing: "1.13")
        #expect(step.results.contains { $0.name == "cappedMeanScore" && $0.value == .decimal(limit) })

        contract.riskModels[0].growthCap?.percent = 3
        let both = try Self.settleWithoutClaims(contract, members)
        #expect(both.risk.first?.budgetRiskWeightedDays == (try ExactDecimal(parsing: "751.9")))
        #expect(both.regimes.first?.budget == Cents(867_260))

        contract.riskModels[0].growthCap = GrowthCap(
            baselineMeanScore: 1,
            demographicPlus: 3,
            baselineDemographicMeanScore: try ExactDecimal(parsing: "0.9")
        )
        let uncapped = try Self.settleWithoutClaims(contract, members)
        #expect(uncapped.risk.first?.demographicGrowth == (try ExactDecimal(parsing: "1.222222")))
        #expect(uncapped.risk.first?.growthCapApplied == false)
        #expect(uncapped.risk.first?.budgetRiskWeightedDays == (try ExactDecimal(parsing: "912.5")))
        #expect(uncapped.regimes.first?.budget == Cents(1_052_500))

        // Without the baseline demographic mean the limit cannot apply, and the settlement says so.
        contract.riskModels[0].growthCap?.baselineDemographicMeanScore = nil
        let unknown = try Self.settleWithoutClaims(contract, members)
        #expect(unknown.risk.first?.growthCapApplied == false && unknown.risk.first?.demographicGrowth == nil)
        #expect(
            unknown.warnings.contains { $0.kind == .demographicLimitWithoutBaseline(model: contract.riskModels[0].id) }
        )
        #expect(unknown.warnings.contains { $0.description.contains("has no baseline demographic mean score") })
    }

    // The same cap with a normalisation factor of 1.042, a baseline mean of 1.2 and a member who joins on
    // 2 July (183 days), so that scaling, days and the baseline each count. Member a, 80, frailty-mid, all
    // year: 1.1 × 1.042 = 1.1462 (cells 0.8 × 1.042 = 0.8336); member b, 90: 1.4 × 1.042 = 1.4588, all cells.
    // Risk-weighted days 1.1462 × 365 + 1.4588 × 183 = 418.363 + 266.9604 = 685.3234 over 548 exposure days:
    // mean 1.2505901… → 1.250590. Demographic days 0.8336 × 365 + 266.9604 = 571.2244: mean 1.0423802… →
    // 1.042380; markers' part 0.208210. Against a baseline demographic mean of 1.1 the demographic part fell:
    // growth 1.0423802… ÷ 1.1 = 0.9476184… → 0.947618, so the mean may reach 1.2 × (0.947618 + 0.03) =
    // 1.1731416, below 1.2505901…: capped to 1.1731416 × 548 = 642.8815968 days, a budget of 421,000 ×
    // 642.8815968 ÷ 365 = 741,515.4856… → 741,515 cents.
    @Test func capsRiskGrowthBeyondAFallingDemographicPart() throws {
        var contract = try SampleContract.make()
        contract.regimes[0].trends = []
        contract.regimes[0].discount = nil
        contract.riskModels[0].normalisationFactor = try ExactDecimal(parsing: "1.042")
        contract.riskModels[0].growthCap = GrowthCap(
            baselineMeanScore: try ExactDecimal(parsing: "1.2"),
            demographicPlus: 3,
            baselineDemographicMeanScore: try ExactDecimal(parsing: "1.1")
        )
        let members = [
            Member(id: "a", birthDate: SettlementScenario.date("1945-06-01"), sex: .female, markers: ["frailty-mid"]),
            Member(
                id: "b",
                birthDate: SettlementScenario.date("1935-06-01"),
                sex: .female,
                enrolledFrom: SettlementScenario.date("2026-07-02")
            ),
        ]
        let settlement = try Self.settleWithoutClaims(contract, members)
        let risk = try #require(settlement.risk.first)
        #expect(risk.riskWeightedDays == (try ExactDecimal(parsing: "685.3234")))
        #expect(risk.meanScore == (try ExactDecimal(parsing: "1.25059")))
        #expect(risk.demographicMeanScore == (try ExactDecimal(parsing: "1.04238")))
        #expect(risk.markerMeanScore == (try ExactDecimal(parsing: "0.20821")))
        #expect(risk.demographicGrowth == (try ExactDecimal(parsing: "0.947618")))
        #expect(risk.growthCapApplied)
        #expect(risk.budgetRiskWeightedDays == (try ExactDecimal(parsing: "642.8815968")))
        #expect(settlement.regimes.first?.budget == Cents(741_515))
    }

    /// The settlement of `contract` for `members`, without claims or observations: its population, risk
    /// and budget.
    private static func settleWithoutClaims(_ contract: Contract, _ members: [Member]) throws -> Settlement {
        try SettlementCalculator(
            contract: contract,
            population: PopulationEvaluation(roster: members, contract: contract),
            ledger: ClaimLedger(memberCount: members.count, groupCount: 0),
            indicators: IndicatorObservations(),
            inputs: []
        ).settle()
    }

    // Spending in a regime the contract does not cover (here 1,234.56 in the Wmo) is totalled and warned
    // about: costs shifted there would otherwise look like savings.
    @Test func totalsSpendingInRegimesOutsideTheContract() throws {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 6_000_000)
        scenario.claim(2, .wmo, 123_456)
        let settlement = try scenario.settle()
        #expect(settlement.totals.outOfScopeByRegime[.wmo] == Cents(123_456))
        #expect(settlement.totals.outOfScope == Cents(123_456))
        #expect(
            settlement.warnings.map(\.description).contains(
                "the population spent 1234.56 in the Wmo, which the contract does not cover (possible cost shifting)"
            )
        )
        #expect(settlement.reconciliation.rejected.first { $0.reason == .outOfScope }?.total.lines == 1)
    }

    @Test func refusesAnEmptyPopulation() throws {
        let scenario = SettlementScenario(memberCount: 1)
        var empty = scenario
        empty.members[0].birthDate = SettlementScenario.date("1990-01-01")
        #expect(throws: SettlementError.self) { try empty.settle() }
    }

    static let year = DatePeriod(
        start: SettlementScenario.date("2026-01-01"),
        end: SettlementScenario.date("2026-12-31")
    )

    static func qualityTerms(mandatory: Bool) throws -> QualityTerms {
        QualityTerms(
            minimumScore: try ExactDecimal(parsing: "0.4"),
            indicators: [
                OutcomeIndicator(
                    id: "admissions",
                    better: .lower,
                    unit: .perThousandPersonYears,
                    baseline: 400,
                    target: 300,
                    floor: 500,
                    weight: 2,
                    isMandatory: mandatory
                ),
                OutcomeIndicator(
                    id: "control",
                    better: .higher,
                    unit: .percent,
                    baseline: 70,
                    target: 80,
                    floor: 60,
                    weight: 1
                ),
            ]
        )
    }
}

struct ClaimLedgerTests {
    /// Ledgers of disjoint members, each reconciled on its own (as on separate machines), merge into
    /// exactly the ledger of all of them: the settlement is the same.
    @Test func mergesPartialLedgersExactly() throws {
        var scenario = SettlementScenario()
        for member in 1...10 {
            scenario.claim(member, .zvw, Int64(10_000 * member))
            scenario.claim(member, .wlz, Int64(3_333 * member))
        }
        let whole = try scenario.settle()
        let population = PopulationEvaluation(roster: scenario.members, contract: scenario.contract)
        let reconciler = ClaimReconciler(contract: scenario.contract)
        var halves = [ClaimLedger(memberCount: 10, groupCount: 0), ClaimLedger(memberCount: 10, groupCount: 0)]
        for (member, lines) in Dictionary(grouping: scenario.lines, by: \.member) {
            let (position, window) = population.window(of: member)
            let reconciliation = try reconciler.reconcile(lines, window: window, onRoster: position != nil)
            try halves[(position ?? 0) % 2].add(
                reconciliation,
                member: position,
                lineCount: lines.count,
                amount: lines.map(\.signedAmount).sum()
            )
        }
        var merged = halves[1]
        try merged.merge(halves[0])
        let settlement = try SettlementCalculator(
            contract: scenario.contract,
            population: population,
            ledger: merged,
            indicators: IndicatorObservations(),
            inputs: []
        ).settle()
        #expect(SettlementJSON.render(settlement) == SettlementJSON.render(whole))
    }
}
