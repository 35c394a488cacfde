import CapitationCore

/// The tables of the settlement report, built once from a ``SettlementDocument`` for both the Markdown and
/// the HTML rendering.
enum SettlementTables {
    typealias Cell = ReportTable.Cell

    static func parties(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: locale.pick(
                "What each party pays, receives and nets",
                "Wat elke partij betaalt en ontvangt, en haar saldo"
            ),
            header: [
                locale.pick("party", "partij"), locale.pick("role", "rol"), locale.pick("pays", "betaalt"),
                locale.pick("receives", "ontvangt"), locale.pick("net", "saldo"),
            ],
            rows: document.parties.map { party in
                [
                    Cell("\(party.name) (\(party.party))"), Cell(ReportTerms(locale).role(party.role)),
                    .amount(party.pays, locale),
                    .amount(party.receives, locale), .amount(party.net, locale, figure: "net:\(party.party)"),
                ]
            },
            numeric: [2, 3, 4],
            id: "parties"
        )
    }

    static func waterfall(_ steps: [SettlementDocument.WaterfallStep], _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: locale.pick("The waterfall's figures", "De bedragen van de waterval"),
            header: [locale.pick("step", "stap"), locale.pick("amount", "bedrag")],
            rows: steps.map { [Cell($0.label), .amount($0.shown, locale)] },
            numeric: [1]
        )
    }

    static func exclusions(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable? {
        let excluded = document.population.excluded
        guard !excluded.isEmpty else { return nil }
        return ReportTable(
            caption: locale.pick(
                "People on the roster who are not in the population, by reason",
                "Mensen op de lijst die niet tot de populatie horen, naar reden"
            ),
            header: [locale.pick("reason", "reden"), locale.pick("people", "mensen")],
            rows: excluded.map { [Cell(ReportTerms(locale).exclusion($0.reason)), Cell(locale.count($0.members))] },
            numeric: [1]
        )
    }

    static func risk(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable? {
        guard !document.risk.isEmpty else { return nil }
        return ReportTable(
            caption: locale.pick(
                "Risk models: the members' scores weighted by their days, and the factor that makes the mean score 1",
                "Risicomodellen: de scores van de leden gewogen naar hun dagen, en de factor die de gemiddelde score 1 "
                    + "maakt"
            ),
            header: [
                locale.pick("risk model (regimes)", "risicomodel (stelsels)"),
                locale.pick("risk-weighted days", "risicogewogen dagen"), locale.pick("mean score", "gemiddelde score"),
                locale.pick("of which demographic", "waarvan demografisch"),
                locale.pick("of which markers", "waarvan markers"), locale.pick("norm. factor", "norm.factor"),
                locale.pick("growth cap", "groeiplafond"), locale.pick("cap applied", "plafond toegepast"),
            ],
            rows: document.risk.map { model in
                [
                    Cell("\(model.model) (\(model.regimes.joined(separator: ", ")))"),
                    Cell(locale.decimal(model.riskWeightedDays)), Cell(locale.decimal(model.meanScore)),
                    Cell(model.demographicMeanScore.map(locale.decimal) ?? "–"),
                    Cell(model.markerMeanScore.map(locale.decimal) ?? "–"),
                    Cell(locale.decimal(model.normalisationFactor)), Cell(growthCap(model, locale)),
                    Cell(ReportTerms(locale).yes(model.growthCapApplied)),
                ]
            },
            numeric: [1, 2, 3, 4, 5]
        )
    }

    /// A risk model's growth cap in words: `3 % over 1.02`, `demographic growth 1.01 + 3 points over 1.02`.
    static func growthCap(_ model: SettlementDocument.RiskModel, _ locale: ReportLocale) -> String {
        let over =
            model.baselineMeanScore.map { locale.pick(" over ", " op ") + locale.decimal($0) }
            ?? locale.pick(" (no baseline)", " (geen nulmeting)")
        var limits: [String] = []
        if let percent = model.growthCapPercent { limits.append(locale.percent(percent) + over) }
        if let points = model.growthCapBeyondDemographicPoints {
            let growth =
                locale.pick("demographic growth ", "demografische groei ")
                + (model.demographicGrowth.map(locale.decimal) ?? locale.pick("(no baseline)", "(geen nulmeting)"))
            limits.append("\(growth) + \(locale.decimal(points)) " + locale.pick("points", "punten") + over)
        }
        return limits.isEmpty ? locale.pick("none", "geen") : limits.joined(separator: "; ")
    }

    /// The regimes' retrospective trend adjustments, when any regime has one.
    static func trendAdjustments(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable? {
        let rows = document.regimes.compactMap { regime -> [Cell]? in
            guard let adjustment = regime.trendAdjustment else { return nil }
            return [
                Cell(regime.regime), Cell(locale.decimal(adjustment.forecastFactor)),
                Cell(
                    adjustment.actualPercent.map { locale.percent($0.value) }
                        ?? locale.pick("not yet known", "nog niet bekend")
                ),
                Cell(adjustment.ratio.map(locale.decimal) ?? "–"), Cell(locale.decimal(adjustment.appliedFactor)),
            ]
        }
        guard !rows.isEmpty else { return nil }
        return ReportTable(
            caption: locale.pick(
                "Retrospective trend adjustment: the budget's forecast trend against the actual trend, and the "
                    + "factor the budget applied (1 within the threshold; beyond it the share the contract's corridors "
                    + "leave with the fieldlab)",
                "Trendcorrectie achteraf: de voorspelde trend van het budget tegen de werkelijke trend, en de factor "
                    + "die het budget toepaste (1 binnen de drempel; daarbuiten het deel dat de corridors van het "
                    + "contract bij het fieldlab laten)"
            ),
            header: [
                locale.pick("regime", "stelsel"), locale.pick("forecast factor", "voorspelde factor"),
                locale.pick("actual trend", "werkelijke trend"),
                locale.pick("actual ÷ forecast", "werkelijk ÷ voorspeld"),
                locale.pick("factor applied", "toegepaste factor"),
            ],
            rows: rows,
            numeric: [1, 2, 3, 4]
        )
    }

    static func budget(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        let totals = document.totals
        return ReportTable(
            caption: locale.pick(
                "The budget per regime: per capita × risk-weighted person-years, plus lump sums",
                "Het budget per stelsel: bedrag per persoon × risicogewogen persoonsjaren, plus vaste bedragen"
            ),
            header: [
                locale.pick("regime and financier", "stelsel en financier"), locale.pick("risk model", "risicomodel"),
                locale.pick("per capita a year", "per persoon per jaar"),
                locale.pick("risk-weighted person-years", "risicogewogen persoonsjaren"),
                locale.pick("capitation budget", "capitatiebudget"), locale.pick("lump sums", "vaste bedragen"),
                "budget",
            ],
            rows: document.regimes.map { regime in
                [
                    Cell("\(regime.regime): \(document.name(of: regime.financier))"), Cell(regime.riskModel ?? "–"),
                    .amount(regime.perCapitaAnnual, locale), Cell(locale.decimal(regime.riskWeightedPersonYears)),
                    .amount(regime.capitationBudget, locale), .amount(regime.lumpSums, locale),
                    .amount(regime.budget, locale),
                ]
            } + [
                [
                    Cell(locale.pick("total", "totaal")), "", "", "", "", .amount(totals.lumpSums, locale),
                    .amount(totals.budget, locale),
                ]
            ],
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
                ? locale.pick(
                    "Per regime: the budget against the accepted claims received by the cut-off less truncation, plus "
                        + "the claims not yet received (estimated); the care outside the scope is below",
                    "Per stelsel: het budget tegen de geaccepteerde declaraties ontvangen vóór de peildatum min "
                        + "aftopping, plus de nog niet ontvangen declaraties (geschat); de zorg buiten de scope staat "
                        + "eronder"
                )
                : locale.pick(
                    "Per regime: the budget against the accepted claims less truncation, and the care outside the scope",
                    "Per stelsel: het budget tegen de geaccepteerde declaraties min aftopping, en de zorg buiten de scope"
                ),
            header: [
                locale.pick("regime", "stelsel"), "budget", locale.pick("claims", "declaraties"),
                locale.pick("truncated", "afgetopt"), locale.pick("lump sums", "vaste bedragen"),
            ]
                + (estimated
                    ? [
                        locale.pick("not yet received", "nog niet ontvangen"), locale.pick("expenditure", "uitgaven"),
                        locale.pick("savings", "besparing"), locale.pick("savings rate", "besparingspercentage"),
                    ]
                    : [
                        locale.pick("expenditure", "uitgaven"), locale.pick("savings", "besparing"),
                        locale.pick("savings rate", "besparingspercentage"),
                        locale.pick("outside the scope", "buiten de scope"),
                    ]),
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
                        Cell(locale.pick("total", "totaal")), .amount(totals.budget, locale),
                        .amount(totals.claims, locale),
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
            caption: locale.pick(
                "Scorecard: each indicator's value against its baseline, target and floor, and the points it earns",
                "Scorekaart: de waarde van elke indicator tegen haar nulmeting, doel en ondergrens, en de punten die "
                    + "ze oplevert"
            ),
            header: [
                "indicator", locale.pick("better", "gewenste richting"), locale.pick("unit", "eenheid"),
                locale.pick("observations", "waarnemingen"), locale.pick("value", "waarde"),
                locale.pick("baseline", "nulmeting"), locale.pick("target", "doel"), locale.pick("floor", "ondergrens"),
                locale.pick("weight", "gewicht"), locale.pick("points", "punten"),
            ],
            rows: quality.indicators.map { indicator in
                [
                    Cell(
                        (indicator.label.map { "\($0) (\(indicator.id))" } ?? indicator.id)
                            + (indicator.mandatory ? locale.pick(" (mandatory)", " (verplicht)") : "")
                    ),
                    Cell(ReportTerms(locale).better(indicator.better)), Cell(ReportTerms(locale).unit(indicator.unit)),
                    Cell(observations(indicator, locale)),
                    Cell(indicator.value.map(locale.decimal) ?? "–"),
                    Cell(locale.decimal(indicator.baseline)), Cell(locale.decimal(indicator.target)),
                    Cell(locale.decimal(indicator.floor)),
                    Cell(
                        indicator.inScore
                            ? locale.decimal(indicator.weight) : locale.pick("left out", "buiten de score")
                    ),
                    Cell(indicator.points.map(locale.decimal) ?? "–"),
                ]
            },
            numeric: [4, 5, 6, 7, 8, 9]
        )
    }

    /// What the inputs said about an indicator, in words.
    static func observations(_ indicator: SettlementDocument.Indicator, _ locale: ReportLocale) -> String {
        switch indicator.observations {
        case .events: locale.pick("events", "gebeurtenissen")
        case .declaredNoEvents: locale.pick("no events (declared)", "geen gebeurtenissen (verklaard)")
        case .measuredValues: locale.pick("measured values", "gemeten waarden")
        case .unobserved:
            locale.pick("none", "geen")
                + (SettlementProse.unobservedTreatment(indicator, locale).map { ": " + $0 } ?? "")
        }
    }

    /// The claim outcomes: accepted, each rejection reason, and what was read.
    static func outcomes(
        _ document: SettlementDocument,
        _ locale: ReportLocale
    ) -> [(label: String, total: SettlementDocument.LineTotal)] {
        let reconciliation = document.reconciliation
        return [(locale.pick("accepted", "geaccepteerd"), reconciliation.accepted)]
            + reconciliation.rejected.map {
                (locale.pick("rejected: ", "afgewezen: ") + ReportTerms(locale).rejection($0.reason), $0.total)
            }
    }

    static func claims(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        let reconciliation = document.reconciliation
        var rows = outcomes(document, locale).map {
            [Cell($0.label), Cell(locale.count($0.total.lines)), .amount($0.total.amount, locale)]
        }
        rows.append([
            Cell(locale.pick("read", "gelezen")), Cell(locale.count(reconciliation.read.lines)),
            .amount(reconciliation.read.amount, locale),
        ])
        if !reconciliation.proRataExcluded.isZero {
            rows.append([
                Cell(
                    locale.pick(
                        "of the accepted: left out by pro-rating",
                        "van de geaccepteerde: weggelaten door pro rata"
                    )
                ),
                "", .amount(reconciliation.proRataExcluded, locale),
            ])
        }
        return ReportTable(
            caption: locale.pick(
                "Every claim line read is accepted or rejected for one reason; credits count against the line they "
                    + "correct. Rejected lines are listed in rejected-claims.csv.",
                "Elke gelezen declaratieregel is geaccepteerd of om één reden afgewezen; creditregels worden verrekend "
                    + "met de regel die ze corrigeren. Afgewezen regels staan in rejected-claims.csv."
            ),
            header: [
                locale.pick("outcome", "uitkomst"), locale.pick("lines", "regels"), locale.pick("amount", "bedrag"),
            ],
            rows: rows,
            numeric: [1, 2]
        )
    }

    /// What the financiers refused, per reason code; `nil` when they refused nothing.
    static func refusals(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable? {
        let refusals = document.reconciliation.refusals
        guard !refusals.isEmpty else { return nil }
        return ReportTable(
            caption: locale.pick(
                "What the financiers refused, by their reason codes (the meaning as the code list gives it). A line "
                    + "refused with several codes counts under each; the refused part of a line approved in part counts "
                    + "in the amount only. Each line, with its answer, is in rejected-claims.csv.",
                "Wat de financiers weigerden, naar hun redencodes (de betekenis zoals de codelijst die geeft). Een regel "
                    + "die met meer codes is geweigerd telt onder elke code; het geweigerde deel van een deels "
                    + "goedgekeurde regel telt alleen in het bedrag. Elke regel staat met zijn antwoord in "
                    + "rejected-claims.csv."
            ),
            header: [
                "code", locale.pick("meaning", "betekenis"), locale.pick("lines", "regels"),
                locale.pick("amount", "bedrag"),
            ],
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
            return Cell(
                locale.count(Int(clamping: volume)) + (unit.map { locale.pick(" × unit ", " × eenheid ") + $0 } ?? "")
            )
        }
        return ReportTable(
            caption: locale.pick(
                "Per claim code: what was accepted, and what the population used outside the scope (in the period and "
                    + "the population; other rejected lines are not included)",
                "Per declaratiecode: wat is geaccepteerd, en wat de populatie buiten de scope gebruikte (in de periode "
                    + "en de populatie; andere afgewezen regels niet meegeteld)"
            ),
            header: [
                locale.pick("regime", "stelsel"), locale.pick("category", "categorie"), "product",
                locale.pick("care profile", "zorgprofiel"), locale.pick("accepted lines", "geaccepteerde regels"),
                locale.pick("accepted", "geaccepteerd"), locale.pick("accepted volume", "geaccepteerd volume"),
                locale.pick("out-of-scope lines", "regels buiten de scope"),
                locale.pick("out of scope", "buiten de scope"),
                locale.pick("out-of-scope volume", "volume buiten de scope"),
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
        let pick = locale.pick
        var rows: [[Cell]] = []
        if let rate = sharing.sharingRate {
            rows.append([Cell(pick("sharing rate", "deelpercentage")), Cell(locale.percent(rate))])
        }
        if let rate = sharing.finalSharingRate {
            rows.append([Cell(pick("final sharing rate", "definitief deelpercentage")), Cell(locale.percent(rate))])
        }
        if let base = sharing.sharedBase {
            rows.append([Cell(pick("shared base", "grondslag")), .amount(base, locale)])
        }
        rows.append([Cell(pick("earned", "verdiend")), .amount(sharing.earned, locale)])
        if let cap = sharing.cap {
            rows.append([Cell(pick("cap", "plafond")), capCell(cap, applied: sharing.capped, locale)])
        }
        rows.append([Cell(pick("payment reduction", "betalingskorting")), .amount(sharing.paymentReduction, locale)])
        rows.append([
            Cell(pick("payout to the recipients", "uitbetaling aan de ontvangers")), .amount(sharing.payout, locale),
        ])
        if let rate = sharing.lossSharingRate {
            rows.append([Cell(pick("loss-sharing rate", "verliesdeelpercentage")), Cell(locale.percent(rate))])
        }
        if !sharing.sharedLoss.isZero {
            rows.append([Cell(pick("shared loss", "gedeeld verlies")), .amount(sharing.sharedLoss, locale)])
        }
        if let cap = sharing.lossCap {
            rows.append([Cell(pick("loss cap", "verliesplafond")), capCell(cap, applied: sharing.lossCapped, locale)])
        }
        rows.append([
            Cell(pick("loss paid by the recipients", "verlies betaald door de ontvangers")),
            .amount(sharing.lossPayment, locale),
        ])
        return ReportTable(
            caption: pick("Sharing", "Verdeling van het resultaat") + " (\(ReportTerms(locale).model(sharing.model)))",
            header: ["", pick("amount", "bedrag")],
            rows: rows,
            numeric: [1]
        )
    }

    /// A cap's amount, marked when it was applied.
    private static func capCell(_ cap: Cents, applied: Bool, _ locale: ReportLocale) -> Cell {
        var cell = Cell.amount(cap, locale)
        if applied { cell.text += locale.pick(" (applied)", " (toegepast)") }
        return cell
    }

    static func transfers(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: locale.pick("Every transfer between the parties", "Elke betaling tussen de partijen"),
            header: [
                locale.pick("from", "van"), locale.pick("to", "aan"), locale.pick("amount", "bedrag"),
                locale.pick("reason", "reden"),
            ],
            rows: document.transfers.map {
                [
                    Cell(document.name(of: $0.from)), Cell(document.name(of: $0.to)), .amount($0.amount, locale),
                    Cell(ReportTerms(locale).transferReason($0.reason)),
                ]
            },
            numeric: [2]
        )
    }

    static func scheduleMonths(_ financier: FinancierSchedule, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: locale.pick(
                "Paid ahead by \(financier.financier) (\(financier.regime)), month by month",
                "Vooruitbetaald door \(financier.financier) (\(financier.regime)), maand voor maand"
            ),
            header: [
                locale.pick("month (counted on)", "maand (geteld op)"), locale.pick("days", "dagen"),
                locale.pick("members", "leden"), locale.pick("risk-weighted members", "risicogewogen leden"),
                locale.pick("payment", "betaling"),
            ],
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
            caption: locale.pick(
                "Year end for \(financier.financier) (\(financier.regime))",
                "Jaareinde voor \(financier.financier) (\(financier.regime))"
            ),
            header: ["", locale.pick("amount", "bedrag")],
            rows: [
                [
                    Cell(locale.pick("paid ahead (Σ months)", "vooruitbetaald (Σ maanden)")),
                    .amount(financier.prospective, locale),
                ],
                [
                    Cell(
                        locale.pick(
                            "capitation budget (exposure to the day)",
                            "capitatiebudget (blootstelling op de dag)"
                        )
                    ),
                    .amount(financier.capitationBudget, locale),
                ],
                [
                    Cell(
                        locale.pick(
                            "care borne by the providers (claims after truncation)",
                            "zorg gedragen door de zorgaanbieders (declaraties na aftopping)"
                        )
                    ),
                    .amount(financier.claimsBorne, locale),
                ],
                [
                    Cell(
                        locale.pick(
                            "providers' result from this financier",
                            "resultaat van de zorgaanbieders bij deze financier"
                        )
                    ),
                    .amount(financier.providersResult, locale),
                ],
                [Cell(locale.pick("due for the year", "verschuldigd over het jaar")), .amount(financier.due, locale)],
                [
                    Cell(
                        locale.pick("reconciliation (due − paid ahead)", "verrekening (verschuldigd − vooruitbetaald)")
                    ),
                    .amount(financier.reconciliation, locale),
                ],
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

        static let dutch = StepWords(
            caption: "Invoer en uitkomst",
            input: "invoer",
            result: "uitkomst",
            name: "naam",
            value: "waarde"
        )

        /// The words of `locale`.
        static func of(_ locale: ReportLocale) -> StepWords { locale == .dutch ? dutch : english }
    }

    static func step(
        _ step: SettlementDocument.Step,
        _ locale: ReportLocale,
        words: StepWords? = nil
    ) -> ReportTable {
        let words = words ?? .of(locale)
        return ReportTable(
            caption: words.caption,
            header: ["", words.name, words.value],
            rows: StepValues.rows(step.inputs, locale).map { [Cell(words.input), Cell($0.name), Cell($0.value)] }
                + StepValues.rows(step.result, locale).map { [Cell(words.result), Cell($0.name), Cell($0.value)] },
            numeric: [2]
        )
    }

    static func inputs(_ document: SettlementDocument, _ locale: ReportLocale) -> ReportTable {
        ReportTable(
            caption: locale.pick("Every input file and its SHA-256", "Elk invoerbestand en zijn SHA-256"),
            header: [
                locale.pick("role", "rol"), locale.pick("file", "bestand"), locale.pick("format", "formaat"),
                locale.pick("lines", "regels"), "SHA-256",
            ],
            rows: document.inputs.map {
                [
                    Cell(ReportTerms(locale).inputRole($0.role)), .code($0.path), Cell($0.format),
                    Cell(locale.count($0.lines)), .code($0.sha256),
                ]
            },
            numeric: [3]
        )
    }
}
