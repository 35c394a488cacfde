import CapitationCore

/// Renders a ``SettlementDocument`` as a Markdown report that a municipal auditor can follow: section for
/// section as the HTML page, with every figure in tables and every calculation step with its inputs,
/// formula and result.
///
/// `settle` writes it as `report.md` and `capitation report --format markdown` re-renders it from a
/// `settlement.json`; both render from the document, so they give the same text.
public enum SettlementMarkdown: Sendable {
    /// The report, with amounts, numbers and dates written for `locale`.
    public static func render(_ document: SettlementDocument, locale: ReportLocale = .standard) -> String {
        typealias Tables = SettlementTables
        typealias Prose = SettlementProse
        var sections = [
            "# " + locale.pick("Settlement: ", "Afrekening: ") + document.contract.title + "\n\n"
                + Prose.meta(document, locale)
        ]
        // What the reader must know before any figure: inputs accepted as incomplete, and the warnings.
        if let acceptance = document.acceptance {
            let note: String = Prose.findingsNote(acceptance, locale).map { $0 + "\n\n" } ?? ""
            let items: [String] = acceptance.findings.flatMap { WarningText.finding($0, locale) }.map { line in
                // A finding is an item; its examples are items within it.
                line.hasPrefix("  ") ? "  - " + line.dropFirst(2) : "- " + line
            }
            sections.append(
                "## \(Prose.acceptanceTitle(locale))\n\n" + Prose.acceptance(acceptance, locale) + "\n\n" + note
                    + items.joined(separator: "\n")
            )
        }
        if !document.warnings.isEmpty {
            let note: String = SettlementProse.warningsNote(document.warnings, locale).map { $0 + "\n\n" } ?? ""
            let items: String = document.warnings.map { "- " + WarningText.warning($0, locale) }
                .joined(separator: "\n")
            sections.append("## " + locale.pick("Warnings", "Waarschuwingen") + "\n\n" + note + items)
        }
        sections += [
            "## " + locale.pick("Summary", "Samenvatting") + "\n\n"
                + Prose.text(Prose.summary(document, locale), locale) + "\n\n"
                + Tables.parties(document, locale).markdown,
            "## " + SettlementHeadings.waterfall(locale) + "\n\n"
                + Tables.waterfall(document.waterfall(locale), locale).markdown,
            section(
                locale.pick("Population", "Populatie"),
                [Prose.population(document, locale)],
                [Tables.exclusions(document, locale), Tables.risk(document, locale)]
            ),
            section(
                SettlementHeadings.regimes(locale),
                [],
                [
                    Tables.budget(document, locale), Tables.trendAdjustments(document, locale),
                    Tables.expenditure(document, locale),
                ]
            ) + "\n\n" + Prose.expenditure(document, locale).joined(separator: "\n\n"),
        ]
        if let runOut = document.runOut {
            sections.append(
                section(
                    locale.pick("Run-out", "Naloop"),
                    [Prose.text(Prose.runOut(runOut, locale), locale)],
                    Tables.runOutTables(document, locale)
                )
            )
        }
        if let quality = document.quality {
            sections.append(
                section(
                    locale.pick("Quality", "Kwaliteit"),
                    [Prose.quality(quality, locale)],
                    [Tables.quality(quality, locale)]
                )
            )
        }
        sections.append(
            section(
                locale.pick("Claims", "Declaraties"),
                [],
                [Tables.claims(document, locale), Tables.refusals(document, locale), Tables.codes(document, locale)]
            )
        )
        sections.append(
            section(
                SettlementHeadings.sharing(locale, model: document.sharing.model),
                [Prose.explanation(document, locale)],
                [Tables.sharing(document, locale)]
            )
        )
        if !document.transfers.isEmpty {
            sections.append(section(locale.pick("Transfers", "Betalingen"), [], [Tables.transfers(document, locale)]))
        }
        if let schedule = document.paymentSchedule {
            var text = "## " + locale.pick("Payment schedule", "Betaalschema") + "\n\n" + Prose.schedule(locale)
            for financier in schedule.financiers {
                text +=
                    "\n\n### \(financier.financier) (\(financier.regime))\n\n"
                    + Tables.scheduleMonths(financier, locale).markdown + "\n\n"
                    + Tables.scheduleYearEnd(financier, locale).markdown + "\n\n"
                    + Prose.yearEnd(financier, locale)
            }
            sections.append(text)
        }
        if let chance = document.chance {
            sections.append(
                section(
                    locale.pick("Chance", "Toeval"),
                    [ChanceReport.paragraph(chance, locale)],
                    [
                        ChanceReport.result(chance, locale), ChanceReport.requiredRates(chance, locale),
                        ChanceReport.power(chance, locale),
                    ]
                )
            )
        }
        sections.append(
            steps(document.steps, heading: locale.pick("Every calculation step", "Alle rekenstappen"), locale: locale) {
                Tables.step($0, locale)
            }
        )
        sections.append("## " + locale.pick("Inputs", "Invoer") + "\n\n" + Tables.inputs(document, locale).markdown)
        return sections.joined(separator: "\n\n") + "\n"
    }

    /// The section of every calculation step: each numbered, with its description, formula and `table`.
    static func steps(
        _ steps: [SettlementDocument.Step],
        heading: String,
        locale: ReportLocale,
        table: (SettlementDocument.Step) -> ReportTable
    ) -> String {
        var parts = ["## " + heading]
        for (index, step) in steps.enumerated() {
            let words = StepWording(step, locale)
            parts.append(
                "### \(index + 1). \(words.description)\n\n" + locale.pick("Step", "Stap") + " `\(step.id)`: "
                    + "`\(words.formula)`\n\n" + table(step).markdown
            )
        }
        return parts.joined(separator: "\n\n")
    }

    /// A section: its heading, paragraphs, then tables (those present).
    private static func section(_ title: String, _ paragraphs: [String], _ tables: [ReportTable?]) -> String {
        (["## " + title] + paragraphs + tables.compactMap { $0?.markdown }).joined(separator: "\n\n")
    }
}
