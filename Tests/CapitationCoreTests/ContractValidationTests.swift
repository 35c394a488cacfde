import CapitationCore
import Testing

// The contract rules on contracts built in code.
//
// The same rules on XML, with their line numbers, are
// tested with fixtures in ContractXMLTests; here are the rules a schema already enforces for XML but that
// a contract built or varied in code (as `compare` does) must still obey.
struct ContractValidationTests {
    @Test func aSoundContractHasNoViolations() throws {
        #expect(try SampleContract.make().validate().isEmpty)
    }

    @Test func findsOverlappingCells() throws {
        var contract = try SampleContract.make()
        contract.riskModels[0].cells.append(
            AgeSexCell(sex: .female, ages: AgeRange(minimum: 80, maximum: 89), weight: 1)
        )
        // F 80–89 overlaps both F 75–84 and F 85+.
        let violations = contract.validate()
        #expect(
            violations.map(\.message) == [
                "cell F 80–89 overlaps cell F 75–84: every member must fall in exactly one cell",
                "cell F 80–89 overlaps cell F 85+: every member must fall in exactly one cell",
            ]
        )
        let overlap = try #require(violations.first)
        #expect(overlap.element == .riskCell(model: 0, cell: 4))
        #expect(overlap.related == [ContractViolation.Related(.riskCell(model: 0, cell: 0), "the overlapping cell")])
    }

    @Test func findsAgesWithoutACell() throws {
        var contract = try SampleContract.make()
        contract.riskModels[0].cells.removeAll { $0.sex == .male && $0.ages.maximum == nil }
        contract.riskModels[0].unspecifiedSexUses = nil
        let messages = contract.validate().map(\.message)
        #expect(
            messages == [
                "risk model 'elderly' has no cell for sex M at ages 85+",
                "risk model 'elderly' has no cell for sex X at ages 75+ (add cells for X, or unspecifiedSexUses=\"F\" or \"M\")",
            ]
        )
    }

    @Test func findsSupersessionCycles() throws {
        var contract = try SampleContract.make()
        contract.riskModels[0].markers[0].supersedes = ["frailty-high"]  // frailty-mid → frailty-high → frailty-mid
        let violations = contract.validate()
        #expect(
            violations.map(\.message) == [
                "markers supersede each other in a cycle: frailty-mid → frailty-high → frailty-mid"
            ]
        )
        #expect(violations.first?.attribute == "supersedes")
    }

    // A trend adjustment built in code: an actual trend of −100 % and a share borne above 100 %, an empty
    // corridor and one open before the last; and a growth cap with no limit.
    @Test func checksTrendAdjustmentsAndGrowthCapsBuiltInCode() throws {
        var contract = try SampleContract.make()
        contract.regimes[0].trendAdjustment = TrendAdjustment(
            threshold: 1,
            corridors: [
                TrendCorridor(from: 0, to: 0, borne: 100), TrendCorridor(from: 0, to: nil, borne: 150),
                TrendCorridor(from: 8, to: nil, borne: 0),
            ],
            actuals: [
                TrendActual(year: 2026, percent: -100, forecastPercent: 3),
                TrendActual(year: 2026, percent: 1, forecastPercent: 3), TrendActual(year: 2031, percent: 1),
            ]
        )
        contract.riskModels[0].growthCap = GrowthCap(baselineMeanScore: 1)
        let messages = contract.validate().map(\.message)
        #expect(messages.contains("a trend of -100 % would make the budget zero or negative"))
        #expect(messages.contains("the actual trend of 2026 is given twice"))
        #expect(messages.contains { $0.hasPrefix("2031 is not a performance year of the contract") })
        #expect(messages.contains { $0.contains("give forecastPercent, the trend the per-capita amount carries") })
        #expect(messages.contains("the corridor 0–0 % is empty: it must end above where it starts"))
        #expect(messages.contains("only the last corridor may be open-ended"))
        #expect(messages.contains { $0.contains("share borne") && $0.contains("150") })
        #expect(messages.contains { $0.hasPrefix("a growth cap needs percent") })
    }

    @Test func checksRatesTheSchemaWouldCatchInXML() throws {
        var contract = try SampleContract.make()
        contract.regimes[0].trends = [Trend(percent: Percentage(-100))]
        contract.regimes[0].discount = Percentage(120)
        guard case .sharedSavings(var terms) = contract.settlement else { throw SampleContract.Unexpected() }
        terms.minimumSavingsRate = .confidence(Percentage(93))
        terms.sharingRate.rate = Percentage(-5)
        contract.settlement = .sharedSavings(terms)
        #expect(
            contract.validate().map(\.message) == [
                "a trend of -100 % would make the budget zero or negative",
                "a discount of 120 % is out of range: it must lie between 0 and 100 %",
                "a confidence level of 93 % is not supported; use one of 80, 90, 95, 97.5, 99, 99.5",
                "a sharing rate of -5 % is out of range: it must lie between 0 and 100 %",
            ]
        )
    }

    @Test func requiresSharesOfOneHundredPercent() throws {
        var contract = try SampleContract.make()
        contract.distribution?.recipients[1].share = 15
        #expect(contract.validate().map(\.message) == ["the recipient shares sum to 95 %, not 100 %"])
    }

    @Test func suggestsTheIntendedParty() throws {
        var contract = try SampleContract.make()
        contract.regimes[0].financier = "insurer-b"
        let violation = try #require(contract.validate().first)
        #expect(
            violation.message
                == "refers to party 'insurer-b', which the contract does not define; did you mean 'insurer-a'?"
        )
        #expect(violation.attribute == "financier")
    }

    @Test func keepsLossTermsToTwoSidedContracts() throws {
        var contract = try SampleContract.make()
        guard case .sharedSavings(var terms) = contract.settlement else { throw SampleContract.Unexpected() }
        terms.lossCap = 5
        contract.settlement = .sharedSavings(terms)
        #expect(
            contract.validate().map(\.message) == [
                "<lossCap> applies to two-sided contracts only; this one is one-sided (sides=\"one\")"
            ]
        )
        terms.sides = .two
        terms.lossSharingRate = .fixed(30)
        terms.minimumLossRate = .sameAsSavings
        contract.settlement = .sharedSavings(terms)
        #expect(contract.validate().isEmpty)
    }
}

/// A small valid contract built in code, varied by the tests.
enum SampleContract {
    struct Unexpected: Error {}

    static func make() throws -> Contract {
        let period = try #require(
            DatePeriod(start: CalendarDate(parsing: "2026-01-01"), end: CalendarDate(parsing: "2026-12-31"))
        )
        return Contract(
            id: "sample",
            version: "1",
            title: "Sample",
            period: period,
            parties: [
                Party(id: "insurer-a", role: .insurer, name: "Insurer"),
                Party(id: "coop", role: .provider, name: "Cooperative"),
                Party(id: "fund", role: .fund, name: "Prevention fund"),
            ],
            population: PopulationCriteria(referenceDate: period.start, minimumAge: 75),
            riskModels: [
                RiskModel(
                    id: "elderly",
                    cells: [
                        AgeSexCell(
                            sex: .female,
                            ages: AgeRange(minimum: 75, maximum: 84),
                            weight: try ExactDecimal(parsing: "0.8")
                        ),
                        AgeSexCell(
                            sex: .female,
                            ages: AgeRange(minimum: 85, maximum: nil),
                            weight: try ExactDecimal(parsing: "1.4")
                        ),
                        AgeSexCell(
                            sex: .male,
                            ages: AgeRange(minimum: 75, maximum: 84),
                            weight: try ExactDecimal(parsing: "0.7")
                        ),
                        AgeSexCell(
                            sex: .male,
                            ages: AgeRange(minimum: 85, maximum: nil),
                            weight: try ExactDecimal(parsing: "1.3")
                        ),
                    ],
                    markers: [
                        RiskMarker(id: "frailty-mid", weight: try ExactDecimal(parsing: "0.3")),
                        RiskMarker(
                            id: "frailty-high",
                            weight: try ExactDecimal(parsing: "0.9"),
                            supersedes: ["frailty-mid"]
                        ),
                    ],
                    unspecifiedSexUses: .female
                )
            ],
            regimes: [
                RegimeTerms(
                    regime: .zvw,
                    financier: "insurer-a",
                    riskModel: "elderly",
                    perCapitaAnnual: try Cents(parsing: "4210.00"),
                    scope: Scope(categories: [ScopeCategory(code: "wijkverpleging")])
                )
            ],
            settlement: .sharedSavings(
                SharedSavingsTerms(
                    sides: .one,
                    minimumSavingsRate: .table("mssp"),
                    sharingRate: SharingRate(rate: 50, quality: .none)
                )
            ),
            distribution: Distribution(
                financing: .proportionalToSavings,
                recipients: [
                    Recipient(share: 80, receiver: .party("coop")),
                    Recipient(share: 20, receiver: .party("fund")),
                ]
            )
        )
    }
}
