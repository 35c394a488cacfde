import CapitationCore
import ContractXML
import Foundation
import Testing

// The example contracts shipped in `Contracts/` load without a warning and hold exactly the values
// their XML states.
struct ExampleContractTests {
    private func load(_ name: String) throws -> Contract {
        let loaded = try ContractLoader().load(
            contentsOf: Fixtures.repository.appendingPathComponent("Contracts/\(name)").path
        )
        #expect(loaded.warnings.isEmpty, "\(loaded.warnings)")
        return loaded.contract
    }

    private func decimal(_ text: String) throws -> ExactDecimal { try ExactDecimal(parsing: text) }
    private func date(_ text: String) throws -> CalendarDate { try CalendarDate(parsing: text) }

    @Test func theFieldlabHoldsItsValues() throws {
        let contract = try load("fieldlab-oost-achterhoek.xml")
        #expect(contract.id == "oost-achterhoek-2026")
        #expect(contract.version == "1")
        #expect(contract.period == DatePeriod(start: try date("2026-01-01"), end: try date("2026-12-31")))
        #expect(contract.rounding == .halfEven)
        #expect(contract.parties.map(\.id) == ["insurer-a", "winterswijk", "zk-achterhoek", "coop", "prevention-fund"])
        #expect(contract.parties.map(\.role) == [.insurer, .municipality, .careOffice, .provider, .fund])
        #expect(contract.party("coop")?.agb == "73730001")
        #expect(contract.party("winterswijk")?.municipalityCode == "0294")

        let population = contract.population
        #expect(population.referenceDate == (try date("2026-01-01")))
        #expect(population.minimumAge == 75 && population.maximumAge == nil)
        #expect(population.postcodeRanges == [PostcodeRange(from: 7100, to: 7109)])
        #expect(population.municipalities == ["0294"])
        #expect(population.insurers == ["3311"])

        #expect(contract.riskModels.map(\.id) == ["community-2026", "wlz-2026"])
        let community = try #require(contract.riskModel("community-2026"))
        #expect(community.cells.count == 8)
        #expect(
            community.cells[0]
                == AgeSexCell(sex: .female, ages: AgeRange(minimum: 75, maximum: 79), weight: try decimal("0.612"))
        )
        #expect(
            community.cells[3]
                == AgeSexCell(sex: .female, ages: AgeRange(minimum: 90, maximum: nil), weight: try decimal("1.588"))
        )
        #expect(community.marker("frailty-high")?.supersedes == ["frailty-mid"])
        #expect(community.marker("frailty-high")?.weight == (try decimal("0.905")))
        #expect(
            community.interactions == [
                RiskInteraction(markers: ["dementia", "living-alone"], weight: try decimal("0.31"))
            ]
        )
        #expect(community.normalisationFactor == (try decimal("1.042")))
        #expect(community.growthCap == GrowthCap(percent: 3, baselineMeanScore: try decimal("1.000")))
        #expect(community.unspecifiedSexUses == .female)

        #expect(contract.regimes.map(\.regime) == [.zvw, .wmo, .wlz])
        let zvw = try #require(contract.terms(for: .zvw))
        #expect(zvw.financier == "insurer-a" && zvw.riskModel == "community-2026")
        #expect(zvw.perCapitaAnnual == Cents(421_000))
        #expect(zvw.scope.categories.map(\.code) == ["huisarts", "wijkverpleging", "elv", "grz", "paramedisch"])
        #expect(
            zvw.trends == [Trend(percent: try Percentage(parsing: "3.1"), label: "OVA 2026 wage and price indexation")]
        )
        let wlz = try #require(contract.terms(for: .wlz))
        #expect(wlz.perCapitaAnnual == Cents(735_000))
        #expect(wlz.scope.careProfiles.map(\.code) == ["753", "754", "755", "756", "757", "758", "759"])
        // An AW319 line under care profile 755 counts whatever its prestatiecode; the code alone does not.
        #expect(wlz.scope.includes(category: "045", product: "Z755", careProfile: "755"))
        #expect(!wlz.scope.includes(category: "045", product: "755"))
        #expect(wlz.scope.includes(category: "vpt", product: "anything"))
        #expect(!wlz.scope.includes(category: "pgb", product: "pgb-1"))

        #expect(
            contract.lumpSums == [
                LumpSum(
                    payer: "winterswijk",
                    payee: "coop",
                    amount: Cents(12_000_000),
                    label: "availability of night care"
                )
            ]
        )
        #expect(contract.truncation == .perMemberAnnual(Cents(25_000_000)))
        #expect(contract.reconciliation.straddling == .byStartDate)

        let quality = try #require(contract.quality)
        #expect(quality.minimumScore == (try decimal("0.4")))
        #expect(
            quality.indicators.map(\.id) == [
                "acute-admissions", "wlz-inflow", "falls-ed-visits", "experienced-control", "carer-overload",
            ]
        )
        #expect(
            quality.indicators[0]
                == OutcomeIndicator(
                    id: "acute-admissions",
                    label: "acute hospital admissions",
                    better: .lower,
                    unit: .perThousandPersonYears,
                    baseline: 310,
                    target: 280,
                    floor: 330,
                    weight: 2,
                    isMandatory: true
                )
        )
        #expect(quality.indicators[4].target == (try decimal("8.0")))

        #expect(
            contract.settlement
                == .sharedSavings(
                    SharedSavingsTerms(
                        sides: .one,
                        minimumSavingsRate: .table("mssp"),
                        sharingRate: SharingRate(rate: 50, quality: .multiply, basis: .firstEuro),
                        savingsCap: 10,
                        paymentReduction: 0
                    )
                )
        )
        #expect(
            contract.distribution
                == Distribution(
                    financing: .proportionalToSavings,
                    recipients: [
                        Recipient(share: 80, receiver: .party("coop")),
                        Recipient(share: 20, receiver: .party("prevention-fund")),
                    ],
                    transfers: [
                        Transfer(
                            from: "zk-achterhoek",
                            to: "winterswijk",
                            amount: .percentOfRetainedSavings(25),
                            label: "Wlz savings from Wmo prevention"
                        )
                    ]
                )
        )
    }

    @Test func theTwoSidedFieldlabDiffersOnlyInItsSettlement() throws {
        let oneSided = try load("fieldlab-oost-achterhoek.xml")
        var twoSided = try load("fieldlab-oost-achterhoek-two-sided.xml")
        #expect(twoSided.id == "oost-achterhoek-2026-two-sided")
        #expect(
            twoSided.settlement
                == .sharedSavings(
                    SharedSavingsTerms(
                        sides: .two,
                        minimumSavingsRate: .fixed(try Percentage(parsing: "2.0")),
                        minimumLossRate: .sameAsSavings,
                        sharingRate: SharingRate(rate: 60, quality: .multiply, basis: .firstEuro),
                        savingsCap: 10,
                        lossSharingRate: .complementOfSharingRate(minimum: 40, maximum: 60),
                        lossCap: 5,
                        paymentReduction: 2
                    )
                )
        )
        // Shared losses go to the financiers in proportion to their own losses unless the contract says otherwise.
        #expect(twoSided.distribution?.lossFinancing == .proportionalToLosses)
        twoSided.id = oneSided.id
        twoSided.title = oneSided.title
        twoSided.settlement = oneSided.settlement
        #expect(twoSided == oneSided)
    }

    // The loss-financing rule as written: by budget, or by the <financier> shares that a payout uses too.
    @Test(arguments: [
        ("lossFinancing=\"proportional-to-budget\"", LossFinancingRule.proportionalToBudget, nil),
        ("lossFinancing=\"proportional-to-losses\"", .proportionalToLosses, nil),
        (
            "financing=\"fixed-shares\" lossFinancing=\"fixed-shares\"",
            .fixedShares([FinancierShare(party: "insurer-a", share: 60), FinancierShare(party: "town", share: 40)]),
            FinancingRule.fixedShares([
                FinancierShare(party: "insurer-a", share: 60), FinancierShare(party: "town", share: 40),
            ])
        ),
    ])
    func readsTheLossFinancingRule(attributes: String, loss: LossFinancingRule, payout: FinancingRule?) throws {
        var text = try String(contentsOfFile: Fixtures.path("valid/minimal.xml"), encoding: .utf8)
        let shares =
            payout == nil
            ? "" : "<financier party=\"insurer-a\" percent=\"60\"/><financier party=\"town\" percent=\"40\"/>"
        text = text.replacingOccurrences(
            of: "<distribution financing=\"proportional-to-savings\">",
            with: "<distribution \(attributes)>\(shares)"
        )
        let contract = try ContractLoader().load(bytes: Array(text.utf8), path: "minimal.xml").contract
        #expect(contract.distribution?.lossFinancing == loss)
        #expect(contract.distribution?.financing == payout ?? .proportionalToSavings)
    }

    // What happens to an indicator without observations: the rule of <indicators> (refuse when not
    // written), and an indicator's own rule where it has one; the schema refuses other values.
    @Test func readsWhatHappensToUnobservedIndicators() throws {
        let minimal = try String(contentsOfFile: Fixtures.path("valid/minimal.xml"), encoding: .utf8)
        let plain = try ContractLoader().load(bytes: Array(minimal.utf8), path: "minimal.xml").contract
        #expect(plain.quality?.whenUnobserved == nil)
        #expect(
            plain.quality.map { quality in quality.indicators.map { quality.rule(whenUnobserved: $0) } } == [
                .refuse, .refuse,
            ]
        )
        #expect(plain.quality?.indicators.map(\.whenUnobserved) == [nil, nil])
        let text = minimal.replacingOccurrences(
            of: "<indicators minimumScore=\"0.40\">",
            with: "<indicators minimumScore=\"0.40\" whenUnobserved=\"zero-points\">"
        ).replacingOccurrences(
            of: "floor=\"68\" weight=\"1\"/>",
            with: "floor=\"68\" weight=\"1\" whenUnobserved=\"leave-out\"/>"
        )
        let quality = try #require(
            try ContractLoader().load(bytes: Array(text.utf8), path: "minimal.xml").contract.quality
        )
        #expect(quality.whenUnobserved == .zeroPoints)
        #expect(quality.indicators.map(\.whenUnobserved) == [nil, .leaveOut])
        #expect(quality.indicators.map { quality.rule(whenUnobserved: $0) } == [.zeroPoints, .leaveOut])
        let unknown = text.replacingOccurrences(of: "\"zero-points\"", with: "\"ignore\"")
        let error = #expect(throws: ContractLoadError.self) {
            try ContractLoader().load(bytes: Array(unknown.utf8), path: "minimal.xml")
        }
        #expect(error?.code == .schemaViolation)
    }

    @Test func theCapitationContractHoldsItsValues() throws {
        let contract = try load("population-capitation-twente.xml")
        let period = try #require(DatePeriod(start: try date("2026-01-01"), end: try date("2026-12-31")))
        let expected = Contract(
            id: "twente-capitation-2026",
            version: "2026.1",
            title: "Enschede-Noord 75+ population capitation",
            period: period,
            parties: [
                Party(id: "insurer-b", role: .insurer, name: "Zorgverzekeraar Twente", uzovi: "3358"),
                Party(id: "enschede", role: .municipality, name: "Gemeente Enschede", municipalityCode: "0153"),
                Party(id: "gc-noord", role: .provider, name: "Gezondheidscentrum Enschede-Noord", agb: "53530001"),
                Party(id: "gc-oost", role: .provider, name: "Gezondheidscentrum Enschede-Oost", agb: "53530002"),
            ],
            population: PopulationCriteria(
                referenceDate: period.start,
                minimumAge: 75,
                postcodeRanges: [PostcodeRange(from: 7521, to: 7525), PostcodeRange(from: 7531, to: 7531)]
            ),
            riskModels: [
                RiskModel(
                    id: "twente-75plus",
                    cells: [
                        AgeSexCell(
                            sex: .female,
                            ages: AgeRange(minimum: 75, maximum: 84),
                            weight: try decimal("0.780")
                        ),
                        AgeSexCell(
                            sex: .female,
                            ages: AgeRange(minimum: 85, maximum: nil),
                            weight: try decimal("1.420")
                        ),
                        AgeSexCell(sex: .male, ages: AgeRange(minimum: 75, maximum: 84), weight: try decimal("0.730")),
                        AgeSexCell(sex: .male, ages: AgeRange(minimum: 85, maximum: nil), weight: try decimal("1.310")),
                    ],
                    markers: [RiskMarker(id: "frailty-high", weight: try decimal("0.950"))],
                    normalisationFactor: try decimal("0.987"),
                    unspecifiedSexUses: .female
                )
            ],
            regimes: [
                RegimeTerms(
                    regime: .zvw,
                    financier: "insurer-b",
                    riskModel: "twente-75plus",
                    perCapitaAnnual: Cents(264_000),
                    scope: Scope(categories: [
                        ScopeCategory(code: "huisarts", label: "GP care"),
                        ScopeCategory(code: "wijkverpleging", label: "district nursing"),
                    ]),
                    trends: [Trend(percent: try Percentage(parsing: "3.1"), label: "OVA 2026")],
                    discount: 2
                ),
                RegimeTerms(
                    regime: .wmo,
                    financier: "enschede",
                    riskModel: "twente-75plus",
                    perCapitaAnnual: Cents(98_000),
                    scope: Scope(categories: [
                        ScopeCategory(code: "huishoudelijke-hulp", label: "household help"),
                        ScopeCategory(code: "begeleiding", label: "support"),
                    ]),
                    discount: 2
                ),
            ],
            settlement: .capitation(
                CapitationTerms(corridors: [
                    CorridorBand(from: 0, to: 25, providerShare: 100),
                    CorridorBand(from: 25, to: 35, providerShare: 50),
                    CorridorBand(from: 35, to: 50, providerShare: 25),
                    CorridorBand(from: 50, to: nil, providerShare: 10),
                ])
            ),
            distribution: Distribution(
                financing: .proportionalToBudget,
                recipients: [
                    Recipient(share: 100, receiver: .attributedMembers(["gc-noord", "gc-oost"], category: "huisarts"))
                ]
            )
        )
        #expect(contract == expected)
    }

    @Test func theMSSPContractHoldsItsValues() throws {
        let contract = try load("mssp-track-1.xml")
        #expect(contract.population.minimumAge == 65)
        #expect(contract.truncation == .percentile(99))
        #expect(contract.riskModels[0].cells.count == 14)
        #expect(contract.riskModels[0].marker("diabetes-complicated")?.supersedes == ["diabetes"])
        #expect(contract.riskModels[0].growthCap == GrowthCap(percent: 3, baselineMeanScore: try decimal("1.000")))
        #expect(contract.terms(for: .zvw)?.perCapitaAnnual == Cents(1_125_000))
        #expect(contract.quality?.minimumScore == (try decimal("0.3")))
        #expect(contract.quality?.indicators.map(\.unit) == [.perThousandPersonYears, .percent, .percent, .value])
        #expect(
            contract.settlement
                == .sharedSavings(
                    SharedSavingsTerms(
                        sides: .one,
                        minimumSavingsRate: .table("mssp"),
                        sharingRate: SharingRate(rate: 50, quality: .multiply, basis: .firstEuro),
                        savingsCap: 10,
                        paymentReduction: 2
                    )
                )
        )
        #expect(contract.distribution?.recipients == [Recipient(share: 100, receiver: .party("aco"))])
        #expect(contract.distribution?.financing == .proportionalToSavings)
        #expect(try contract.msrTable("mssp")?.rate(forPopulation: 34_601) == Percentage(parsing: "2.353985"))
    }
}
