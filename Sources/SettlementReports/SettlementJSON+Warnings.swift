public import CapitationCore

/// Warnings, quality-gate failures and accepted findings as `settlement.json` records them: a code and the
/// figures it is about, never a sentence, so that each report says them in its own language.
///
/// Every object starts with its code (`code`, or `check` for a finding); the figures follow under their
/// own names, amounts in cents in keys ending in `Cents`, rates and percentages as exact decimal strings,
/// dates as `YYYY-MM-DD`. ``SettlementDocument`` reads them back into the same values.
extension SettlementJSON {
    /// The settlement as format `capitation-settlement/2` wrote it, with the same figures.
    ///
    /// That format wrote warnings, quality-gate failures and accepted findings as English sentences.
    /// `capitation verify` settles a document of that format again in its own format, to compare it byte
    /// for byte.
    public static func renderAsFormat2(_ settlement: Settlement) -> JSONValue {
        guard case .object(let members) = render(settlement) else { return render(settlement) }
        return .object(
            members.map { member -> (key: String, value: JSONValue) in
                switch member.key {
                case "format": ("format", .string("capitation-settlement/2"))
                case "warnings": ("warnings", .array(settlement.warnings.map { .string($0.description) }))
                case "quality":
                    (
                        "quality",
                        replacing(
                            "gateFailures",
                            with: .array((settlement.quality?.gateFailures ?? []).map { .string($0.message) }),
                            in: member.value
                        )
                    )
                case "acceptance":
                    (
                        "acceptance",
                        replacing(
                            "findings",
                            with: .array(
                                (settlement.acceptance?.findings ?? []).map { finding in
                                    .object([
                                        ("check", .string(finding.check.rawValue)),
                                        ("subject", .string(finding.subject)),
                                        ("message", .string(finding.message)),
                                        ("examples", .array(finding.examples.map(JSONValue.string))),
                                    ])
                                }
                            ),
                            in: member.value
                        )
                    )
                default: member
                }
            }
        )
    }

    /// `json` with the member `key` replaced by `value`; anything but an object as it is.
    private static func replacing(_ key: String, with value: JSONValue, in json: JSONValue) -> JSONValue {
        guard case .object(let members) = json else { return json }
        return .object(members.map { $0.key == key ? (key, value) : $0 })
    }

    /// A warning: its code, where it comes from (`at`, or `null`) and its figures.
    static func warning(_ warning: SettlementWarning) -> JSONValue {
        .object(
            [("code", .string(warning.code)), ("at", warning.location.map(location) ?? .null)] + figures(warning.kind)
        )
    }

    /// A quality-gate failure: its code and figures.
    static func gateFailure(_ failure: GateFailure) -> JSONValue {
        .object([("code", .string(failure.code))] + figures(failure))
    }

    /// An accepted finding about incomplete inputs: its check, its figures and its first unreadable lines.
    static func finding(_ finding: ClaimCompleteness.Finding) -> JSONValue {
        .object(
            [("check", .string(finding.check.rawValue))] + figures(finding.kind)
                + [("examples", .array(finding.examples.map(JSONValue.string)))]
        )
    }

    /// The accepted findings of a document, written back as the settlement wrote them; a finding an
    /// earlier format wrote as a sentence is written as `{"sentence": …, "examples": […]}`.
    static func acceptance(_ acceptance: SettlementDocument.Acceptance?) -> JSONValue {
        guard let acceptance else { return .null }
        let findings: [JSONValue] = acceptance.findings.map { accepted in
            switch accepted.finding {
            case .data(let kind): finding(ClaimCompleteness.Finding(kind, examples: accepted.examples))
            case .sentence(let sentence):
                .object([
                    ("sentence", .string(sentence)), ("examples", .array(accepted.examples.map(JSONValue.string))),
                ])
            }
        }
        return .object([("reason", .string(acceptance.reason)), ("findings", .array(findings))])
    }

    private static func location(_ location: SourceLocation) -> JSONValue {
        .object([
            ("file", .string(location.path)), ("line", location.line.map(JSONValue.int) ?? .null),
            ("column", location.column.map(JSONValue.int) ?? .null),
        ])
    }

    private static func figures(_ kind: SettlementWarning.Kind) -> [(key: String, value: JSONValue)] {
        switch kind {
        case .contract(let warning, let element, let attribute):
            [("element", .optional(element)), ("attribute", .optional(attribute))] + figures(warning)
        case .unreadableLines(let unreadable, let lines, let first, let listedIn):
            [
                ("unreadableLines", .int(unreadable)), ("lines", .int(lines)), ("firstUnreadable", .optional(first)),
                ("listedIn", .string(listedIn.rawValue)),
            ]
        case .claimFile(.emptyLinesAfterTrailer(let count)):
            [("emptyLines", .int(count))]
        case .claimFile(.declarationWithoutAnswer(let declaration, let date)):
            [("declaration", .string(declaration)), ("messageDate", .string(date))]
        case .growthCapWithoutBaseline(let model), .demographicLimitWithoutBaseline(let model):
            [("riskModel", .string(model.rawValue))]
        case .trendAdjustmentWithoutActual(let regime, let year):
            [("regime", .string(regime.rawValue)), ("year", .int(year))]
        case .spendingOutsideContract(let regime, let amount):
            [("regime", .string(regime.rawValue)), ("amountCents", cents(amount))]
        case .undatedLinesCounted(let lines, let amount, let stage, let cutOff):
            [
                ("lines", .int(lines)), ("amountCents", cents(amount)), ("stage", .string(stage.rawValue)),
                ("cutOff", .string(cutOff.description)),
            ]
        case .nothingReceivedYet(let regime, let months, let cutOff):
            [
                ("regime", .string(regime.rawValue)), ("months", .array(months.map(JSONValue.string))),
                ("cutOff", .string(cutOff.description)),
            ]
        case .undatedBaselineLines(let regime, let lines, let amount):
            [("regime", .string(regime.rawValue)), ("lines", .int(lines)), ("amountCents", cents(amount))]
        case .indicatorUnobserved(let indicator, let rule, let excluded):
            [
                ("indicator", .string(indicator.rawValue)), ("whenUnobserved", .string(rule.rawValue)),
                ("excludedEvents", .int(excluded)),
            ]
        case .indicatorDeclaredWithoutEvents(let indicator):
            [("indicator", .string(indicator.rawValue))]
        case .qualityGate(let failure):
            figures(failure)
        case .chanceNotComputed(.unequalLists(let budgets, let costs)):
            [("budgetShares", .int(budgets)), ("costs", .int(costs))]
        case .chanceNotComputed(.budgetNotSplit(let regime, let cause)):
            [("regime", .string(regime.rawValue)), ("cause", .string(cause.rawValue))]
        case .chanceNotComputed(.noMembers), .chanceNotComputed(.caseOfTotals),
            .chanceNotComputed(.negativeBudgetShare), .chanceNotComputed(.zeroBudget),
            .chanceNotComputed(.amountsTooLarge):
            []
        }
    }

    private static func figures(_ warning: ContractWarning) -> [(key: String, value: JSONValue)] {
        switch warning {
        case .lossFinancingWithoutEffect(let rule):
            [("lossFinancing", .string(rule))]
        case .financierWithoutShare(let financier, let regime, let part):
            [
                ("financier", .string(financier.rawValue)), ("regime", .string(regime.rawValue)),
                ("of", .string(part.rawValue)),
            ]
        case .financierAsRecipient(let party), .partyTakesNoPart(let party):
            [("party", .string(party.rawValue))]
        case .implausiblePerCapita(let regime, let annual, let expected):
            [
                ("regime", .string(regime.rawValue)), ("annualCents", cents(annual)),
                ("expectedFromCents", cents(expected.lowerBound)), ("expectedToCents", cents(expected.upperBound)),
            ]
        case .percentBelowOne(let term, let value, let attribute):
            [("term", .string(term.rawValue)), ("percent", percent(value)), ("writtenIn", .string(attribute))]
        case .savingsCapBelowMinimum(let cap, let minimum):
            [("capPercent", percent(cap)), ("minimumPercent", percent(minimum))]
        case .actualTrendOutsideTerm(let year, let years):
            [
                ("year", .int(year)), ("firstPerformanceYear", .int(years.lowerBound)),
                ("lastPerformanceYear", .int(years.upperBound)),
            ]
        case .actualTrendWithoutForecast(let year, let regime, let rebased):
            [("year", .int(year)), ("regime", .string(regime.rawValue)), ("rebased", .bool(rebased))]
        case .careProfileOutsideWlz(let regime):
            [("regime", .string(regime.rawValue))]
        case .scopeEntryTwice(let entry, let regime):
            [("regime", .string(regime.rawValue))] + figures(entry)
        case .unusedBaselineDemographicMean, .uncappedLosses:
            []
        case .unusedRiskModel(let model):
            [("riskModel", .string(model.rawValue))]
        }
    }

    private static func figures(_ entry: ContractWarning.ScopeEntry) -> [(key: String, value: JSONValue)] {
        switch entry {
        case .category(let code):
            [("entry", .string("category")), ("entryCode", .string(code.rawValue)), ("category", .null)]
        case .product(let code, let category):
            [
                ("entry", .string("product")), ("entryCode", .string(code.rawValue)),
                ("category", .optional(category?.rawValue)),
            ]
        case .careProfile(let code):
            [("entry", .string("care-profile")), ("entryCode", .string(code.rawValue)), ("category", .null)]
        }
    }

    private static func figures(_ failure: GateFailure) -> [(key: String, value: JSONValue)] {
        switch failure {
        case .noScore, .givenAsFailed:
            []
        case .scoreBelowMinimum(let score, let minimum):
            [("score", decimal(score)), ("minimumScore", decimal(minimum))]
        case .mandatoryUnobserved(let indicator):
            [("indicator", .string(indicator.rawValue))]
        case .mandatoryBeyondFloor(let indicator, let value, let floor):
            [("indicator", .string(indicator.rawValue)), ("value", decimal(value)), ("floor", decimal(floor))]
        }
    }

    private static func figures(_ kind: ClaimCompleteness.Finding.Kind) -> [(key: String, value: JSONValue)] {
        switch kind {
        case .fileWithoutClaimLines(let file):
            [("file", .string(file))]
        case .fileWithoutReadableLines(let file, let lines):
            [("file", .string(file)), ("lines", .int(lines))]
        case .tooManyInvalidLines(let file, let unreadable, let lines, let allowed):
            [
                ("file", .string(file)), ("unreadableLines", .int(unreadable)), ("lines", .int(lines)),
                ("allowedPercent", percent(allowed)),
            ]
        case .regimeWithoutClaims(let regime):
            [("regime", .string(regime.rawValue))]
        case .linesWithoutReceiptDate(let regime, let lines, let amount, let cutOff):
            [
                ("regime", .string(regime.rawValue)), ("lines", .int(lines)), ("amountCents", cents(amount)),
                ("cutOff", .string(cutOff.description)),
            ]
        }
    }
}
