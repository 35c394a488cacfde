public import CapitationCore

/// Renders a settlement as `settlement.json`, the stable interface for scripts and auditors.
///
/// Amounts are JSON integers in cents, in keys ending in `Cents`; rates, scores and percentages are
/// exact decimal strings. Keys keep a fixed order and nothing depends on the machine, the time or the
/// number of threads, so the same inputs give the same bytes. The format is documented in
/// `docs/settlement-json.md`.
public enum SettlementJSON: Sendable {
    /// The format identifier, written as `format`.
    public static let format = "capitation-settlement/3"

    /// The formats ``SettlementDocument`` reads: this one; `capitation-settlement/2`, which wrote
    /// warnings, quality-gate failures and accepted findings as English sentences where this one has codes
    /// and figures; and `capitation-settlement/1`, which also wrote the sharing's outcome as a sentence
    /// (`explanation`) where the later ones have `outcome` and `quality`.
    public static let readableFormats = ["capitation-settlement/1", "capitation-settlement/2", format]

    /// The settlement as a JSON document.
    public static func render(_ settlement: Settlement) -> JSONValue {
        let runOut: JSONValue = settlement.runOut.map(runOut) ?? .null
        return .object([
            ("format", .string(format)),
            ("program", SettlementJSON.program),
            ("contract", contract(settlement.contract)),
            ("inputs", .array(settlement.inputs.map(input))),
            ("acceptance", acceptance(settlement.acceptance)),
            ("population", population(settlement.population)),
            ("risk", risk(settlement.risk)),
            ("reconciliation", reconciliation(settlement.reconciliation)),
            ("runOut", runOut),
            ("regimes", .array(settlement.regimes.map(regime))),
            ("totals", totals(settlement.totals)),
            ("minimumSavingsRate", settlement.minimumSavingsRate.map(threshold) ?? .null),
            ("minimumLossRate", settlement.minimumLossRate.map(threshold) ?? .null),
            ("quality", settlement.quality.map(quality) ?? .null),
            ("sharing", sharing(settlement.sharing)),
            ("parties", .array(settlement.parties.map(party))),
            ("transfers", .array(settlement.transfers.map(transfer))),
            ("paymentSchedule", settlement.paymentSchedule.map(PaymentScheduleReport.json) ?? .null),
            ("chance", settlement.chance.map(ChanceJSON.render) ?? .null),
            ("steps", .array(settlement.steps.map(step))),
            ("warnings", .array(settlement.warnings.map(warning))),
        ])
    }

    /// The program that computed a document: `{"name": "capitation", "version": …}`.
    static let program = JSONValue.object([
        ("name", .string("capitation")), ("version", .string(CapitationVersion.current)),
    ])

    static func cents(_ amount: Cents) -> JSONValue { .integer(amount.rawValue) }
    static func decimal(_ value: ExactDecimal) -> JSONValue { .string(value.description) }
    static func percent(_ value: Percentage) -> JSONValue { .string(value.value.description) }

    static func acceptance(_ acceptance: InputAcceptance?) -> JSONValue {
        guard let acceptance else { return .null }
        return .object([
            ("reason", .string(acceptance.reason)),
            (
                "findings",
                .array(
                    acceptance.findings.map(finding)
                )
            ),
        ])
    }

    static func contract(_ contract: ContractSummary) -> JSONValue {
        .object([
            ("id", .string(contract.id.rawValue)),
            ("version", .string(contract.version)),
            ("title", .string(contract.title)),
            (
                "period",
                .object([
                    ("start", .string(contract.period.start.description)),
                    ("end", .string(contract.period.end.description)),
                ])
            ),
            ("model", .string(contract.model)),
            ("sides", .optional(contract.sides)),
            ("rounding", .string(contract.rounding.rawValue)),
        ])
    }

    private static func input(_ file: InputFile) -> JSONValue {
        .object([
            ("role", .string(file.role)), ("path", .string(file.path)), ("format", .string(file.format)),
            ("sha256", .string(file.sha256)), ("lines", .int(file.lines)),
        ])
    }

    private static func population(_ population: PopulationResult) -> JSONValue {
        .object([
            ("rosterMembers", .int(population.rosterMembers)),
            ("members", .int(population.members)),
            ("exposureDays", .int(population.exposureDays)),
            ("daysInPeriod", .int(population.daysInPeriod)),
            ("personYears", decimal(population.personYears)),
            (
                "excluded",
                .array(
                    population.excluded.map {
                        .object([("reason", .string($0.reason.rawValue)), ("members", .int($0.members))])
                    }
                )
            ),
        ])
    }

    private static func risk(_ models: [RiskResult]) -> JSONValue {
        let first = models.first
        return .object([
            ("meanScore", first.map { decimal($0.meanScore) } ?? .null),
            ("normalisationFactor", first.map { decimal($0.normalisationFactor) } ?? .null),
            ("growthCapApplied", .bool(models.contains { $0.growthCapApplied })),
            (
                "models",
                .array(
                    models.map(riskModel)
                )
            ),
        ])
    }

    private static func riskModel(_ model: RiskResult) -> JSONValue {
        let cap = model.growthCap
        let members: [(key: String, value: JSONValue)] = [
            ("model", .string(model.model.rawValue)),
            ("regimes", .array(model.regimes.map { .string($0.rawValue) })),
            ("riskWeightedDays", decimal(model.riskWeightedDays)),
            ("meanScore", decimal(model.meanScore)),
            ("demographicMeanScore", decimal(model.demographicMeanScore)),
            ("markerMeanScore", decimal(model.markerMeanScore)),
            ("normalisationFactor", decimal(model.normalisationFactor)),
            ("growthCapPercent", cap?.percent.map(percent) ?? .null),
            ("growthCapBeyondDemographicPoints", cap?.demographicPlus.map(percent) ?? .null),
            ("baselineMeanScore", cap?.baselineMeanScore.map(decimal) ?? .null),
            ("baselineDemographicMeanScore", cap?.baselineDemographicMeanScore.map(decimal) ?? .null),
            ("demographicGrowth", model.demographicGrowth.map(decimal) ?? .null),
            ("growthCapApplied", .bool(model.growthCapApplied)),
            ("budgetRiskWeightedDays", decimal(model.budgetRiskWeightedDays)),
        ]
        return .object(members)
    }

    private static func lineTotal(_ total: CapitationCore.LineTotal) -> JSONValue {
        .object([("lines", .int(total.lines)), ("amountCents", cents(total.amount))])
    }

    private static func reconciliation(_ result: ReconciliationResult) -> JSONValue {
        .object(
            [
                ("read", lineTotal(result.read)),
                (
                    "accepted",
                    .object([
                        ("lines", .int(result.accepted.lines)), ("amountCents", cents(result.accepted.amount)),
                        ("proRataExcludedCents", cents(result.proRataExcluded)),
                    ])
                ),
                (
                    "rejected",
                    .array(
                        result.rejected.map {
                            .object([
                                ("reason", .string($0.reason.rawValue)), ("lines", .int($0.total.lines)),
                                ("amountCents", cents($0.total.amount)),
                            ])
                        }
                    )
                ),
                ("codes", .array(result.codes.map(code))),
            ] + refusals(result)
        )
    }

    /// The financiers' refusals per reason code, when there were any.
    private static func refusals(_ result: ReconciliationResult) -> [(String, JSONValue)] {
        guard !result.refusals.isEmpty else { return [] }
        return [
            (
                "refusals",
                .array(
                    result.refusals.map {
                        .object([
                            ("code", .string($0.code)), ("meaning", .string($0.meaning)),
                            ("lines", .int($0.total.lines)), ("amountCents", cents($0.total.amount)),
                        ])
                    }
                )
            )
        ]
    }

    private static func code(_ code: (key: CodeTotals.Key, entry: CodeTotals.Entry)) -> JSONValue {
        func tally(_ tally: CodeTotals.Tally) -> JSONValue {
            .object([
                ("lines", .int(tally.lines)), ("amountCents", cents(tally.amount)),
                ("volume", tally.volume.map(JSONValue.integer) ?? .null),
            ])
        }
        return .object([
            ("regime", .string(code.key.regime.rawValue)),
            ("category", .string(code.key.category.rawValue)),
            ("product", .string(code.key.product.rawValue)),
            ("careProfile", .optional(code.key.careProfile?.rawValue)),
            ("unit", .optional(code.key.unit)),
            ("accepted", tally(code.entry.accepted)),
            ("outOfScope", tally(code.entry.outOfScope)),
        ])
    }

    static func regime(_ regime: RegimeResult) -> JSONValue {
        .object([
            ("regime", .string(regime.regime.rawValue)),
            ("financier", .string(regime.financier.rawValue)),
            ("riskModel", .optional(regime.riskModel?.rawValue)),
            ("perCapitaAnnualCents", cents(regime.perCapitaAnnual)),
            ("riskWeightedPersonYears", decimal(regime.riskWeightedPersonYears)),
            ("capitationBudgetCents", cents(regime.capitationBudget)),
            ("lumpSumCents", cents(regime.lumpSums)),
            ("budgetCents", cents(regime.budget)),
            ("claimsCents", cents(regime.claims)),
            ("truncatedCents", cents(regime.truncated)),
            ("notYetReceivedCents", cents(regime.notYetReceived)),
            ("expenditureCents", cents(regime.expenditure)),
            ("savingsCents", cents(regime.savings)),
            ("savingsRate", regime.savingsRate.map(decimal) ?? .null),
            ("outOfScopeCents", cents(regime.outOfScope)),
            ("acceptedLines", .int(regime.acceptedLines)),
            ("trendAdjustment", regime.trendAdjustment.map(trendAdjustment) ?? .null),
        ])
    }

    static func runOut(_ result: RunOutResult) -> JSONValue {
        .object([
            ("stage", .string(result.stage.rawValue)),
            ("months", .int(result.months)),
            ("cutOff", .string(result.cutOff.description)),
            ("receivedAfterCutOff", lineTotal(result.receivedAfterCutOff)),
            ("undated", lineTotal(result.undated)),
            ("completion", .array(result.completion.map(completion))),
            ("trueUp", result.trueUp.map(trueUp) ?? .null),
        ])
    }

    static func completion(_ result: CompletionResult) -> JSONValue {
        .object([
            ("regime", .string(result.regime.rawValue)),
            ("baselineYears", .array(result.baselineYears.map { .int($0) })),
            ("baselineClaimsCents", cents(result.baselineClaims)),
            ("baselineUndated", lineTotal(result.baselineUndated)),
            (
                "development",
                .array(
                    result.development.map { lag in
                        .object([
                            ("lag", .int(lag.lag)),
                            ("origins", .int(lag.origins)),
                            ("receivedCents", cents(lag.received)),
                            ("receivedNextCents", cents(lag.receivedNext)),
                            ("ageToAgeFactor", lag.ageToAgeFactor.map(decimal) ?? .null),
                        ])
                    }
                )
            ),
            (
                "months",
                .array(
                    result.months.map { month in
                        .object([
                            ("month", .string(month.month.description)),
                            ("age", .int(month.age)),
                            ("finalAge", .int(month.finalAge)),
                            ("receivedCents", cents(month.received)),
                            ("developmentFactor", decimal(month.developmentFactor)),
                            ("completionFactor", decimal(month.completionFactor)),
                            ("estimateCents", cents(month.estimate)),
                        ])
                    }
                )
            ),
            ("undated", lineTotal(result.undated)),
            ("estimateCents", cents(result.estimate)),
        ])
    }

    static func trueUp(_ trueUp: TrueUp) -> JSONValue {
        .object([
            ("provisionalCutOff", .string(trueUp.provisionalCutOff.description)),
            (
                "provisionalFile",
                trueUp.provisionalFile.map { file in
                    .object([("path", .string(file.path)), ("sha256", .string(file.sha256))])
                } ?? .null
            ),
            (
                "regimes",
                .array(
                    trueUp.estimates.map { check in
                        .object([
                            ("regime", .string(check.regime.rawValue)),
                            ("estimatedCents", cents(check.estimated)),
                            ("countedSinceCents", cents(check.countedSince)),
                        ])
                    }
                )
            ),
            (
                "parties",
                .array(
                    trueUp.lines.map { line in
                        .object([
                            ("party", .string(line.party.rawValue)),
                            ("provisionalNetCents", cents(line.provisional)),
                            ("finalNetCents", cents(line.final)),
                            ("changeCents", cents(line.change)),
                        ])
                    }
                )
            ),
        ])
    }

    static func trendAdjustment(_ adjustment: TrendAdjustmentResult) -> JSONValue {
        .object([
            ("year", .int(adjustment.year)),
            ("forecastFactor", decimal(adjustment.forecastFactor)),
            ("actualTrendPercent", adjustment.actualPercent.map(percent) ?? .null),
            ("ratio", adjustment.ratio.map(decimal) ?? .null),
            ("appliedFactor", decimal(adjustment.appliedFactor)),
            ("thresholdPercent", percent(adjustment.threshold)),
            (
                "corridors",
                .array(
                    adjustment.corridors.map { corridor in
                        .object([
                            ("fromPercent", percent(corridor.from)),
                            ("toPercent", corridor.to.map(percent) ?? .null),
                            ("bornePercent", percent(corridor.borne)),
                        ])
                    }
                )
            ),
        ])
    }

    static func totals(_ totals: Totals) -> JSONValue {
        .object([
            ("budgetCents", cents(totals.budget)),
            ("claimsCents", cents(totals.claims)),
            ("truncatedCents", cents(totals.truncated)),
            ("truncationThresholdCents", totals.truncationThreshold.map(cents) ?? .null),
            ("lumpSumCents", cents(totals.lumpSums)),
            ("expenditureCents", cents(totals.expenditure)),
            ("savingsCents", cents(totals.savings)),
            ("savingsRate", totals.savingsRate.map(decimal) ?? .null),
            ("outOfScopeCents", cents(totals.outOfScope)),
            (
                "outOfScopeByRegime",
                .array(
                    Regime.allCases.map {
                        .object([
                            ("regime", .string($0.rawValue)), ("amountCents", cents(totals.outOfScopeByRegime[$0])),
                        ])
                    }
                )
            ),
        ])
    }

    static func threshold(_ threshold: ThresholdResult) -> JSONValue {
        .object([
            ("mode", .string(threshold.mode)),
            ("percent", percent(threshold.rate)),
            ("table", .optional(threshold.table?.rawValue)),
            ("confidence", threshold.confidence.map(percent) ?? .null),
            ("populationSize", .int(threshold.populationSize)),
            ("met", .bool(threshold.met)),
        ])
    }

    static func quality(_ quality: QualityResult) -> JSONValue {
        .object([
            ("score", decimal(quality.score)),
            ("minimumScore", decimal(quality.minimumScore)),
            ("gatePassed", .bool(quality.gatePassed)),
            ("gateFailures", .array(quality.gateFailures.map(gateFailure))),
            ("unobserved", .array(quality.unobserved.map { .string($0.indicator.id.rawValue) })),
            (
                "indicators",
                .array(
                    quality.indicators.map { result in
                        let indicator = result.indicator
                        return .object([
                            ("id", .string(indicator.id.rawValue)),
                            ("label", indicator.label.map(JSONValue.string) ?? .null),
                            ("unit", .string(indicator.unit.rawValue)),
                            ("better", .string(indicator.better.rawValue)),
                            ("measured", .bool(result.measured)),
                            ("observations", .string(result.observations.name)),
                            ("whenUnobserved", .optional(result.observations.unobservedRule?.rawValue)),
                            ("inScore", .bool(result.inScore)),
                            ("value", result.value.map(decimal) ?? .null),
                            ("baseline", decimal(indicator.baseline)),
                            ("target", decimal(indicator.target)),
                            ("floor", decimal(indicator.floor)),
                            ("weight", decimal(indicator.weight)),
                            ("mandatory", .bool(indicator.isMandatory)),
                            ("points", result.inScore ? decimal(result.points) : .null),
                            ("events", result.events.map(JSONValue.int) ?? .null),
                            ("excludedEvents", result.excludedEvents.map(JSONValue.int) ?? .null),
                            ("respondents", result.respondents.map(JSONValue.int) ?? .null),
                        ])
                    }
                )
            ),
        ])
    }

    static func sharing(_ sharing: SharingResult) -> JSONValue {
        .object([
            ("model", .string(sharing.model)),
            ("outcome", .string(sharing.outcome.rawValue)),
            ("quality", sharing.quality.map { .string($0.rawValue) } ?? .null),
            ("sharingRate", sharing.sharingRate.map(percent) ?? .null),
            ("finalSharingRate", sharing.finalSharingRate.map(percent) ?? .null),
            ("sharedBaseCents", sharing.sharedBase.map(cents) ?? .null),
            ("earnedCents", cents(sharing.earned)),
            ("capCents", sharing.cap.map(cents) ?? .null),
            ("capped", .bool(sharing.capped)),
            ("earnedAfterCapCents", cents(sharing.earnedAfterCap)),
            ("paymentReductionCents", cents(sharing.paymentReduction)),
            ("payoutCents", cents(sharing.payout)),
            ("lossSharingRate", sharing.lossSharingRate.map(percent) ?? .null),
            ("sharedLossCents", cents(sharing.sharedLoss)),
            ("lossCapCents", sharing.lossCap.map(cents) ?? .null),
            ("lossCapped", .bool(sharing.lossCapped)),
            ("lossPaymentCents", cents(sharing.lossPayment)),
        ])
    }

    static func party(_ position: PartyPosition) -> JSONValue {
        .object([
            ("party", .string(position.party.rawValue)),
            ("role", .string(position.role.rawValue)),
            ("name", .string(position.name)),
            ("paysCents", cents(position.pays)),
            ("receivesCents", cents(position.receives)),
            ("netCents", cents(position.net)),
        ])
    }

    static func transfer(_ transfer: TransferLine) -> JSONValue {
        .object([
            ("from", .string(transfer.from.rawValue)), ("to", .string(transfer.to.rawValue)),
            ("amountCents", cents(transfer.amount)), ("reason", .string(transfer.reason)),
        ])
    }

    /// `step` as its reader sees it: its values as they stand in the JSON.
    static func documentStep(_ step: SettlementStep) -> SettlementDocument.Step {
        SettlementDocument.Step(
            id: step.id,
            description: step.description,
            formula: step.formula,
            inputs: values(step.inputs),
            result: values(step.results)
        )
    }

    static func step(_ step: SettlementStep) -> JSONValue {
        .object([
            ("step", .string(step.id)),
            ("description", .string(step.description)),
            ("formula", .string(step.formula)),
            ("inputs", values(step.inputs)),
            ("result", values(step.results)),
        ])
    }

    /// Step values as a JSON object.
    ///
    /// Amounts get the suffix `Cents` and percentages `Percent`; a name
    /// `group.member` becomes a member of the object `group`, keyed by the member's name.
    static func values(_ list: [(name: String, value: StepValue)]) -> JSONValue {
        var members: [(key: String, value: JSONValue)] = []
        var groups: [String: Int] = [:]
        for entry in list {
            let (group, member) = split(entry.name)
            let key = group + suffix(entry.value)
            guard let member else {
                members.append((key, json(entry.value)))
                continue
            }
            if let index = groups[key], case .object(var inner) = members[index].value {
                inner.append((member, json(entry.value)))
                members[index].value = .object(inner)
            } else {
                groups[key] = members.count
                members.append((key, .object([(member, json(entry.value))])))
            }
        }
        return .object(members)
    }

    private static func split(_ name: String) -> (String, String?) {
        guard let dot = name.firstIndex(of: ".") else { return (name, nil) }
        return (String(name[..<dot]), String(name[name.index(after: dot)...]))
    }

    private static func suffix(_ value: StepValue) -> String {
        switch value {
        case .cents: "Cents"
        case .percent: "Percent"
        default: ""
        }
    }

    private static func json(_ value: StepValue) -> JSONValue {
        switch value {
        case .cents(let amount): cents(amount)
        case .decimal(let value): decimal(value)
        case .percent(let value): percent(value)
        case .integer(let value): .int(value)
        case .flag(let value): .bool(value)
        case .text(let value): .string(value)
        }
    }
}
