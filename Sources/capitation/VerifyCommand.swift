import ArgumentParser
import CapitationCore
import SettlementRunner
import SettlementVerification

extension Capitation {
    /// `capitation verify`: recomputes a settlement from what its `settlement.json` records, and with the
    /// input files settles it again.
    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check a settlement.json: recompute every step from what it records; with --inputs, settle it again.",
            discussion: """
                Every step whose result follows from its recorded inputs is computed again with exact \
                fractions, each amount rounded once with the contract's rounding rule: person-years, mean risk \
                scores and the growth cap, budgets (trends, discount, trend adjustment, lump sums), the \
                reconciliation's read = accepted + rejected, the run-out's cut-off and chain-ladder estimate, \
                expenditure and savings per regime and in total, the minimum savings and loss rates, indicator \
                values and points, the quality score and gate, the shared savings or loss (cap, payment \
                reduction), the payout's parts (largest remainder), agreed transfers, each party's position \
                from the transfers, the payment schedule and the true-up; and every figure they share with the \
                rest of the document is compared.

                What the document cannot show by itself (each member's risk score and cost, the bootstrap's \
                resamples, terms only the contract holds) is listed. With --inputs FOLDER, every recorded input \
                is looked for under FOLDER (by its path relative to the folder the inputs shared), its SHA-256 \
                compared, and the settlement made again from those files, with the stage and the accepted \
                reason it records, and compared byte for byte with the given settlement.json.

                Each discrepancy is printed with the step, the field, the recorded and the recomputed value.

                Exit codes: 0 everything verifies, 1 usage error, 2 the file cannot be read as a \
                settlement.json (or an input cannot be read), 5 a discrepancy: a figure that does not follow \
                from its inputs, an input that is missing or changed, or a settlement that comes out \
                differently or cannot be made again.

                Examples:
                  capitation verify Examples/small-fieldlab/settlement/settlement.json
                  capitation verify Examples/small-fieldlab/settlement/settlement.json --inputs Examples/small-fieldlab
                """
        )

        @Argument(help: "The settlement.json to verify.", completion: .file(extensions: ["json"]))
        var settlement: String

        @Option(
            help: "The folder with the settlement's input files, to check their SHA-256 and settle again.",
            completion: .directory
        )
        var inputs: String?

        @Option(
            help: ArgumentHelp(
                "The provisional settlement.json a final settlement trued up against, when it is not in the inputs folder.",
                valueName: "settlement.json"
            ),
            completion: .file(extensions: ["json"])
        )
        var provisional: String?

        @Option(help: "The number of threads that settle again (default: the number of processors).")
        var threads: Int?

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
            if provisional != nil, inputs == nil {
                throw ValidationError("--provisional applies to --inputs: the settlement is made again from the files.")
            }
        }

        func run() async throws {
            var run = VerificationRun(
                settlementPath: settlement,
                inputsFolder: inputs,
                threads: threads ?? SettlementJob.defaultThreads
            )
            run.provisionalPath = provisional
            let outcome: VerificationRun.Outcome
            do throws(RunError) {
                outcome = try await run.run()
            } catch {
                Console.error(error.description(refusing: "settling again"))
                throw ExitStatus(error).exitCode
            }
            Console.output(VerificationSummary.text(outcome, path: settlement), terminator: "")
            if !outcome.verifies { throw ExitStatus.notVerified.exitCode }
        }
    }
}
