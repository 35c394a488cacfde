public import CapitationCore

/// Renders a `Baseline`: a report with every step, a contract fragment to paste, and JSON.
public enum BaselineReport: Sendable {
    /// The format identifier of the JSON.
    public static let format = "capitation-baseline/1"

    /// The report as Markdown, with the contract fragment at the end.
    public static func markdown(_ baseline: Baseline, contract: Contract) -> String {
        var sections: [String] = []
        let years = baseline.years.map { String($0.year) }.joined(separator: ", ")
        sections.append(
            """
            # Baseline: \(contract.title)

            Contract `\(contract.id)` version \(contract.version). Baseline years \(years) with weights \
            \(weightsText(baseline.weights)), trended to \(baseline.targetYear). For each regime and year the \
            accepted, truncated, in-scope cost is divided by the risk-weighted person-years (Σ risk score × days \
            ÷ days in the year): the annual cost of a member of risk score 1. It is trended to \
            \(baseline.targetYear) with the regime's dated trends, and the years are weighted. The per-capita \
            amount is rounded once, \(contract.rounding.rawValue), from the exact value; the rounded amounts per \
            year are for reading.
            """
        )
        sections.append(
            "## Years\n\n"
                + ReportFormat.table(
                    ["year", "period", "members", "person-years", "accepted lines", "rejected lines"],
                    baseline.years.map {
                        [
                            String($0.year), "\($0.period.start) to \($0.period.end)", ReportFormat.count($0.members),
                            personYears($0.exposureDays, $0.period.dayCount), ReportFormat.count($0.acceptedLines),
                            ReportFormat.count($0.rejectedLines),
                        ]
                    },
                    rightAligned: [2, 3, 4, 5]
                )
        )
        for regime in baseline.regimes {
            sections.append(
                "## \(regime.regime)\n\n"
                    + ReportFormat.table(
                        [
                            "year", "cost", "risk-weighted days", "days", "per person-year",
                            "trend to \(baseline.targetYear)", "trended", "weight",
                        ],
                        regime.years.map {
                            [
                                String($0.year), ReportFormat.euros($0.cost), $0.riskWeightedDays.description,
                                String($0.daysInPeriod), ReportFormat.euros($0.costPerPersonYear),
                                "× \($0.trendFactor)", ReportFormat.euros($0.trendedCostPerPersonYear),
                                $0.weight.description,
                            ]
                        },
                        rightAligned: [1, 2, 3, 4, 5, 6, 7]
                    )
                    + "\n\nPer-capita amount: **\(ReportFormat.euros(regime.perCapitaAnnual))** = round(Σ weight × cost × "
                    + "days ÷ risk-weighted days × trend ÷ Σ weight)"
                    + (regime.riskModel.map { ", at risk score 1 under model `\($0)`." }
                        ?? ", per person-year (no risk model).")
            )
        }
        if !baseline.meanScores.isEmpty {
            sections.append(
                "## Risk\n\nThe baseline mean risk score per model, weighted like the costs: the mean the growth cap "
                    + "compares the performance year's mean with.\n\n"
                    + ReportFormat.table(
                        ["model"] + baseline.years.map { String($0.year) } + ["baseline mean", "of which demographic"],
                        baseline.meanScores.map { entry in
                            [entry.model.rawValue]
                                + baseline.years.map { $0.meanScores[entry.model]?.description ?? "" }
                                + [
                                    entry.mean.description,
                                    baseline.demographicMeanScores.first { $0.model == entry.model }?.mean.description
                                        ?? "–",
                                ]
                        },
                        rightAligned: Set(1...(baseline.years.count + 2))
                    )
            )
        }
        sections.append(
            "## Contract fragment\n\nPaste each element into the contract where its comment says.\n\n```xml\n"
                + fragment(baseline, contract: contract) + "```"
        )
        sections.append(
            "## Inputs\n\n"
                + ReportFormat.table(
                    ["year", "role", "path", "sha256"],
                    baseline.years.flatMap { year in
                        year.inputs.map { [String(year.year), $0.role, $0.path, "`\($0.sha256)`"] }
                    }
                )
        )
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The elements to paste into the contract: each regime's `<perCapita>` and each model's `<growthCap>`.
    public static func fragment(_ baseline: Baseline, contract: Contract) -> String {
        var lines = [
            "<!-- capitation baseline: years \(baseline.years.map { String($0.year) }.joined(separator: ", ")), "
                + "weights \(weightsText(baseline.weights)), trended to \(baseline.targetYear) -->"
        ]
        for regime in baseline.regimes {
            lines.append("<!-- in <regime name=\"\(regime.regime)\">: -->")
            lines.append("<perCapita annual=\"\(regime.perCapitaAnnual)\"/>")
        }
        for entry in baseline.meanScores {
            let cap = contract.riskModel(entry.model)?.growthCap
            let demographic = baseline.demographicMeanScores.first { $0.model == entry.model }?.mean
            // The contract's limits, or the MSSP's whole-score 3 % when it has none.
            var attributes: [String] = []
            if let percent = cap?.percent ?? (cap?.demographicPlus == nil ? 3 : nil) {
                attributes.append("percent=\"\(percent.value)\"")
            }
            if let points = cap?.demographicPlus { attributes.append("demographicPlus=\"\(points.value)\"") }
            attributes.append("baselineMean=\"\(entry.mean)\"")
            if cap?.demographicPlus != nil, let demographic {
                attributes.append("baselineDemographicMean=\"\(demographic)\"")
            }
            lines.append("<!-- in <riskModel id=\"\(entry.model)\">: -->")
            lines.append("<growthCap \(attributes.joined(separator: " "))/>")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The baseline as JSON.
    public static func json(_ baseline: Baseline) -> JSONValue {
        .object([
            ("format", .string(format)),
            ("program", SettlementJSON.program),
            ("contract", .string(baseline.contractID.rawValue)),
            ("targetYear", .int(baseline.targetYear)),
            ("weights", .array(baseline.weights.map(SettlementJSON.decimal))),
            (
                "years",
                .array(
                    baseline.years.map { year in
                        .object([
                            ("year", .int(year.year)),
                            (
                                "period",
                                .object([
                                    ("start", .string(year.period.start.description)),
                                    ("end", .string(year.period.end.description)),
                                ])
                            ),
                            ("members", .int(year.members)), ("exposureDays", .int(year.exposureDays)),
                            ("acceptedLines", .int(year.acceptedLines)), ("rejectedLines", .int(year.rejectedLines)),
                            (
                                "inputs",
                                .array(
                                    year.inputs.map {
                                        .object([
                                            ("role", .string($0.role)), ("path", .string($0.path)),
                                            ("format", .string($0.format)), ("sha256", .string($0.sha256)),
                                        ])
                                    }
                                )
                            ),
                        ])
                    }
                )
            ),
            ("regimes", .array(baseline.regimes.map(regime))),
            (
                "meanScores",
                .array(
                    baseline.meanScores.map { entry in
                        let demographic = baseline.demographicMeanScores.first { $0.model == entry.model }?.mean
                        return .object([
                            ("model", .string(entry.model.rawValue)), ("mean", SettlementJSON.decimal(entry.mean)),
                            ("demographicMean", demographic.map(SettlementJSON.decimal) ?? .null),
                        ])
                    }
                )
            ),
        ])
    }

    private static func regime(_ regime: RegimeBaseline) -> JSONValue {
        .object([
            ("regime", .string(regime.regime.rawValue)),
            ("riskModel", .optional(regime.riskModel?.rawValue)),
            ("perCapitaAnnualCents", SettlementJSON.cents(regime.perCapitaAnnual)),
            (
                "years",
                .array(
                    regime.years.map {
                        .object([
                            ("year", .int($0.year)), ("costCents", SettlementJSON.cents($0.cost)),
                            ("riskWeightedDays", SettlementJSON.decimal($0.riskWeightedDays)),
                            ("daysInPeriod", .int($0.daysInPeriod)),
                            ("costPerPersonYearCents", SettlementJSON.cents($0.costPerPersonYear)),
                            ("trendFactor", SettlementJSON.decimal($0.trendFactor)),
                            ("trendedCostPerPersonYearCents", SettlementJSON.cents($0.trendedCostPerPersonYear)),
                            ("weight", SettlementJSON.decimal($0.weight)),
                        ])
                    }
                )
            ),
        ])
    }

    static func weightsText(_ weights: [ExactDecimal]) -> String {
        weights.map(\.description).joined(separator: " ")
    }

    private static func personYears(_ days: Int, _ daysInPeriod: Int) -> String {
        ExactDecimal.ratio(days, daysInPeriod, scale: 2)?.description ?? ""
    }
}
