import CapitationCore
import SettlementReports
import Testing

// A settlement records its warnings, the quality gate's failures and the accepted findings as codes with
// their figures; each report says them in its own language. These tests write every kind to
// settlement.json and read it back, and check the Dutch wording against sentences written out by hand.
struct SettlementWarningTests {
    static let cutOff = SettlementScenario.date("2027-03-31")
    static func decimal(_ text: String) -> ExactDecimal { (try? ExactDecimal(parsing: text)) ?? .zero }

    /// One warning of every kind, each with figures of its own.
    static let everyWarning: [SettlementWarning] = [
        contract(.lossFinancingWithoutEffect(rule: "proportional-to-budget"), "distribution", "lossFinancing"),
        contract(.financierWithoutShare(financier: "zk", regime: .wlz, of: .payoutAndLoss), "distribution", nil),
        contract(.financierWithoutShare(financier: "zk", regime: .wlz, of: .payout), "distribution", "financing"),
        contract(.financierWithoutShare(financier: "zk", regime: .wlz, of: .loss), "distribution", "lossFinancing"),
        contract(.financierAsRecipient(party: "insurer-a"), "recipient", "party"),
        contract(.partyTakesNoPart(party: "fund"), "party", nil),
        contract(
            .implausiblePerCapita(regime: .zvw, annual: Cents(4_200), expected: Cents(50_000)...Cents(5_000_000)),
            "perCapita",
            "annual"
        ),
        contract(
            .percentBelowOne(term: .savingsCap, percent: Percentage(decimal("0.1")), attribute: "percentOfBudget"),
            "savingsCap",
            "percentOfBudget"
        ),
        contract(
            .savingsCapBelowMinimum(cap: Percentage(2), minimum: Percentage(decimal("3.9"))),
            "savingsCap",
            "percentOfBudget"
        ),
        contract(.actualTrendOutsideTerm(year: 2025, performanceYears: 2026...2028), "actual", "year"),
        contract(.actualTrendWithoutForecast(year: 2026, regime: .wmo, rebased: true), "actual", "forecastPercent"),
        contract(.careProfileOutsideWlz(regime: .wmo), "careProfile", "code"),
        contract(.scopeEntryTwice(entry: .product("02A01", category: "02"), regime: .wmo), "product", "code"),
        contract(.scopeEntryTwice(entry: .category("wijkverpleging"), regime: .zvw), "category", "code"),
        contract(.scopeEntryTwice(entry: .careProfile("754"), regime: .wlz), "careProfile", "code"),
        contract(.unusedBaselineDemographicMean, "growthCap", "baselineDemographicMean"),
        contract(.unusedRiskModel(model: "hcc"), "riskModel", "id"),
        contract(.uncappedLosses, "settlement", nil),
        SettlementWarning(
            .unreadableLines(
                unreadable: 2,
                of: 10,
                first: "line 11: column amount: broken",
                listedIn: .rejectedClaimsFile
            ),
            at: SourceLocation(path: "claims/wlz.csv")
        ),
        SettlementWarning(.claimFile(.emptyLinesAfterTrailer(count: 2)), at: SourceLocation(path: "claims/zvw.asc")),
        SettlementWarning(
            .claimFile(.declarationWithoutAnswer(declaration: "W2026030001", messageDate: "2026-04-05")),
            at: SourceLocation(path: "claims/wmo323.xml")
        ),
        SettlementWarning(.growthCapWithoutBaseline(model: "dkg")),
        SettlementWarning(.demographicLimitWithoutBaseline(model: "dkg")),
        SettlementWarning(.trendAdjustmentWithoutActual(regime: .zvw, year: 2026)),
        SettlementWarning(.spendingOutsideContract(regime: .wmo, amount: Cents(123_456))),
        SettlementWarning(.undatedLinesCounted(lines: 3, amount: Cents(12_000), stage: .provisional, cutOff: cutOff)),
        SettlementWarning(.nothingReceivedYet(regime: .zvw, months: ["2026-11", "2026-12"], cutOff: cutOff)),
        SettlementWarning(.undatedBaselineLines(regime: .wlz, lines: 4, amount: Cents(98_765))),
        SettlementWarning(.indicatorUnobserved(indicator: "admissions", rule: .zeroPoints, excludedEvents: 6)),
        SettlementWarning(.indicatorUnobserved(indicator: "admissions", rule: .refuse, excludedEvents: 1)),
        SettlementWarning(.indicatorUnobserved(indicator: "admissions", rule: .leaveOut, excludedEvents: 0)),
        SettlementWarning(.indicatorDeclaredWithoutEvents(indicator: "falls")),
        SettlementWarning(.qualityGate(.scoreBelowMinimum(score: decimal("0.166667"), minimum: decimal("0.4")))),
        SettlementWarning(.qualityGate(.mandatoryBeyondFloor(indicator: "admissions", value: 600, floor: 500))),
        SettlementWarning(.chanceNotComputed(.unequalLists(budgets: 3, costs: 4))),
        SettlementWarning(.chanceNotComputed(.budgetNotSplit(regime: .wmo, cause: .zeroTotalWeight))),
        SettlementWarning(.chanceNotComputed(.caseOfTotals)),
        SettlementWarning(.chanceNotComputed(.zeroBudget)),
        SettlementWarning(.chanceNotComputed(.noMembers)),
        SettlementWarning(.chanceNotComputed(.negativeBudgetShare)),
        SettlementWarning(.chanceNotComputed(.amountsTooLarge)),
    ]

    static let everyGateFailure: [GateFailure] = [
        .noScore, .scoreBelowMinimum(score: decimal("0.333333"), minimum: decimal("0.4")),
        .mandatoryUnobserved(indicator: "admissions"),
        .mandatoryBeyondFloor(indicator: "admissions", value: 600, floor: 500), .givenAsFailed,
    ]

    static let everyFinding: [ClaimCompleteness.Finding] = [
        .init(.fileWithoutClaimLines(file: "claims/zvw.csv")),
        .init(.fileWithoutReadableLines(file: "claims/wmo.csv", lines: 4), examples: ["line 2: x", "line 3: y"]),
        .init(.tooManyInvalidLines(file: "claims/wlz.csv", unreadable: 3, of: 10, allowed: Percentage(5))),
        .init(.regimeWithoutClaims(regime: .wlz)),
        .init(.linesWithoutReceiptDate(regime: .wmo, lines: 1, amount: Cents(4_500), cutOff: cutOff)),
    ]

    static func contract(_ warning: ContractWarning, _ element: String, _ attribute: String?) -> SettlementWarning {
        SettlementWarning(
            .contract(warning, element: element, attribute: attribute),
            at: SourceLocation(path: "contract.xml", line: 40, column: 5)
        )
    }

    /// A settlement with a quality section, carrying every warning, gate failure and finding.
    static func settlementWithEverything() throws -> Settlement {
        var settlement = try UnobservedIndicatorTests.scenario(whenUnobserved: .zeroPoints).settle()
        settlement.warnings = everyWarning
        settlement.quality?.gateFailures = everyGateFailure
        settlement.acceptance = InputAcceptance(reason: "the Wlz files come next week", findings: everyFinding)
        return settlement
    }

    @Test func everyKindHasACodeOfItsOwn() {
        // 14 about the contract, 1 of unreadable lines, 2 about claim files, 7 about the budget and the claims,
        // 2 about indicators, 2 of the gate's 5 failures and the 7 reasons chance cannot be computed.
        let codes = Self.everyWarning.map(\.code)
        #expect(Set(codes).count == 14 + 1 + 2 + 7 + 2 + 2 + 7)
        #expect(codes.allSatisfy { !$0.isEmpty && $0 == $0.lowercased() && !$0.contains(" ") })
        #expect(Set(Self.everyGateFailure.map(\.code)).count == Self.everyGateFailure.count)
        #expect(Set(Self.everyFinding.map(\.check)).count == ClaimCompleteness.Finding.Check.allCases.count)
    }

    @Test func everyKindReadsBackAsItWasRecorded() throws {
        let settlement = try Self.settlementWithEverything()
        let json = SettlementJSON.render(settlement).serialized()
        #expect(json.contains("\"code\": \"contract.uncapped-losses\""))
        #expect(json.contains("\"code\": \"quality-gate.score-below-minimum\""))
        #expect(!json.contains("\"message\""))
        let document = try SettlementDocument(json: Array(json.utf8))
        #expect(document.warnings == Self.everyWarning.map { .data($0) })
        #expect(document.quality?.gateFailures == Self.everyGateFailure.map { .data($0) })
        #expect(document.acceptance?.reason == "the Wlz files come next week")
        #expect(document.acceptance?.findings.map(\.finding) == Self.everyFinding.map { .data($0.kind) })
        #expect(document.acceptance?.findings.map(\.examples) == Self.everyFinding.map(\.examples))
        // In English each says what the command line prints.
        for (recorded, warning) in zip(document.warnings, Self.everyWarning) {
            #expect(WarningText.warning(recorded, .standard) == warning.description)
        }
    }

    @Test func anUnknownCodeIsRefusedByItsField() throws {
        var settlement = try Self.settlementWithEverything()
        settlement.warnings = [SettlementWarning(.uncappedLossesForTesting)]
        let json = SettlementJSON.render(settlement).serialized()
            .replacing("\"code\": \"contract.uncapped-losses\"", with: "\"code\": \"contract.no-such-thing\"")
        #expect(
            throws: SettlementDocumentError(field: "warnings[0].code", problem: "names no warning about a contract")
        ) {
            try SettlementDocument(json: Array(json.utf8))
        }
        let other = SettlementJSON.render(settlement).serialized()
            .replacing("\"code\": \"contract.uncapped-losses\"", with: "\"code\": \"gone\"")
        #expect(throws: SettlementDocumentError.self) { try SettlementDocument(json: Array(other.utf8)) }
    }

    // The Dutch wording of each kind, written out by hand: amounts € 1.234,56, dates 31-03-2027, months by
    // name, decimals with a comma; ids, paths and attributes as written.
    static let dutchWording: [(SettlementWarning, String)] = [
        (
            SettlementWarning(.spendingOutsideContract(regime: .wmo, amount: Cents(123_456))),
            "de populatie gaf € 1.234,56 uit in de Wmo, die het contract niet dekt (mogelijke kostenverschuiving)"
        ),
        (
            SettlementWarning(
                .undatedLinesCounted(lines: 3, amount: Cents(12_000), stage: .provisional, cutOff: cutOff)
            ),
            "3 geaccepteerde declaratieregels zeggen niet wanneer ze ontvangen zijn (€ 120,00); de voorlopige "
                + "afrekening telt ze als tijdig ontvangen, uiterlijk op de peildatum 31-03-2027"
        ),
        (
            SettlementWarning(.nothingReceivedYet(regime: .zvw, months: ["2026-11", "2026-12"], cutOff: cutOff)),
            "van de declaraties in de Zvw over november 2026 en december 2026 was op 31-03-2027 nog niets ontvangen, "
                + "hoewel de declaraties over zulke maanden in de basisjaren toen nog niet allemaal binnen waren; de "
                + "chain-ladder raamt voor die maanden dus niets aan nog te ontvangen declaraties"
        ),
        (
            SettlementWarning(
                .unreadableLines(
                    unreadable: 1,
                    of: 10,
                    first: "line 11: column amount: broken",
                    listedIn: .rejectedClaimsFile
                ),
                at: SourceLocation(path: "wlz.csv")
            ),
            "wlz.csv: 1 van de 10 declaratieregels kan niet worden gelezen en telt in geen enkel stelsel mee (zie "
                + "rejected-claims.csv): regel 11: column amount: broken"
        ),
        (
            contract(.uncappedLosses, "settlement", nil),
            "contract.xml:40:5: <settlement>: gedeelde verliezen zijn niet begrensd: voeg een <lossCap> toe, tenzij "
                + "onbeperkte aansprakelijkheid bedoeld is"
        ),
        (
            contract(
                .implausiblePerCapita(regime: .zvw, annual: Cents(4_200), expected: Cents(50_000)...Cents(5_000_000)),
                "perCapita",
                "annual"
            ),
            "contract.xml:40:5: <perCapita> attribuut 'annual': een bedrag per persoon van € 42,00 per jaar voor de "
                + "Zvw ligt ver onder wat een jaar zorg in dit stelsel per persoon kost (deze controle verwacht "
                + "€ 500,00 tot € 50.000,00): is het een maandbedrag, of staat het in duizenden of in centen? annual staat in euro per jaar"
        ),
        (
            contract(
                .percentBelowOne(term: .savingsCap, percent: Percentage(decimal("0.1")), attribute: "percentOfBudget"),
                "savingsCap",
                "percentOfBudget"
            ),
            "contract.xml:40:5: <savingsCap> attribuut 'percentOfBudget': een besparingsplafond van 0,1 % is minder "
                + "dan één procent; het attribuut staat in procenten, niet als fractie; als 10 % bedoeld is, schrijf "
                + "dan percentOfBudget=\"10\""
        ),
        (
            SettlementWarning(.qualityGate(.scoreBelowMinimum(score: decimal("0.166667"), minimum: decimal("0.4")))),
            "kwaliteitsdrempel: de score 0,166667 ligt onder het minimum 0,4"
        ),
        (
            SettlementWarning(.indicatorUnobserved(indicator: "admissions", rule: .zeroPoints, excludedEvents: 6)),
            "indicator 'admissions' heeft geen waarnemingen (alle 6 gebeurtenissen vallen buiten de populatie of de "
                + "periode) en krijgt nul punten, zoals het contract zegt (whenUnobserved=\"zero-points\")"
        ),
    ]

    @Test(arguments: dutchWording)
    func saysEachKindInDutch(warning: SettlementWarning, dutch: String) {
        #expect(WarningText.warning(warning, .dutch) == dutch)
    }

    // A finding with its first unreadable lines: the reason each line could not be read is the input
    // check's own, in English; the line's number is said in Dutch.
    @Test func saysAFindingInDutch() {
        let finding = SettlementDocument.AcceptedFinding(
            finding: .data(.fileWithoutReadableLines(file: "claims/wmo.csv", lines: 4)),
            examples: ["line 2: column amount: broken", "line 3: column date: 2026-13-01"]
        )
        #expect(
            WarningText.finding(finding, .dutch) == [
                "claims/wmo.csv: geen van zijn 4 declaratieregels kan worden gelezen; de eerste regels:",
                "  regel 2: column amount: broken", "  regel 3: column date: 2026-13-01",
            ]
        )
        #expect(
            WarningText.finding(
                .linesWithoutReceiptDate(regime: .wmo, lines: 1, amount: Cents(4_500), cutOff: Self.cutOff),
                .dutch
            )
                == "stelsel Wmo: 1 geaccepteerde declaratieregel zegt niet wanneer hij ontvangen is (€ 45,00), dus de "
                + "peildatum 31-03-2027 kan er niet op worden toegepast: geef elke regel zijn ontvangstdatum (de kolom "
                + "received_date van de CSV)"
        )
    }

    // A document of format 2 wrote these as English sentences: they read as sentences, the reports show
    // them as recorded, and the Dutch report says why they are in English.
    @Test func readsTheSentencesOfAnEarlierFormat() throws {
        let settlement = try Self.settlementWithEverything()
        guard case .object(let members) = SettlementJSON.render(settlement) else { return }
        let older = JSONValue.object(
            members.map { member -> (key: String, value: JSONValue) in
                switch member.key {
                case "format": ("format", .string("capitation-settlement/2"))
                case "warnings": ("warnings", .array(Self.everyWarning.map { .string($0.description) }))
                case "quality":
                    (
                        "quality",
                        Self.replacing(
                            "gateFailures",
                            with: .array([.string("the case says the gate failed")]),
                            in: member.value
                        )
                    )
                case "acceptance":
                    (
                        "acceptance",
                        .object([
                            ("reason", .string("late files")),
                            (
                                "findings",
                                .array([
                                    .object([
                                        ("check", .string("regime-without-claims")), ("subject", .string("regime Wlz")),
                                        ("message", .string("no accepted claim line")), ("examples", .array([])),
                                    ])
                                ])
                            ),
                        ])
                    )
                default: member
                }
            }
        )
        let document = try SettlementDocument(older)
        #expect(document.warnings == Self.everyWarning.map { .sentence($0.description) })
        #expect(document.quality?.gateFailures == [.sentence("the case says the gate failed")])
        #expect(document.acceptance?.findings.map(\.finding) == [.sentence("regime Wlz: no accepted claim line")])
        let dutch = SettlementMarkdown.render(document, locale: .dutch)
        #expect(dutch.contains("Deze afrekening is vastgelegd in een eerder formaat"))
        #expect(dutch.contains("- contract.xml:40:5: <settlement>: shared losses are not capped"))
    }

    static func replacing(_ key: String, with value: JSONValue, in json: JSONValue) -> JSONValue {
        guard case .object(let members) = json else { return json }
        return .object(members.map { $0.key == key ? (key, value) : $0 })
    }
}

extension SettlementWarning.Kind {
    /// A contract warning to alter in a written document.
    static let uncappedLossesForTesting = SettlementWarning.Kind.contract(
        .uncappedLosses,
        element: "settlement",
        attribute: nil
    )
}
