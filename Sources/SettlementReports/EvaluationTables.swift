import CapitationCore

/// The tables of an evaluation's report, built once for Markdown and HTML alike.
enum EvaluationTables {
    typealias Cell = ReportTable.Cell

    /// Each population's risk-adjusted cost per person-year before and after, and the counterfactual, per
    /// regime and in total.
    static func costs(_ result: EvaluationResult, _ text: EvaluationText) -> ReportTable {
        let locale = text.locale
        let rows = result.estimate.rows.map { row -> [Cell] in
            [
                Cell(text.rowName(row)), .amount(row.fieldlabBefore, locale), .amount(row.fieldlabAfter, locale),
                .amount(row.comparisonBefore, locale), .amount(row.comparisonAfter, locale),
                Cell(text.percent(row.comparisonTrend)), .amount(row.counterfactual, locale),
            ]
        }
        return ReportTable(
            caption: text.costsCaption,
            header: text.costsHeader,
            rows: rows,
            numeric: Set(1..<7),
            id: "costs-table"
        )
    }

    /// The effect per person-year, per regime and in total, with an interval per level.
    static func effect(_ result: EvaluationResult, levels: [ExactDecimal], _ text: EvaluationText) -> ReportTable {
        effects(result.estimate, result.intervals, levels: levels, text, caption: text.effectCaption, figures: true)
    }

    /// The placebo's effects, as ``effect(_:levels:_:)`` shows the evaluation's.
    static func placebo(_ placebo: PlaceboEstimate, levels: [ExactDecimal], _ text: EvaluationText) -> ReportTable {
        effects(placebo.estimate, placebo.intervals, levels: levels, text, caption: text.placeboCaption, figures: false)
    }

    private static func effects(
        _ estimate: EffectEstimate,
        _ intervals: EffectIntervals,
        levels: [ExactDecimal],
        _ text: EvaluationText,
        caption: String,
        figures: Bool
    ) -> ReportTable {
        let locale = text.locale
        let rows = estimate.rows.enumerated().map { index, row -> [Cell] in
            [
                Cell(text.rowName(row)),
                .amount(row.effect, locale, figure: figures ? "effect:\(EvaluationReport.name(row))" : nil),
                Cell(text.percent(row.effectShare)),
            ] + levels.map { .range(intervals.effect(row: index, level: Fraction($0)), joiner: text.to, locale) }
        }
        let header = text.effectHeader + levels.map(text.interval)
        return ReportTable(
            caption: caption,
            header: header,
            rows: rows,
            numeric: Set(1..<header.count),
            id: figures ? "effect-table" : "placebo-table"
        )
    }

    /// Per financier and for all of them: gross effect, what the settlement made them pay, net effect.
    static func net(
        _ result: EvaluationResult,
        _ net: NetEffect,
        levels: [ExactDecimal],
        _ text: EvaluationText
    ) -> ReportTable {
        let locale = text.locale
        let totalRow = result.estimate.rows.count - 1
        var rows: [[Cell]] = net.financiers.map { financier in
            [
                Cell("\(financier.name) (\(financier.regimes.map(\.rawValue).joined(separator: ", ")))"),
                .amount(financier.grossEffect, locale), .amount(financier.paid, locale),
                .amount(financier.netEffect, locale, figure: "net-effect:\(financier.party)"),
            ]
                + levels.map { level in
                    .range(
                        result.intervals.gross(rows: financier.rows, adding: financier.paid, level: Fraction(level)),
                        joiner: text.to,
                        locale
                    )
                }
        }
        rows.append(
            [
                Cell(text.allFinanciers), .amount(net.grossEffect, locale, figure: "gross-effect"),
                .amount(net.paid, locale), .amount(net.netEffect, locale, figure: "net-effect"),
            ]
                + levels.map { level in
                    .range(
                        result.intervals.gross(rows: [totalRow], adding: net.paid, level: Fraction(level)),
                        joiner: text.to,
                        locale
                    )
                }
        )
        let header = text.netHeader + levels.map(text.netIntervalHeader)
        return ReportTable(
            caption: text.netCaption,
            header: header,
            rows: rows,
            numeric: Set(1..<header.count),
            id: "net-table"
        )
    }

    /// From the gross effect to the net effect, and the settlement's savings beside the effect.
    static func bridge(_ net: NetEffect, _ text: EvaluationText) -> ReportTable {
        let locale = text.locale
        let labels = text.bridgeLabels(capitation: net.model == "capitation")
        let amounts: [Cell] = [
            .amount(net.grossEffect, locale), .amount(net.payout, locale), .amount(net.lossPayment, locale),
            .amount(net.otherPayments, locale), .amount(net.netEffect, locale),
            .amount(net.savings, locale, figure: "savings"), .amount(Cents(0 &- net.grossEffect.rawValue), locale),
            .amount(net.savingsBeyondEffect, locale, figure: "savings-beyond-effect"),
        ]
        return ReportTable(
            caption: text.bridgeCaption,
            header: text.bridgeHeader,
            rows: zip(labels, amounts).map { [Cell($0), $1] },
            numeric: [1],
            id: "bridge-table"
        )
    }

    /// Each year's risk-adjusted cost per person-year of both populations, all regimes together.
    static func years(_ result: EvaluationResult, _ text: EvaluationText) -> ReportTable {
        let locale = text.locale
        let counterfactual = result.estimate.total?.counterfactual
        func amount(_ value: Cents?) -> Cell { value.map { .amount($0, locale) } ?? "–" }
        var rows = result.estimate.years.enumerated().map { index, year -> [Cell] in
            let fieldlab = year.fieldlab.last ?? nil
            let comparison = year.comparison.last ?? nil
            let weight = index < result.weights.count ? result.weights[index] : nil
            let difference = fieldlab.flatMap { fieldlab in comparison.flatMap { try? fieldlab - $0 } }
            return [
                Cell(text.yearLabel(year.year, weight: weight)), amount(fieldlab), amount(comparison),
                amount(difference), weight == nil ? amount(counterfactual) : "",
            ]
        }
        if let total = result.estimate.total {
            // The weighted baseline level, which the counterfactual moves.
            rows.insert(
                [
                    Cell(text.beforeLabel), .amount(total.fieldlabBefore, locale),
                    .amount(total.comparisonBefore, locale),
                    amount(try? total.fieldlabBefore - total.comparisonBefore), "",
                ],
                at: max(0, rows.count - 1)
            )
        }
        return ReportTable(
            caption: text.trendsCaption,
            header: text.trendsHeader,
            rows: rows,
            numeric: [1, 2, 3, 4],
            id: "years-table"
        )
    }

    /// The people of each population in each year.
    static func people(_ result: EvaluationResult, _ text: EvaluationText) -> ReportTable {
        let years = result.baselineYears + [result.performanceYear]
        return ReportTable(
            caption: "",
            header: text.peopleHeader,
            rows: years.indices.map { index in
                [
                    Cell(String(years[index])),
                    Cell(text.locale.count(index < result.fieldlabMembers.count ? result.fieldlabMembers[index] : 0)),
                    Cell(
                        text.locale.count(index < result.comparisonMembers.count ? result.comparisonMembers[index] : 0)
                    ),
                ]
            },
            numeric: [1, 2]
        )
    }

    /// The steps of the estimate, of the net effect, then of the placebo.
    static func steps(_ result: EvaluationResult) -> [SettlementStep] {
        result.estimate.steps + (result.net?.steps ?? []) + (result.placebo?.estimate.steps ?? [])
    }

    /// The steps as the settlement report shows its own, each with the table of its inputs and results.
    static func documentSteps(_ result: EvaluationResult) -> [SettlementDocument.Step] {
        steps(result).map(SettlementJSON.documentStep)
    }
}
