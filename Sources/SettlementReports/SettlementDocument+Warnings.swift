public import CapitationCore

extension SettlementDocument {
    /// A warning, a quality-gate failure or an accepted finding as a document records it: as data, or, in
    /// a document of format `capitation-settlement/1` or `/2`, as the English sentence those formats wrote.
    public enum Recorded<Value: Hashable & Sendable>: Hashable, Sendable {
        /// The code and figures, read back into their value.
        case data(Value)
        /// The sentence an earlier format wrote.
        case sentence(String)
    }

    /// The findings about incomplete inputs that the user accepted, and why.
    public struct Acceptance: Hashable, Sendable {
        /// Why the user settled anyway, in their words.
        public var reason: String
        /// What was accepted.
        public var findings: [AcceptedFinding]

        public init(reason: String, findings: [AcceptedFinding]) {
            self.reason = reason
            self.findings = findings
        }
    }

    /// One accepted finding, with the first unreadable lines of its file.
    public struct AcceptedFinding: Hashable, Sendable {
        public var finding: Recorded<ClaimCompleteness.Finding.Kind>
        /// For a file, its first unreadable lines, each `line N: reason`.
        public var examples: [String]

        public init(finding: Recorded<ClaimCompleteness.Finding.Kind>, examples: [String] = []) {
            self.finding = finding
            self.examples = examples
        }
    }
}

/// Reading warnings, gate failures and findings back from their codes and figures
/// (``SettlementJSON`` writes them).
extension SettlementDocument {
    static func warning(_ field: Field, coded: Bool) throws(SettlementDocumentError) -> Recorded<SettlementWarning> {
        guard coded else { return .sentence(try field.string()) }
        let location = try field["at"].optional { at throws(SettlementDocumentError) in
            SourceLocation(
                path: try at["file"].string(),
                line: try at["line"].optional { line throws(SettlementDocumentError) in try line.int() },
                column: try at["column"].optional { column throws(SettlementDocumentError) in try column.int() }
            )
        }
        return .data(SettlementWarning(try kind(field), at: location))
    }

    static func gateFailure(_ field: Field, coded: Bool) throws(SettlementDocumentError) -> Recorded<GateFailure> {
        guard coded else { return .sentence(try field.string()) }
        let code = field["code"]
        guard let failure = try gateFailure(try code.string(), field) else {
            throw code.problem("must be one of " + Self.gateFailureCodes.joined(separator: ", "))
        }
        return .data(failure)
    }

    static func acceptedFinding(_ field: Field, coded: Bool) throws(SettlementDocumentError) -> AcceptedFinding {
        let examples = try field["examples"].array { example throws(SettlementDocumentError) in try example.string() }
        guard coded else {
            return AcceptedFinding(
                finding: .sentence(try field["subject"].string() + ": " + field["message"].string()),
                examples: examples
            )
        }
        let check: ClaimCompleteness.Finding.Check = try field["check"].code()
        let kind: ClaimCompleteness.Finding.Kind =
            switch check {
            case .fileWithoutClaimLines: .fileWithoutClaimLines(file: try field["file"].string())
            case .fileWithoutReadableLines:
                .fileWithoutReadableLines(file: try field["file"].string(), lines: try field["lines"].int())
            case .tooManyInvalidLines:
                .tooManyInvalidLines(
                    file: try field["file"].string(),
                    unreadable: try field["unreadableLines"].int(),
                    of: try field["lines"].int(),
                    allowed: try field["allowedPercent"].percentage()
                )
            case .regimeWithoutClaims: .regimeWithoutClaims(regime: try field["regime"].regime())
            case .linesWithoutReceiptDate:
                .linesWithoutReceiptDate(
                    regime: try field["regime"].regime(),
                    lines: try field["lines"].int(),
                    amount: try field["amountCents"].cents(),
                    cutOff: try field["cutOff"].date()
                )
            }
        return AcceptedFinding(finding: .data(kind), examples: examples)
    }

    private static let gateFailureCodes = [
        "no-score", "score-below-minimum", "mandatory-unobserved", "mandatory-beyond-floor", "given-as-failed",
    ]

    private static func gateFailure(_ code: String, _ field: Field) throws(SettlementDocumentError) -> GateFailure? {
        switch code {
        case "no-score": .noScore
        case "score-below-minimum":
            .scoreBelowMinimum(score: try field["score"].decimal(), minimum: try field["minimumScore"].decimal())
        case "mandatory-unobserved": .mandatoryUnobserved(indicator: IndicatorID(try field["indicator"].string()))
        case "mandatory-beyond-floor":
            .mandatoryBeyondFloor(
                indicator: IndicatorID(try field["indicator"].string()),
                value: try field["value"].decimal(),
                floor: try field["floor"].decimal()
            )
        case "given-as-failed": .givenAsFailed
        default: nil
        }
    }

    private static let chanceReasons = [
        "unequal-lists", "no-members", "case-of-totals", "negative-budget-share", "zero-budget", "budget-not-split",
        "amounts-too-large",
    ]

    private static func chanceReason(
        _ code: String,
        _ field: Field
    ) throws(SettlementDocumentError) -> ChanceError
        .Reason?
    {
        switch code {
        case "unequal-lists": .unequalLists(budgets: try field["budgetShares"].int(), costs: try field["costs"].int())
        case "no-members": .noMembers
        case "case-of-totals": .caseOfTotals
        case "negative-budget-share": .negativeBudgetShare
        case "zero-budget": .zeroBudget
        case "budget-not-split": .budgetNotSplit(regime: try field["regime"].regime(), cause: try field["cause"].code())
        case "amounts-too-large": .amountsTooLarge
        default: nil
        }
    }

    /// The codes of warnings that are not about the contract, a claim file, the gate or chance.
    private static let warningCodes = [
        "unreadable-lines", "growth-cap-without-baseline", "demographic-limit-without-baseline",
        "trend-adjustment-without-actual", "spending-outside-contract", "undated-lines-counted",
        "nothing-received-yet", "undated-baseline-lines", "indicator-unobserved", "indicator-declared-without-events",
    ]

    private static func kind(_ field: Field) throws(SettlementDocumentError) -> SettlementWarning.Kind {
        let codeField = field["code"]
        let code = try codeField.string()
        func unknown() -> SettlementDocumentError {
            codeField.problem(
                "must be one of "
                    + (warningCodes + ["contract.…", "claim-file.…", "quality-gate.…", "chance-not-computed.…"])
                    .joined(separator: ", ")
            )
        }
        if let rest = code.dropping(prefix: "contract.") {
            guard let warning = try contractWarning(rest, field) else {
                throw codeField.problem("names no warning about a contract")
            }
            return .contract(
                warning,
                element: try field["element"].optional { element throws(SettlementDocumentError) in try element.string()
                },
                attribute: try field["attribute"].optional { name throws(SettlementDocumentError) in try name.string() }
            )
        }
        if let rest = code.dropping(prefix: "claim-file.") {
            switch rest {
            case "empty-lines-after-trailer":
                return .claimFile(.emptyLinesAfterTrailer(count: try field["emptyLines"].int()))
            case "declaration-without-answer":
                return .claimFile(
                    .declarationWithoutAnswer(
                        declaration: try field["declaration"].string(),
                        messageDate: try field["messageDate"].string()
                    )
                )
            default: throw codeField.problem("names no note about a claim file")
            }
        }
        if let rest = code.dropping(prefix: "quality-gate.") {
            guard let failure = try gateFailure(rest, field) else {
                throw codeField.problem("names no quality-gate failure: " + gateFailureCodes.joined(separator: ", "))
            }
            return .qualityGate(failure)
        }
        if let rest = code.dropping(prefix: "chance-not-computed.") {
            guard let reason = try chanceReason(rest, field) else {
                throw codeField.problem("names no reason: " + chanceReasons.joined(separator: ", "))
            }
            return .chanceNotComputed(reason)
        }
        switch code {
        case "unreadable-lines":
            return .unreadableLines(
                unreadable: try field["unreadableLines"].int(),
                of: try field["lines"].int(),
                first: try field["firstUnreadable"].optional { line throws(SettlementDocumentError) in try line.string()
                },
                listedIn: try field["listedIn"].code()
            )
        case "growth-cap-without-baseline":
            return .growthCapWithoutBaseline(model: RiskModelID(try field["riskModel"].string()))
        case "demographic-limit-without-baseline":
            return .demographicLimitWithoutBaseline(model: RiskModelID(try field["riskModel"].string()))
        case "trend-adjustment-without-actual":
            return .trendAdjustmentWithoutActual(regime: try field["regime"].regime(), year: try field["year"].int())
        case "spending-outside-contract":
            return .spendingOutsideContract(
                regime: try field["regime"].regime(),
                amount: try field["amountCents"].cents()
            )
        case "undated-lines-counted":
            return .undatedLinesCounted(
                lines: try field["lines"].int(),
                amount: try field["amountCents"].cents(),
                stage: try field["stage"].code(),
                cutOff: try field["cutOff"].date()
            )
        case "nothing-received-yet":
            return .nothingReceivedYet(
                regime: try field["regime"].regime(),
                months: try field["months"].array { month throws(SettlementDocumentError) in try month.string() },
                cutOff: try field["cutOff"].date()
            )
        case "undated-baseline-lines":
            return .undatedBaselineLines(
                regime: try field["regime"].regime(),
                lines: try field["lines"].int(),
                amount: try field["amountCents"].cents()
            )
        case "indicator-unobserved":
            return .indicatorUnobserved(
                indicator: IndicatorID(try field["indicator"].string()),
                rule: try field["whenUnobserved"].code(),
                excludedEvents: try field["excludedEvents"].int()
            )
        case "indicator-declared-without-events":
            return .indicatorDeclaredWithoutEvents(indicator: IndicatorID(try field["indicator"].string()))
        default:
            throw unknown()
        }
    }

    private static func contractWarning(
        _ code: String,
        _ field: Field
    ) throws(SettlementDocumentError)
        -> ContractWarning?
    {
        switch code {
        case "loss-financing-without-effect":
            return .lossFinancingWithoutEffect(rule: try field["lossFinancing"].string())
        case "financier-without-share":
            return .financierWithoutShare(
                financier: PartyID(try field["financier"].string()),
                regime: try field["regime"].regime(),
                of: try field["of"].code()
            )
        case "financier-as-recipient": return .financierAsRecipient(party: PartyID(try field["party"].string()))
        case "party-takes-no-part": return .partyTakesNoPart(party: PartyID(try field["party"].string()))
        case "implausible-per-capita":
            let (from, to) = (try field["expectedFromCents"].cents(), try field["expectedToCents"].cents())
            guard from <= to else { throw field["expectedToCents"].problem("must not be below expectedFromCents") }
            return .implausiblePerCapita(
                regime: try field["regime"].regime(),
                annual: try field["annualCents"].cents(),
                expected: from...to
            )
        case "percent-below-one":
            return .percentBelowOne(
                term: try field["term"].code(),
                percent: try field["percent"].percentage(),
                attribute: try field["writtenIn"].string()
            )
        case "savings-cap-below-minimum":
            return .savingsCapBelowMinimum(
                cap: try field["capPercent"].percentage(),
                minimum: try field["minimumPercent"].percentage()
            )
        case "actual-trend-outside-term":
            let (first, last) = (try field["firstPerformanceYear"].int(), try field["lastPerformanceYear"].int())
            guard first <= last else {
                throw field["lastPerformanceYear"].problem("must not be before firstPerformanceYear")
            }
            return .actualTrendOutsideTerm(year: try field["year"].int(), performanceYears: first...last)
        case "actual-trend-without-forecast":
            return .actualTrendWithoutForecast(
                year: try field["year"].int(),
                regime: try field["regime"].regime(),
                rebased: try field["rebased"].bool()
            )
        case "care-profile-outside-wlz": return .careProfileOutsideWlz(regime: try field["regime"].regime())
        case "scope-entry-twice":
            let code = try field["entryCode"].string()
            let entry: ContractWarning.ScopeEntry
            switch try field["entry"].string() {
            case "category": entry = .category(CategoryCode(code))
            case "product":
                entry = .product(
                    ProductCode(code),
                    category: try field["category"].optional { category throws(SettlementDocumentError) in
                        CategoryCode(try category.string())
                    }
                )
            case "care-profile": entry = .careProfile(CareProfileCode(code))
            default: throw field["entry"].problem("must be one of category, product, care-profile")
            }
            return .scopeEntryTwice(entry: entry, regime: try field["regime"].regime())
        case "unused-baseline-demographic-mean": return .unusedBaselineDemographicMean
        case "unused-risk-model": return .unusedRiskModel(model: RiskModelID(try field["riskModel"].string()))
        case "uncapped-losses": return .uncappedLosses
        default: return nil
        }
    }
}

extension String {
    /// The rest of the string after `prefix`, or `nil` when it does not start with it.
    fileprivate func dropping(prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
