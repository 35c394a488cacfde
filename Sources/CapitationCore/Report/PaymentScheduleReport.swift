/// Renders the capitation payment schedule: the monthly prospective payments and the year-end
/// reconciliation, as two layers.
enum PaymentScheduleReport {
    /// The schedule as a JSON object (see `docs/settlement-json.md`).
    static func json(_ schedule: PaymentSchedule) -> JSONValue {
        .object([
            (
                "financiers",
                .array(
                    schedule.financiers.map { financier in
                        .object([
                            ("financier", .string(financier.financier.rawValue)),
                            ("regime", .string(financier.regime.rawValue)),
                            (
                                "months",
                                .array(
                                    financier.months.map { month in
                                        .object([
                                            ("counted", .string(month.counted.description)),
                                            ("days", .int(month.days)),
                                            ("members", .int(month.members)),
                                            ("riskWeightedMembers", SettlementJSON.decimal(month.riskWeightedMembers)),
                                            ("amountCents", SettlementJSON.cents(month.amount)),
                                        ])
                                    }
                                )
                            ),
                            ("prospectiveCents", SettlementJSON.cents(financier.prospective)),
                            ("capitationBudgetCents", SettlementJSON.cents(financier.capitationBudget)),
                            ("claimsBorneCents", SettlementJSON.cents(financier.claimsBorne)),
                            ("providersResultCents", SettlementJSON.cents(financier.providersResult)),
                            ("dueCents", SettlementJSON.cents(financier.due)),
                            ("reconciliationCents", SettlementJSON.cents(financier.reconciliation)),
                        ])
                    }
                )
            )
        ])
    }

    /// The schedule as a Markdown section.
    static func markdown(_ schedule: PaymentSchedule) -> String {
        var text =
            "## Payment schedule\n\nCapitation is paid ahead, month by month, and reconciled at year end. Each month "
            + "a financier pays the per-capita amount × the risk scores of the members in the population on the "
            + "month's first day × the month's share of the period (1/12 in a year). At year end the providers are owed the care they bore (accepted claims after "
            + "truncation) plus their result; the difference with what was paid ahead is settled."
        for financier in schedule.financiers {
            text += "\n\n### \(financier.financier) (\(financier.regime))\n\n"
            text += ReportFormat.table(
                ["month (counted on)", "days", "members", "risk-weighted members", "payment"],
                financier.months.map {
                    [
                        $0.counted.description, "\($0.days)", ReportFormat.count($0.members),
                        "\($0.riskWeightedMembers)", ReportFormat.euros($0.amount),
                    ]
                },
                rightAligned: [1, 2, 3, 4]
            )
            let direction =
                financier.reconciliation.isNegative
                ? "the providers repay \(ReportFormat.eurosMagnitude(financier.reconciliation))"
                : "the financier pays \(ReportFormat.euros(financier.reconciliation))"
            text +=
                "\n\n"
                + ReportFormat.table(
                    ["year end", "amount"],
                    [
                        ["paid ahead (Σ months)", ReportFormat.euros(financier.prospective)],
                        ["capitation budget (exposure to the day)", ReportFormat.euros(financier.capitationBudget)],
                        [
                            "care borne by the providers (claims after truncation)",
                            ReportFormat.euros(financier.claimsBorne),
                        ],
                        ["providers' result from this financier", ReportFormat.euros(financier.providersResult)],
                        ["due for the year", ReportFormat.euros(financier.due)],
                        ["reconciliation (due − paid ahead)", ReportFormat.euros(financier.reconciliation)],
                    ],
                    rightAligned: [1]
                ) + "\n\nAt year end \(direction)."
        }
        return text
    }
}
