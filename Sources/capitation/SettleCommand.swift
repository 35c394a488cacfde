import ArgumentParser
import CapitationCore
import SettlementReports
import SettlementRunner

extension Capitation {
    /// `capitation settle`: settles a contract from its inputs and writes the settlement.
    struct Settle: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Settle a contract: reconcile the claims, compute budget, savings, quality and sharing, and distribute.",
            discussion: """
                FOLDER is a settlement folder: contract.xml, population.csv, claims/ (every file in it: the \
                project's CSV, Vektis AW319 or iWmo WMO323, recognised by content), indicators.csv and \
                indicators/ (every .csv file in it). Options override each part. The outputs \
                (settlement.json, report.md, rejected-claims.csv, and report.html with --report html) go to \
                --out, by default FOLDER/settlement/; a summary goes to standard error.

                A contract of several performance years (<term years="5"/>) settles each year from FOLDER/YEAR/ \
                (the first year's data may also sit in FOLDER itself): every year whose folder exists, with the \
                outputs in FOLDER/settlement/YEAR/ and a summary of the years side by side (cumulative savings and \
                payouts) in FOLDER/settlement/summary.md and summary.json; --year settles one year. Under a \
                rebased benchmark each year's per-capita amounts come from the years before it \
                (FOLDER/baseline/YEAR/ or FOLDER/YEAR/), as `capitation baseline` computes them.

                With --totals, the contract's settlement rules apply to rows of pre-aggregated results instead: \
                columns case_id, people, budget, expenditure (euros), and optionally person_years, quality_score \
                (0 to 1), quality_gate_passed (yes/no) and per regime budget_zvw, expenditure_zvw, budget_wmo, \
                expenditure_wmo, budget_wlz, expenditure_wlz. One result per row (savings, savings rate, MSR and \
                whether it is met, sharing rate, earned or owed amount, cap, payment reduction, each party's net) \
                goes to standard output as CSV (--json: JSON with every step), or with --out to \
                totals-settlement.csv and totals-settlement.json in that folder.

                A contract with a run-out (<reconciliation><runOut months="3" finalMonths="12"/></reconciliation>) \
                settles twice: --stage provisional counts the claim lines received by the end of the run-out and \
                adds, per regime, an estimate of those not yet received, from how quickly the claims of the \
                baseline years (FOLDER/baseline/YEAR/) came in; --stage final counts the lines received by the end \
                of the final run-out and says what it changes against the provisional settlement for each party \
                (the true-up), against the provisional settlement.json given with --provisional FILE, or else against \
                the provisional settlement made again from the same inputs. Lines received after a cut-off are \
                listed in rejected-claims.csv, never counted.

                Claims that look incomplete (a claim file without a readable line, more unreadable lines than \
                the contract allows, a regime without accepted claims) refuse the settlement; \
                --accept-incomplete REASON settles anyway and records the reason in settlement.json and the \
                reports.

                Exit codes: 0 settled, 1 usage error, 2 invalid input, 3 settlement refused (claims that look \
                incomplete and were not accepted, an indicator without observations), 4 the outputs cannot be \
                written, 130 interrupted (SIGINT), 143 terminated (SIGTERM); an interrupted run removes its \
                temporary files first.

                Examples:
                  capitation settle Examples/small-fieldlab
                  capitation settle Examples/small-fieldlab --out /tmp/run --threads 1
                  capitation settle Examples/generated-fieldlab --year 2027
                  capitation settle --contract c.xml --population p.csv --claims claims/ --indicators i.csv --out out
                  capitation settle --contract Contracts/mssp-track-1.xml --totals Examples/mssp-totals/totals.csv
                """
        )

        @OptionGroup var inputs: SettlementInputOptions

        @OptionGroup var acceptance: AcceptanceOption

        @Option(
            name: .customLong("out"),
            help: "Where to write the outputs (default: FOLDER/settlement/).",
            completion: .directory
        )
        var output: String?

        @Option(
            help: "The performance year to settle, for a contract of several years (default: every year with data)."
        )
        var year: Int?

        @OptionGroup var runOut: StageOptions

        @Option(
            help: ArgumentHelp(
                "With --stage final: the provisional settlement.json as issued, to true up against (default: the provisional settlement made again from the same inputs).",
                valueName: "settlement.json"
            ),
            completion: .file(extensions: ["json"])
        )
        var provisional: String?

        @Option(help: "The number of threads (default: the number of processors).")
        var threads: Int?

        @Option(
            help: "Settle rows of pre-aggregated results in this CSV file under the contract's rules.",
            completion: .file(extensions: ["csv"])
        )
        var totals: String?

        @Flag(help: "With --totals and without --out: print JSON instead of CSV.")
        var json = false

        @Option(help: "Also write report.html, a self-contained page for auditors and boards (html).")
        var report: ReportFormatOption?

        @Option(
            help:
                "The language of report.md, report.html and the summary: en (€ 1,234.56, 2026-12-31) or nl, Dutch (€ 1.234,56, 31-12-2026)."
        )
        var locale: LocaleOption = .en

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
            if totals != nil {
                if inputs.folder == nil, inputs.contract == nil {
                    throw ValidationError("--totals needs the contract: give --contract or a settlement folder.")
                }
                if acceptance.reason != nil {
                    throw ValidationError("--accept-incomplete applies to claims; --totals settles from totals.")
                }
                if runOut.stage != nil {
                    throw ValidationError("--stage applies to claims; --totals settles from totals.")
                }
                if inputs.population != nil || !inputs.claims.isEmpty || !inputs.indicators.isEmpty {
                    throw ValidationError(
                        "--totals settles from totals: --population, --claims and --indicators do not apply."
                    )
                }
            } else {
                try inputs.validateParts()
                if provisional != nil, runOut.stage != .final {
                    throw ValidationError("--provisional applies to --stage final: the settlement it trues up.")
                }
                if json { throw ValidationError("--json applies to --totals; a settlement writes settlement.json.") }
                if let report, report != .html {
                    throw ValidationError(
                        "--report html is the extra report; report.md is always written (capitation report renders csv)."
                    )
                }
            }
        }

        func run() async throws {
            if let totals {
                try settleTotals(totals)
                return
            }
            var job = inputs.job(year: year, threads: threads)
            job.output = output
            job.reportLocale = locale.reportLocale
            job.writesHTML = report == .html
            job.acceptIncomplete = acceptance.reason
            job.stage = runOut.stage?.stage
            job.provisionalSettlement = provisional
            let display = ProgressDisplay.forTerminal(quiet: quiet)
            job.progress = display?.handler
            let result: Result<SettlementJob.Outcome, RunError>
            do throws(RunError) { result = .success(try await job.run()) } catch { result = .failure(error) }
            display?.finish()
            let outcome: SettlementJob.Outcome
            switch result {
            case .success(let settled): outcome = settled
            case .failure(let error):
                Console.error(error.description)
                throw ExitStatus(error).exitCode
            }
            let (outcomes, summary) = (outcome.years, outcome.summary)
            for line in outcomes.first.map({ SettlementSummary.contractWarnings($0, locale: locale.reportLocale) })
                ?? []
            {
                Console.error(line)
            }
            if !quiet {
                for outcome in outcomes { Console.error(SettlementSummary.text(outcome, locale: locale.reportLocale)) }
                if !summary.isEmpty {
                    Console.error((locale == .nl ? "Geschreven: " : "Wrote ") + summary.joined(separator: ", "))
                }
            } else {
                // --quiet hides progress and the summary, never a warning.
                for outcome in outcomes {
                    for line in SettlementSummary.notices(outcome, locale: locale.reportLocale) { Console.error(line) }
                }
            }
        }

        private func settleTotals(_ totals: String) throws {
            let contract = inputs.contract ?? (inputs.folder ?? ".") + "/contract.xml"
            do throws(RunError) {
                let outcome = try TotalsRun(contractPath: contract, totalsPath: totals, year: year).run()
                for warning in outcome.contractWarnings { Console.error(warning.description) }
                if let output {
                    let written = try TotalsRun.write(outcome, to: output)
                    if !quiet {
                        Console.error(
                            "Settled \(outcome.results.count) case\(outcome.results.count == 1 ? "" : "s") under contract "
                                + "'\(outcome.contract.id)' (\(outcome.contract.settlement.summary)).\nWrote "
                                + written.joined(separator: ", ")
                        )
                    }
                } else if json {
                    Console.output(
                        TotalsSettlementReport.json(outcome.results, contract: outcome.contract, inputs: outcome.inputs)
                            .serialized()
                    )
                } else {
                    Console.output(
                        TotalsSettlementReport.csv(outcome.results, contract: outcome.contract),
                        terminator: ""
                    )
                }
            } catch {
                Console.error(error.description)
                throw ExitStatus(error).exitCode
            }
        }
    }
}
