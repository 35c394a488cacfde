import CapitationCore

/// The run-out's tables and words: what a settlement after a run-out counted, how it estimated the claims
/// not yet received, and what the final settlement changes against the provisional one.
extension SettlementTables {

    /// What the settlement counted: its cut-off, the lines received after it, the lines without a date.
    static func runOut(_ runOut: RunOutResult, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: locale.pick(
                "What the \(runOut.stage.rawValue) settlement counts: the claim lines received by its cut-off",
                "Wat de \(ReportTerms(locale).stage(runOut.stage)) afrekening telt: de declaratieregels die vóór de "
                    + "peildatum zijn ontvangen"
            ),
            header: ["", locale.pick("lines", "regels"), locale.pick("amount", "bedrag")],
            rows: [
                [
                    Cell(
                        locale.pick(
                            "cut-off: \(locale.date(runOut.cutOff)) (\(runOut.months) months after the period)",
                            "peildatum: \(locale.date(runOut.cutOff)) (\(runOut.months) maanden na de periode)"
                        )
                    ), "", "",
                ],
                [
                    Cell(
                        locale.pick(
                            "received after the cut-off, not counted",
                            "ontvangen na de peildatum, niet meegeteld"
                        )
                    ),
                    Cell(locale.count(runOut.receivedAfterCutOff.lines)),
                    .amount(runOut.receivedAfterCutOff.amount, locale),
                ],
                [
                    Cell(
                        locale.pick(
                            "accepted without a date of receipt, counted as received in time",
                            "geaccepteerd zonder ontvangstdatum, geteld als op tijd ontvangen"
                        )
                    ),
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
            caption: locale.pick(
                "\(completion.regime): the claims not yet received, by month of service (not yet received = "
                    + "received × (development factor − 1); development factor = the product of the age-to-age factors "
                    + "from the month's age now to its age at the final cut-off; the total is rounded once)",
                "\(completion.regime): de nog niet ontvangen declaraties, per zorgmaand (nog niet ontvangen = ontvangen "
                    + "× (cumulatieve ontwikkelfactor − 1); cumulatieve ontwikkelfactor = het product van de ontwikkelfactoren van de "
                    + "leeftijd van de maand nu tot die op de definitieve peildatum; het totaal wordt één keer afgerond)"
            ),
            header: [
                locale.pick("month of service", "zorgmaand"), locale.pick("age now", "leeftijd nu"),
                locale.pick("age at the final cut-off", "leeftijd op de definitieve peildatum"),
                locale.pick("received", "ontvangen"), locale.pick("development factor", "cumulatieve ontwikkelfactor"),
                locale.pick("share received", "aandeel ontvangen"),
                locale.pick("not yet received", "nog niet ontvangen"),
            ],
            rows: completion.months.map { month in
                [
                    Cell(SettlementCalculator.monthName(month.month)), Cell(locale.count(month.age)),
                    Cell(locale.count(month.finalAge)), .amount(month.received, locale),
                    Cell(locale.decimal(month.developmentFactor)), Cell(locale.rateAsPercent(month.completionFactor)),
                    .amount(month.estimate, locale),
                ]
            } + [
                [
                    Cell(locale.pick("total", "totaal")), "", "", .amount(received, locale), "", "",
                    .amount(completion.estimate, locale),
                ]
            ],
            numeric: [1, 2, 3, 4, 5, 6]
        )
    }

    /// One regime's development in the baseline years: how much was received within each number of months.
    static func development(_ completion: CompletionResult, _ locale: ReportLocale) -> ReportTable {
        let named = ReportLocale.list(completion.baselineYears.map(String.init), and: locale.pick(" and ", " en "))
        return ReportTable(
            caption: locale.pick(
                "\(completion.regime): how the claims of \(named) came in (chain-ladder: for each lag, the baseline "
                    + "months of service observed a month longer, their claims received within the lag and within a "
                    + "month more, and the age-to-age factor, the second ÷ the first)",
                "\(completion.regime): hoe de declaraties van \(named) binnenkwamen (chain-ladder: per vertraging de "
                    + "zorgmaanden van de nulmeting die een maand langer zijn waargenomen, hun declaraties ontvangen "
                    + "binnen de vertraging en binnen een maand meer, en de ontwikkelfactor, het tweede ÷ het eerste)"
            ),
            header: [
                locale.pick("lag in months", "vertraging in maanden"), locale.pick("months of service", "zorgmaanden"),
                locale.pick("received within", "ontvangen binnen"),
                locale.pick("within a month more", "binnen een maand meer"),
                locale.pick("age-to-age factor", "ontwikkelfactor"),
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
            caption: locale.pick(
                "The true-up: each party's net in the provisional settlement (cut-off "
                    + "\(locale.date(trueUp.provisionalCutOff)); "
                    + (trueUp.provisionalFile.map { "as issued, \($0.path), SHA-256 \($0.sha256.prefix(12))…" }
                        ?? "made again from this settlement's inputs")
                    + ") and in this final one; the changes sum to zero",
                "De afrekening achteraf: het saldo van elke partij in de voorlopige afrekening (peildatum "
                    + "\(locale.date(trueUp.provisionalCutOff)); "
                    + (trueUp.provisionalFile.map { "zoals uitgegeven, \($0.path), SHA-256 \($0.sha256.prefix(12))…" }
                        ?? "opnieuw gemaakt uit de invoer van deze afrekening")
                    + ") en in deze definitieve; de wijzigingen tellen op tot nul"
            ),
            header: [
                locale.pick("party", "partij"), locale.pick("provisional net", "voorlopig saldo"),
                locale.pick("final net", "definitief saldo"), locale.pick("change", "wijziging"),
            ],
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
            caption: locale.pick(
                "The provisional estimate of the claims not yet received, against the claims this final settlement "
                    + "counts beyond the provisional one (lines that came in since, less any set aside since)",
                "De voorlopige schatting van de nog niet ontvangen declaraties, tegen de declaraties die deze "
                    + "definitieve afrekening meer telt dan de voorlopige (regels die sindsdien binnenkwamen, min wat "
                    + "sindsdien is afgewezen)"
            ),
            header: [
                locale.pick("regime", "stelsel"), locale.pick("estimated", "geschat"),
                locale.pick("counted since", "sindsdien geteld"),
                locale.pick("estimate less counted since", "schatting min sindsdien geteld"),
            ],
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
        let pick = locale.pick
        let lateLines = runOut.receivedAfterCutOff.lines
        let late: [Part] =
            lateLines == 0
            ? [.text(pick("No claim line was received after it.", "Er is daarna geen declaratieregel ontvangen."))]
            : [
                .text(
                    pick(
                        "\(locale.count(lateLines)) claim line\(lateLines == 1 ? " was" : "s were") received after it (",
                        "\(locale.count(lateLines)) declaratieregel\(lateLines == 1 ? " is" : "s zijn") daarna ontvangen ("
                    )
                ),
                .figure("received-after-cut-off", runOut.receivedAfterCutOff.amount),
                .text(
                    pick(
                        "): not counted here, and listed in rejected-claims.csv.",
                        "): hier niet meegeteld, en vermeld in rejected-claims.csv."
                    )
                ),
            ]
        let (cutOff, months) = (locale.date(runOut.cutOff), runOut.months)
        switch runOut.stage {
        case .provisional:
            let years = Array(Set(runOut.completion.flatMap(\.baselineYears))).sorted().map(String.init)
            let named = ReportLocale.list(years, and: pick(" and ", " en "))
            return [
                .text(
                    pick(
                        "This is the provisional settlement. It counts the claim lines received by \(cutOff), "
                            + "\(months) months after the period, and adds ",
                        "Dit is de voorlopige afrekening. Ze telt de declaratieregels die uiterlijk \(cutOff) zijn "
                            + "ontvangen, \(months) maanden na de periode, en telt er "
                    )
                ),
                .figure("not-yet-received", runOut.estimate),
                .text(
                    pick(
                        " for the claims not yet received, estimated per regime from how quickly the claims of "
                            + "\(named) came in. ",
                        " bij voor de nog niet ontvangen declaraties, per stelsel geschat uit hoe snel de declaraties "
                            + "van \(named) binnenkwamen. "
                    )
                ),
            ] + late + [
                .text(
                    pick(
                        " The final settlement counts what has been received by the end of the final run-out and "
                            + "trues up the difference.",
                        " De definitieve afrekening telt wat aan het eind van de definitieve naloop is ontvangen en "
                            + "verrekent het verschil."
                    )
                )
            ]
        case .final:
            var parts: [Part] = [
                .text(
                    pick(
                        "This is the final settlement. It counts the claim lines received by \(cutOff), \(months) "
                            + "months after the period. ",
                        "Dit is de definitieve afrekening. Ze telt de declaratieregels die uiterlijk \(cutOff) zijn "
                            + "ontvangen, \(months) maanden na de periode. "
                    )
                )
            ]
            parts += late
            if let trueUp = runOut.trueUp {
                parts.append(
                    .text(
                        pick(
                            " Against the provisional settlement it changes each party's net by: ",
                            " Tegenover de voorlopige afrekening verandert ze het saldo van elke partij met: "
                        )
                    )
                )
                for (index, line) in trueUp.lines.enumerated() {
                    if index > 0 { parts.append(.text(", ")) }
                    parts.append(.text("\(line.party) "))
                    parts.append(.figure("true-up:\(line.party)", line.change))
                }
                parts.append(.text(pick(" (the table below).", " (de tabel hieronder).")))
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
