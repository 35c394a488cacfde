public import CapitationCore

/// Renders an evaluation as one self-contained HTML page, as the settlement's page is: no scripts, fonts
/// or other files, charts as inline SVG with their numbers in tables too, print rules for A4.
///
/// Key figures carry their exact cents in `data-cents` and a name in `data-figure` (`effect:REGIME`,
/// `effect:total`, `gross-effect`, `net-effect`, `net-effect:PARTY`, `savings`, `savings-beyond-effect`),
/// so that a check can compare the page with the JSON.
public enum EvaluationHTML: Sendable {
    /// The page for `result`, with the intervals at `levels`, in `locale`'s language.
    public static func render(
        _ result: EvaluationResult,
        levels: [ExactDecimal],
        locale: ReportLocale = .standard
    ) -> String {
        let text = EvaluationText(locale)
        var page = HTMLText()
        let title = text.title(result.contract.title)
        page.raw(
            "<!DOCTYPE html>\n<html lang=\"\(locale == .dutch ? "nl" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        )
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.element("title", title)
        page.raw("\n<style>\n\(SettlementHTML.style)\(style)</style>\n</head>\n<body>\n<header>\n")
        page.element("h1", title)
        page.raw("\n")
        page.element("p", text.meta(result), [("class", "meta")])
        page.raw("\n</header>\n<main>\n")
        let warnings = EvaluationReport.warnings(result, locale: locale)
        if !warnings.isEmpty {
            SettlementHTML.section("warnings", text.warningsHeading, &page) { page in
                page.raw("<ul>")
                for warning in warnings { page.element("li", warning) }
                page.raw("</ul>\n")
            }
        }
        SettlementHTML.section("verdict", text.verdictHeading, &page) { page in
            let verdict = EvaluationReport.verdict(result, levels: levels, text).joined(separator: " ")
            page.element("p", HTMLText.keepingAmountsWhole(verdict), [("class", "summary")])
            page.raw("\n")
        }
        SettlementHTML.section("effect", text.effectHeading, &page) { page in
            page.element("p", text.effectExplanation(result))
            page.raw("\n")
            page.table(EvaluationTables.costs(result, text), locale: locale)
            page.table(EvaluationTables.effect(result, levels: levels, text), locale: locale)
            if let level = levels.first {
                let rows = result.estimate.rows.enumerated().map { index, row in
                    (
                        label: text.rowName(row),
                        estimate: row.effect.rawValue,
                        interval: result.intervals.effect(row: index, level: Fraction(level)).map {
                            $0.lowerBound.rawValue...$0.upperBound.rawValue
                        }
                    )
                }
                let caption = text.intervalCaption(level)
                page.raw("<figure>\n")
                page.raw(
                    SVGChart.intervals(
                        rows,
                        title: text.intervalHeading,
                        description: caption + " "
                            + rows.map { "\($0.label): \(locale.euros(Cents($0.estimate)))" }.joined(separator: "; "),
                        locale: locale
                    )
                )
                page.element("figcaption", caption)
                page.raw("\n</figure>\n")
            }
        }
        if let net = result.net {
            SettlementHTML.section("net", text.netHeading, &page) { page in
                page.element("p", text.netExplanation)
                page.raw("\n")
                page.table(EvaluationTables.net(result, net, levels: levels, text), locale: locale)
                page.table(EvaluationTables.bridge(net, text), locale: locale)
            }
        } else if let reason = result.netUnavailable {
            SettlementHTML.section("net", text.netHeading, &page) { page in
                page.element("p", text.netUnavailable(reason))
                page.raw("\n")
            }
        }
        SettlementHTML.section("years", text.trendsHeading, &page) { page in
            let years = result.estimate.years
            let total = result.estimate.total
            let series: [(series: SVGChart.Series, values: [Int64?], level: Int64?)] = [
                (
                    SVGChart.Series(name: text.fieldlab, className: "fieldlab"),
                    years.map { ($0.fieldlab.last ?? nil)?.rawValue }, total?.fieldlabBefore.rawValue
                ),
                (
                    SVGChart.Series(name: text.comparison, className: "comparison"),
                    years.map { ($0.comparison.last ?? nil)?.rawValue }, total?.comparisonBefore.rawValue
                ),
            ]
            page.raw("<figure>\n")
            page.raw(
                SVGChart.lines(
                    years: years.map(\.year),
                    series: series,
                    baselineYears: result.baselineYears.count,
                    counterfactual: total.map { (label: text.counterfactual, value: $0.counterfactual.rawValue) },
                    title: text.trendsHeading,
                    description: series.map { entry in
                        entry.series.name + ": "
                            + zip(years, entry.values).map { year, value in
                                "\(year.year) " + (value.map { locale.euros(Cents($0)) } ?? "–")
                            }.joined(separator: ", ")
                    }.joined(separator: "; "),
                    locale: locale
                )
            )
            page.element("figcaption", text.trendsExplanation(result, chart: true))
            page.raw("\n</figure>\n")
            page.table(EvaluationTables.years(result, text), locale: locale)
            if let placebo = result.placebo {
                page.element("p", text.placeboExplanation(placebo))
                page.raw("\n")
                page.table(EvaluationTables.placebo(placebo, levels: levels, text), locale: locale)
            }
        }
        SettlementHTML.section("people", text.peopleHeading, &page) { page in
            page.table(EvaluationTables.people(result, text), locale: locale)
        }
        SettlementHTML.section("meaning", text.meaningHeading, &page) { page in
            page.element("p", text.meaning(result))
            page.raw("\n")
        }
        SettlementHTML.steps(EvaluationTables.documentSteps(result), title: text.stepsHeading, locale, &page) {
            SettlementTables.step($0, locale, words: text.stepWords)
        }
        page.raw("</main>\n</body>\n</html>\n")
        return page.text
    }

    /// What the evaluation's charts add to the settlement page's style.
    static let style = """
        .bar.fieldlab { fill: #2f5d8a; }
        .bar.comparison { fill: #e39b2d; }
        .line { fill: none; stroke-width: 2.5; }
        .line.fieldlab { stroke: #2f5d8a; }
        .line.comparison { stroke: #e39b2d; }
        .point.fieldlab { fill: #2f5d8a; }
        .point.comparison { fill: #e39b2d; }
        .marker { fill: #ffffff; stroke: #c0504d; stroke-width: 2; }
        .effect { stroke: #c0504d; stroke-width: 2; stroke-dasharray: 4 3; }
        .level { stroke-width: 1.5; stroke-dasharray: 6 4; }
        .level.fieldlab { stroke: #2f5d8a; }
        .level.comparison { stroke: #e39b2d; }
        .counterfactual { stroke: #c0504d; stroke-width: 1.5; stroke-dasharray: 6 4; }
        td.range { white-space: normal; }
        .bound { white-space: nowrap; }
        .interval { stroke: #2f5d8a; stroke-width: 2; }
        .point.estimate { fill: #c0504d; }
        figcaption { color: #4a5563; font-size: 12.5px; }
        @media print { #effect-table, #net-table { font-size: 8pt; } }

        """
}
