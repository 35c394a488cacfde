/// Renders a settlement as one self-contained HTML page for auditors and boards: no scripts, fonts or
/// other files, charts as inline SVG with their numbers in tables too, and print rules for A4.
///
/// Key figures carry their exact cents in `data-cents` and a name in `data-figure` (`total-savings`,
/// `net:PARTY`, `payout`), so that a check can compare the page with `settlement.json`.
public enum SettlementHTML: Sendable {
    /// The page for `document`, with amounts, numbers and dates written for `locale`.
    public static func render(_ document: SettlementDocument, locale: ReportLocale = .standard) -> String {
        var page = HTMLText()
        let contract = document.contract
        page.raw(
            "<!DOCTYPE html>\n<html lang=\"\(locale == .dutch ? "nl" : "en")\">\n<head>\n<meta charset=\"utf-8\">\n"
        )
        page.raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        page.element("title", "Settlement: \(contract.title)")
        page.raw("\n<style>\n\(style)</style>\n</head>\n<body>\n<header>\n")
        page.element("h1", "Settlement: \(contract.title)")
        page.raw("\n")
        page.element(
            "p",
            "Contract \(contract.id) version \(contract.version), period \(locale.date(contract.start)) to \(locale.date(contract.end)), "
                + "\(contract.model)\(contract.sides.map { " (\($0)-sided)" } ?? ""). Amounts are exact to the cent, rounded once, \(contract.rounding).",
            [("class", "meta")]
        )
        page.raw("\n</header>\n<main>\n")
        summary(document, locale, &page)
        waterfall(document, locale, &page)
        regimes(document, locale, &page)
        if let quality = document.quality { self.quality(quality, locale, &page) }
        claims(document, locale, &page)
        transfers(document, locale, &page)
        if let chance = document.chance { self.chance(chance, document, locale, &page) }
        steps(document, locale, &page)
        inputs(document, locale, &page)
        if !document.warnings.isEmpty {
            page.raw("<section>\n")
            page.element("h2", "Warnings")
            page.raw("\n<ul>")
            for warning in document.warnings { page.element("li", warning) }
            page.raw("</ul>\n</section>\n")
        }
        page.raw("</main>\n</body>\n</html>\n")
        return page.text
    }

    /// A figure that a check can find: the amount as text, with its cents and name in attributes.
    static func figure(_ name: String, _ amount: Cents, _ locale: ReportLocale) -> String {
        "<span class=\"figure\" data-figure=\"\(HTMLText.escape(name))\" data-cents=\"\(amount.rawValue)\">\(HTMLText.escape(locale.euros(amount)))</span>"
    }

    private static func amountCell(_ amount: Cents, _ locale: ReportLocale, figure: String? = nil) -> HTMLText.Cell {
        guard let figure else {
            return HTMLText.Cell(locale.euros(amount), attributes: [("data-cents", "\(amount.rawValue)")])
        }
        return .markup(self.figure(figure, amount, locale))
    }

    private static func summary(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        let totals = document.totals
        var text =
            "The budget was \(figure("total-budget", totals.budget, locale)) and the expenditure \(figure("total-expenditure", totals.expenditure, locale)): "
        if totals.savings > .zero {
            text += "a saving of \(figure("total-savings", totals.savings, locale))"
        } else if totals.savings < .zero {
            text += "a loss of \(figure("total-savings", totals.savings, locale))"
        } else {
            text += "neither a saving nor a loss (\(figure("total-savings", totals.savings, locale)))"
        }
        text += HTMLText.escape(totals.savingsRate.map { " (\(locale.rateAsPercent($0)) of the budget)." } ?? ".")
        let explanation = document.sharing.explanation
        text += " " + HTMLText.escape((explanation.first.map { $0.uppercased() } ?? "") + explanation.dropFirst() + ".")
        if document.sharing.payout > .zero {
            text += " The providers receive \(figure("payout", document.sharing.payout, locale)) of shared savings."
        }
        if document.sharing.lossPayment > .zero {
            text +=
                " The providers pay back \(figure("loss-payment", document.sharing.lossPayment, locale)) of shared losses."
        }
        var pairs: [(from: String, to: String, amount: Int64)] = []
        for transfer in document.transfers where !transfer.reason.hasPrefix("lump sum") {
            if let index = pairs.firstIndex(where: { $0.from == transfer.from && $0.to == transfer.to }) {
                pairs[index].amount += transfer.amount.rawValue
            } else {
                pairs.append((transfer.from, transfer.to, transfer.amount.rawValue))
            }
        }
        if !pairs.isEmpty {
            text +=
                " "
                + HTMLText.escape(
                    "In all, "
                        + pairs.map {
                            "\(document.name(of: $0.from)) pays \(document.name(of: $0.to)) \(locale.euros(Cents($0.amount)))"
                        }.joined(separator: "; ") + "."
                )
        }
        if let chance = document.chance, !chance.observedRate.isZero {
            text += HTMLText.escape(
                " Chance alone gives a result this far from zero with a probability of \(locale.decimal(chance.resultByChance)) (see Chance)."
            )
        }
        page.raw("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"summary\">\(text)</p>\n")
        page.table(
            caption: "What each party pays, receives and nets",
            header: ["party", "role", "pays", "receives", "net"],
            rows: document.parties.map { party in
                [
                    HTMLText.Cell(party.name), HTMLText.Cell(party.role), amountCell(party.pays, locale),
                    amountCell(party.receives, locale), amountCell(party.net, locale, figure: "net:\(party.party)"),
                ]
            },
            numeric: [2, 3, 4],
            id: "parties"
        )
        page.raw("</section>\n")
    }

    private static func waterfall(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        let steps = document.waterfall
        let title = "From budget to each party's share"
        page.raw("<section id=\"waterfall\">\n<h2>\(HTMLText.escape(title))</h2>\n<figure>\n")
        page.raw(
            SVGChart.waterfall(
                steps,
                title: title,
                description: steps.map { "\($0.label): \(locale.euros($0.shown))" }.joined(separator: "; "),
                locale: locale
            )
        )
        page.raw("</figure>\n")
        page.table(
            caption: "The waterfall's figures",
            header: ["step", "amount"],
            rows: steps.map { [HTMLText.Cell($0.label), amountCell($0.shown, locale)] },
            numeric: [1]
        )
        page.raw("</section>\n")
    }

    private static func regimes(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        let title = "Budget and expenditure per regime"
        page.raw("<section id=\"regimes\">\n<h2>\(HTMLText.escape(title))</h2>\n<figure>\n")
        page.raw(
            SVGChart.bars(
                document.regimes.map {
                    ($0.regime, [$0.budget.rawValue, $0.expenditure.rawValue, $0.outOfScope.rawValue])
                },
                series: [
                    .init(name: "budget", className: "budget"), .init(name: "expenditure", className: "expenditure"),
                    .init(name: "outside the scope", className: "outofscope"),
                ],
                title: title,
                description: document.regimes.map {
                    "\($0.regime): budget \(locale.euros($0.budget)), expenditure \(locale.euros($0.expenditure)), outside the scope \(locale.euros($0.outOfScope))"
                }.joined(separator: "; "),
                format: { locale.euros(Cents($0)) }
            )
        )
        page.raw("</figure>\n")
        var rows = document.regimes.map { regime -> [HTMLText.Cell] in
            [
                HTMLText.Cell("\(regime.regime): \(document.name(of: regime.financier))"),
                amountCell(regime.perCapitaAnnual, locale), amountCell(regime.budget, locale),
                amountCell(regime.claims, locale), amountCell(regime.truncated, locale),
                amountCell(regime.expenditure, locale), amountCell(regime.savings, locale),
                HTMLText.Cell(regime.savingsRate.map(locale.rateAsPercent) ?? "–"),
                amountCell(regime.outOfScope, locale),
            ]
        }
        let totals = document.totals
        rows.append([
            "total", "", amountCell(totals.budget, locale), amountCell(totals.claims, locale),
            amountCell(totals.truncated, locale), amountCell(totals.expenditure, locale),
            amountCell(totals.savings, locale), HTMLText.Cell(totals.savingsRate.map(locale.rateAsPercent) ?? "–"),
            amountCell(totals.outOfScope, locale),
        ])
        page.table(
            caption:
                "Per regime: the budget (per capita × risk-weighted person-years, plus lump sums) against the accepted claims less truncation",
            header: [
                "regime and financier", "per capita a year", "budget", "claims", "truncated", "expenditure", "savings",
                "savings rate", "outside the scope",
            ],
            rows: rows,
            numeric: [1, 2, 3, 4, 5, 6, 7, 8]
        )
        var threshold = ""
        if let minimum = document.minimumSavingsRate {
            threshold +=
                "Minimum savings rate \(locale.percent(minimum.percent)) (\(minimum.mode)): \(minimum.met ? "met" : "not met"). "
        }
        if let minimum = document.minimumLossRate {
            threshold +=
                "Minimum loss rate \(locale.percent(minimum.percent)) (\(minimum.mode)): \(minimum.met ? "met" : "not met")."
        }
        if !threshold.isEmpty { page.element("p", threshold) }
        page.raw("</section>\n")
    }

    private static func quality(
        _ quality: SettlementDocument.Quality,
        _ locale: ReportLocale,
        _ page: inout HTMLText
    ) {
        page.raw("<section id=\"quality\">\n<h2>Quality</h2>\n")
        page.element(
            "p",
            "Quality score \(locale.decimal(quality.score)) against a minimum of \(locale.decimal(quality.minimumScore)): the gate is \(quality.gatePassed ? "passed" : "not passed")."
                + (quality.gateFailures.isEmpty ? "" : " " + quality.gateFailures.joined(separator: "; ") + ".")
        )
        page.table(
            caption:
                "Scorecard: each indicator's value against its baseline, target and floor, and the points it earns",
            header: ["indicator", "better", "value", "baseline", "target", "floor", "weight", "points", ""],
            rows: quality.indicators.map { indicator in
                [
                    HTMLText.Cell(indicator.id + (indicator.mandatory ? " (mandatory)" : "")),
                    HTMLText.Cell(indicator.better),
                    HTMLText.Cell(indicator.value.map(locale.decimal) ?? "not measured"),
                    HTMLText.Cell(locale.decimal(indicator.baseline)), HTMLText.Cell(locale.decimal(indicator.target)),
                    HTMLText.Cell(locale.decimal(indicator.floor)), HTMLText.Cell(locale.decimal(indicator.weight)),
                    HTMLText.Cell(locale.decimal(indicator.points)), .markup(pointsBar(indicator.points)),
                ]
            },
            numeric: [2, 3, 4, 5, 6, 7]
        )
        page.raw("</section>\n")
    }

    /// A small bar of 0 to 1 points, hidden from screen readers (the points are in the cell before).
    private static func pointsBar(_ points: ExactDecimal) -> String {
        let width = (try? (points * ExactDecimal(80)).rounded(toScale: 0, rule: .halfEven).significand) ?? 0
        let clamped = max(0, min(80, Int(clamping: width)))
        return
            "<svg width=\"82\" height=\"10\" aria-hidden=\"true\"><rect class=\"track\" x=\"0\" y=\"1\" width=\"80\" height=\"8\"/><rect class=\"bar increase\" x=\"0\" y=\"1\" width=\"\(clamped)\" height=\"8\"/></svg>"
    }

    private static func claims(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        let reconciliation = document.reconciliation
        let title = "Claim lines accepted and rejected"
        page.raw("<section id=\"claims\">\n<h2>Claims</h2>\n<figure>\n")
        let outcomes = [("accepted", reconciliation.accepted)] + reconciliation.rejected.map { ($0.reason, $0.total) }
        page.raw(
            SVGChart.bars(
                outcomes.map { ($0.0, [Int64($0.1.lines)]) },
                series: [.init(name: "claim lines", className: "accepted")],
                title: title,
                description: outcomes.map { "\($0.0): \(locale.count($0.1.lines)) lines" }.joined(separator: "; "),
                format: { locale.count(Int($0)) + " lines" }
            )
        )
        page.raw("</figure>\n")
        page.table(
            caption: "Reconciliation of the claim lines read (credits count negative)",
            header: ["outcome", "lines", "amount"],
            rows: outcomes.map {
                [HTMLText.Cell($0.0), HTMLText.Cell(locale.count($0.1.lines)), amountCell($0.1.amount, locale)]
            }
                + [
                    [
                        "read", HTMLText.Cell(locale.count(reconciliation.read.lines)),
                        amountCell(reconciliation.read.amount, locale),
                    ]
                ],
            numeric: [1, 2]
        )
        page.raw("</section>\n")
    }

    private static func transfers(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        guard !document.transfers.isEmpty else { return }
        let title = "Who pays whom"
        page.raw("<section id=\"transfers\">\n<h2>Transfers</h2>\n<figure>\n")
        page.raw(
            SVGChart.transfers(
                document.transfers,
                name: document.name(of:),
                title: title,
                description: document.transfers.map {
                    "\(document.name(of: $0.from)) pays \(document.name(of: $0.to)) \(locale.euros($0.amount)) (\($0.reason))"
                }.joined(separator: "; "),
                locale: locale
            )
        )
        page.raw("</figure>\n")
        page.table(
            caption: "Every transfer between the parties",
            header: ["from", "to", "amount", "reason"],
            rows: document.transfers.map {
                [
                    HTMLText.Cell(document.name(of: $0.from)), HTMLText.Cell(document.name(of: $0.to)),
                    amountCell($0.amount, locale), HTMLText.Cell($0.reason),
                ]
            },
            numeric: [2]
        )
        page.raw("</section>\n")
    }

    private static func chance(
        _ chance: SettlementDocument.Chance,
        _ document: SettlementDocument,
        _ locale: ReportLocale,
        _ page: inout HTMLText
    ) {
        page.raw("<section id=\"chance\">\n<h2>Chance</h2>\n")
        var text =
            "Resampling the \(locale.count(document.population.members)) members \(locale.count(chance.resamples)) times (seed \(chance.seed)): "
            + "the savings rate is \(locale.decimal(chance.observedRate)) with a standard error of \(locale.decimal(chance.standardError)); "
            + "a result this far from zero arises by chance alone with a probability of \(locale.decimal(chance.resultByChance)); "
            + "the \(locale.percent(chance.intervalLevel)) interval runs from \(locale.decimal(chance.intervalLow)) to \(locale.decimal(chance.intervalHigh))."
        if let rate = chance.minimumSavingsRate, let payout = chance.payoutByChance {
            text +=
                " With a minimum savings rate of \(locale.percent(rate)), a payout without any real saving has a probability of \(locale.decimal(payout))."
        }
        page.element("p", text)
        page.raw("</section>\n")
    }

    private static func steps(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        page.raw("<section id=\"steps\">\n<h2>Every calculation step</h2>\n")
        for (index, step) in document.steps.enumerated() {
            page.raw("<section class=\"step\">\n")
            page.element("h3", "\(index + 1). \(step.id)")
            page.raw("\n")
            page.element("p", step.description)
            page.raw("\n<p class=\"formula\"><code>\(HTMLText.escape(step.formula))</code></p>\n")
            let inputs = values(step.inputs, locale)
            let results = values(step.result, locale)
            page.table(
                caption: "Inputs and result",
                header: ["", "name", "value"],
                rows: inputs.map { ["input", HTMLText.Cell($0.name), HTMLText.Cell($0.value)] }
                    + results.map { ["result", HTMLText.Cell($0.name), HTMLText.Cell($0.value)] },
                numeric: [2]
            )
            page.raw("</section>\n")
        }
        page.raw("</section>\n")
    }

    /// A step's values as rows: amounts (keys ending in `Cents`) in euros, percentages with `%`, groups as
    /// `group › member`.
    static func values(
        _ json: JSONValue,
        _ locale: ReportLocale,
        prefix: String = ""
    ) -> [(name: String, value: String)] {
        guard case .object(let members) = json else { return [(prefix, display(json, key: "", locale))] }
        var rows: [(name: String, value: String)] = []
        for (key, value) in members {
            let name = (prefix.isEmpty ? "" : prefix + " › ") + label(key)
            if case .object = value {
                rows += values(value, locale, prefix: name)
            } else {
                rows.append((name, display(value, key: key, locale)))
            }
        }
        return rows
    }

    /// `riskWeightedDaysCents` → `risk weighted days`: the key in words, without its unit suffix.
    private static func label(_ key: String) -> String {
        var name = key
        for suffix in ["Cents", "Percent"] where key.hasSuffix(suffix) && key.count > suffix.count {
            name = String(key.dropLast(suffix.count))
        }
        var words = ""
        for character in name {
            if character.isUppercase, !words.isEmpty, words.last != " " {
                words += " " + character.lowercased()
            } else {
                words.append(character)
            }
        }
        return words
    }

    private static func display(_ value: JSONValue, key: String, _ locale: ReportLocale) -> String {
        switch value {
        case .integer(let number):
            return key.hasSuffix("Cents") ? locale.euros(Cents(number)) : locale.count(Int(number))
        case .string(let text):
            guard let decimal = try? ExactDecimal(parsing: text) else { return text }
            return key.hasSuffix("Percent") ? locale.percent(decimal) : locale.decimal(decimal)
        case .bool(let flag): return flag ? "yes" : "no"
        case .null: return "–"
        case .array(let elements): return elements.map { display($0, key: key, locale) }.joined(separator: ", ")
        case .object: return value.serialized(pretty: false)
        }
    }

    private static func inputs(_ document: SettlementDocument, _ locale: ReportLocale, _ page: inout HTMLText) {
        page.raw("<section id=\"inputs\">\n<h2>Inputs</h2>\n")
        page.table(
            caption: "Every input file and its SHA-256",
            header: ["role", "file", "format", "lines", "SHA-256"],
            rows: document.inputs.map {
                [
                    HTMLText.Cell($0.role), HTMLText.Cell($0.path), HTMLText.Cell($0.format),
                    HTMLText.Cell(locale.count($0.lines)), HTMLText.Cell($0.sha256, attributes: [("class", "hash")]),
                ]
            },
            numeric: [3]
        )
        page.raw("</section>\n")
    }

    static let style = """
        @page { size: A4; margin: 16mm 14mm; }
        body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1b1f24; max-width: 960px; margin: 0 auto; padding: 16px; line-height: 1.45; font-size: 14px; }
        h1 { font-size: 24px; margin-bottom: 4px; }
        h2 { font-size: 18px; border-bottom: 1px solid #c9d1dc; padding-bottom: 2px; margin-top: 28px; }
        h3 { font-size: 15px; margin-bottom: 2px; }
        .meta { color: #4a5563; margin-top: 0; }
        .summary { font-size: 16px; background: #f2f5f9; padding: 12px 16px; border-left: 4px solid #2f5d8a; }
        table { border-collapse: collapse; width: 100%; margin: 6px 0 16px; font-size: 12.5px; }
        th.num { white-space: normal; }
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
