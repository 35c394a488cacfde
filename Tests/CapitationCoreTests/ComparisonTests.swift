import CapitationCore
import Testing

// The payment models on the scenario's ten members (no risk model): budgets Zvw 36,500.00 and Wlz
// 73,000.00, claims Zvw 30,000.00 and Wlz 72,000.00, so savings Zvw 6,500.00 + Wlz 1,000.00 = 7,500.00
// (6.849315 % of 109,500.00). The payout is financed in proportion to savings (6,500 : 1,000) and goes
// 80 % to the cooperative, 20 % to the fund.
@Suite("Comparing payment models")
struct ComparisonTests {
    static func scenario() -> SettlementScenario {
        var scenario = SettlementScenario()
        scenario.spend(zvw: 3_000_000, wlz: 7_200_000)
        return scenario
    }

    static func settle(_ model: PaymentModel) throws -> Settlement {
        var scenario = scenario()
        scenario.contract = model.applied(to: scenario.contract)
        let population = PopulationEvaluation(roster: scenario.members, contract: scenario.contract)
        var ledger = ClaimLedger(memberCount: scenario.members.count, groupCount: 0)
        let reconciler = ClaimReconciler(contract: scenario.contract)
        let (position, window) = population.window(of: MemberID("m1"))
        try ledger.add(
            try reconciler.reconcile(scenario.lines, window: window, onRoster: position != nil),
            member: position,
            lineCount: scenario.lines.count,
            amount: try scenario.lines.map(\.signedAmount).sum()
        )
        let settlement = try SettlementCalculator(
            contract: scenario.contract,
            population: population,
            ledger: ledger,
            indicators: IndicatorObservations(),
            inputs: [],
            chance: nil,
            incentives: Cents(10_000)
        ).settle()
        try SettlementScenario.checkInvariants(settlement)
        return settlement
    }

    static func comparison() throws -> ModelComparison {
        let entries = try PaymentModel.allCases.map { model in
            ModelComparison.Entry(name: model.rawValue, summary: "", settlement: try settle(model))
        }
        // Fee-for-service is the reference, given once; the others in the order of the models.
        let reference = try #require(entries.first { $0.name == PaymentModel.feeForService.rawValue })
        return try ModelComparison(
            feeForService: reference,
            entries: entries.filter { $0.name != PaymentModel.feeForService.rawValue }
        )
    }

    static func nets(_ settlement: Settlement) -> [String: Cents] {
        Dictionary(uniqueKeysWithValues: settlement.parties.map { ($0.party.rawValue, $0.net) })
    }

    @Test("Fee-for-service: the financiers pay the claims and nothing else")
    func feeForService() throws {
        let model = try #require(try Self.comparison().models.first { $0.name == "fee-for-service" })
        #expect(model.settlement.parties.allSatisfy { $0.net == .zero })
        #expect(model.financiers.map(\.totalCost) == [Cents(3_000_000), Cents(7_200_000)])
        #expect(model.providersResult == .zero)
    }

    @Test(
        "Capitation: the providers keep all 7,500.00; the financiers pay 6,500.00 and 1,000.00 more than under fee-for-service"
    )
    func capitation() throws {
        let model = try #require(try Self.comparison().models.first { $0.name == "capitation" })
        #expect(
            Self.nets(model.settlement) == [
                "insurer-a": Cents(-650_000), "zk": Cents(-100_000), "coop": Cents(600_000), "fund": Cents(150_000),
            ]
        )
        #expect(model.financiers.map(\.versusFeeForService) == [Cents(650_000), Cents(100_000)])
        #expect(model.providersResult == Cents(750_000))
    }

    @Test("REACH Professional corridors keep 50 % of the first 5,475.00 and 35 % of the next 2,025.00: 3,446.25")
    func corridors() throws {
        // 5 % of 109,500.00 = 5,475.00 at 50 % = 2,737.50; 7,500.00 − 5,475.00 = 2,025.00 at 35 % = 708.75.
        let model = try #require(try Self.comparison().models.first { $0.name == "capitation-corridors" })
        #expect(model.settlement.sharing.payout == Cents(344_625))
        #expect(model.providersResult == Cents(344_625))
    }

    @Test("One-sided shared savings: 50 % of 7,500.00 less 2 %: 3,675.00")
    func sharedSavings() throws {
        let model = try #require(try Self.comparison().models.first { $0.name == "shared-savings-one-sided" })
        #expect(model.settlement.sharing.payout == Cents(367_500))
        #expect(Self.nets(model.settlement)["insurer-a"] == Cents(-318_500))
        #expect(Self.nets(model.settlement)["zk"] == Cents(-49_000))
    }

    @Test("Under every model money paid equals money received, and the financiers' extra cost is the providers' result")
    func moneyIsConserved() throws {
        for model in try Self.comparison().models {
            #expect(try model.settlement.parties.map(\.net).sum() == .zero, "\(model.name)")
            #expect(try model.settlement.parties.map(\.pays).sum() == model.settlement.parties.map(\.receives).sum())
            #expect(try model.financiers.map(\.versusFeeForService).sum() == model.providersResult, "\(model.name)")
            for incentive in model.settlement.incentives {
                #expect(
                    try incentive.gains.map(\.amount).sum() == incentive.avoided,
                    "\(model.name) \(incentive.regime)"
                )
            }
        }
    }

    @Test(
        "Of 100.00 of Zvw care avoided, the insurer keeps all under fee-for-service, none under capitation, 51 cents a euro under shared savings"
    )
    func incentives() throws {
        let comparison = try Self.comparison()
        func cents(_ model: String, _ party: PartyID) -> ExactDecimal? {
            comparison.models.first { $0.name == model }?.settlement.incentives.first { $0.regime == .zvw }?
                .centsPerEuro(party)
        }
        #expect(cents("fee-for-service", "insurer-a") == ExactDecimal(100))
        #expect(cents("fee-for-service", "coop") == .zero)
        // Capitation: savings 7,600.00, financed 6,600 : 1,000, so the insurer pays 100.00 more and keeps nothing;
        // the cooperative and the fund gain 80.00 and 20.00.
        #expect(cents("capitation", "insurer-a") == .zero)
        #expect(cents("capitation", "zk") == .zero)
        #expect(cents("capitation", "coop") == ExactDecimal(80))
        #expect(cents("capitation", "fund") == ExactDecimal(20))
        // Shared savings: payout 50 % × 7,600.00 − 2 % = 3,724.00, 49.00 more; the insurer's part 3,724.00 ×
        // 6,600 ÷ 7,600 = 3,234.00 (49.00 more), the care office's 490.00 as before. The insurer keeps 51.00.
        #expect(cents("shared-savings-one-sided", "insurer-a") == ExactDecimal(51))
        #expect(cents("shared-savings-one-sided", "zk") == .zero)
        #expect(cents("shared-savings-one-sided", "coop") == ExactDecimal(significand: 392, scale: 1))
        #expect(cents("shared-savings-one-sided", "fund") == ExactDecimal(significand: 98, scale: 1))
    }

    @Test("A regime with less than 100.00 of care is probed with what it has")
    func smallRegime() throws {
        var scenario = Self.scenario()
        scenario.lines.removeAll { $0.regime == .wlz }
        scenario.claim(2, .wlz, 5_000)
        let settlement = try scenario.settle(incentives: Cents(10_000))
        let wlz = try #require(settlement.incentives.first { $0.regime == .wlz })
        #expect(wlz.avoided == Cents(5_000))
        #expect(try wlz.gains.map(\.amount).sum() == Cents(5_000))
        #expect(settlement.regimes.allSatisfy { $0.claims >= .zero })
    }

    @Test("The in-memory entry point measures the same incentives as the engine: 50.00 of Wlz care, all there is")
    func incentivesInMemory() throws {
        var scenario = Self.scenario()
        scenario.lines.removeAll { $0.regime == .wlz }
        scenario.claim(2, .wlz, 5_000)
        let settlement = try scenario.contract.settle(
            members: scenario.members,
            claims: scenario.lines,
            observations: scenario.observations,
            incentives: Cents(10_000)
        )
        #expect(settlement.incentives == (try scenario.settle(incentives: Cents(10_000))).incentives)
        #expect(settlement.incentives.first { $0.regime == .wlz }?.avoided == Cents(5_000))
    }

    @Test("Models derive from the contract: its own terms where it has them, MSSP Track 1 and 2 where not")
    func derivedTerms() throws {
        let contract = SettlementScenario().contract
        guard case .sharedSavings(let twoSided) = PaymentModel.sharedSavingsTwoSided.terms(for: contract) else {
            Issue.record("not shared savings")
            return
        }
        #expect(twoSided.sides == .two)
        #expect(twoSided.minimumSavingsRate == .fixed(2))
        #expect(twoSided.minimumLossRate == .sameAsSavings)
        #expect(twoSided.lossSharingRate == .complementOfSharingRate(minimum: nil, maximum: 60))
        #expect(twoSided.lossCap == 5)
        var capitation = contract
        capitation.settlement = .capitation(CapitationTerms())
        guard case .sharedSavings(let track1) = PaymentModel.sharedSavingsOneSided.terms(for: capitation) else {
            Issue.record("not shared savings")
            return
        }
        #expect(track1 == PaymentModel.track1(measuresQuality: false))
        #expect(track1.minimumSavingsRate == .table("mssp"))
        guard case .capitation(let corridors) = PaymentModel.capitationCorridors.terms(for: capitation) else {
            Issue.record("not capitation")
            return
        }
        #expect(corridors.corridors == PaymentModel.reachProfessionalCorridors)
        var withTransfer = contract
        withTransfer.distribution?.transfers = [
            Transfer(from: "zk", to: "insurer-a", amount: .percentOfRetainedSavings(25))
        ]
        #expect(PaymentModel.feeForService.applied(to: withTransfer).distribution?.transfers.isEmpty == true)
        #expect(PaymentModel.capitation.applied(to: withTransfer).distribution?.transfers.count == 1)
    }
}
