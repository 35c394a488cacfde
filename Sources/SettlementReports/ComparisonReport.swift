public import CapitationCore

/// Renders a `ModelComparison`: a Markdown table per question (who pays and receives what, each
/// financier's cost against fee-for-service, the providers' result, the incentive), a JSON document
/// (`capitation-comparison/1`) and a CSV file with one row per model and party.
public enum ComparisonReport: Sendable {
    /// The format identifier of the JSON document.
    public static let format = "capitation-comparison/1"

    /// The comparison as Markdown.
    public static func markdown(_ comparison: ModelComparison) -> String {
        guard let first = comparison.models.first?.settlement else { return "" }
        let models = comparison.models
        let names = models.map(\.name)
        let right = Set(1...models.count)
        var text = """
            # Payment models compared: \(first.contract.title)

            Contract `\(first.contract.id)` version \(first.contract.version), period \(first.contract.period.start) \
            to \(first.contract.period.end). The same population and claims settled under each model. Under every \
            model the financiers pay the claims of their regimes; the model moves money between the parties on \
            top of that. Amounts in euros.
            """
        let own = models.filter(\.hasOwnReference).map(\.name)
        if !own.isEmpty {
            text +=
                " " + own.map { "`\($0)`" }.joined(separator: ", ")
                + " select\(own.count == 1 ? "s" : "") another population or other claims, and "
                + (own.count == 1 ? "is" : "are") + " measured against fee-for-service on "
                + (own.count == 1 ? "its" : "their") + " own."
        }
        text += "\n\n## The models\n\n"
        text += ReportFormat.table(["model", "terms"], models.map { [$0.name, $0.summary] })
        text += "\n\n## Result\n\n"
        var rows: [[String]] = [
            ["budget"] + models.map { ReportFormat.euros($0.settlement.totals.budget) },
            ["expenditure"] + models.map { ReportFormat.euros($0.settlement.totals.expenditure) },
            ["savings"] + models.map { ReportFormat.euros($0.settlement.totals.savings) },
            ["savings rate"]
                + models.map { $0.settlement.totals.savingsRate.map(ReportFormat.rateAsPercent) ?? "–" },
            ["minimum savings rate"] + models.map { threshold($0.settlement.minimumSavingsRate) },
            ["paid to the providers"] + models.map { ReportFormat.euros($0.settlement.sharing.payout) },
            ["paid by the providers"] + models.map { ReportFormat.euros($0.settlement.sharing.lossPayment) },
            ["**providers' result**"] + models.map { "**" + ReportFormat.euros($0.providersResult) + "**" },
        ]
        for party in comparison.parties.filter(\.role.isFinancier).map(\.party) {
            rows.append(
                ["\(party): claims"]
                    + models.map { cost(of: party, in: $0).map { ReportFormat.euros($0.claims) } ?? "–" }
            )
            rows.append(
                ["**\(party): total cost**"]
                    + models.map {
                        cost(of: party, in: $0).map { "**" + ReportFormat.euros($0.totalCost) + "**" } ?? "–"
                    }
            )
            rows.append(
                ["\(party): against fee-for-service"]
                    + models.map { cost(of: party, in: $0).map { ReportFormat.euros($0.versusFeeForService) } ?? "–" }
            )
        }
        text += ReportFormat.table([""] + names, rows, rightAligned: right)
        text +=
            "\n\nA financier's total cost is the claims of its regimes plus what it pays under the settlement, less "
            + "what it receives. The providers' result is what the providers and funds gain beyond fee-for-service; "
            + "under every model it equals the financiers' extra cost against fee-for-service."
        text += "\n\n## Each party's payments under the settlement\n\n"
        var partyRows: [[String]] = []
        for party in comparison.parties {
            for (label, value) in [("pays", \PartyPosition.pays), ("receives", \.receives), ("net", \.net)] {
                partyRows.append(
                    ["\(party.party) \(label)"]
                        + models.map { model in
                            model.settlement.parties.first { $0.party == party.party }.map {
                                ReportFormat.euros($0[keyPath: value])
                            } ?? "–"
                        }
                )
            }
        }
        text += ReportFormat.table([""] + names, partyRows, rightAligned: right)
        text += "\n\n" + incentives(comparison)
        let warnings = Set(models.flatMap(\.settlement.warnings).map(\.description)).sorted()
        if !warnings.isEmpty { text += "\n\n## Warnings\n\n" + warnings.map { "- \($0)" }.joined(separator: "\n") }
        return text + "\n"
    }

    private static func incentives(_ comparison: ModelComparison) -> String {
        let models = comparison.models
        let regimes = comparison.incentiveRegimes
        guard !regimes.isEmpty else { return "## Incentive\n\nNot measured: no regime has claims." }
        var text =
            "## Incentive: of each euro of avoided care, the cents each party keeps\n\n"
            + "Measured by settling again with less care in one regime (€ 100.00, or all of its claims when they "
            + "are less): its financier pays that much less in claims, and the settlement moves part of it to the "
            + "other parties. Each column sums to 100 cents. A threshold crossed by so small a change shows as a jump."
        for regime in regimes {
            text += "\n\n### Care avoided in the \(regime)\n\n"
            let rows = comparison.parties.map { party in
                [party.party.rawValue]
                    + models.map { model in
                        guard let incentive = model.settlement.incentives.first(where: { $0.regime == regime }),
                            let cents = incentive.centsPerEuro(party.party)
                        else { return "–" }
                        return ReportFormat.fixed(cents, digits: 2)
                    }
            }
            text += ReportFormat.table(["party"] + models.map(\.name), rows, rightAligned: Set(1...models.count))
        }
        return text
    }

    private static func cost(of party: PartyID, in model: ComparedModel) -> FinancierCost? {
        model.financiers.first { $0.party.party == party }
    }

    private static func threshold(_ threshold: ThresholdResult?) -> String {
        guard let threshold else { return "–" }
        return "\(threshold.rate) (" + (threshold.met ? "met" : "not met") + ")"
    }

    /// The comparison as a JSON document (see `docs/comparison-json.md`).
    public static func json(_ comparison: ModelComparison) -> JSONValue {
        let first = comparison.models.first?.settlement
        return .object([
            ("format", .string(format)),
            ("program", SettlementJSON.program),
            ("contract", first.map { SettlementJSON.contract($0.contract) } ?? .null),
            ("models", .array(comparison.models.map(model))),
        ])
    }

    private static func model(_ model: ComparedModel) -> JSONValue {
        let settlement = model.settlement
        return .object([
            ("name", .string(model.name)),
            ("terms", .string(model.summary)),
            ("ownFeeForService", .bool(model.hasOwnReference)),
            ("model", .string(settlement.contract.model)),
            ("sides", .optional(settlement.contract.sides)),
            ("totals", SettlementJSON.totals(settlement.totals)),
            ("minimumSavingsRate", settlement.minimumSavingsRate.map(SettlementJSON.threshold) ?? .null),
            ("minimumLossRate", settlement.minimumLossRate.map(SettlementJSON.threshold) ?? .null),
            ("sharing", SettlementJSON.sharing(settlement.sharing)),
            ("providersResultCents", SettlementJSON.cents(model.providersResult)),
            (
                "financiers",
                .array(
                    model.financiers.map { cost in
                        .object([
                            ("party", .string(cost.party.party.rawValue)),
                            ("claimsCents", SettlementJSON.cents(cost.claims)),
                            ("netCents", SettlementJSON.cents(cost.party.net)),
                            ("totalCostCents", SettlementJSON.cents(cost.totalCost)),
                            ("versusFeeForServiceCents", SettlementJSON.cents(cost.versusFeeForService)),
                        ])
                    }
                )
            ),
            ("parties", .array(settlement.parties.map(SettlementJSON.party))),
            ("transfers", .array(settlement.transfers.map(SettlementJSON.transfer))),
            (
                "incentives",
                .array(
                    settlement.incentives.map { incentive in
                        .object([
                            ("regime", .string(incentive.regime.rawValue)),
                            ("avoidedCents", SettlementJSON.cents(incentive.avoided)),
                            (
                                "parties",
                                .array(
                                    incentive.gains.map { gain in
                                        .object([
                                            ("party", .string(gain.party.rawValue)),
                                            ("gainCents", SettlementJSON.cents(gain.amount)),
                                            (
                                                "centsPerEuro",
                                                incentive.centsPerEuro(gain.party).map(SettlementJSON.decimal) ?? .null
                                            ),
                                        ])
                                    }
                                )
                            ),
                        ])
                    }
                )
            ),
            ("paymentSchedule", settlement.paymentSchedule.map(PaymentScheduleReport.json) ?? .null),
        ])
    }

    /// The comparison as CSV: one row per model and party, amounts in euros, incentives in cents per euro.
    public static func csv(_ comparison: ModelComparison) -> String {
        let regimes = comparison.incentiveRegimes
        var lines = [
            (["model", "party", "role", "pays", "receives", "net", "claims", "total_cost", "versus_fee_for_service"]
                + regimes.map { "cents_kept_per_euro_avoided_\($0.rawValue.lowercased())" })
                .joined(separator: ",")
        ]
        for model in comparison.models {
            for party in model.settlement.parties {
                let cost = model.financiers.first { $0.party.party == party.party }
                var fields = [
                    model.name, party.party.rawValue, party.role.rawValue, party.pays.description,
                    party.receives.description, party.net.description, cost?.claims.description ?? "",
                    cost?.totalCost.description ?? "", cost?.versusFeeForService.description ?? "",
                ]
                fields += regimes.map { regime in
                    model.settlement.incentives.first { $0.regime == regime }?.centsPerEuro(party.party).map {
                        ReportFormat.fixed($0, digits: 2)
                    } ?? ""
                }
                lines.append(fields.map(csvField).joined(separator: ","))
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
