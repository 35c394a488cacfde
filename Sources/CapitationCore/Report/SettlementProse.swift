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
        return
            "Contract \(contract.id) version \(contract.version), period \(locale.date(contract.start)) to "
            + "\(locale.date(contract.end)), \(contract.model)\(contract.sides.map { " (\($0)-sided)" } ?? ""). "
            + "Amounts are exact to the cent, rounded once, \(contract.rounding). Computed by capitation "
            + "\(document.programVersion)."
    }

    /// The heading of the section on inputs accepted as incomplete.
    static let acceptanceTitle = "Settled on inputs accepted as incomplete"

    /// Why the settlement was made although its inputs looked incomplete.
    static func acceptance(_ acceptance: InputAcceptance) -> String {
        "The claim files looked incomplete, and the settlement would have been refused. It was made because "
            + "whoever settled accepted the following, giving as the reason: “\(acceptance.reason)”. The figures "
            + "below rest on these inputs as they are."
    }

    /// What a board member reads: the result, why, who pays whom in all, and how likely chance is.
    static func summary(_ document: SettlementDocument, _ locale: ReportLocale) -> [Part] {
        let totals = document.totals
        var parts: [Part] = [
            .text("The budget was "), .figure("total-budget", totals.budget), .text(" and the expenditure "),
            .figure("total-expenditure", totals.expenditure),
        ]
        if totals.savings > .zero {
            parts += [.text(": a saving of "), .figure("total-savings", totals.savings)]
        } else if totals.savings < .zero {
            parts += [.text(": a loss of "), .figure("total-savings", totals.savings)]
        } else {
            parts += [.text(": neither a saving nor a loss ("), .figure("total-savings", totals.savings), .text(")")]
        }
        parts.append(.text(totals.savingsRate.map { " (\(locale.rateAsPercent($0)) of the budget)." } ?? "."))
        parts.append(.text(" " + explanation(document, locale)))
        if document.sharing.payout > .zero {
            parts += [
                .text(" The providers receive "), .figure("payout", document.sharing.payout),
                .text(" of shared savings."),
            ]
        }
        if document.sharing.lossPayment > .zero {
            parts += [
                .text(" The providers pay back "), .figure("loss-payment", document.sharing.lossPayment),
                .text(" of shared losses."),
            ]
        }
        var pairs: [(from: String, to: String, amount: Int64)] = []
        for transfer in document.transfers where !transfer.reason.hasPrefix("lump sum") {
            if let index = pairs.firstIndex(where: { $0.from == transfer.from && $0.to == transfer.to }) {
                pairs[index].amount += transfer.amount.rawValue
            } else {
                pairs.append((transfer.from, transfer.to, transfer.amount.rawValue))
            }
        }
        if !pairs.isEmpty {
            parts.append(
                .text(
                    " In all, "
                        + pairs.map {
                            "\(document.name(of: $0.from)) pays \(document.name(of: $0.to)) \(locale.euros(Cents($0.amount)))"
                        }.joined(separator: "; ") + "."
                )
            )
        }
        if let quality = document.quality, let unobserved = unobserved(quality) {
            parts.append(.text(" " + unobserved))
        }
        if let chance = document.chance, !chance.observedRate.isZero {
            parts.append(
                .text(
                    " Chance alone gives a result this far from zero with a probability of "
                        + "\(ChanceReport.percent(chance.resultByChance, locale)) (see Chance)."
                )
            )
        }
        return parts
    }

    /// What the payment model made of the result, as a sentence in the language of `locale`.
    static func explanation(_ document: SettlementDocument, _ locale: ReportLocale) -> String {
        let text = SharingSentence.text(document, locale)
        return (text.first.map { $0.uppercased() } ?? "") + text.dropFirst() + "."
    }

    static func population(_ document: SettlementDocument, _ locale: ReportLocale) -> String {
        let population = document.population
        return
            "\(locale.count(population.members)) of \(locale.count(population.rosterMembers)) people on the roster "
            + "are in the population, for \(locale.count(population.exposureDays)) days in a period of "
            + "\(locale.count(population.daysInPeriod)) days: \(locale.decimal(population.personYears)) person-years."
    }

    /// Truncation, the care outside the scope, and the minimum savings and loss rates.
    static func expenditure(_ document: SettlementDocument, _ locale: ReportLocale) -> [String] {
        let totals = document.totals
        var paragraphs: [String] = []
        if let threshold = totals.truncationThreshold {
            paragraphs.append(
                "Each member's annual cost is truncated at \(locale.euros(threshold)); "
                    + "\(locale.euros(totals.truncated)) is not counted."
            )
        }
        paragraphs.append(
            "Spending outside the scope is the population's spending on care the contract does not cover, in or "
                + "outside its regimes; a rise here can mean costs shifted rather than saved "
                + "(\(locale.euros(totals.outOfScope)) in total: "
                + totals.outOfScopeByRegime.map { "\($0.regime) \(locale.euros($0.amount))" }.joined(separator: ", ")
                + ")."
        )
        for (name, threshold) in [
            ("minimum savings rate", document.minimumSavingsRate), ("minimum loss rate", document.minimumLossRate),
        ] {
            guard let threshold else { continue }
            paragraphs.append(
                "The \(name) is \(locale.percent(threshold.percent)) (\(threshold.mode)"
                    + (threshold.table.map { ", table \($0)" } ?? "")
                    + (threshold.confidence.map { ", \(locale.percent($0)) confidence" } ?? "")
                    + ", \(locale.count(threshold.populationSize)) members): " + (threshold.met ? "met." : "not met.")
            )
        }
        return paragraphs
    }

    static func quality(_ quality: SettlementDocument.Quality, _ locale: ReportLocale) -> String {
        "The quality score is \(locale.decimal(quality.score)) against a minimum of "
            + "\(locale.decimal(quality.minimumScore)): the gate "
            + (quality.gatePassed ? "passes." : "fails: " + quality.gateFailures.joined(separator: "; ") + ".")
            + (unobserved(quality).map { " " + $0 } ?? "")
    }

    /// Sentences naming every indicator without observations and what was made of it, and every event
    /// indicator settled on a declaration that it had no events; `nil` when there is none.
    static func unobserved(_ quality: SettlementDocument.Quality) -> String? {
        var sentences: [String] = []
        let missing = quality.indicators.filter { $0.observations == "none" }
        if !missing.isEmpty {
            let names = missing.map { indicator in
                indicator.id + (unobservedTreatment(indicator).map { " (\($0))" } ?? "")
            }
            sentences.append("Without observations: \(names.joined(separator: ", ")).")
        }
        let declared = quality.indicators.filter { $0.observations == "declared-no-events" }.map(\.id)
        if !declared.isEmpty {
            sentences.append(
                "Settled on a declaration that there were no events (0 per 1,000 person-years): "
                    + declared.joined(separator: ", ") + "."
            )
        }
        return sentences.isEmpty ? nil : sentences.joined(separator: " ")
    }

    /// What was made of an indicator without observations, in words; `nil` when the settlement does not say.
    static func unobservedTreatment(_ indicator: SettlementDocument.Indicator) -> String? {
        switch indicator.whenUnobserved.flatMap(UnobservedIndicatorRule.init(rawValue:)) {
        case .zeroPoints?: "zero points, as the contract says"
        case .leaveOut?: "left out of the score, as the contract says"
        case .refuse?: "left out of the score, which changes no payment"
        case nil: nil
        }
    }

    static let schedule =
        "Capitation is paid ahead, month by month, and reconciled at year end. Each month a financier pays the "
        + "per-capita amount × the risk scores of the members in the population on the month's first day × the "
        + "month's share of the period (1/12 in a year). At year end the providers are owed the care they bore "
        + "(accepted claims after truncation) plus their result; the difference with what was paid ahead is settled."

    static func yearEnd(_ financier: FinancierSchedule, _ locale: ReportLocale) -> String {
        let amount = financier.reconciliation
        return amount.isNegative
            ? "At year end the providers repay \(locale.euros(Cents(0 &- amount.rawValue)))."
            : "At year end the financier pays \(locale.euros(amount))."
    }
}
