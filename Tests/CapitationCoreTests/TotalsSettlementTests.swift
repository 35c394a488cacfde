import CapitationCore
import Testing

extension Percentage {
    init(significand: Int128, scale: Int) {
        self.init(ExactDecimal(significand: significand, scale: scale))
    }
}

// Settling pre-aggregated results: each case below is computed by hand in the comments, from the
// MSSP rules of the payment-method reference (MSR table interpolated within its band, sharing from the
// first euro at the rate × quality, cap on the benchmark, payment reduction on the payout only).
@Suite("Settling from totals")
struct TotalsSettlementTests {
    /// MSSP Track 1: MSR from the table, 50 % × quality, capped at 10 % of the benchmark, 2 % payment
    /// reduction; one regime, so the one financier pays.
    static func track1() -> Contract {
        var contract = SettlementScenario().contract
        contract.regimes = [contract.regimes[0]]
        contract.settlement = .sharedSavings(
            SharedSavingsTerms(
                sides: .one,
                minimumSavingsRate: .table("mssp"),
                sharingRate: SharingRate(rate: 50, quality: .multiply),
                savingsCap: 10,
                paymentReduction: 2
            )
        )
        return contract
    }

    /// MSSP Track 2: 60 % × quality, savings cap 15 %; losses past the same (mirrored) rate shared at
    /// 1 − the final sharing rate, at most 60 %, capped at 5 % of the benchmark.
    static func track2() -> Contract {
        var contract = track1()
        contract.settlement = .sharedSavings(
            SharedSavingsTerms(
                sides: .two,
                minimumSavingsRate: .table("mssp"),
                minimumLossRate: .sameAsSavings,
                sharingRate: SharingRate(rate: 60, quality: .multiply),
                savingsCap: 15,
                lossSharingRate: .complementOfSharingRate(minimum: nil, maximum: 60),
                lossCap: 5,
                paymentReduction: 2
            )
        )
        return contract
    }

    static func euros(_ amount: Int64) -> Cents { Cents(amount * 100) }

    @Test("n = 34,601 at 3 % savings: MSR 2.353985 %, 45 % of 12,000,000.00, less 2 %")
    func msspTrack1() throws {
        // MSR = 2.5 − 0.3 × (34,601 − 20,000) ÷ (49,999 − 20,000) = 2.5 − 0.3 × 14,601 ÷ 29,999
        //     = 2.5 − 0.146015... = 2.353985 % (six decimals).
        // Savings = 400,000,000.00 − 388,000,000.00 = 12,000,000.00, a rate of 3 % ≥ 2.353985 %: met.
        // Final sharing rate = 50 % × 0.9 = 45 %; earned = 12,000,000.00 × 45 % = 5,400,000.00, under the cap
        // of 10 % × 400,000,000.00 = 40,000,000.00; reduction 2 % × 5,400,000.00 = 108,000.00;
        // payout = 5,292,000.00. Per person-year: 12,000,000.00 ÷ 33,500.5 = 358.2036… → 358.20.
        let result = try SettlementCalculator.settle(
            TotalsCase(
                id: "A",
                people: 34_601,
                personYears: ExactDecimal(significand: 335_005, scale: 1),
                budget: Self.euros(400_000_000),
                expenditure: Self.euros(388_000_000),
                qualityScore: ExactDecimal(significand: 9, scale: 1)
            ),
            under: Self.track1()
        )
        #expect(result.totals.savings == Self.euros(12_000_000))
        #expect(result.totals.savingsRate == ExactDecimal(significand: 3, scale: 2))
        #expect(result.minimumSavingsRate?.rate == Percentage(significand: 2_353_985, scale: 6))
        #expect(result.minimumSavingsRate?.met == true)
        #expect(result.sharing.finalSharingRate == 45)
        #expect(result.sharing.earned == Self.euros(5_400_000))
        #expect(result.sharing.cap == Self.euros(40_000_000))
        #expect(result.sharing.capped == false)
        #expect(result.sharing.paymentReduction == Self.euros(108_000))
        #expect(result.sharing.payout == Self.euros(5_292_000))
        #expect(result.savingsPerPersonYear == Cents(35_820))
        // One regime: the insurer pays the payout, 80 % to the cooperative and 20 % to the fund.
        #expect(result.parties.first { $0.party == "insurer-a" }?.net == Cents(-529_200_000))
        #expect(result.parties.first { $0.party == "coop" }?.net == Cents(423_360_000))
        #expect(result.parties.first { $0.party == "fund" }?.net == Cents(105_840_000))
        #expect(try result.parties.map(\.net).sum() == .zero)
    }

    // Through the public entry point, Track 1 without quality (a contract that multiplies by a quality
    // score must measure indicators): the case of msspTrack1, 12,000,000.00 saved (3 % ≥ the MSR of
    // 2.353985 %), shared at 50 %: 6,000,000.00, under the cap of 40,000,000.00; less 2 % (120,000.00):
    // payout 5,880,000.00, paid by the one insurer.
    @Test func settlesACaseThroughTheContract() throws {
        var contract = Self.track1()
        contract.settlement = .sharedSavings(
            SharedSavingsTerms(
                sides: .one,
                minimumSavingsRate: .table("mssp"),
                sharingRate: SharingRate(rate: 50, quality: .none),
                savingsCap: 10,
                paymentReduction: 2
            )
        )
        let row = TotalsCase(
            id: "A",
            people: 34_601,
            budget: Self.euros(400_000_000),
            expenditure: Self.euros(388_000_000)
        )
        let result = try contract.settle(totals: row)
        #expect(result.minimumSavingsRate?.rate == Percentage(significand: 2_353_985, scale: 6))
        #expect(result.sharing.earned == Self.euros(6_000_000))
        #expect(result.sharing.paymentReduction == Self.euros(120_000))
        #expect(result.sharing.payout == Self.euros(5_880_000))
        #expect(result.parties.first { $0.party == "insurer-a" }?.net == Cents(-588_000_000))
        // A case gives its own budget, so a rebased benchmark has nothing to rebase: refused, as
        // `capitation settle --totals` refuses it; so is a contract that breaks its rules.
        var rebased = contract
        rebased.term.benchmark = .rebased
        rebased.term.baselineWeights = [1]
        #expect(#expect(throws: SettlementError.self) { try rebased.settle(totals: row) }?.code == .baselineRequired)
        var broken = contract
        broken.regimes[0].financier = "nobody"
        let error = #expect(throws: SettlementError.self) { try broken.settle(totals: row) }
        #expect(error?.code == .invalidInput)
        #expect(error?.location == .contract(.regime(0), attribute: "financier"))
    }

    @Test("Savings meet the MSR exactly at 400,000,000.00 × 2.353985 % = 9,415,940.00, not a cent below")
    func msrMetExactly() throws {
        let budget = Self.euros(400_000_000)
        let atThreshold = try SettlementCalculator.settle(
            TotalsCase(
                id: "at",
                people: 34_601,
                budget: budget,
                expenditure: try budget - Self.euros(9_415_940),
                qualityScore: .one
            ),
            under: Self.track1()
        )
        #expect(atThreshold.minimumSavingsRate?.met == true)
        // 50 % of 9,415,940.00 = 4,707,970.00; less 2 % (94,159.40) = 4,613,810.60.
        #expect(atThreshold.sharing.payout == Cents(461_381_060))
        let below = try SettlementCalculator.settle(
            TotalsCase(
                id: "below",
                people: 34_601,
                budget: budget,
                expenditure: try budget - Self.euros(9_415_940) + Cents(1),
                qualityScore: .one
            ),
            under: Self.track1()
        )
        #expect(below.minimumSavingsRate?.met == false)
        #expect(below.sharing.payout == .zero)
        #expect(below.parties.allSatisfy { $0.net == .zero })
    }

    @Test("n = 7,500 at 30 % savings: MSR 3.3 %, earned 15,000,000.00 capped at 10,000,000.00, less 2 %")
    func capApplies() throws {
        // MSR = 3.4 − 0.2 × (7,500 − 7,000) ÷ (7,999 − 7,000) = 3.4 − 0.100100… = 3.299900 %; the rule
        // text rounds this to 3.3 %. Earned = 30,000,000.00 × 50 % = 15,000,000.00 > cap 10,000,000.00;
        // reduction 2 % × 10,000,000.00 = 200,000.00; payout 9,800,000.00.
        let result = try SettlementCalculator.settle(
            TotalsCase(
                id: "C",
                people: 7_500,
                budget: Self.euros(100_000_000),
                expenditure: Self.euros(70_000_000),
                qualityScore: .one
            ),
            under: Self.track1()
        )
        #expect(result.minimumSavingsRate?.rate == Percentage(significand: 32_999, scale: 4))
        #expect(result.sharing.earned == Self.euros(15_000_000))
        #expect(result.sharing.capped)
        #expect(result.sharing.earnedAfterCap == Self.euros(10_000_000))
        #expect(result.sharing.paymentReduction == Self.euros(200_000))
        #expect(result.sharing.payout == Self.euros(9_800_000))
    }

    @Test("Two-sided losses: 1 − final sharing rate, at most 60 %, no payment reduction, within the loss cap")
    func sharedLosses() throws {
        // Loss 412,000,000.00 − 400,000,000.00 = 12,000,000.00 = 3 % ≥ MLR 2.353985 %.
        // Quality 0.8: final sharing 60 % × 0.8 = 48 %, loss-sharing 52 %: owed 6,240,000.00 (cap 20,000,000.00).
        // Quality 0.5: final sharing 30 %, 1 − 30 % = 70 % bounded to 60 %: owed 7,200,000.00.
        for (quality, rate, owed) in [
            ("0.8", Percentage(52), Self.euros(6_240_000)), ("0.5", 60, Self.euros(7_200_000)),
        ] {
            let result = try SettlementCalculator.settle(
                TotalsCase(
                    id: "loss",
                    people: 34_601,
                    budget: Self.euros(400_000_000),
                    expenditure: Self.euros(412_000_000),
                    qualityScore: try ExactDecimal(parsing: quality)
                ),
                under: Self.track2()
            )
            #expect(result.minimumLossRate?.met == true)
            #expect(result.sharing.lossSharingRate == rate)
            #expect(result.sharing.lossPayment == owed)
            #expect(result.sharing.lossCap == Self.euros(20_000_000))
            #expect(result.sharing.paymentReduction == .zero)
            #expect(result.parties.first { $0.party == "insurer-a" }?.net == owed)
        }
    }

    @Test("Per-regime amounts divide the payout between the financiers in proportion to their savings")
    func perRegime() throws {
        // Zvw 36,500.00 − 30,000.00 = 6,500.00; Wlz 73,000.00 − 72,000.00 = 1,000.00; total 7,500.00 of
        // 109,500.00 = 6.849315 % ≥ 2 %. Earned 50 % = 3,750.00, reduction 2 % = 75.00, payout 3,675.00.
        // Insurer 3,675.00 × 6,500 ÷ 7,500 = 3,185.00, care office 490.00; each 80 % to the cooperative
        // (2,548.00 + 392.00 = 2,940.00) and 20 % to the fund (637.00 + 98.00 = 735.00).
        let result = try SettlementCalculator.settle(
            TotalsCase(
                id: "E",
                people: 10,
                budget: Self.euros(109_500),
                expenditure: Self.euros(102_000),
                regimes: [
                    RegimeTotals(regime: .zvw, budget: Self.euros(36_500), expenditure: Self.euros(30_000)),
                    RegimeTotals(regime: .wlz, budget: Self.euros(73_000), expenditure: Self.euros(72_000)),
                ]
            ),
            under: SettlementScenario().contract
        )
        #expect(result.sharing.payout == Self.euros(3_675))
        let nets = Dictionary(uniqueKeysWithValues: result.parties.map { ($0.party, $0.net) })
        #expect(nets["insurer-a"] == Self.euros(-3_185))
        #expect(nets["zk"] == Self.euros(-490))
        #expect(nets["coop"] == Self.euros(2_940))
        #expect(nets["fund"] == Self.euros(735))
        #expect(result.note == nil)
    }

    @Test("Capitation within REACH Professional corridors from totals keeps 4.55 % of the budget")
    func corridors() throws {
        // Savings 1,000,000.00 − 880,000.00 = 120,000.00 = 12 % of the budget: kept 50 % × 5 % + 35 % × 5 %
        // + 15 % × 2 % = 4.55 % = 45,500.00.
        var contract = Self.track1()
        contract.settlement = .capitation(CapitationTerms(corridors: PaymentModel.reachProfessionalCorridors))
        let result = try SettlementCalculator.settle(
            TotalsCase(id: "cap", people: 300, budget: Self.euros(1_000_000), expenditure: Self.euros(880_000)),
            under: contract
        )
        #expect(result.sharing.payout == Self.euros(45_500))
    }

    @Test(
        "A case is refused with the reason",
        arguments: [
            ("regime", "the case gives amounts for the Wmo, which the contract does not cover"),
            (
                "sums",
                "the regimes' budgets sum to 100.00 and their expenditure to 90.00, but the case's totals are 200.00 and 90.00"
            ),
            ("quality", "the contract's sharing rate depends on quality (multiply), so the case needs a quality score"),
            ("score", "the quality score 1.5 is not between 0 and 1"),
            ("people", "the number of people must be at least 1"),
            ("confidence", "a case of totals has no members"),
        ]
    )
    func refusals(reason: String, message: String) throws {
        var contract = Self.track1()
        var row = TotalsCase(
            id: reason,
            people: 100,
            budget: Self.euros(200),
            expenditure: Self.euros(90),
            qualityScore: .one
        )
        switch reason {
        case "regime": row.regimes = [RegimeTotals(regime: .wmo, budget: row.budget, expenditure: row.expenditure)]
        case "sums": row.regimes = [RegimeTotals(regime: .zvw, budget: Self.euros(100), expenditure: Self.euros(90))]
        case "quality": row.qualityScore = nil
        case "score": row.qualityScore = ExactDecimal(significand: 15, scale: 1)
        case "people": row.people = 0
        default:
            contract.settlement = .sharedSavings(
                SharedSavingsTerms(
                    sides: .one,
                    minimumSavingsRate: .confidence(95),
                    sharingRate: SharingRate(rate: 50, quality: .none)
                )
            )
        }
        let error = #expect(throws: SettlementError.self) {
            try SettlementCalculator.settle(row, under: contract)
        }
        // A minimum rate at a confidence level needs the members' spread, which a case of totals lacks.
        #expect(error?.code == (reason == "confidence" ? .minimumRateUnavailable : .caseOfTotals))
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }
}
