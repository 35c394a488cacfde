import CapitationCore
import Testing

@Suite("Contract overrides")
struct ContractOverridesTests {
    static let contract = SettlementScenario().contract

    static func terms(_ text: String) throws -> SharedSavingsTerms? {
        let changed = try ContractOverrides(parsing: text).applied(to: contract)
        if case .sharedSavings(let terms) = changed.settlement { return terms }
        return nil
    }

    @Test("Overrides change one parameter each, in the order written")
    func changes() throws {
        let terms = try #require(try Self.terms("sharing-rate=60, savings-cap=15,msr=table:mssp,basis=above-minimum"))
        #expect(terms.sharingRate.rate == 60)
        #expect(terms.savingsCap == 15)
        #expect(terms.minimumSavingsRate == .table("mssp"))
        #expect(terms.sharingRate.basis == .aboveMinimum)
        #expect(terms.paymentReduction == 2)
        let twoSided = try #require(try Self.terms("sides=two,loss-sharing=30,loss-cap=none"))
        #expect(twoSided.sides == .two)
        #expect(twoSided.lossSharingRate == .fixed(30))
        #expect(twoSided.lossCap == nil)
        #expect(try Self.terms("msr=confidence:95")?.minimumSavingsRate == .confidence(95))
        #expect(try Self.terms("payment-reduction=none")?.paymentReduction == nil)
        #expect(try ContractOverrides(parsing: "name=Track 2,sides=two").name == "Track 2")
        #expect(try ContractOverrides(parsing: "sides=two, sharing-rate=60").name == "sides=two,sharing-rate=60")
    }

    @Test("Risk adjustment, discount, truncation and corridors")
    func otherParameters() throws {
        var contract = Self.contract
        contract.riskModels = [
            RiskModel(
                id: "some-model",
                cells: [AgeSexCell(sex: nil, ages: AgeRange(minimum: 75, maximum: nil), weight: .one)]
            )
        ]
        contract.regimes[0].riskModel = "some-model"
        let changed = try ContractOverrides(parsing: "risk-adjustment=off,discount=2,truncation=p99")
            .applied(to: contract)
        #expect(changed.regimes.allSatisfy { $0.riskModel == nil && $0.discount == 2 })
        #expect(changed.truncation == .percentile(99))
        #expect(
            try ContractOverrides(parsing: "truncation=250000.00").applied(to: contract).truncation
                == .perMemberAnnual(Cents(25_000_000))
        )
        // The growth cap: on the whole score, beyond the demographic part (keeping the baseline means), or none.
        contract.riskModels[0].growthCap = GrowthCap(
            percent: 3,
            baselineMeanScore: 1,
            baselineDemographicMeanScore: 1
        )
        let demographic = try ContractOverrides(parsing: "growth-cap=demographic+3").applied(to: contract)
        #expect(
            demographic.riskModels[0].growthCap
                == GrowthCap(baselineMeanScore: 1, demographicPlus: 3, baselineDemographicMeanScore: 1)
        )
        #expect(
            try ContractOverrides(parsing: "growth-cap=5").applied(to: demographic).riskModels[0].growthCap?.percent
                == 5
        )
        #expect(try ContractOverrides(parsing: "growth-cap=none").applied(to: contract).riskModels[0].growthCap == nil)
        #expect(throws: ContractOverrideError.self) {
            try ContractOverrides(parsing: "growth-cap=demographic+x").applied(to: contract)
        }
        // The actual trend, for the regimes with a retrospective trend adjustment; none has one yet.
        #expect(throws: ContractOverrideError.self) {
            try ContractOverrides(parsing: "actual-trend=-2.2").applied(to: contract)
        }
        contract.regimes[0].trendAdjustment = TrendAdjustment(
            threshold: 1,
            actuals: [TrendActual(year: 2026, percent: 1, forecastPercent: 3)]
        )
        let actual = try ContractOverrides(parsing: "actual-trend=-2.2%").applied(to: contract)
        #expect(
            actual.regimes[0].trendAdjustment?.actuals
                == [TrendActual(year: 2026, percent: try Percentage(parsing: "-2.2"), forecastPercent: 3)]
        )
        #expect(
            try ContractOverrides(parsing: "actual-trend=none").applied(to: contract).regimes[0].trendAdjustment?
                .actuals == []
        )
        #expect(throws: ContractOverrideError.self) {
            try ContractOverrides(parsing: "actual-trend=-100").applied(to: contract)
        }
        // The run-out: the stage being settled stays, its cut-off moves with the months; none counts every line.
        var staged = Self.contract
        staged.reconciliation.runOut = RunOut(months: 3, finalMonths: 12)
        staged = staged.staged(.provisional)
        let longer = try ContractOverrides(parsing: "run-out=6:12").applied(to: staged)
        #expect(longer.reconciliation.runOut == RunOut(months: 6, finalMonths: 12))
        #expect(longer.reconciliation.stage == .provisional)
        #expect(longer.reconciliation.cutOff == (try CalendarDate(parsing: "2027-06-30")))
        let none = try ContractOverrides(parsing: "run-out=none").applied(to: staged).reconciliation
        #expect(none.runOut == nil && none.cutOff == nil && none.stage == nil)
        for wrong in ["run-out=3", "run-out=3:x", "run-out=12:3"] {
            #expect(throws: ContractOverrideError.self) { try ContractOverrides(parsing: wrong).applied(to: staged) }
        }
        // Each limit of the growth cap replaces the other.
        #expect(
            try ContractOverrides(parsing: "growth-cap=5").applied(to: demographic).riskModels[0].growthCap?
                .demographicPlus == nil
        )
        let corridors = try ContractOverrides(parsing: "model=capitation,corridors=0-5:50/5-10:35/10-:15")
            .applied(to: Self.contract)
        #expect(
            corridors.settlement
                == .capitation(
                    CapitationTerms(corridors: [
                        CorridorBand(from: 0, to: 5, providerShare: 50),
                        CorridorBand(from: 5, to: 10, providerShare: 35),
                        CorridorBand(from: 10, to: nil, providerShare: 15),
                    ])
                )
        )
        let global = try ContractOverrides(parsing: "model=capitation,corridors=reach-global").applied(
            to: Self.contract
        )
        #expect(global.settlement == .capitation(CapitationTerms(corridors: PaymentModel.reachGlobalCorridors)))
        let track1 = try ContractOverrides(parsing: "model=fee-for-service,model=shared-savings")
            .applied(to: Self.contract)
        #expect(track1.settlement == .sharedSavings(PaymentModel.track1(measuresQuality: false)))
        // Fee-for-service by override is the reference model: no agreed transfers either.
        var withTransfer = Self.contract
        withTransfer.distribution?.transfers = [
            Transfer(from: "zk", to: "insurer-a", amount: .percentOfRetainedSavings(25))
        ]
        let feeForService = try ContractOverrides(parsing: "model=fee-for-service").applied(to: withTransfer)
        #expect(feeForService == PaymentModel.feeForService.applied(to: withTransfer))
    }

    @Test(
        "Overrides that cannot be read or applied are refused with the reason",
        arguments: [
            ("sharing-rate", "'sharing-rate' is not key=value"),
            ("colour=blue", "'colour' is not a parameter that can be varied"),
            ("sharing-rate=", "sharing-rate has no value"),
            ("name=x", "'name=x' changes nothing"),
            ("sharing-rate=150", "sharing-rate: '150' is not a percentage from 0 to 100"),
            ("msr=confidence:42", "msr: confidence 42 % is not one of"),
            ("msr=table:", "msr: 'table:' names no table"),
            ("quality=always", "quality: 'always' is not multiply, gate or none"),
            ("sides=three", "sides: 'three' is not one or two"),
            ("model=bundled", "model: 'bundled' is not fee-for-service, capitation or shared-savings"),
            (
                "model=capitation,sharing-rate=60",
                "sharing-rate is a parameter of shared savings, and the contract is capitation"
            ),
            ("loss-sharing-max=60", "loss-sharing-max bounds a complementary loss-sharing rate"),
            (
                "model=capitation,corridors=0-5:50/6-10:35",
                "corridors: band '6-10:35' must start where the one before ends (5)"
            ),
            ("model=capitation,corridors=0-5", "corridors: '0-5' is not from-to:share"),
            ("corridors=reach-global", "corridors is a parameter of capitation, and the contract is shared-savings"),
            (
                "model=capitation,corridors=0-5:50",
                "the changed contract breaks its rules: the last corridor band must be open-ended"
            ),
            ("msr=table:nowhere", "msr: there is no table 'nowhere'; the tables are mssp"),
            (
                "quality=gate",
                "the changed contract breaks its rules: quality \"gate\" applies the quality score, but the contract has no <indicators>"
            ),
            ("truncation=lots", "truncation: 'lots' is not none, a percentile (p99) or an amount (250000.00)"),
            ("risk-adjustment=maybe", "risk-adjustment: 'maybe' is not off or on"),
        ]
    )
    func refusals(text: String, message: String) {
        let error = #expect(throws: ContractOverrideError.self) {
            try ContractOverrides(parsing: text).applied(to: Self.contract)
        }
        #expect(error?.message.contains(message) == true, "\(error?.message ?? "")")
    }
}
