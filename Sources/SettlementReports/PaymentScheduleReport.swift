import CapitationCore

/// Renders the capitation payment schedule as the `paymentSchedule` object of `settlement.json`; the
/// reports show it through ``SettlementTables``.
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
}
