import ArgumentParser
import CapitationCore
import SettlementRunner

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

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
                (settlement.json, report.md, rejected-claims.csv) go to --out, by default FOLDER/settlement/; \
                a summary goes to standard error.

                Exit codes: 0 settled, 1 usage error, 2 invalid input, 3 settlement refused (for example a quality \
                gate that cannot be evaluated), 4 the outputs cannot be written.

                Examples:
                  capitation settle Examples/small-fieldlab
                  capitation settle Examples/small-fieldlab --out /tmp/run --threads 1
                  capitation settle --contract c.xml --population p.csv --claims claims/ --indicators i.csv --out out
                """
        )

        @OptionGroup var inputs: SettlementInputOptions

        @Option(
            name: .customLong("out"),
            help: "Where to write the outputs (default: FOLDER/settlement/).",
            completion: .directory
        )
        var output: String?

        @Option(help: "The number of threads (default: the number of processors).")
        var threads: Int?

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
        }

        func run() async throws {
            let outcome: SettlementRun.Outcome
            do {
                outcome = try await settle()
            } catch {
                Console.error(error.description)
                throw ExitStatus(error).exitCode
            }
            for warning in outcome.contractWarnings { Console.error(warning.description) }
            if !quiet { Console.error(SettlementSummary.text(outcome)) }
        }

        private func settle() async throws(RunError) -> SettlementRun.Outcome {
            let paths = try inputs.paths(output: output)
            return try await SettlementRun(paths: paths, threads: threads ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
                .run()
        }
    }
}
