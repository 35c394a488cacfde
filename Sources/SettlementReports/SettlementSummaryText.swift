import CapitationCore

/// The few lines that say on a terminal what a settlement came to, in the language of the locale, from its
/// document as `settlement.json` records it: the population, the claims, budget and expenditure, the run-out,
/// the minimum savings rate, quality, chance, the outcome, the payment schedule and each party's net.
public enum SettlementSummaryText: Sendable {
    /// The lines of the summary, in the language of `locale`.
    public static func lines(_ document: SettlementDocument, locale: ReportLocale = .standard) -> [String] {
        let dutch = locale == .dutch
        let pick = locale.pick
        func line(_ label: String, _ text: String) -> String {
            "  " + label + String(repeating: " ", count: max(1, 12 - label.count)) + text
        }
        let euros = locale.euros
        let contract = document.contract
        let totals = document.totals
        let reconciliation = document.reconciliation
        let rejectedLines = reconciliation.rejected.reduce(0) { $0 + $1.total.lines }
        let model: String = dutch ? ReportTerms(locale).model(contract.model) : contract.model.rawValue
        let sides: String =
            contract.sides.map { pick(", \($0.rawValue)-sided", $0 == .one ? ", eenzijdig" : ", tweezijdig") } ?? ""
        let heading: String =
            pick("Settled ", "Afgerekend: ") + "\(contract.id) " + pick("version", "versie") + " \(contract.version) "
            + "(\(locale.period(contract.start, contract.end))), " + model + sides
        var lines = [
            heading,
            line(
                pick("population", "populatie"),
                "\(String(document.population.members)) " + pick("members", "leden") + ", "
                    + "\(locale.decimal(document.population.personYears)) " + pick("person-years", "persoonsjaren")
            ),
            line(
                pick("claims", "declaraties"),
                "\(String(reconciliation.read.lines)) " + pick("lines", "regels") + ": "
                    + "\(String(reconciliation.accepted.lines)) " + pick("accepted", "geaccepteerd")
                    + " (\(euros(reconciliation.accepted.amount))), \(String(rejectedLines)) "
                    + pick("rejected", "afgewezen")
            ),
            line(
                "budget",
                "\(euros(totals.budget)); " + pick("expenditure", "uitgaven") + " \(euros(totals.expenditure)); "
                    + pick("savings", "besparing") + " \(euros(totals.savings))"
                    + (totals.savingsRate.map {
                        " (\(locale.rateAsPercent($0)) " + pick("of the budget", "van het budget") + ")"
                    } ?? "")
            ),
        ]
        if let runOut = document.runOut {
            let late = runOut.receivedAfterCutOff
            var text =
                pick(
                    "\(runOut.stage.rawValue): lines received by \(runOut.cutOff); \(late.lines) received later "
                        + "(\(euros(late.amount))), not counted",
                    (runOut.stage == .provisional ? "voorlopig" : "definitief")
                        + ": regels ontvangen tot en met \(runOut.cutOff); \(late.lines) later ontvangen "
                        + "(\(euros(late.amount))), niet meegeteld"
                )
            if runOut.stage == .provisional {
                text += pick(
                    "; \(euros(runOut.estimate)) estimated not yet received",
                    "; \(euros(runOut.estimate)) geschat nog niet ontvangen"
                )
            }
            if let trueUp = runOut.trueUp {
                text +=
                    pick("; true-up: ", "; verrekening: ")
                    + trueUp.lines.map { "\($0.party) \(euros($0.change))" }.joined(separator: ", ")
            }
            lines.insert(line(pick("run-out", "naloop"), text), at: 3)
        }
        if let msr = document.minimumSavingsRate {
            let mode = dutch ? ReportTerms(locale).thresholdMode(msr.mode) : msr.mode.rawValue
            lines.append(
                line(
                    "minimum",
                    "\(locale.percent(msr.percent)) (\(mode)): "
                        + (msr.met ? pick("met", "gehaald") : pick("not met", "niet gehaald"))
                )
            )
        }
        if let quality = document.quality {
            let unobserved = quality.indicators.filter { $0.observations == .unobserved }.map { indicator in
                "\(indicator.id) ("
                    + (indicator.inScore ? pick("zero points", "nul punten") : pick("left out", "buiten de score"))
                    + ")"
            }
            let declared = quality.indicators.filter { $0.observations == .declaredNoEvents }.map(\.id)
            lines.append(
                line(
                    pick("quality", "kwaliteit"),
                    "score \(locale.decimal(quality.score)): " + pick("gate ", "kwaliteitsdrempel ")
                        + (quality.gatePassed ? pick("passed", "gehaald") : pick("failed", "niet gehaald"))
                        + (unobserved.isEmpty
                            ? ""
                            : pick("; no observations: ", "; geen waarnemingen: ") + unobserved.joined(separator: ", "))
                        + (declared.isEmpty
                            ? ""
                            : pick("; declared without events: ", "; verklaard zonder gebeurtenissen: ")
                                + declared.joined(separator: ", "))
                )
            )
        }
        if let chance = document.chance {
            lines.append(
                line(
                    pick("chance", "toeval"),
                    pick(
                        "a result this far from zero by chance alone: ",
                        "een resultaat zo ver van nul door toeval alleen: "
                    )
                        + locale.decimal(chance.resultByChance.decimal)
                        + (chance.payout.map {
                            pick("; a payout by chance: ", "; een uitbetaling door toeval: ")
                                + locale.decimal($0.byChance.decimal)
                        } ?? "")
                        + " (\(chance.resamples) " + pick("resamples, seed", "trekkingen, startwaarde")
                        + " \(chance.seed))"
                )
            )
        }
        lines.append(line(pick("result", "uitkomst"), SharingSentence.text(document, locale)))
        for financier in document.paymentSchedule?.financiers ?? [] {
            let repay = financier.reconciliation.isNegative
            let amount = euros(
                Cents(repay ? 0 &- financier.reconciliation.rawValue : financier.reconciliation.rawValue)
            )
            lines.append(
                line(
                    pick("schedule", "schema"),
                    pick(
                        "\(financier.financier) paid \(euros(financier.prospective)) ahead in \(financier.months.count) months; "
                            + "year end: " + (repay ? "the providers repay \(amount)" : "it pays \(amount)"),
                        "\(financier.financier) betaalde \(euros(financier.prospective)) vooruit in \(financier.months.count) "
                            + "maanden; jaareinde: "
                            + (repay ? "de zorgaanbieders betalen \(amount) terug" : "de financier betaalt \(amount)")
                    )
                )
            )
        }
        let nets = document.parties.map { "\($0.party) \(euros($0.net))" }
        lines.append(line(pick("net", "saldo"), nets.joined(separator: ", ")))
        return lines
    }
}
