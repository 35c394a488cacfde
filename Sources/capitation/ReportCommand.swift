import ArgumentParser
import CapitationCore
import SettlementReports
import SettlementRunner

/// The formats `capitation report` renders.
enum ReportFormatOption: String, ExpressibleByArgument, CaseIterable {
    case html, markdown, csv
}

/// The settlements of a contract with a run-out.
enum StageOption: String, ExpressibleByArgument, CaseIterable {
    case provisional, final

    var stage: SettlementStage { self == .provisional ? .provisional : .final }
}

/// The locales of the reports.
enum LocaleOption: String, ExpressibleByArgument, CaseIterable {
    case en, nl

    var reportLocale: ReportLocale { self == .nl ? .dutch : .standard }
}

extension Capitation {
    /// `capitation report`: renders a written `settlement.json` again, as HTML, Markdown or CSV.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Render a settlement.json as an HTML page, a Markdown report or a CSV of its figures.",
            discussion: """
                The report shows the figures of the JSON exactly: nothing is computed again. html is one \
                self-contained file (no scripts, fonts or network; charts as inline SVG, each with its numbers in \
                a table) that prints on A4; csv lists every total, regime, rejection reason, party and transfer \
                with its lines and cents. The output goes next to the JSON (report.html, report.md, figures.csv) unless --out names another file; --out - writes to standard output.

                Exit codes: 0 written, 1 usage error, 2 the JSON cannot be read as a settlement, 4 the report \
                cannot be written.

                Examples:
                  capitation report Examples/small-fieldlab/settlement/settlement.json --format html
                  capitation report settlement.json --format html --locale nl --out /tmp/afrekening.html
                """
        )

        @Argument(help: "The settlement.json to render.", completion: .file(extensions: ["json"]))
        var settlement: String

        @Option(help: "html, markdown or csv.")
        var format: ReportFormatOption = .html

        @Option(help: "The language of the report: en (€ 1,234.56, 2026-12-31) or nl, Dutch (€ 1.234,56, 31-12-2026).")
        var locale: LocaleOption = .en

        @Option(name: .customLong("out"), help: "The file to write, or - for standard output.", completion: .file())
        var output: String?

        func run() throws {
            do throws(RunError) {
                let document = try ReportRun.read(settlement)
                let text: String
                switch format {
                case .html: text = SettlementHTML.render(document, locale: locale.reportLocale)
                case .markdown: text = SettlementMarkdown.render(document, locale: locale.reportLocale)
                case .csv: text = SettlementFigures.csv(document)
                }
                let target = output ?? Self.sibling(of: settlement, format: format)
                if target == "-" {
                    Console.output(text, terminator: "")
                    return
                }
                try ReportRun.write(text, to: target)
                Console.error("Wrote \(target)")
            } catch {
                Console.error(error.description)
                throw ExitStatus(error).exitCode
            }
        }

        /// The default output: beside the JSON.
        static func sibling(of path: String, format: ReportFormatOption) -> String {
            let folder = path.lastIndex(of: "/").map { String(path[...$0]) } ?? ""
            switch format {
            case .html: return folder + "report.html"
            case .markdown: return folder + "report.md"
            case .csv: return folder + "figures.csv"
            }
        }
    }
}
