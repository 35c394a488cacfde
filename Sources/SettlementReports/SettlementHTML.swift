import CapitationCore

/// Renders a settlement as one self-contained HTML page for auditors and boards: no scripts, fonts or
/// other files, charts as inline SVG with their numbers in tables too, and print rules for A4.
///
/// Key figures carry their exact cents in `data-cents` and a name in `data-figure` (`total-savings`,
/// `net:PARTY`, `payout`), so that a check can compare the page with `settlement.json`.
public enum SettlementHTML: Sendable {
    typealias Tables = SettlementTables
    typealias Prose = SettlementProse

    /// The page for `document`, with amounts, numbers and dates written for `locale`.
    public static func render(_ document: SettlementDocument, locale: ReportLocale = .standard) -> String {
        var page = HTMLText()
        let contract = document.contract
        page.raw(
            "<!DOCTYPE html>\n<html lang=\"\(locale == .dutch ? "nl" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        )
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        let title = locale.pick("Settlement: ", "Afrekening: ") + contract.title
        page.element("title", title)
        page.raw("\n<style>\n\(style)</style>\n</head>\n<body>\n<header>\n")
        page.element("h1", title)
        page.raw("\n")
        page.element("p", Prose.meta(document, locale), [("class", "meta")])
        page.raw("\n</header>\n<main>\n")
        // What the reader must know before any figure: inputs accepted as incomplete, and the warnings.
        if let acceptance = document.acceptance {
            section("acceptance", Prose.acceptanceTitle(locale), &page) { page in
                page.element("p", Prose.acceptance(acceptance, locale))
                if let note = Prose.findingsNote(acceptance, locale) { page.element("p", note) }
                page.raw("<ul>")
                for finding in acceptance.findings {
                    page.element("li", WarningText.finding(finding, locale).joined(separator: " "))
                }
                page.raw("</ul>\n")
            }
        }
        if !document.warnings.isEmpty {
            section("warnings", locale.pick("Warnings", "Waarschuwingen"), &page) { page in
                if let note = Prose.warningsNote(document.warnings, locale) { page.element("p", note) }
                page.raw("<ul>")
                for warning in document.warnings { page.element("li", WarningText.warning(warning, locale)) }
                page.raw("</ul>\n")
            }
        }
        summary(document, locale, &page)
        waterfall(document, locale, &page)
        section("population", locale.pick("Population", "Populatie"), &page) { page in
            page.element("p", Prose.population(document, locale))
            for table in [Tables.exclusions(document, locale), Tables.risk(document, locale)].compactMap({ $0 }) {
                page.table(table, locale: locale)
            }
        }
        regimes(document, locale, &page)
        if let quality = document.quality { self.quality(quality, locale, &page) }
        claims(document, locale, &page)
        section("sharing", SettlementHeadings.sharing(locale, model: document.sharing.model), &page) { page in
            page.element("p", Prose.explanation(document, locale))
            page.table(Tables.sharing(document, locale), locale: locale)
        }
        transfers(document, locale, &page)
        if let schedule = document.paymentSchedule {
            section("schedule", locale.pick("Payment schedule", "Betaalschema"), &page) { page in
                page.element("p", Prose.schedule(locale))
                for financier in schedule.financiers {
                    page.element("h3", "\(financier.financier) (\(financier.regime))")
                    page.table(Tables.scheduleMonths(financier, locale), locale: locale)
                    page.table(Tables.scheduleYearEnd(financier, locale), locale: locale)
                    page.element("p", Prose.yearEnd(financier, locale))
                }
            }
        }
        if let chance = document.chance {
            section("chance", locale.pick("Chance", "Toeval"), &page) { page in
                page.element("p", ChanceReport.paragraph(chance, locale))
                page.table(ChanceReport.result(chance, locale), locale: locale)
                page.table(ChanceReport.requiredRates(chance, locale), locale: locale)
                page.table(ChanceReport.power(chance, locale), locale: locale)
            }
        }
        steps(document, locale, &page)
        section("inputs", locale.pick("Inputs", "Invoer"), &page) { page in
            page.table(Tables.inputs(document, locale), locale: locale)
        }
        page.raw("</main>\n</body>\n</html>\n")
        return page.text
    }

    /// Sentences of text and figures as markup, each figure marked with its name and cents.
    static func markup(_ parts: [Prose.Part], _ locale: ReportLocale) -> String {
        parts.map { part in
            switch part {
            case .text(let text): HTMLText.escape(text)
            case .figure(let name, let amount): figure(name, amount, locale)
            }
        }.joined()
    }

    /// A figure that a check can find: the amount as text, with its cents and name in attributes.
    static func figure(_ name: String, _ amount: Cents, _ locale: ReportLocale) -> String {
        "<span class=\"figure\" data-figure=\"\(HTMLText.escape(name))\" data-cents=\"\(amount.rawValue)\">\(HTMLText.escape(locale.euros(amount)))</span>"
    }

    /// A section with its id and heading, holding what `content` writes.
    static func section(
        _ id: String,
        _ title: String,
        _ page: inout HTMLText,
        _ content: (inout HTMLText) -> Void
    ) {
        page.raw("<section id=\"\(id)\">\n")
        page.element("h2", title)
        page.raw("\n")
        content(&page)
        page.raw("</section>\n")
    }

    private static func summary(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        let text = markup(Prose.summary(document, locale), locale)
        let heading = locale.pick("Summary", "Samenvatting")
        page.raw("<section id=\"summary\">\n<h2>\(heading)</h2>\n<p class=\"summary\">\(text)</p>\n")
        page.table(Tables.parties(document, locale), locale: locale)
        page.raw("</section>\n")
    }

    private static func waterfall(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        let steps = document.waterfall(locale)
        let title = SettlementHeadings.waterfall(locale)
        section("waterfall", title, &page) { page in
            page.raw("<figure>\n")
            page.raw(
                SVGChart.waterfall(
                    steps,
                    title: title,
                    description: steps.map { "\($0.label): \(locale.euros($0.shown))" }.joined(separator: "; "),
                    locale: locale
                )
            )
            page.raw("</figure>\n")
            page.table(Tables.waterfall(steps, locale), locale: locale)
        }
    }

    private static func regimes(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        let title = SettlementHeadings.regimes(locale)
        section("regimes", title, &page) { page in
            page.table(Tables.budget(document, locale), locale: locale)
            if let adjustments = Tables.trendAdjustments(document, locale) { page.table(adjustments, locale: locale) }
            page.raw("<figure>\n")
            page.raw(
                SVGChart.bars(
                    document.regimes.map { regime in
                        (
                            regime.regime,
                            [regime.budget, regime.expenditure, regime.outOfScope].map {
                                ($0.rawValue, locale.euros($0))
                            }
                        )
                    },
                    series: [
                        .init(name: "budget", className: "budget"),
                        .init(name: locale.pick("expenditure", "uitgaven"), className: "expenditure"),
                        .init(name: locale.pick("outside the scope", "buiten de scope"), className: "outofscope"),
                    ],
                    title: title,
                    description: document.regimes.map {
                        locale.pick(
                            "\($0.regime): budget \(locale.euros($0.budget)), expenditure \(locale.euros($0.expenditure)), "
                                + "outside the scope \(locale.euros($0.outOfScope))",
                            "\($0.regime): budget \(locale.euros($0.budget)), uitgaven \(locale.euros($0.expenditure)), "
                                + "buiten de scope \(locale.euros($0.outOfScope))"
                        )
                    }.joined(separator: "; ")
                )
            )
            page.raw("</figure>\n")
            page.table(Tables.expenditure(document, locale), locale: locale)
            for paragraph in Prose.expenditure(document, locale) { page.element("p", paragraph) }
        }
        if let runOut = document.runOut {
            section("run-out", locale.pick("Run-out", "Naloop"), &page) { page in
                page.raw("<p>\(markup(Prose.runOut(runOut, locale), locale))</p>\n")
                for table in Tables.runOutTables(document, locale) { page.table(table, locale: locale) }
            }
        }
    }

    private static func quality(
        _ quality: SettlementDocument.Quality,
        _ locale: ReportLocale,
        _ page: inout HTMLText
    ) {
        section("quality", locale.pick("Quality", "Kwaliteit"), &page) { page in
            page.element("p", Prose.quality(quality, locale))
            page.raw("<figure>\n")
            // Points are decimals from 0 to 1; the chart draws them in millionths, on a scale to 1.
            page.raw(
                SVGChart.bars(
                    quality.indicators.map {
                        (
                            $0.name + ($0.inScore ? "" : locale.pick(" (left out)", " (buiten de score)")),
                            [(millionths($0.points ?? .zero), $0.points.map(locale.decimal) ?? "–")]
                        )
                    },
                    series: [.init(name: locale.pick("points", "punten"), className: "accepted")],
                    title: locale.pick("Points per indicator", "Punten per indicator"),
                    description: quality.indicators.map {
                        "\($0.name): "
                            + ($0.points.map { "\(locale.decimal($0)) " + locale.pick("points", "punten") }
                                ?? locale.pick("left out of the score", "buiten de score"))
                    }.joined(
                        separator: "; "
                    ),
                    maximum: 1_000_000
                )
            )
            page.raw("</figure>\n")
            page.table(Tables.quality(quality, locale), locale: locale)
        }
    }

    /// `points` × 1,000,000, rounded half-even: whole numbers for the chart.
    private static func millionths(_ points: ExactDecimal) -> Int64 {
        let scaled = (try? (points * ExactDecimal(1_000_000)).rounded(toScale: 0, rule: .halfEven).significand) ?? 0
        return Int64(clamping: scaled)
    }

    private static func claims(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        let outcomes = Tables.outcomes(document, locale)
        let lines = { (count: Int) in
            locale.count(count) + (count == 1 ? locale.pick(" line", " regel") : locale.pick(" lines", " regels"))
        }
        section("claims", locale.pick("Claims", "Declaraties"), &page) { page in
            page.raw("<figure>\n")
            page.raw(
                SVGChart.bars(
                    outcomes.map { ($0.label, [(Int64($0.total.lines), lines($0.total.lines))]) },
                    series: [.init(name: locale.pick("claim lines", "declaratieregels"), className: "accepted")],
                    title: locale.pick(
                        "Claim lines accepted and rejected",
                        "Declaratieregels geaccepteerd en afgewezen"
                    ),
                    description: outcomes.map { "\($0.label): \(lines($0.total.lines))" }.joined(separator: "; ")
                )
            )
            page.raw("</figure>\n")
            page.table(Tables.claims(document, locale), locale: locale)
            if let refusals = Tables.refusals(document, locale) { page.table(refusals, locale: locale) }
            if let codes = Tables.codes(document, locale) { page.table(codes, locale: locale) }
        }
    }

    private static func transfers(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        guard !document.transfers.isEmpty else { return }
        section("transfers", locale.pick("Transfers", "Betalingen"), &page) { page in
            page.raw("<figure>\n")
            page.raw(
                SVGChart.transfers(
                    document.transfers,
                    name: document.name(of:),
                    title: locale.pick("Who pays whom", "Wie betaalt wie"),
                    description: document.transfers.map {
                        let (from, to) = (document.name(of: $0.from), document.name(of: $0.to))
                        let reason = ReportTerms(locale).transferReason($0.reason)
                        return locale.pick(
                            "\(from) pays \(to) \(locale.euros($0.amount)) (\(reason))",
                            "\(from) betaalt \(to) \(locale.euros($0.amount)) (\(reason))"
                        )
                    }.joined(separator: "; "),
                    locale: locale
                )
            )
            page.raw("</figure>\n")
            page.table(Tables.transfers(document, locale), locale: locale)
        }
    }

    private static func steps(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        steps(document.steps, title: locale.pick("Every calculation step", "Alle rekenstappen"), locale, &page) {
            Tables.step($0, locale)
        }
    }

    /// The section of every calculation step: each numbered, with its description, formula and `table`.
    static func steps(
        _ steps: [SettlementDocument.Step],
        title: String,
        _ locale: ReportLocale,
        _ page: inout HTMLText,
        table: (SettlementDocument.Step) -> ReportTable
    ) {
        section("steps", title, &page) { page in
            for (index, step) in steps.enumerated() {
                page.raw("<section class=\"step\">\n")
                let words = StepWording(step, locale)
                page.element("h3", "\(index + 1). \(words.description)")
                page.raw("\n")
                page.raw(
                    "<p class=\"formula\">\(locale.pick("Step", "Stap")) <code>\(HTMLText.escape(step.id))</code>: "
                        + "<code>\(HTMLText.escape(words.formula))</code></p>\n"
                )
                page.table(table(step), locale: locale)
                page.raw("</section>\n")
            }
        }
    }

    static let style = """
        @page { size: A4; margin: 16mm 14mm; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1f24; max-width: 960px; margin: 0 auto; padding: 16px; line-height: 1.45; font-size: 14px; }
        h1 { font-size: 24px; margin-bottom: 4px; }
        h2 { font-size: 18px; border-bottom: 1px solid #c9d1dc; padding-bottom: 2px; margin-top: 28px; }
        h3 { font-size: 15px; margin-bottom: 2px; }
        .meta { color: #4a5563; margin-top: 0; }
        .figure { white-space: nowrap; }
        .summary { font-size: 16px; background: #f2f5f9; padding: 12px 16px; border-left: 4px solid #2f5d8a; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 16px; font-size: 12.5px; }
        th.num { white-space: normal; }
        table.wide { font-size: 10.5px; }
        table.wide th, table.wide td { padding: 3px 2px; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; }
        th, td { border-bottom: 1px solid #dde3ea; padding: 3px 6px; text-align: left; vertical-align: top; }
        th { background: #f2f5f9; }
        .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        .hash, code { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 11px; word-break: break-all; }
        figure { margin: 8px 0; }
        svg text.label { font-size: 12px; fill: #333; }
        svg text.value { font-size: 12px; fill: #111; font-weight: 600; }
        .bar.total, .bar.budget { fill: #2f5d8a; }
        .bar.decrease, .bar.expenditure { fill: #c0504d; }
        .bar.increase, .bar.accepted { fill: #4f8f43; }
        .bar.share { fill: #e39b2d; }
        .bar.outofscope { fill: #9aa3ad; }
        .track { fill: #e4e8ee; }
        .axis { stroke: #555; stroke-width: 1; }
        .node { fill: #eef2f7; stroke: #2f5d8a; }
        .flow { fill: none; stroke: #2f5d8a; stroke-opacity: 0.55; }
        .arrowhead { fill: #2f5d8a; }
        .flow-label { paint-order: stroke; stroke: #ffffff; stroke-width: 3px; }
        @media print {
          body { max-width: none; padding: 0; font-size: 10pt; }
          h2 { break-after: avoid; }
          figure, tr, section.step { break-inside: avoid; }
          thead { display: table-header-group; }
          .summary { border: 1px solid #2f5d8a; }
        }

        """
}
