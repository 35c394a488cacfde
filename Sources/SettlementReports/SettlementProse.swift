import CapitationCore

/// The sentences of the settlement report, built once from a ``SettlementDocument`` for both the Markdown
/// and the HTML rendering.
enum SettlementProse {
    /// A piece of a sentence: text, or a key figure that HTML marks with its name and cents.
    enum Part {
        case text(String)
        case figure(String, Cents)
    }

    /// The contract, its period and how amounts are rounded.
    static func meta(_ document: SettlementDocument, _ locale: ReportLocale) -> String {
        let contract = document.contract
        let terms = ReportTerms(locale)
        let model = terms.model(contract.model) + (contract.sides.map { " (\(terms.sides($0)))" } ?? "")
        return locale.pick(
            "Contract \(contract.id) version \(contract.version), period \(locale.date(contract.start)) to "
                + "\(locale.date(contract.end)), \(model). Amounts are exact to the cent, rounded once, "
                + "\(terms.rounding(contract.rounding)). Computed by capitation \(document.programVersion).",
            "Contract \(contract.id) versie \(contract.version), periode \(locale.date(contract.start)) tot en met "
                + "\(locale.date(contract.end)), \(model). Bedragen zijn exact op de cent, één keer afgerond "
                + "(\(terms.rounding(contract.rounding))). Berekend met capitation \(document.programVersion)."
        )
    }

    /// The heading of the section on inputs accepted as incomplete.
    static func acceptanceTitle(_ locale: ReportLocale) -> String {
        locale.pick("Settled on inputs accepted as incomplete", "Afgerekend op invoer die als onvolledig is aanvaard")
    }

    /// Why the settlement was made although its inputs looked incomplete.
    static func acceptance(_ acceptance: SettlementDocument.Acceptance, _ locale: ReportLocale) -> String {
        locale.pick(
            "The claim files looked incomplete, and the settlement would have been refused. It was made because "
                + "whoever settled accepted the following, giving as the reason: “\(acceptance.reason)”. The figures "
                + "below rest on these inputs as they are.",
            "De declaratiebestanden leken onvolledig, en de afrekening zou zijn geweigerd. Ze is gemaakt omdat wie "
                + "afrekende het volgende aanvaardde, met als reden: “\(acceptance.reason)”. De bedragen hieronder "
                + "rusten op deze invoer zoals ze is."
        )
    }

    /// Under another language than English, a note on what stands in English among the warnings.
    ///
    /// That is all of them, in a document of an earlier format that wrote them as sentences; otherwise the
    /// reason a claim line could not be read, as the input check gives it. `nil` when nothing does.
    static func warningsNote(
        _ warnings: [SettlementDocument.Recorded<SettlementWarning>],
        _ locale: ReportLocale
    )
        -> String?
    {
        guard locale == .dutch else { return nil }
        let sentences = warnings.contains { if case .sentence = $0 { true } else { false } }
        let reasons = warnings.contains {
            if case .data(let warning) = $0, case .unreadableLines(_, _, .some, _) = warning.kind {
                true
            } else {
                false
            }
        }
        return englishNote(sentences: sentences, reasons: reasons)
    }

    /// Under another language than English, what stands in English among the accepted findings; `nil` when
    /// nothing does.
    static func findingsNote(_ acceptance: SettlementDocument.Acceptance, _ locale: ReportLocale) -> String? {
        guard locale == .dutch else { return nil }
        return englishNote(
            sentences: acceptance.findings.contains { if case .sentence = $0.finding { true } else { false } },
            reasons: acceptance.findings.contains { !$0.examples.isEmpty }
        )
    }

    private static func englishNote(sentences: Bool, reasons: Bool) -> String? {
        if sentences {
            return "Deze afrekening is vastgelegd in een eerder formaat, dat deze meldingen als Engelse zinnen "
                + "schreef; ze staan hier zoals ze zijn vastgelegd."
        }
        if reasons {
            return "De reden waarom een declaratieregel onleesbaar is, staat in het Engels, zoals de invoercontrole "
                + "die geeft."
        }
        return nil
    }

    /// What a board member reads first, in three short sentences: the result, what the payment model makes
    /// of it, and who pays and receives on balance.
    static func summary(_ document: SettlementDocument, _ locale: ReportLocale) -> [Part] {
        let totals = document.totals
        var parts: [Part] = [
            .text(locale.pick("The budget was ", "Het budget was ")), .figure("total-budget", totals.budget),
            .text(locale.pick(" and the expenditure ", " en de uitgaven ")),
            .figure("total-expenditure", totals.expenditure),
        ]
        // A loss is said as its size: `a loss of € 990.44`, never `a loss of -€ 990.44`.
        let magnitude = Cents(totals.savings.isNegative ? 0 &- totals.savings.rawValue : totals.savings.rawValue)
        let rate =
            totals.savingsRate.map { rate in
                let size = rate.isNegative ? ExactDecimal(significand: 0 &- rate.significand, scale: rate.scale) : rate
                return locale.pick(
                    " (\(locale.rateAsPercent(size)) of the budget)",
                    " (\(locale.rateAsPercent(size)) van het budget)"
                )
            } ?? ""
        if totals.savings > .zero {
            parts += [
                .text(locale.pick(": a saving of ", ": een besparing van ")), .figure("total-savings", totals.savings),
                .text(rate + ". "),
            ]
        } else if totals.savings < .zero {
            parts += [
                .text(locale.pick(": a loss of ", ": een verlies van ")), .figure("total-loss", magnitude),
                .text(rate + ". "),
            ]
        } else {
            parts.append(.text(locale.pick(": neither a saving nor a loss. ", ": geen besparing en geen verlies. ")))
        }
        parts += outcome(document, locale)
        parts.append(.text(" " + balance(document, locale)))
        return parts
    }

    /// The second sentence of the summary: what the payment model makes of the result, in short.
    private static func outcome(_ document: SettlementDocument, _ locale: ReportLocale) -> [Part] {
        let sharing = document.sharing
        let savingsRate = document.totals.savingsRate.map(locale.rateAsPercent) ?? "?"
        let savingsMinimum = (document.minimumSavingsRate?.percent).map(locale.percent) ?? "?"
        let lossMinimum = (document.minimumLossRate?.percent).map(locale.percent) ?? "?"
        let pick = locale.pick
        switch sharing.outcome {
        case .savingsShared where sharing.payout.isZero && document.quality?.gatePassed == false:
            return [
                .text(
                    pick(
                        "The savings rate of \(savingsRate) meets the minimum savings rate of \(savingsMinimum), but the "
                            + "quality gate is not passed, so nothing is shared.",
                        "Het besparingspercentage van \(savingsRate) haalt de minimale besparingsdrempel van "
                            + "\(savingsMinimum), maar de kwaliteitsdrempel is niet gehaald, dus wordt er niets gedeeld."
                    )
                )
            ]
        case .savingsShared:
            return [
                .text(
                    pick(
                        "The savings rate of \(savingsRate) meets the minimum savings rate of \(savingsMinimum), so the "
                            + "providers receive ",
                        "Het besparingspercentage van \(savingsRate) haalt de minimale besparingsdrempel van "
                            + "\(savingsMinimum), dus de zorgaanbieders ontvangen "
                    )
                ),
                .figure("payout", sharing.payout),
                .text(pick(" of shared savings.", " gedeelde besparing.")),
            ]
        case .lossShared:
            return [
                .text(
                    pick(
                        "The loss reaches the minimum loss rate of \(lossMinimum), so the providers bear ",
                        "Het verlies bereikt de minimale verliesdrempel van \(lossMinimum), dus de zorgaanbieders dragen "
                    )
                ),
                .figure("loss-payment", sharing.lossPayment),
                .text(pick(" of it.", " ervan.")),
            ]
        case .capitationResult:
            if sharing.payout > .zero {
                return [
                    .text(pick("Under capitation the providers keep ", "Onder capitatie houden de zorgaanbieders ")),
                    .figure("payout", sharing.payout), .text(pick(" of the savings.", " van de besparing.")),
                ]
            }
            if sharing.lossPayment > .zero {
                return [
                    .text(
                        pick(
                            "Under capitation the providers bear a loss of ",
                            "Onder capitatie dragen de zorgaanbieders een verlies van "
                        )
                    ),
                    .figure("loss-payment", sharing.lossPayment), .text("."),
                ]
            }
            return [
                .text(
                    pick(
                        "Under capitation the providers' result is zero.",
                        "Onder capitatie is het resultaat van de zorgaanbieders nul."
                    )
                )
            ]
        case .savingsBelowMinimum:
            return [
                .text(
                    pick(
                        "The savings rate of \(savingsRate) does not meet the minimum savings rate of \(savingsMinimum), so "
                            + "nothing is shared.",
                        "Het besparingspercentage van \(savingsRate) haalt de minimale besparingsdrempel van "
                            + "\(savingsMinimum) niet, dus wordt er niets gedeeld."
                    )
                )
            ]
        case .lossBelowMinimum:
            return [
                .text(
                    pick(
                        "The loss does not reach the minimum loss rate of \(lossMinimum), so no loss is shared.",
                        "Het verlies bereikt de minimale verliesdrempel van \(lossMinimum) niet, dus wordt er geen "
                            + "verlies gedeeld."
                    )
                )
            ]
        case .lossNotShared:
            return [
                .text(
                    pick(
                        "The contract is one-sided, so the providers share no loss.",
                        "Het contract is eenzijdig, dus de zorgaanbieders delen geen verlies."
                    )
                )
            ]
        case .breakEven:
            return [.text(pick("Nothing is shared.", "Er wordt niets gedeeld."))]
        case .feeForService:
            return [
                .text(
                    pick("Under fee-for-service nothing is shared.", "Bij betaling per prestatie wordt niets gedeeld.")
                )
            ]
        }
    }

    /// The third sentence of the summary: who pays and who receives, on balance over every transfer.
    static func balance(_ document: SettlementDocument, _ locale: ReportLocale) -> String {
        let and = locale.pick(" and ", " en ")
        let payers = document.parties.filter { $0.net < .zero }.map { party in
            (party.name, locale.euros(Cents(0 &- party.net.rawValue)))
        }
        let receivers = document.parties.filter { $0.net > .zero }.map { party in
            (party.name, locale.euros(party.net))
        }
        guard !payers.isEmpty else {
            return locale.pick(
                "Beyond the claims, no money moves between the parties.",
                "Naast de declaraties wordt er tussen de partijen niets betaald."
            )
        }
        // The verb once, after the first party, the others by their amounts: `A pays € 1, B € 2 and C € 3`.
        func clause(_ entries: [(String, String)], _ verb: String) -> String {
            let first = "\(entries[0].0) \(verb) \(entries[0].1)"
            return ReportLocale.list([first] + entries.dropFirst().map { "\($0.0) \($0.1)" }, and: and)
        }
        let pays = clause(payers, locale.pick("pays", "betaalt"))
        let receives = receivers.isEmpty ? "" : "; " + clause(receivers, locale.pick("receives", "ontvangt"))
        return locale.pick("Beyond the claims, on balance, ", "Naast de declaraties, per saldo: ") + pays + receives
            + "."
    }

    /// What the payment model made of the result, as a sentence in the language of `locale`.
    static func explanation(_ document: SettlementDocument, _ locale: ReportLocale) -> String {
        let text = SharingSentence.text(document, locale)
        return (text.first.map { $0.uppercased() } ?? "") + text.dropFirst() + "."
    }

    static func population(_ document: SettlementDocument, _ locale: ReportLocale) -> String {
        let population = document.population
        let (members, roster) = (locale.count(population.members), locale.count(population.rosterMembers))
        let (days, period) = (locale.count(population.exposureDays), locale.count(population.daysInPeriod))
        let years = locale.decimal(population.personYears)
        return locale.pick(
            "\(members) of \(roster) people on the roster are in the population, for \(days) days in a period of "
                + "\(period) days: \(years) person-years.",
            "\(members) van de \(roster) mensen op de lijst horen tot de populatie, samen \(days) dagen in een "
                + "periode van \(period) dagen: \(years) persoonsjaren."
        )
    }

    /// Truncation, the care outside the scope, and the minimum savings and loss rates.
    static func expenditure(_ document: SettlementDocument, _ locale: ReportLocale) -> [String] {
        let totals = document.totals
        let terms = ReportTerms(locale)
        var paragraphs: [String] = []
        if let threshold = totals.truncationThreshold {
            paragraphs.append(
                locale.pick(
                    "Each member's annual cost is truncated at \(locale.euros(threshold)); "
                        + "\(locale.euros(totals.truncated)) is not counted.",
                    "De jaarkosten van elk lid worden afgetopt op \(locale.euros(threshold)); "
                        + "\(locale.euros(totals.truncated)) telt niet mee."
                )
            )
        }
        let byRegime = totals.outOfScopeByRegime.map { "\($0.regime) \(locale.euros($0.amount))" }
            .joined(separator: ", ")
        paragraphs.append(
            locale.pick(
                "Spending outside the scope is the population's spending on care the contract does not cover, in or "
                    + "outside its regimes; a rise here can mean costs shifted rather than saved "
                    + "(\(locale.euros(totals.outOfScope)) in total: \(byRegime)).",
                "Uitgaven buiten de scope zijn de uitgaven van de populatie aan zorg die het contract niet dekt, binnen "
                    + "of buiten zijn stelsels; een stijging hier kan betekenen dat kosten zijn verschoven in plaats "
                    + "van bespaard (\(locale.euros(totals.outOfScope)) in totaal: \(byRegime))."
            )
        )
        for (name, threshold) in [
            (locale.pick("minimum savings rate", "minimale besparingsdrempel"), document.minimumSavingsRate),
            (locale.pick("minimum loss rate", "minimale verliesdrempel"), document.minimumLossRate),
        ] {
            guard let threshold else { continue }
            let how =
                terms.thresholdMode(threshold.mode)
                + (threshold.table.map { locale.pick(", table \($0)", ", tabel \($0)") } ?? "")
                + (threshold.confidence.map {
                    locale.pick(", \(locale.percent($0)) confidence", ", \(locale.percent($0)) betrouwbaarheid")
                } ?? "")
                + ", \(locale.count(threshold.populationSize)) " + locale.pick("members", "leden")
            paragraphs.append(
                locale.pick(
                    "The \(name) is \(locale.percent(threshold.percent)) (\(how)): "
                        + (threshold.met ? "met." : "not met."),
                    "De \(name) is \(locale.percent(threshold.percent)) (\(how)): "
                        + (threshold.met ? "gehaald." : "niet gehaald.")
                )
            )
        }
        return paragraphs
    }

    static func quality(_ quality: SettlementDocument.Quality, _ locale: ReportLocale) -> String {
        let (score, minimum) = (locale.decimal(quality.score), locale.decimal(quality.minimumScore))
        let failures = gateFailures(quality, locale).joined(separator: "; ")
        return locale.pick(
            "The quality score is \(score) against a minimum of \(minimum): the gate "
                + (quality.gatePassed ? "passes." : "fails: \(failures)."),
            "De kwaliteitsscore is \(score) tegen een minimum van \(minimum): de kwaliteitsdrempel is "
                + (quality.gatePassed ? "gehaald." : "niet gehaald: \(failures).")
        ) + (unobserved(quality, locale).map { " " + $0 } ?? "")
    }

    /// Why the quality gate fails, as the document records it.
    ///
    /// A document of an earlier format recorded the reasons as English sentences; they follow from the
    /// score and the indicators, and are said from those, in the report's language, when it has them.
    static func gateFailures(_ quality: SettlementDocument.Quality, _ locale: ReportLocale) -> [String] {
        let sentences = quality.gateFailures.contains { if case .sentence = $0 { true } else { false } }
        guard sentences, !quality.indicators.isEmpty else {
            return quality.gateFailures.map { WarningText.gateFailure($0, locale) }
        }
        return derivedGateFailures(quality).map { WarningText.gateFailure($0, locale) }
    }

    /// Why the quality gate fails, from the score and the indicators: the score, then each mandatory
    /// indicator unobserved or beyond its floor, as the settlement gives them.
    static func derivedGateFailures(_ quality: SettlementDocument.Quality) -> [GateFailure] {
        var failures: [GateFailure] = []
        if !quality.indicators.contains(where: { $0.inScore && $0.points != nil }) {
            failures.append(.noScore)
        } else if quality.score < quality.minimumScore {
            failures.append(.scoreBelowMinimum(score: quality.score, minimum: quality.minimumScore))
        }
        for indicator in quality.indicators where indicator.mandatory {
            guard let value = indicator.value else {
                failures.append(.mandatoryUnobserved(indicator: IndicatorID(indicator.id)))
                continue
            }
            if (indicator.target > indicator.floor && value < indicator.floor)
                || (indicator.target < indicator.floor && value > indicator.floor)
            {
                failures.append(
                    .mandatoryBeyondFloor(indicator: IndicatorID(indicator.id), value: value, floor: indicator.floor)
                )
            }
        }
        return failures
    }

    /// Sentences naming every indicator without observations and what was made of it, and every event
    /// indicator settled on a declaration that it had no events; `nil` when there is none.
    static func unobserved(_ quality: SettlementDocument.Quality, _ locale: ReportLocale) -> String? {
        var sentences: [String] = []
        let missing = quality.indicators.filter { $0.observations == .unobserved }
        if !missing.isEmpty {
            let names = missing.map { indicator in
                indicator.id + (unobservedTreatment(indicator, locale).map { " (\($0))" } ?? "")
            }
            sentences.append(
                locale.pick("Without observations: ", "Zonder waarnemingen: ") + names.joined(separator: ", ") + "."
            )
        }
        let declared = quality.indicators.filter { $0.observations == .declaredNoEvents }.map(\.id)
        if !declared.isEmpty {
            sentences.append(
                locale.pick(
                    "Settled on a declaration that there were no events (0 per 1,000 person-years): ",
                    "Afgerekend op een verklaring dat er geen gebeurtenissen waren (0 per 1.000 persoonsjaren): "
                ) + declared.joined(separator: ", ") + "."
            )
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// What was made of an indicator without observations, in words; `nil` when the settlement does not say.
    static func unobservedTreatment(_ indicator: SettlementDocument.Indicator, _ locale: ReportLocale) -> String? {
        switch indicator.whenUnobserved {
        case .zeroPoints?: locale.pick("zero points, as the contract says", "nul punten, zoals het contract bepaalt")
        case .leaveOut?:
            locale.pick(
                "left out of the score, as the contract says",
                "buiten de score gelaten, zoals het contract bepaalt"
            )
        case .refuse?:
            locale.pick(
                "left out of the score, which changes no payment",
                "buiten de score gelaten, die geen betaling verandert"
            )
        case nil: nil
        }
    }

    static func schedule(_ locale: ReportLocale) -> String {
        locale.pick(
            "Capitation is paid ahead, month by month, and reconciled at year end. Each month a financier pays the "
                + "per-capita amount × the risk scores of the members in the population on the month's first day × the "
                + "month's share of the period (1/12 in a year). At year end the providers are owed the care they bore "
                + "(accepted claims after truncation) plus their result; the difference with what was paid ahead is "
                + "settled.",
            "Capitatie wordt maand voor maand vooruitbetaald en aan het eind van het jaar verrekend. Elke maand betaalt "
                + "een financier het bedrag per persoon × de risicoscores van de leden die op de eerste dag van de maand "
                + "tot de populatie horen × het aandeel van de maand in de periode (1/12 in een jaar). Aan het eind van "
                + "het jaar komt de zorgaanbieders de zorg toe die ze droegen (geaccepteerde declaraties na aftopping) "
                + "plus hun resultaat; het verschil met wat vooruitbetaald is wordt verrekend."
        )
    }

    static func yearEnd(_ financier: FinancierSchedule, _ locale: ReportLocale) -> String {
        let amount = financier.reconciliation
        return amount.isNegative
            ? locale.pick(
                "At year end the providers repay \(locale.euros(Cents(0 &- amount.rawValue))).",
                "Aan het eind van het jaar betalen de zorgaanbieders \(locale.euros(Cents(0 &- amount.rawValue))) terug."
            )
            : locale.pick(
                "At year end the financier pays \(locale.euros(amount)).",
                "Aan het eind van het jaar betaalt de financier \(locale.euros(amount))."
            )
    }
}
