public import CapitationCore

/// Renders the settlements of cases of totals: CSV with one row per case (amounts in euros, rates in
/// percent) and JSON (`capitation-totals/2`, amounts in cents, with each case's steps).
public enum TotalsSettlementReport: Sendable {
    /// The format identifier of the JSON document.
    public static let format = "capitation-totals/2"

    /// The columns of the CSV, before one `net_PARTY` column per party of the contract.
    public static let columns = [
        "case_id", "people", "person_years", "budget", "expenditure", "savings", "savings_rate_percent",
        "savings_per_person_year", "msr_percent", "msr_met", "mlr_percent", "mlr_met", "quality_score",
        "quality_gate_passed", "sharing_rate_percent", "final_sharing_rate_percent", "shared_base", "earned", "cap",
        "capped", "payment_reduction", "payout", "loss_sharing_rate_percent", "shared_loss", "loss_cap", "loss_capped",
        "owed",
    ]

    /// One row per case; a party's net is empty when the case could not be divided among the parties.
    public static func csv(_ results: [TotalsSettlement], contract: Contract) -> String {
        var lines = [(columns + contract.parties.map { "net_\($0.id)" }).joined(separator: ",")]
        for result in results {
            let totalsCase = result.totalsCase
            let totals = result.totals
            let sharing = result.sharing
            let yesNo: (Bool) -> String = { $0 ? "yes" : "no" }
            var fields: [String] = [
                totalsCase.id, "\(totalsCase.people)", totalsCase.personYears?.description ?? "",
                totals.budget.description, totals.expenditure.description, totals.savings.description,
            ]
            fields += [
                totals.savingsRate.map(ReportFormat.percentNumber) ?? "",
                result.savingsPerPersonYear?.description ?? "",
                result.minimumSavingsRate?.rate.value.description ?? "",
                result.minimumSavingsRate.map { yesNo($0.met) } ?? "",
                result.minimumLossRate?.rate.value.description ?? "",
                result.minimumLossRate.map { yesNo($0.met) } ?? "",
                result.quality?.score.description ?? "",
                result.quality.map { yesNo($0.gatePassed) } ?? "",
            ]
            fields += [
                sharing.sharingRate?.value.description ?? "", sharing.finalSharingRate?.value.description ?? "",
                sharing.sharedBase?.description ?? "", sharing.earned.description, sharing.cap?.description ?? "",
                yesNo(sharing.capped), sharing.paymentReduction.description, sharing.payout.description,
            ]
            fields += [
                sharing.lossSharingRate?.value.description ?? "", sharing.sharedLoss.description,
                sharing.lossCap?.description ?? "", yesNo(sharing.lossCapped), sharing.lossPayment.description,
            ]
            fields += contract.parties.map { party in
                result.parties.first { $0.party == party.id }?.net.description ?? ""
            }
            lines.append(fields.map(ComparisonReport.csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// All cases as one JSON document, with the contract's summary and the input's SHA-256.
    public static func json(_ results: [TotalsSettlement], contract: Contract, inputs: [InputFile]) -> JSONValue {
        .object([
            ("format", .string(format)),
            ("program", SettlementJSON.program),
            (
                "contract",
                .object([
                    ("id", .string(contract.id.rawValue)), ("version", .string(contract.version)),
                    ("model", .string(contract.settlement.modelName)), ("terms", .string(contract.settlement.summary)),
                ])
            ),
            (
                "inputs",
                .array(
                    inputs.map {
                        .object([
                            ("role", .string($0.role)), ("path", .string($0.path)), ("sha256", .string($0.sha256)),
                            ("lines", .int($0.lines)),
                        ])
                    }
                )
            ),
            ("cases", .array(results.map(json))),
        ])
    }

    private static func json(_ result: TotalsSettlement) -> JSONValue {
        .object([
            ("caseId", .string(result.totalsCase.id)),
            ("line", .int(result.totalsCase.line)),
            ("people", .int(result.totalsCase.people)),
            ("personYears", result.totalsCase.personYears.map(SettlementJSON.decimal) ?? .null),
            ("totals", SettlementJSON.totals(result.totals)),
            ("savingsPerPersonYearCents", result.savingsPerPersonYear.map(SettlementJSON.cents) ?? .null),
            ("regimes", .array(result.regimes.map(SettlementJSON.regime))),
            ("minimumSavingsRate", result.minimumSavingsRate.map(SettlementJSON.threshold) ?? .null),
            ("minimumLossRate", result.minimumLossRate.map(SettlementJSON.threshold) ?? .null),
            ("quality", result.quality.map(SettlementJSON.quality) ?? .null),
            ("sharing", SettlementJSON.sharing(result.sharing)),
            ("parties", .array(result.parties.map(SettlementJSON.party))),
            ("transfers", .array(result.transfers.map(SettlementJSON.transfer))),
            ("note", .optional(result.note)),
            ("steps", .array(result.steps.map(SettlementJSON.step))),
        ])
    }
}
