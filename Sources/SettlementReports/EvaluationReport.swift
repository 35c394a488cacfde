public import CapitationCore

/// Renders an `EvaluationResult`: a report in Markdown or HTML, in English or Dutch, and JSON
/// (`docs/evaluation-json.md`).
public enum EvaluationReport: Sendable {
    /// The format identifier of the JSON.
    public static let format = "capitation-evaluation/1"

    /// The row's name in the JSON: its regime, or `total`.
    static func name(_ row: EffectRow) -> String { row.regime?.rawValue ?? "total" }

    /// The effect's share of the counterfactual in percent, four decimals: `-0.012345` → `-1.2345`.
    static func percent(_ share: ExactDecimal?) -> String? {
        share.map { ReportFormat.percentNumber($0) }
    }

    private static func pair(_ range: ClosedRange<Cents>?) -> JSONValue {
        range.map { .array([SettlementJSON.cents($0.lowerBound), SettlementJSON.cents($0.upperBound)]) } ?? .null
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
                ("comparisonTrendPercent", percent(row.comparisonTrend).map(JSONValue.string) ?? .null),
                ("counterfactualCents", SettlementJSON.cents(row.counterfactual)),
                ("effectCents", SettlementJSON.cents(row.effect)),
                ("effectPercent", percent(row.effectShare).map(JSONValue.string) ?? .null),
                ("riskWeightedPersonYears", row.riskWeightedPersonYears.map(SettlementJSON.decimal) ?? .null),
                ("grossEffectCents", SettlementJSON.cents(row.grossEffect)),
                (
                    "intervals",
                    .array(
                        levels.map { level in
                            let share = result.intervals.share(row: index, level: Fraction(level))
                            return .object([
                                ("level", SettlementJSON.decimal(level)),
                                ("effectCents", pair(result.intervals.effect(row: index, level: Fraction(level)))),
                                (
                                    "effectPercent",
                                    share.map {
                                        .array([
                                            .string(ReportFormat.percentNumber($0.lowerBound)),
                                            .string(ReportFormat.percentNumber($0.upperBound)),
                                        ])
                                    } ?? .null
                                ),
                                (
                                    "grossEffectCents",
                                    pair(result.intervals.gross(rows: [index], level: Fraction(level)))
                                ),
                            ])
                        }
                    )
                ),
            ])
        }
        let years = result.estimate.years.map { year -> JSONValue in
            func costs(_ values: [Cents?]) -> JSONValue {
                .object(
                    zip(result.estimate.rows, values).map { row, value in
                        (name(row), value.map(SettlementJSON.cents) ?? .null)
                    }
                )
            }
            return .object([
                ("year", .int(year.year)),
                ("fieldlabCents", costs(year.fieldlab)),
                ("comparisonCents", costs(year.comparison)),
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
            ("years", .array(years)),
            ("net", result.net.map { net(result, $0, levels: levels) } ?? .null),
            ("netUnavailable", result.netUnavailable.map(JSONValue.string) ?? .null),
            ("placebo", result.placebo.map { placebo(result, $0, levels: levels) } ?? .null),
            ("warnings", .array(result.warnings.map { .string($0.description) })),
            ("steps", .array(EvaluationTables.steps(result).map(SettlementJSON.step))),
        ])
    }

    /// The placebo as JSON: its years, and per regime and in total the effect, in percent, and its
    /// intervals.
    private static func placebo(
        _ result: EvaluationResult,
        _ placebo: PlaceboEstimate,
        levels: [ExactDecimal]
    )
        -> JSONValue
    {
        .object([
            ("beforeYears", .array(placebo.beforeYears.map { .int($0) })),
            ("afterYear", .int(placebo.afterYear)),
            (
                "rows",
                .array(
                    placebo.estimate.rows.enumerated().map { index, row in
                        .object([
                            ("regime", .string(name(row))),
                            ("counterfactualCents", SettlementJSON.cents(row.counterfactual)),
                            ("effectCents", SettlementJSON.cents(row.effect)),
                            ("effectPercent", percent(row.effectShare).map(JSONValue.string) ?? .null),
                            (
                                "intervals",
                                .array(
                                    levels.map { level in
                                        .object([
                                            ("level", SettlementJSON.decimal(level)),
                                            (
                                                "effectCents",
                                                pair(placebo.intervals.effect(row: index, level: Fraction(level)))
                                            ),
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

    /// The net effect as JSON.
    private static func net(_ result: EvaluationResult, _ net: NetEffect, levels: [ExactDecimal]) -> JSONValue {
        let totalRow = result.estimate.rows.count - 1
        func intervals(rows: [Int], paid: Cents) -> JSONValue {
            .array(
                levels.map { level in
                    .object([
                        ("level", SettlementJSON.decimal(level)),
                        ("grossEffectCents", pair(result.intervals.gross(rows: rows, level: Fraction(level)))),
                        (
                            "netEffectCents",
                            pair(result.intervals.gross(rows: rows, adding: paid, level: Fraction(level)))
                        ),
                    ])
                }
            )
        }
        return .object([
            ("savingsCents", SettlementJSON.cents(net.savings)),
            ("savingsRate", net.savingsRate.map(SettlementJSON.decimal) ?? .null),
            ("grossEffectCents", SettlementJSON.cents(net.grossEffect)),
            ("paidCents", SettlementJSON.cents(net.paid)),
            ("payoutCents", SettlementJSON.cents(net.payout)),
            ("lossPaymentCents", SettlementJSON.cents(net.lossPayment)),
            ("otherPaymentsCents", SettlementJSON.cents(net.otherPayments)),
            ("netEffectCents", SettlementJSON.cents(net.netEffect)),
            ("savingsBeyondEffectCents", SettlementJSON.cents(net.savingsBeyondEffect)),
            ("settlementWarnings", .array(net.warnings.map { .string($0.description) })),
            ("intervals", intervals(rows: [totalRow], paid: net.paid)),
            (
                "financiers",
                .array(
                    net.financiers.map { financier in
                        .object([
                            ("party", .string(financier.party.rawValue)),
                            ("name", .string(financier.name)),
                            ("role", .string(financier.role.rawValue)),
                            ("regimes", .array(financier.regimes.map { .string($0.rawValue) })),
                            ("grossEffectCents", SettlementJSON.cents(financier.grossEffect)),
                            ("paidCents", SettlementJSON.cents(financier.paid)),
                            ("netEffectCents", SettlementJSON.cents(financier.netEffect)),
                            ("intervals", intervals(rows: financier.rows, paid: financier.paid)),
                        ])
                    }
                )
            ),
        ])
    }

    /// The sentences of the verdict: the effect, gross to net, and the settlement's savings beside the
    /// effect, at the first of `levels`.
    static func verdict(_ result: EvaluationResult, levels: [ExactDecimal], _ text: EvaluationText) -> [String] {
        guard let total = result.estimate.total else { return [] }
        let totalRow = result.estimate.rows.count - 1
        let level = levels.first
        let interval = level.flatMap { result.intervals.effect(row: totalRow, level: Fraction($0)) }
        var sentences = [text.effectSentence(result, row: total, interval: interval, level: level ?? .zero)]
        if let net = result.net {
            let gross = level.flatMap { result.intervals.gross(rows: [totalRow], level: Fraction($0)) }
            let netInterval = level.flatMap {
                result.intervals.gross(rows: [totalRow], adding: net.paid, level: Fraction($0))
            }
            sentences.append(
                text.netSentence(
                    net,
                    year: result.performanceYear,
                    gross: gross,
                    interval: netInterval,
                    level: level ?? .zero
                )
            )
            sentences.append(text.savingsSentence(net))
        } else if let reason = result.netUnavailable {
            sentences.append(text.netUnavailable(reason))
        }
        if let placebo = result.placebo, let level, let row = placebo.estimate.total,
            let interval = placebo.intervals.effect(row: placebo.estimate.rows.count - 1, level: Fraction(level)),
            !interval.contains(.zero)
        {
            sentences.append(text.placeboSentence(placebo, row: row, interval: interval, level: level))
        }
        return sentences
    }

    /// What measuring the years and settling the performance year warned about, in that order, in the
    /// language of `locale`.
    public static func warnings(_ result: EvaluationResult, locale: ReportLocale = .standard) -> [String] {
        (result.warnings
            + (result.net?.warnings ?? []).map { EvaluationWarning(.settlement(year: result.performanceYear, $0)) })
            .map { WarningText.warning($0, locale) }
    }

    /// The evaluation as a Markdown report, with the intervals at `levels`, in `locale`'s language.
    public static func markdown(
        _ result: EvaluationResult,
        levels: [ExactDecimal],
        locale: ReportLocale = .standard
    ) -> String {
        let text = EvaluationText(locale)
        var sections = ["# " + text.title(result.contract.title) + "\n\n" + text.meta(result)]
        let warnings = warnings(result, locale: locale)
        if !warnings.isEmpty {
            sections.append("## \(text.warningsHeading)\n\n" + warnings.map { "- " + $0 }.joined(separator: "\n"))
        }
        sections.append("## \(text.verdictHeading)\n\n" + verdict(result, levels: levels, text).joined(separator: " "))
        sections.append(
            "## \(text.effectHeading)\n\n\(text.effectExplanation(result))\n\n"
                + EvaluationTables.costs(result, text).markdown + "\n\n"
                + EvaluationTables.effect(result, levels: levels, text).markdown
        )
        if let net = result.net {
            sections.append(
                "## \(text.netHeading)\n\n\(text.netExplanation)\n\n"
                    + EvaluationTables.net(result, net, levels: levels, text).markdown + "\n\n"
                    + EvaluationTables.bridge(net, text).markdown
            )
        } else if let reason = result.netUnavailable {
            sections.append("## \(text.netHeading)\n\n" + text.netUnavailable(reason))
        }
        sections.append(
            "## \(text.trendsHeading)\n\n\(text.trendsExplanation(result, chart: false))\n\n"
                + EvaluationTables.years(result, text).markdown
                + (result.placebo.map {
                    "\n\n\(text.placeboExplanation($0))\n\n"
                        + EvaluationTables.placebo($0, levels: levels, text).markdown
                } ?? "")
        )
        sections.append("## \(text.peopleHeading)\n\n" + EvaluationTables.people(result, text).markdown)
        sections.append("## \(text.meaningHeading)\n\n" + text.meaning(result))
        sections.append(
            SettlementMarkdown.steps(EvaluationTables.documentSteps(result), heading: text.stepsHeading, locale: locale)
            {
                SettlementTables.step($0, locale, words: text.stepWords)
            }
        )
        return sections.joined(separator: "\n\n") + "\n"
    }
}
