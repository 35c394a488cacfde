import ArgumentParser
import CapitationCore
import SettlementReports
import SettlementRunner

extension Capitation {
    /// `capitation compare`: one set of inputs settled under several payment models, side by side.
    struct Compare: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Settle the same population and claims under several payment models and contract variants.",
            discussion: """
                Reads the inputs once (as `settle` does: a settlement folder, or --contract, --population, \
                --claims and --indicators) and settles them under fee-for-service, the contract as it stands, \
                capitation with and without risk corridors, and one- and two-sided shared savings, then under \
                each --variant contract file and each --vary set of overrides. Prints, side by side: what each \
                party pays, receives and nets; each financier's total cost (the claims of its regimes plus what \
                it pays under the settlement) against fee-for-service; the providers' result; and the incentive: \
                of each euro of care avoided in a regime, the cents each party keeps. Nothing is written.

                Models the contract says nothing about take the reference mechanics: MSSP Track 1 (MSR table \
                mssp, 50 % × quality, cap 10 %) for one-sided shared savings, its two-sided form (losses past the \
                mirrored MSR at 1 − the final sharing rate, at most 60 %, loss cap 5 %; MSSP Track 2 rates when \
                the contract is not shared savings), ACO REACH Professional bands for corridors.

                Overrides (--vary, key=value pairs separated by commas):
                \(ContractOverrides.keys.map { "  \($0.key)=\($0.values)" }.joined(separator: "\n"))

                Exit codes: 0 compared, 1 usage error, 2 invalid input, 3 a variant cannot be settled.

                Examples:
                  capitation compare Examples/small-fieldlab
                  capitation compare Examples/small-fieldlab --model fee-for-service,capitation,capitation-corridors
                  capitation compare Examples/small-fieldlab --vary 'name=Track 2,sides=two,sharing-rate=60,savings-cap=15'
                  capitation compare Examples/small-fieldlab --vary 'risk-adjustment=off' --csv > models.csv
                """
        )

        @OptionGroup var inputs: SettlementInputOptions

        @OptionGroup var acceptance: AcceptanceOption

        @OptionGroup var runOut: StageOptions

        @Option(
            help: ArgumentHelp(
                "The built-in models to compare, comma-separated (default: all).",
                discussion: PaymentModel.allCases.map(\.rawValue).joined(separator: ", ")
            )
        )
        var model: String?

        @Option(help: "A contract file to settle as a variant; repeatable.", completion: .file(extensions: ["xml"]))
        var variant: [String] = []

        @Option(help: "Overrides of the contract's parameters (key=value,…) to settle as a variant; repeatable.")
        var vary: [String] = []

        @Option(help: "The performance year, for a contract of several years (default: its first).")
        var year: Int?

        @Flag(help: "Print JSON instead of tables.")
        var json = false

        @Flag(help: "Print CSV (one row per model and party) instead of tables.")
        var csv = false

        @Option(help: "The number of threads (default: the number of processors).")
        var threads: Int?

        func validate() throws {
            try inputs.validateParts()
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
            if json && csv { throw ValidationError("Give --json or --csv, not both.") }
            _ = try models()
            _ = try overrides()
        }

        func run() async throws {
            let outcome: ComparisonRun.Outcome
            do {
                let job = inputs.job(
                    year: year,
                    threads: threads,
                    acceptIncomplete: acceptance.reason,
                    stage: runOut.stage?.stage
                )
                outcome = try await ComparisonRun.run(
                    job,
                    models: try models(),
                    variantFiles: variant,
                    overrides: try overrides()
                )
            } catch let error as RunError {
                Console.error(error.description)
                throw ExitStatus(error).exitCode
            }
            for warning in outcome.contractWarnings { Console.error(warning.description) }
            let acceptance = outcome.comparison.models.lazy.compactMap(\.settlement.acceptance).first
            for line in SettlementSummary.acceptanceNotice(acceptance) { Console.error(line) }
            if json {
                Console.output(ComparisonReport.json(outcome.comparison).serialized())
            } else if csv {
                Console.output(ComparisonReport.csv(outcome.comparison), terminator: "")
            } else {
                Console.output(ComparisonReport.markdown(outcome.comparison), terminator: "")
            }
        }

        private func models() throws -> [PaymentModel] {
            guard let model else { return PaymentModel.allCases }
            return try model.split(separator: ",").map { name in
                let trimmed = String(name.filter { $0 != " " })
                guard let found = PaymentModel(rawValue: trimmed) else {
                    throw ValidationError(
                        "--model: '\(trimmed)' is not one of \(PaymentModel.allCases.map(\.rawValue).joined(separator: ", "))."
                    )
                }
                return found
            }
        }

        private func overrides() throws -> [ContractOverrides] {
            try vary.map { text in
                do throws(ContractOverrideError) { return try ContractOverrides(parsing: text) } catch {
                    throw ValidationError("--vary '\(text)': \(error.message).")
                }
            }
        }
    }
}
