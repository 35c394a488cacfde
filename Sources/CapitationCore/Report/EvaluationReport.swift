/// Renders an ``EvaluationResult``: a Markdown report and JSON (`docs/evaluation-json.md`).
public enum EvaluationReport: Sendable {
    /// The format identifier of the JSON.
    public static let format = "capitation-evaluation/1"

    /// The row's name: its regime, or `total`.
    static func name(_ row: EffectRow) -> String { row.regime?.rawValue ?? "total" }

    /// The effect's share of the counterfactual in percent, four decimals: `-0.012345` → `-1.2345`.
    static func percent(_ share: ExactDecimal?) -> String? {
        share.map { ReportFormat.percentNumber($0) }
    }

    /// The evaluation as JSON, with the intervals at `levels` (fractions such as 0.95).
    public static func json(_ result: EvaluationResult, levels: [ExactDecimal]) -> JSONValue {
        let rows = result.estimate.rows.enumerated().map { index, row -> JSONValue in
            .object([
                ("regime", .string(name(row))),
                ("fieldlabBeforeCents", SettlementJSON.cents(row.fieldlabBefore)),
                ("fieldlabAfterCents", SettlementJSON.cents(row.fieldlabAfter)),
                ("comparisonBeforeCents", SettlementJSON.cents(row.comparisonBefore)),
                ("comparisonAfterCents", SettlementJSON.cents(row.comparisonAfter)),
                ("counterfactualCents", SettlementJSON.cents(row.counterfactual)),
                ("effectCents", SettlementJSON.cents(row.effect)),
                ("effectPercent", percent(row.effectShare).map(JSONValue.string) ?? .null),
                (
                    "intervals",
                    .array(
                        levels.map { level in
                            let effect = result.intervals.effect(row: index, level: Fraction(level))
                            let share = result.intervals.share(row: index, level: Fraction(level))
                            return .object([
                                ("level", SettlementJSON.decimal(level)),
                                (
                                    "effectCents",
                                    effect.map {
                                        .array([
                                            SettlementJSON.cents($0.lowerBound), SettlementJSON.cents($0.upperBound),
                                        ])
                                    }
                                        ?? .null
                                ),
                                (
                                    "effectPercent",
                                    share.map {
                                        .array([
                                            .string(ReportFormat.percentNumber($0.lowerBound)),
                                            .string(ReportFormat.percentNumber($0.upperBound)),
                                        ])
                                    } ?? .null
                                ),
                            ])
                        }
                    )
                ),
            ])
        }
        return .object([
            ("format", .string(format)),
            ("program", SettlementJSON.program),
            ("contract", .string(result.contract.id.rawValue)),
            ("baselineYears", .array(result.baselineYears.map { .int($0) })),
            ("weights", .array(result.weights.map(SettlementJSON.decimal))),
            ("performanceYear", .int(result.performanceYear)),
            (
                "members",
                .object([
                    ("fieldlab", .array(result.fieldlabMembers.map { .int($0) })),
                    ("comparison", .array(result.comparisonMembers.map { .int($0) })),
                ])
            ),
            (
                "bootstrap",
                .object([
                    ("seed", .string(String(result.seed))),
                    ("resamples", .int(result.intervals.resamples)),
                    ("withoutEstimate", .int(result.intervals.missing)),
                ])
            ),
            ("rows", .array(rows)),
            ("steps", .array(result.estimate.steps.map(SettlementJSON.step))),
        ])
    }

    /// The evaluation as a Markdown report, with the intervals at `levels`.
    public static func markdown(_ result: EvaluationResult, levels: [ExactDecimal]) -> String {
        let years = result.baselineYears.map(String.init).joined(separator: ", ")
        let weights = result.weights.map(\.description).joined(separator: " ")
        var sections: [String] = []
        sections.append(
            """
            # Evaluation: \(result.contract.title)

            Contract `\(result.contract.id)` version \(result.contract.version). The fieldlab's risk-adjusted cost \
            per person-year (the annual cost of a person of risk score 1: accepted, truncated, in-scope cost × days \
            in the year ÷ risk-weighted days) before (baseline years \(years), weighted \(weights), not trended) and \
            after (\(result.performanceYear)), against the comparison population's. The counterfactual is the \
            fieldlab's own cost before, moved by what changed in the comparison population; the effect is the \
            fieldlab's cost after minus the counterfactual, per person-year: negative is a saving. Amounts are \
            rounded once, \(result.contract.rounding.rawValue), from the exact values.
            """
        )
        let members = zip(
            result.baselineYears + [result.performanceYear],
            zip(result.fieldlabMembers, result.comparisonMembers)
        )
        sections.append(
            "## People\n\n"
                + ReportFormat.table(
                    ["year", "fieldlab", "comparison"],
                    members.map { [String($0), ReportFormat.count($1.0), ReportFormat.count($1.1)] },
                    rightAligned: [1, 2]
                )
        )
        var header = [
            "", "fieldlab before", "fieldlab after", "comparison before", "comparison after", "counterfactual",
            "effect", "effect %",
        ]
        header += levels.map { "\(ReportFormat.percentNumber($0)) % interval" }
        let rows = result.estimate.rows.enumerated().map { index, row in
            [
                name(row), ReportFormat.euros(row.fieldlabBefore), ReportFormat.euros(row.fieldlabAfter),
                ReportFormat.euros(row.comparisonBefore), ReportFormat.euros(row.comparisonAfter),
                ReportFormat.euros(row.counterfactual), ReportFormat.euros(row.effect),
                percent(row.effectShare).map { "\($0) %" } ?? "–",
            ]
                + levels.map { level in
                    result.intervals.effect(row: index, level: Fraction(level)).map {
                        "\(ReportFormat.euros($0.lowerBound)) to \(ReportFormat.euros($0.upperBound))"
                    } ?? "–"
                }
        }
        sections.append(
            "## Effect per person-year\n\n" + ReportFormat.table(header, rows, rightAligned: Set(1..<header.count))
        )
        sections.append(
            """
            ## What it does and does not say

            The intervals come from \(ReportFormat.count(result.intervals.resamples)) resamples (seed \
            \(result.seed)) that draw people of both populations with all their years, so the baseline's own \
            uncertainty and regression to the mean are inside them\(result.intervals.missing > 0 ? "; \(result.intervals.missing) resamples had a year without people in a regime and are left out" : ""). \
            The estimate assumes parallel trends: without the fieldlab, its population's cost would have changed \
            as the comparison population's did. A comparison population unlike the fieldlab's, or too small, \
            makes the effect uncertain in ways no interval shows.
            """
        )
        return sections.joined(separator: "\n\n") + "\n"
    }
}
