public import CapitationCore

/// The performance years of a contract side by side, with cumulative savings and payouts.
public struct MultiYearSummary: Sendable {
    /// The format identifier of the JSON.
    public static let format = "capitation-multi-year-summary/1"

    /// One year's figures and the running totals up to it.
    struct Row {
        var settlement: Settlement
        var cumulativeSavings: Cents
        var cumulativePayout: Cents
        var cumulativeLosses: Cents
    }

    let rows: [Row]
    /// Per party of the first year, its net over all years.
    let totalNets: [(party: PartyID, net: Cents)]

    /// The summary of `settlements`, one per year in order.
    ///
    /// - Throws: ``ArithmeticError`` when a running total overflows.
    public init(_ settlements: [Settlement]) throws(ArithmeticError) {
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
        var totals: [(party: PartyID, net: Cents)] = []
        for party in settlements.first?.parties.map(\.party) ?? [] {
            let nets = settlements.map { settlement in settlement.parties.first { $0.party == party }?.net ?? .zero }
            totals.append((party, try nets.sum()))
        }
        totalNets = totals
    }

    /// The summary as Markdown.
    public func markdown(title: String) -> String {
        let settlements = rows.map(\.settlement)
        var text =
            "# Multi-year summary: \(title)\n\nEach year settled on its own; the cumulative columns add the years up to it.\n\n"
        // A year settled on claims accepted as incomplete carries that into every running total after it.
        let accepted = settlements.filter { $0.acceptance != nil }
        if !accepted.isEmpty {
            text += "## Years settled on inputs accepted as incomplete\n\n"
            for settlement in accepted {
                guard let acceptance = settlement.acceptance else { continue }
                text += "- \(settlement.contract.period.start.year), because: \(acceptance.reason)\n"
                text += acceptance.findings.map { "  - \($0.description)\n" }.joined()
            }
            text += "\n"
        }
        text += ReportFormat.table(
            [
                "year", "members", "budget", "expenditure", "savings", "savings rate", "MSR met", "payout",
                "losses paid",
                "cumulative savings", "cumulative payout", "cumulative losses",
            ],
            rows.map { row in
                let settlement = row.settlement
                return [
                    String(settlement.contract.period.start.year), ReportFormat.count(settlement.population.members),
                    ReportFormat.euros(settlement.totals.budget), ReportFormat.euros(settlement.totals.expenditure),
                    ReportFormat.euros(settlement.totals.savings),
                    settlement.totals.savingsRate.map(ReportFormat.rateAsPercent) ?? "",
                    settlement.minimumSavingsRate.map { $0.met ? "yes" : "no" } ?? "—",
                    ReportFormat.euros(settlement.sharing.payout), ReportFormat.euros(settlement.sharing.lossPayment),
                    ReportFormat.euros(row.cumulativeSavings), ReportFormat.euros(row.cumulativePayout),
                    ReportFormat.euros(row.cumulativeLosses),
                ]
            },
            rightAligned: Set(1...11)
        )
        text += "\n\n## Net position per party\n\n"
        text += ReportFormat.table(
            ["party"] + settlements.map { String($0.contract.period.start.year) } + ["total"],
            totalNets.map { entry in
                let nets = settlements.map { settlement in
                    settlement.parties.first { $0.party == entry.party }?.net ?? .zero
                }
                return [entry.party.rawValue] + nets.map(ReportFormat.euros) + [ReportFormat.euros(entry.net)]
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
                            ("year", .int(settlement.contract.period.start.year)),
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
                                            ("party", .string($0.party.rawValue)),
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
