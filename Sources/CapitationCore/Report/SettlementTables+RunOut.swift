/// The run-out's tables and words: what a settlement after a run-out counted, how it estimated the claims
/// not yet received, and what the final settlement changes against the provisional one.
extension SettlementTables {

    /// What the settlement counted: its cut-off, the lines received after it, the lines without a date.
    static func runOut(_ runOut: RunOutResult, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: "What the \(runOut.stage.rawValue) settlement counts: the claim lines received by its cut-off",
            header: ["", "lines", "amount"],
            rows: [
                [
                    Cell("cut-off: \(locale.date(runOut.cutOff)) (\(runOut.months) months after the period)"), "", "",
                ],
                [
                    "received after the cut-off, not counted", Cell(locale.count(runOut.receivedAfterCutOff.lines)),
                    .amount(runOut.receivedAfterCutOff.amount, locale),
                ],
                [
                    "accepted without a date of receipt, counted as received in time",
                    Cell(locale.count(runOut.undated.lines)), .amount(runOut.undated.amount, locale),
                ],
            ],
            numeric: [1, 2]
        )
    }

    /// One regime's claims not yet received, by month of service.
    static func completionMonths(_ completion: CompletionResult, _ locale: ReportLocale) -> ReportTable {
        let received = completion.months.reduce(into: Cents.zero) { sum, month in
            sum = (try? sum + month.received) ?? sum
        }
        return ReportTable(
            caption: "\(completion.regime): the claims not yet received, by month of service (not yet received = "
                + "received × (development factor − 1); development factor = the product of the age-to-age factors "
                + "from the month's age now to its age at the final cut-off; the total is rounded once)",
            header: [
                "month of service", "age now", "age at the final cut-off", "received", "development factor",
                "share received", "not yet received",
            ],
            rows: completion.months.map { month in
                [
                    Cell(SettlementCalculator.monthName(month.month)), Cell(locale.count(month.age)),
                    Cell(locale.count(month.finalAge)), .amount(month.received, locale),
                    Cell(locale.decimal(month.developmentFactor)), Cell(locale.rateAsPercent(month.completionFactor)),
                    .amount(month.estimate, locale),
                ]
            } + [["total", "", "", .amount(received, locale), "", "", .amount(completion.estimate, locale)]],
            numeric: [1, 2, 3, 4, 5, 6]
        )
    }

    /// One regime's development in the baseline years: how much was received within each number of months.
    static func development(_ completion: CompletionResult, _ locale: ReportLocale) -> ReportTable {
        let named = ReportLocale.list(completion.baselineYears.map(String.init), and: " and ")
        return ReportTable(
            caption: "\(completion.regime): how the claims of \(named) came in (chain-ladder: for each lag, the "
                + "baseline months of service observed a month longer, their claims received within the lag and "
                + "within a month more, and the age-to-age factor, the second ÷ the first)",
            header: [
                "lag in months", "months of service", "received within", "within a month more", "age-to-age factor",
            ],
            rows: completion.development.map { lag in
                [
                    Cell(locale.count(lag.lag)), Cell(locale.count(lag.origins)), .amount(lag.received, locale),
                    .amount(lag.receivedNext, locale), Cell(lag.ageToAgeFactor.map(locale.decimal) ?? "–"),
                ]
            },
            numeric: [0, 1, 2, 3, 4]
        )
    }

    /// What the final settlement changes against the provisional one, per party.
    static func trueUp(_ trueUp: TrueUp, _ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: "The true-up: each party's net in the provisional settlement (cut-off "
                + "\(locale.date(trueUp.provisionalCutOff)); "
                + (trueUp.provisionalFile.map { "as issued, \($0.path), SHA-256 \($0.sha256.prefix(12))…" }
                    ?? "made again from this settlement's inputs")
                + ") and in this final one; the changes sum to zero",
            header: ["party", "provisional net", "final net", "change"],
            rows: trueUp.lines.map { line in
                [
                    Cell(document.name(of: line.party.rawValue)), .amount(line.provisional, locale),
                    .amount(line.final, locale), .amount(line.change, locale),
                ]
            },
            numeric: [1, 2, 3]
        )
    }

    /// The provisional estimate against what the final settlement counts beyond the provisional one.
    static func estimateCheck(_ trueUp: TrueUp, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption:
                "The provisional estimate of the claims not yet received, against the claims this final settlement "
                + "counts beyond the provisional one (lines that came in since, less any set aside since)",
            header: ["regime", "estimated", "counted since", "estimate less counted since"],
            rows: trueUp.estimates.map { check in
                let difference = (try? check.estimated - check.countedSince) ?? .zero
                return [
                    Cell(check.regime.rawValue), .amount(check.estimated, locale), .amount(check.countedSince, locale),
                    .amount(difference, locale),
                ]
            },
            numeric: [1, 2, 3]
        )
    }

    /// Every table of the run-out, in order.
    static func runOutTables(_ document: SettlementDocument, _ locale: ReportLocale) -> [ReportTable] {
        guard let runOut = document.runOut else { return [] }
        var tables = [Self.runOut(runOut, locale)]
        if let trueUp = runOut.trueUp {
            tables.append(Self.trueUp(trueUp, document, locale))
            if !trueUp.estimates.isEmpty { tables.append(estimateCheck(trueUp, locale)) }
        }
        for completion in runOut.completion {
            tables.append(completionMonths(completion, locale))
            tables.append(development(completion, locale))
        }
        return tables
    }
}

extension SettlementProse {
    /// What the run-out means for this settlement, in a few sentences; its key figures (the estimate,
    /// each party's change in the true-up) marked for the HTML page.
    static func runOut(_ runOut: RunOutResult, _ locale: ReportLocale) -> [Part] {
        let late: [Part] =
            runOut.receivedAfterCutOff.lines == 0
            ? [.text("No claim line was received after it.")]
            : [
                .text(
                    "\(locale.count(runOut.receivedAfterCutOff.lines)) claim "
                        + "line\(runOut.receivedAfterCutOff.lines == 1 ? " was" : "s were") received after it ("
                ),
                .figure("received-after-cut-off", runOut.receivedAfterCutOff.amount),
                .text("): not counted here, and listed in rejected-claims.csv."),
            ]
        switch runOut.stage {
        case .provisional:
            let years = Array(Set(runOut.completion.flatMap(\.baselineYears))).sorted().map(String.init)
            return [
                .text(
                    "This is the provisional settlement. It counts the claim lines received by "
                        + "\(locale.date(runOut.cutOff)), \(runOut.months) months after the period, and adds "
                ),
                .figure("not-yet-received", runOut.estimate),
                .text(
                    " for the claims not yet received, estimated per regime from how quickly the claims of "
                        + "\(ReportLocale.list(years, and: " and ")) came in. "
                ),
            ] + late + [
                .text(
                    " The final settlement counts what has been received by the end of the final run-out and trues "
                        + "up the difference."
                )
            ]
        case .final:
            var parts: [Part] = [
                .text(
                    "This is the final settlement. It counts the claim lines received by "
                        + "\(locale.date(runOut.cutOff)), \(runOut.months) months after the period. "
                )
            ]
            parts += late
            if let trueUp = runOut.trueUp {
                parts.append(.text(" Against the provisional settlement it changes each party's net by: "))
                for (index, line) in trueUp.lines.enumerated() {
                    if index > 0 { parts.append(.text(", ")) }
                    parts.append(.text("\(line.party) "))
                    parts.append(.figure("true-up:\(line.party)", line.change))
                }
                parts.append(.text(" (the table below)."))
            }
            return parts
        }
    }

    /// Sentences of text and figures as plain text, the figures in euros.
    static func text(_ parts: [Part], _ locale: ReportLocale) -> String {
        parts.map { part in
            switch part {
            case .text(let text): text
            case .figure(_, let amount): locale.euros(amount)
            }
        }.joined()
    }
}
