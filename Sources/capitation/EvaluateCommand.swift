import ArgumentParser
import CapitationCore
import SettlementReports
import SettlementRunner

/// The formats `capitation evaluate` writes.
enum EvaluationFormat: String, ExpressibleByArgument, CaseIterable {
    case markdown, html, json
}

extension Capitation {
    /// `capitation evaluate`: the effect of the fieldlab against a comparison population.
    struct Evaluate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Estimate the fieldlab's effect against a comparison population (difference-in-differences).",
            discussion: """
                FOLDER is a settlement folder with its baseline years in FOLDER/baseline/YEAR/ and a comparison \
                population of people outside the fieldlab in FOLDER/comparison/ (population.csv and claims/, any \
                supported format) and FOLDER/comparison/baseline/YEAR/, for the same years. The comparison is \
                measured with the contract less the fieldlab's area (postcodes and municipalities) and without \
                checking who paid a claim; everything else applies alike. For each regime and in total: each \
                population's risk-adjusted cost per person-year before (the baseline years, weighted as the \
                baseline weights them, not trended) and after (the performance year), the counterfactual (the \
                fieldlab's cost before, moved by the comparison's change) and the effect (after − \
                counterfactual; negative is a saving), with intervals from a bootstrap that resamples people of \
                both populations with all their years. The performance year is settled as `capitation settle` \
                settles it (nothing is written) for the gross effect in euros and the net effect for the \
                financiers after the settlement's payments, in total and per financier, beside the settlement's \
                own savings.

                The report (markdown or html, in English or Dutch with --locale nl) goes to standard output \
                unless --out names a file; --format json (or --json) prints the JSON of docs/evaluation-json.md.

                Exit codes: 0 done, 1 usage error, 2 invalid input or a missing folder or year, 3 the effect \
                cannot be estimated or the performance year cannot be settled, 4 the output cannot be written.

                Examples:
                  capitation evaluate FOLDER
                  capitation evaluate FOLDER --format html --locale nl --out evaluatie.html
                  capitation evaluate FOLDER --confidence 0.9,0.95 --seed 7 --json
                """
        )

        @Argument(help: "A settlement folder with baseline/YEAR/ and comparison/.", completion: .directory)
        var folder: String

        @Option(help: "The contract (default: FOLDER/contract.xml).", completion: .file(extensions: ["xml"]))
        var contract: String?

        @Option(help: "The bootstrap's seed.")
        var seed: UInt64 = 1

        @Option(help: "The bootstrap's number of resamples.")
        var resamples = 1_000

        @Option(help: "The interval levels, comma-separated, each between 0 and 1.")
        var confidence = "0.95"

        @Option(help: "markdown (the default), html or json.")
        var format: EvaluationFormat?

        @Flag(help: "The same as --format json.")
        var json = false

        @Option(help: "The report's language and number formats: en (€ 1,234.56) or nl (€ 1.234,56).")
        var locale: LocaleOption = .en

        @Option(name: .customLong("out"), help: "The file to write (default: standard output).", completion: .file())
        var output: String?

        @Option(help: "The number of threads (default: the number of processors).")
        var threads: Int?

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
            if !(1...1_000_000).contains(resamples) {
                throw ValidationError("--resamples must lie between 1 and 1,000,000.")
            }
            _ = try intervalLevels()
            if json, let format, format != .json {
                throw ValidationError("--json and --format \(format.rawValue) ask for two formats: give one.")
            }
            if format == .json || json, locale != .en {
                throw ValidationError("--locale applies to the report; the JSON has no language.")
            }
        }

        func run() async throws {
            let levels = try intervalLevels()
            let outcome = try await evaluate()
            for warning in outcome.contractWarnings { Console.error(warning.description) }
            for warning in EvaluationReport.warnings(outcome.result) { Console.error("warning: " + warning) }
            if let reason = outcome.result.netUnavailable {
                Console.error(
                    "warning: the net effect for the financiers is not given: the performance year cannot be "
                        + "settled: \(reason)"
                )
            }
            let text: String
            switch json ? .json : format ?? .markdown {
            case .json: text = EvaluationReport.json(outcome.result, levels: levels).serialized() + "\n"
            case .markdown:
                text = EvaluationReport.markdown(outcome.result, levels: levels, locale: locale.reportLocale)
            case .html: text = EvaluationHTML.render(outcome.result, levels: levels, locale: locale.reportLocale)
            }
            guard let output, output != "-" else {
                Console.output(text, terminator: "")
                return
            }
            do throws(RunError) {
                try ReportRun.write(text, to: output)
                Console.error("Wrote \(output)")
            } catch {
                Console.error(error.description)
                throw ExitStatus(error).exitCode
            }
        }

        private func evaluate() async throws -> EvaluationRun.Outcome {
            let run = EvaluationRun(
                folder: folder,
                contractPath: contract,
                threads: threads ?? SettlementJob.defaultThreads,
                seed: seed,
                resamples: resamples
            )
            do {
                return try await run.run()
            } catch {
                Console.error(error.description(refusing: "evaluation"))
                throw ExitStatus(error).exitCode
            }
        }

        private func intervalLevels() throws -> [ExactDecimal] {
            try confidence.split(separator: ",", omittingEmptySubsequences: false).map { part in
                let level: ExactDecimal
                do { level = try ExactDecimal(parsing: part.trimmingPrefix(" ")) } catch {
                    throw ValidationError("--confidence: '\(part)' is not a number (\(error)).")
                }
                guard level > .zero, level < .one else {
                    throw ValidationError("--confidence: \(level) is not a level between 0 and 1, such as 0.95.")
                }
                return level
            }
        }
    }
}
