public import CapitationCore

/// The performance years of a contract side by side, with cumulative savings and payouts.
public struct MultiYearSummary: Sendable {
    /// The format identifier of the JSON.
    public static let format = "capitation-multi-year-summary/2"

    /// One year's figures and the running totals up to it.
    struct Row {
        var settlement: SettlementDocument
        var cumulativeSavings: Cents
        var cumulativePayout: Cents
        var cumulativeLosses: Cents
    }

    let rows: [Row]
    /// Per party of the first year, its net over all years.
    let totalNets: [(party: String, net: Cents)]

    /// The summary of `settlements`, one per year in order, as their `settlement.json` record them.
    ///
    /// - Throws: `ArithmeticError` when a running total overflows.
    public init(_ settlements: [SettlementDocument]) throws(ArithmeticError) {
        var savings = Cents.zero
        var payout = Cents.zero
        var losses = Cents.zero
        var rows: [Row] = []
        for settlement in settlements {
            savings = try savings + settlement.totals.savings
            payout = try payout + settlement.sharing.payout
            losses = try losses + settlement.sharing.lossPayment
            rows.append(
                Row(
                    settlement: settlement,
                    cumulativeSavings: savings,
                    cumulativePayout: payout,
                    cumulativeLosses: losses
                )
            )
        }
        self.rows = rows
        var totals: [(party: String, net: Cents)] = []
        for party in settlements.first?.parties.map(\.party) ?? [] {
            let nets = settlements.map { settlement in settlement.parties.first { $0.party == party }?.net ?? .zero }
            totals.append((party, try nets.sum()))
        }
        totalNets = totals
    }

    /// The summary as Markdown, in the language of `locale`.
    public func markdown(title: String, locale: ReportLocale = .standard) -> String {
        let settlements = rows.map(\.settlement)
        let pick = locale.pick
        let year = { (settlement: SettlementDocument) in String(settlement.contract.start.year) }
        var text =
            "# " + pick("Multi-year summary: ", "Meerjarenoverzicht: ") + title + "\n\n"
            + pick(
                "Each year settled on its own; the cumulative columns add the years up to it.",
                "Elk jaar is op zichzelf afgerekend; de cumulatieve kolommen tellen de jaren tot en met dat jaar op."
            ) + "\n\n"
        // A year settled on claims accepted as incomplete carries that into every running total after it.
        let accepted = settlements.filter { $0.acceptance != nil }
        if !accepted.isEmpty {
            text +=
                "## "
                + pick(
                    "Years settled on inputs accepted as incomplete",
                    "Jaren afgerekend op onvolledig aanvaarde invoer"
                )
                + "\n\n"
            for settlement in accepted {
                guard let acceptance = settlement.acceptance else { continue }
                text += "- \(year(settlement)), " + pick("because: ", "omdat: ") + acceptance.reason + "\n"
                text += acceptance.findings.map { finding in
                    WarningText.finding(finding, locale).map { line in
                        (line.hasPrefix("  ") ? "    - " + line.dropFirst(2) : "  - " + line) + "\n"
                    }.joined()
                }.joined()
            }
            text += "\n"
        }
        text += ReportFormat.table(
            [
                pick("year", "jaar"), pick("members", "leden"), "budget", pick("expenditure", "uitgaven"),
                pick("savings", "besparing"), pick("savings rate", "besparingspercentage"),
                pick("MSR met", "drempel gehaald"), pick("payout", "uitbetaling"),
                pick("losses paid", "verlies betaald"), pick("cumulative savings", "cumulatieve besparing"),
                pick("cumulative payout", "cumulatieve uitbetaling"), pick("cumulative losses", "cumulatief verlies"),
            ],
            rows.map { row in
                let settlement = row.settlement
                return [
                    year(settlement), locale.count(settlement.population.members),
                    locale.euros(settlement.totals.budget), locale.euros(settlement.totals.expenditure),
                    locale.euros(settlement.totals.savings),
                    settlement.totals.savingsRate.map(locale.rateAsPercent) ?? "",
                    settlement.minimumSavingsRate.map { ReportTerms(locale).yes($0.met) } ?? "—",
                    locale.euros(settlement.sharing.payout), locale.euros(settlement.sharing.lossPayment),
                    locale.euros(row.cumulativeSavings), locale.euros(row.cumulativePayout),
                    locale.euros(row.cumulativeLosses),
                ]
            },
            rightAligned: Set(1...11)
        )
        text += "\n\n## " + pick("Net position per party", "Saldo per partij") + "\n\n"
        text += ReportFormat.table(
            [pick("party", "partij")] + settlements.map(year) + [pick("total", "totaal")],
            totalNets.map { entry in
                let nets = settlements.map { settlement in
                    settlement.parties.first { $0.party == entry.party }?.net ?? .zero
                }
                return [entry.party] + nets.map(locale.euros) + [locale.euros(entry.net)]
            },
            rightAligned: Set(1...(settlements.count + 1))
        )
        return text + "\n"
    }

    /// The summary as JSON.
    public func json() -> JSONValue {
        .object([
            ("format", .string(Self.format)),
            (
                "years",
                .array(
                    rows.map { row in
                        let settlement = row.settlement
                        return .object([
                            ("year", .int(settlement.contract.start.year)),
                            ("members", .int(settlement.population.members)),
                            ("budgetCents", SettlementJSON.cents(settlement.totals.budget)),
                            ("expenditureCents", SettlementJSON.cents(settlement.totals.expenditure)),
                            ("savingsCents", SettlementJSON.cents(settlement.totals.savings)),
                            ("savingsRate", settlement.totals.savingsRate.map(SettlementJSON.decimal) ?? .null),
                            ("minimumSavingsRateMet", settlement.minimumSavingsRate.map { .bool($0.met) } ?? .null),
                            ("payoutCents", SettlementJSON.cents(settlement.sharing.payout)),
                            ("lossPaymentCents", SettlementJSON.cents(settlement.sharing.lossPayment)),
                            ("cumulativeSavingsCents", SettlementJSON.cents(row.cumulativeSavings)),
                            ("cumulativePayoutCents", SettlementJSON.cents(row.cumulativePayout)),
                            ("cumulativeLossPaymentCents", SettlementJSON.cents(row.cumulativeLosses)),
                            ("acceptance", SettlementJSON.acceptance(settlement.acceptance)),
                            (
                                "parties",
                                .array(
                                    settlement.parties.map {
                                        .object([
                                            ("party", .string($0.party)),
                                            ("netCents", SettlementJSON.cents($0.net)),
                                        ])
                                    }
                                )
                            ),
                        ])
                    }
                )
            ),
        ])
    }
}
