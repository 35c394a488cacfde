/// The tables of the settlement report, built once from a ``SettlementDocument`` for both the Markdown and
/// the HTML rendering.
enum SettlementTables {
    typealias Cell = ReportTable.Cell

    static func parties(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: "What each party pays, receives and nets",
            header: ["party", "role", "pays", "receives", "net"],
            rows: document.parties.map { party in
                [
                    Cell("\(party.name) (\(party.party))"), Cell(party.role), .amount(party.pays, locale),
                    .amount(party.receives, locale), .amount(party.net, locale, figure: "net:\(party.party)"),
                ]
            },
            numeric: [2, 3, 4],
            id: "parties"
        )
    }

    static func waterfall(_ steps: [SettlementDocument.WaterfallStep], _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: "The waterfall's figures",
            header: ["step", "amount"],
            rows: steps.map { [Cell($0.label), .amount($0.shown, locale)] },
            numeric: [1]
        )
    }

    static func exclusions(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable? {
        let excluded = document.population.excluded
        guard !excluded.isEmpty else { return nil }
        return ReportTable(
            caption: "People on the roster who are not in the population, by reason",
            header: ["reason", "people"],
            rows: excluded.map { [Cell($0.reason), Cell(locale.count($0.members))] },
            numeric: [1]
        )
    }

    static func risk(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable? {
        guard !document.risk.isEmpty else { return nil }
        return ReportTable(
            caption:
                "Risk models: the members' scores weighted by their days, and the factor that makes the mean score 1",
            header: [
                "risk model (regimes)", "risk-weighted days", "mean score", "of which demographic", "of which markers",
                "norm. factor", "growth cap", "cap applied",
            ],
            rows: document.risk.map { model in
                [
                    Cell("\(model.model) (\(model.regimes.joined(separator: ", ")))"),
                    Cell(locale.decimal(model.riskWeightedDays)), Cell(locale.decimal(model.meanScore)),
                    Cell(model.demographicMeanScore.map(locale.decimal) ?? "–"),
                    Cell(model.markerMeanScore.map(locale.decimal) ?? "–"),
                    Cell(locale.decimal(model.normalisationFactor)), Cell(growthCap(model, locale)),
                    Cell(model.growthCapApplied ? "yes" : "no"),
                ]
            },
            numeric: [1, 2, 3, 4, 5]
        )
    }

    /// A risk model's growth cap in words: `3 % over 1.02`, `demographic growth 1.01 + 3 points over 1.02`.
    static func growthCap(_ model: SettlementDocument.RiskModel, _ locale: ReportLocale) -> String {
        let over = model.baselineMeanScore.map { " over \(locale.decimal($0))" } ?? " (no baseline)"
        var limits: [String] = []
        if let percent = model.growthCapPercent { limits.append(locale.percent(percent) + over) }
        if let points = model.growthCapBeyondDemographicPoints {
            let growth =
                model.demographicGrowth.map { "demographic growth \(locale.decimal($0))" }
                ?? "demographic growth (no baseline)"
            limits.append("\(growth) + \(locale.decimal(points)) points" + over)
        }
        return limits.isEmpty ? "none" : limits.joined(separator: "; ")
    }

    /// The regimes' retrospective trend adjustments, when any regime has one.
    static func trendAdjustments(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable? {
        let rows = document.regimes.compactMap { regime -> [Cell]? in
            guard let adjustment = regime.trendAdjustment else { return nil }
            return [
                Cell(regime.regime), Cell(locale.decimal(adjustment.forecastFactor)),
                Cell(adjustment.actualPercent.map { locale.percent($0.value) } ?? "not yet known"),
                Cell(adjustment.ratio.map(locale.decimal) ?? "–"), Cell(locale.decimal(adjustment.appliedFactor)),
            ]
        }
        guard !rows.isEmpty else { return nil }
        return ReportTable(
            caption: "Retrospective trend adjustment: the budget's forecast trend against the actual trend, and the "
                + "factor the budget applied (1 within the threshold; beyond it the share the contract's corridors "
                + "leave with the fieldlab)",
            header: ["regime", "forecast factor", "actual trend", "actual ÷ forecast", "factor applied"],
            rows: rows,
            numeric: [1, 2, 3, 4]
        )
    }

    static func budget(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        let totals = document.totals
        return ReportTable(
            caption: "The budget per regime: per capita × risk-weighted person-years, plus lump sums",
            header: [
                "regime and financier", "risk model", "per capita a year", "risk-weighted person-years",
                "capitation budget", "lump sums", "budget",
            ],
            rows: document.regimes.map { regime in
                [
                    Cell("\(regime.regime): \(document.name(of: regime.financier))"), Cell(regime.riskModel ?? "–"),
                    .amount(regime.perCapitaAnnual, locale), Cell(locale.decimal(regime.riskWeightedPersonYears)),
                    .amount(regime.capitationBudget, locale), .amount(regime.lumpSums, locale),
                    .amount(regime.budget, locale),
                ]
            } + [["total", "", "", "", "", .amount(totals.lumpSums, locale), .amount(totals.budget, locale)]],
            numeric: [2, 3, 4, 5, 6]
        )
    }

    static func expenditure(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        let totals = document.totals
        // A provisional settlement's estimate of the claims not yet received stands as a column of its own;
        // the care outside the scope, then, only below the table, so that it still fits an A4 page.
        let estimated = document.runOut?.stage == .provisional
        let estimate = document.runOut?.estimate ?? .zero
        func row(_ first: [Cell], estimate: Cents, _ rest: [Cell], outOfScope: Cents) -> [Cell] {
            estimated ? first + [.amount(estimate, locale)] + rest : first + rest + [.amount(outOfScope, locale)]
        }
        return ReportTable(
            caption: estimated
                ? "Per regime: the budget against the accepted claims received by the cut-off less truncation, plus "
                    + "the claims not yet received (estimated); the care outside the scope is below"
                : "Per regime: the budget against the accepted claims less truncation, and the care outside the scope",
            header: ["regime", "budget", "claims", "truncated", "lump sums"]
                + (estimated
                    ? ["not yet received", "expenditure", "savings", "savings rate"]
                    : ["expenditure", "savings", "savings rate", "outside the scope"]),
            rows: document.regimes.map { regime in
                row(
                    [
                        Cell(regime.regime), .amount(regime.budget, locale), .amount(regime.claims, locale),
                        .amount(regime.truncated, locale), .amount(regime.lumpSums, locale),
                    ],
                    estimate: regime.notYetReceived,
                    [
                        .amount(regime.expenditure, locale), .amount(regime.savings, locale),
                        Cell(regime.savingsRate.map(locale.rateAsPercent) ?? "–"),
                    ],
                    outOfScope: regime.outOfScope
                )
            } + [
                row(
                    [
                        "total", .amount(totals.budget, locale), .amount(totals.claims, locale),
                        .amount(totals.truncated, locale), .amount(totals.lumpSums, locale),
                    ],
                    estimate: estimate,
                    [
                        .amount(totals.expenditure, locale), .amount(totals.savings, locale),
                        Cell(totals.savingsRate.map(locale.rateAsPercent) ?? "–"),
                    ],
                    outOfScope: totals.outOfScope
                )
            ],
            numeric: [1, 2, 3, 4, 5, 6, 7, 8]
        )
    }

    static func quality(_ quality: SettlementDocument.Quality, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption:
                "Scorecard: each indicator's value against its baseline, target and floor, and the points it earns",
            header: [
                "indicator", "better", "unit", "observations", "value", "baseline", "target", "floor", "weight",
                "points",
            ],
            rows: quality.indicators.map { indicator in
                [
                    Cell(indicator.id + (indicator.mandatory ? " (mandatory)" : "")), Cell(indicator.better),
                    Cell(indicator.unit), Cell(observations(indicator)),
                    Cell(indicator.value.map(locale.decimal) ?? "–"),
                    Cell(locale.decimal(indicator.baseline)), Cell(locale.decimal(indicator.target)),
                    Cell(locale.decimal(indicator.floor)),
                    Cell(indicator.inScore ? locale.decimal(indicator.weight) : "left out"),
                    Cell(indicator.points.map(locale.decimal) ?? "–"),
                ]
            },
            numeric: [4, 5, 6, 7, 8, 9]
        )
    }

    /// What the inputs said about an indicator, in words.
    static func observations(_ indicator: SettlementDocument.Indicator) -> String {
        switch indicator.observations {
        case "events": "events"
        case "declared-no-events": "no events (declared)"
        case "measured-values": "measured values"
        default: "none" + (SettlementProse.unobservedTreatment(indicator).map { ": " + $0 } ?? "")
        }
    }

    /// The claim outcomes: accepted, each rejection reason, and what was read.
    static func outcomes(_ document: SettlementDocument) -> [(label: String, total: SettlementDocument.LineTotal)] {
        let reconciliation = document.reconciliation
        return [("accepted", reconciliation.accepted)]
            + reconciliation.rejected.map { ("rejected: " + $0.reason, $0.total) }
    }

    static func claims(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        let reconciliation = document.reconciliation
        var rows = outcomes(document).map {
            [Cell($0.label), Cell(locale.count($0.total.lines)), .amount($0.total.amount, locale)]
        }
        rows.append([
            "read", Cell(locale.count(reconciliation.read.lines)), .amount(reconciliation.read.amount, locale),
        ])
        if !reconciliation.proRataExcluded.isZero {
            rows.append([
                "of the accepted: left out by pro-rating", "", .amount(reconciliation.proRataExcluded, locale),
            ])
        }
        return ReportTable(
            caption:
                "Every claim line read is accepted or rejected for one reason; credits count against the line they correct. "
                + "Rejected lines are listed in rejected-claims.csv.",
            header: ["outcome", "lines", "amount"],
            rows: rows,
            numeric: [1, 2]
        )
    }

    /// What the financiers refused, per reason code; `nil` when they refused nothing.
    static func refusals(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable? {
        let refusals = document.reconciliation.refusals
        guard !refusals.isEmpty else { return nil }
        return ReportTable(
            caption:
                "What the financiers refused, by their reason codes (the meaning as the code list gives it). A line "
                + "refused with several codes counts under each; the refused part of a line approved in part counts in "
                + "the amount only. Each line, with its answer, is in rejected-claims.csv.",
            header: ["code", "meaning", "lines", "amount"],
            rows: refusals.map {
                [
                    .code($0.code), Cell($0.meaning), Cell(locale.count($0.total.lines)),
                    .amount($0.total.amount, locale),
                ]
            },
            numeric: [2, 3]
        )
    }

    static func codes(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable? {
        let codes = document.reconciliation.codes
        guard !codes.isEmpty else { return nil }
        func volume(_ volume: Int64?, _ unit: String?) -> Cell {
            guard let volume else { return "" }
            return Cell(locale.count(Int(clamping: volume)) + (unit.map { " × unit \($0)" } ?? ""))
        }
        return ReportTable(
            caption:
                "Per claim code: what was accepted, and what the population used outside the scope (in the period and "
                + "the population; other rejected lines are not included)",
            header: [
                "regime", "category", "product", "care profile", "accepted lines", "accepted", "accepted volume",
                "out-of-scope lines", "out of scope", "out-of-scope volume",
            ],
            rows: codes.map { code in
                [
                    Cell(code.regime), Cell(code.category), Cell(code.product), Cell(code.careProfile ?? ""),
                    Cell(locale.count(code.accepted.lines)), .amount(code.accepted.amount, locale),
                    volume(code.accepted.volume, code.unit), Cell(locale.count(code.outOfScope.lines)),
                    .amount(code.outOfScope.amount, locale), volume(code.outOfScope.volume, code.unit),
                ]
            },
            numeric: [4, 5, 6, 7, 8, 9]
        )
    }

    static func sharing(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        let sharing = document.sharing
        var rows: [[Cell]] = []
        if let rate = sharing.sharingRate { rows.append(["sharing rate", Cell(locale.percent(rate))]) }
        if let rate = sharing.finalSharingRate { rows.append(["final sharing rate", Cell(locale.percent(rate))]) }
        if let base = sharing.sharedBase { rows.append(["shared base", .amount(base, locale)]) }
        rows.append(["earned", .amount(sharing.earned, locale)])
        if let cap = sharing.cap { rows.append(["cap", capCell(cap, applied: sharing.capped, locale)]) }
        rows.append(["payment reduction", .amount(sharing.paymentReduction, locale)])
        rows.append(["payout to the recipients", .amount(sharing.payout, locale)])
        if let rate = sharing.lossSharingRate { rows.append(["loss-sharing rate", Cell(locale.percent(rate))]) }
        if !sharing.sharedLoss.isZero { rows.append(["shared loss", .amount(sharing.sharedLoss, locale)]) }
        if let cap = sharing.lossCap {
            rows.append(["loss cap", capCell(cap, applied: sharing.lossCapped, locale)])
        }
        rows.append(["loss paid by the recipients", .amount(sharing.lossPayment, locale)])
        return ReportTable(caption: "Sharing (\(sharing.model))", header: ["", "amount"], rows: rows, numeric: [1])
    }

    /// A cap's amount, marked when it was applied.
    private static func capCell(_ cap: Cents, applied: Bool, _ locale: ReportLocale) -> Cell {
        var cell = Cell.amount(cap, locale)
        if applied { cell.text += " (applied)" }
        return cell
    }

    static func transfers(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: "Every transfer between the parties",
            header: ["from", "to", "amount", "reason"],
            rows: document.transfers.map {
                [
                    Cell(document.name(of: $0.from)), Cell(document.name(of: $0.to)), .amount($0.amount, locale),
                    Cell($0.reason),
                ]
            },
            numeric: [2]
        )
    }

    static func scheduleMonths(_ financier: FinancierSchedule, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: "Paid ahead by \(financier.financier) (\(financier.regime)), month by month",
            header: ["month (counted on)", "days", "members", "risk-weighted members", "payment"],
            rows: financier.months.map {
                [
                    Cell(locale.date($0.counted)), Cell(locale.count($0.days)), Cell(locale.count($0.members)),
                    Cell(locale.decimal($0.riskWeightedMembers)), .amount($0.amount, locale),
                ]
            },
            numeric: [1, 2, 3, 4]
        )
    }

    static func scheduleYearEnd(_ financier: FinancierSchedule, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: "Year end for \(financier.financier) (\(financier.regime))",
            header: ["", "amount"],
            rows: [
                ["paid ahead (Σ months)", .amount(financier.prospective, locale)],
                ["capitation budget (exposure to the day)", .amount(financier.capitationBudget, locale)],
                ["care borne by the providers (claims after truncation)", .amount(financier.claimsBorne, locale)],
                ["providers' result from this financier", .amount(financier.providersResult, locale)],
                ["due for the year", .amount(financier.due, locale)],
                ["reconciliation (due − paid ahead)", .amount(financier.reconciliation, locale)],
            ],
            numeric: [1]
        )
    }

    /// The words of a step's table, in the report's language.
    struct StepWords {
        var caption: String
        var input: String
        var result: String
        var name: String
        var value: String

        static let english = StepWords(
            caption: "Inputs and result",
            input: "input",
            result: "result",
            name: "name",
            value: "value"
        )
    }

    static func step(
        _ step: SettlementDocument.Step,
        _ locale: ReportLocale,
        words: StepWords = .english
    ) -> ReportTable {
        ReportTable(
            caption: words.caption,
            header: ["", words.name, words.value],
            rows: StepValues.rows(step.inputs, locale).map { [Cell(words.input), Cell($0.name), Cell($0.value)] }
                + StepValues.rows(step.result, locale).map { [Cell(words.result), Cell($0.name), Cell($0.value)] },
            numeric: [2]
        )
    }

    static func inputs(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: "Every input file and its SHA-256",
            header: ["role", "file", "format", "lines", "SHA-256"],
            rows: document.inputs.map {
                [Cell($0.role), .code($0.path), Cell($0.format), Cell(locale.count($0.lines)), .code($0.sha256)]
            },
            numeric: [3]
        )
    }
}
