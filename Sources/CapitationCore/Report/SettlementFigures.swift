/// The other renderings of a ``SettlementDocument``: the HTML page's content as Markdown, and every
/// figure as CSV for a spreadsheet.
public enum SettlementFigures: Sendable {
    /// The report as Markdown, section for section as the HTML page, with the charts' numbers as tables.
    public static func markdown(_ document: SettlementDocument, locale: ReportLocale = .standard) -> String {
        let contract = document.contract
        var sections = [
            """
            # Settlement: \(contract.title)

            Contract `\(contract.id)` version \(contract.version), period \(locale.date(contract.start)) to \(locale.date(contract.end)), \
            \(contract.model)\(contract.sides.map { " (\($0)-sided)" } ?? ""). Amounts are exact to the cent, rounded once, \(contract.rounding).
            """
        ]
        let totals = document.totals
        let result =
            totals.savings < .zero
            ? "a loss of \(locale.euros(totals.savings))" : "a saving of \(locale.euros(totals.savings))"
        let explanation = document.sharing.explanation
        sections.append(
            "## Summary\n\nThe budget was \(locale.euros(totals.budget)) and the expenditure \(locale.euros(totals.expenditure)): \(result)"
                + (totals.savingsRate.map { " (\(locale.rateAsPercent($0)) of the budget)." } ?? ".") + " "
                + (explanation.first.map { $0.uppercased() } ?? "") + explanation.dropFirst() + ".\n\n"
                + ReportFormat.table(
                    ["party", "role", "pays", "receives", "net"],
                    document.parties.map {
                        [$0.name, $0.role, locale.euros($0.pays), locale.euros($0.receives), locale.euros($0.net)]
                    },
                    rightAligned: [2, 3, 4]
                )
        )
        sections.append(
            "## From budget to each party's share\n\n"
                + ReportFormat.table(
                    ["step", "amount"],
                    document.waterfall.map { [$0.label, locale.euros($0.shown)] },
                    rightAligned: [1]
                )
        )
        sections.append(
            "## Budget and expenditure per regime\n\n"
                + ReportFormat.table(
                    [
                        "regime", "financier", "budget", "claims", "truncated", "expenditure", "savings",
                        "savings rate", "outside the scope",
                    ],
                    document.regimes.map {
                        [
                            $0.regime, document.name(of: $0.financier), locale.euros($0.budget),
                            locale.euros($0.claims),
                            locale.euros($0.truncated), locale.euros($0.expenditure), locale.euros($0.savings),
                            $0.savingsRate.map(locale.rateAsPercent) ?? "–", locale.euros($0.outOfScope),
                        ]
                    },
                    rightAligned: [2, 3, 4, 5, 6, 7, 8]
                )
        )
        if let quality = document.quality {
            sections.append(
                "## Quality\n\nQuality score \(locale.decimal(quality.score)) against a minimum of \(locale.decimal(quality.minimumScore)): the gate is \(quality.gatePassed ? "passed" : "not passed").\n\n"
                    + ReportFormat.table(
                        ["indicator", "better", "value", "baseline", "target", "floor", "weight", "points"],
                        quality.indicators.map {
                            [
                                $0.id + ($0.mandatory ? " (mandatory)" : ""), $0.better,
                                $0.value.map(locale.decimal) ?? "not measured", locale.decimal($0.baseline),
                                locale.decimal($0.target), locale.decimal($0.floor), locale.decimal($0.weight),
                                locale.decimal($0.points),
                            ]
                        },
                        rightAligned: [2, 3, 4, 5, 6, 7]
                    )
            )
        }
        let reconciliation = document.reconciliation
        sections.append(
            "## Claims\n\n"
                + ReportFormat.table(
                    ["outcome", "lines", "amount"],
                    ([("accepted", reconciliation.accepted)] + reconciliation.rejected.map { ($0.reason, $0.total) }
                        + [("read", reconciliation.read)]).map {
                            [$0.0, locale.count($0.1.lines), locale.euros($0.1.amount)]
                        },
                    rightAligned: [1, 2]
                )
        )
        if !document.transfers.isEmpty {
            sections.append(
                "## Transfers\n\n"
                    + ReportFormat.table(
                        ["from", "to", "amount", "reason"],
                        document.transfers.map {
                            [document.name(of: $0.from), document.name(of: $0.to), locale.euros($0.amount), $0.reason]
                        },
                        rightAligned: [2]
                    )
            )
        }
        var steps = ["## Every calculation step"]
        for (index, step) in document.steps.enumerated() {
            let rows =
                SettlementHTML.values(step.inputs, locale).map { ["input", $0.name, $0.value] }
                + SettlementHTML.values(step.result, locale).map { ["result", $0.name, $0.value] }
            steps.append(
                "### \(index + 1). \(step.id)\n\n\(step.description)\n\n`\(step.formula)`\n\n"
                    + ReportFormat.table(["", "name", "value"], rows, rightAligned: [2])
            )
        }
        sections.append(steps.joined(separator: "\n\n"))
        sections.append(
            "## Inputs\n\n"
                + ReportFormat.table(
                    ["role", "file", "format", "lines", "SHA-256"],
                    document.inputs.map {
                        [$0.role, "`\($0.path)`", $0.format, locale.count($0.lines), "`\($0.sha256)`"]
                    },
                    rightAligned: [3]
                )
        )
        if !document.warnings.isEmpty {
            sections.append("## Warnings\n\n" + document.warnings.map { "- \($0)" }.joined(separator: "\n"))
        }
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// Every figure as CSV: `section,item,lines,cents,euros,rate`, amounts in cents and as euros with a
    /// decimal point (whatever the locale, so that spreadsheets and scripts read them alike).
    public static func csv(_ document: SettlementDocument) -> String {
        var rows = ["section,item,lines,cents,euros,rate"]
        func add(_ section: String, _ item: String, lines: Int? = nil, _ amount: Cents?, rate: ExactDecimal? = nil) {
            let cents = amount.map { String($0.rawValue) } ?? ""
            let euros = amount.map { $0.description } ?? ""
            rows.append(
                [section, item, lines.map(String.init) ?? "", cents, euros, rate?.description ?? ""].map(field)
                    .joined(separator: ",")
            )
        }
        let totals = document.totals
        add("totals", "budget", totals.budget)
        add("totals", "claims", totals.claims)
        add("totals", "truncated", totals.truncated)
        add("totals", "lump sums", totals.lumpSums)
        add("totals", "expenditure", totals.expenditure)
        add("totals", "savings", totals.savings, rate: totals.savingsRate)
        add("totals", "outside the scope", totals.outOfScope)
        for regime in document.regimes {
            let section = "regime " + regime.regime
            add(section, "per capita a year", regime.perCapitaAnnual)
            add(section, "budget", regime.budget)
            add(section, "claims", lines: regime.acceptedLines, regime.claims)
            add(section, "truncated", regime.truncated)
            add(section, "expenditure", regime.expenditure)
            add(section, "savings", regime.savings, rate: regime.savingsRate)
            add(section, "outside the scope", regime.outOfScope)
        }
        let reconciliation = document.reconciliation
        add("claims", "read", lines: reconciliation.read.lines, reconciliation.read.amount)
        add("claims", "accepted", lines: reconciliation.accepted.lines, reconciliation.accepted.amount)
        for rejected in reconciliation.rejected {
            add("claims", "rejected: " + rejected.reason, lines: rejected.total.lines, rejected.total.amount)
        }
        let sharing = document.sharing
        add("sharing", "earned", sharing.earned, rate: sharing.finalSharingRate)
        add("sharing", "payment reduction", sharing.paymentReduction)
        add("sharing", "payout", sharing.payout)
        add("sharing", "shared loss", sharing.sharedLoss)
        add("sharing", "loss payment", sharing.lossPayment)
        for party in document.parties {
            add("party " + party.party, "pays", party.pays)
            add("party " + party.party, "receives", party.receives)
            add("party " + party.party, "net", party.net)
        }
        for transfer in document.transfers {
            add("transfer", "\(transfer.from) → \(transfer.to): \(transfer.reason)", transfer.amount)
        }
        return rows.joined(separator: "\n") + "\n"
    }

    /// A CSV field, quoted when it holds a comma, a quote or a line break.
    private static func field(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }
}
