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
                FOLDER is a settlement folder: contract.xml, population.csv, claims/ (every file in it), \
                indicators.csv and indicators/ (every .csv file in it). Options override each part. The outputs \
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

        @Argument(help: "A settlement folder.", completion: .directory)
        var folder: String?

        @Option(help: "The contract (default: FOLDER/contract.xml).", completion: .file(extensions: ["xml"]))
        var contract: String?

        @Option(help: "The population roster (default: FOLDER/population.csv).", completion: .file(extensions: ["csv"]))
        var population: String?

        @Option(help: "A claim file or a folder of them; repeatable (default: FOLDER/claims/).", completion: .file())
        var claims: [String] = []

        @Option(
            help:
                "An indicator file or a folder of them; repeatable (default: FOLDER/indicators.csv and FOLDER/indicators/)."
        )
        var indicators: [String] = []

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
            if folder == nil, contract == nil || population == nil || claims.isEmpty {
                throw ValidationError("Give a settlement folder, or --contract, --population and --claims.")
            }
        }

        func run() async throws {
            let outcome: SettlementRun.Outcome
            do {
                outcome = try await settle()
            } catch {
                Console.error(error.description)
                throw exitStatus(for: error).exitCode
            }
            for warning in outcome.contractWarnings { Console.error(warning.description) }
            if !quiet { Console.error(SettlementSummary.text(outcome)) }
        }

        private func settle() async throws(RunError) -> SettlementRun.Outcome {
            let paths = try SettlementPaths.resolve(
                folder: folder,
                contract: contract,
                population: population,
                claims: claims,
                indicators: indicators,
                output: output
            )
            return try await SettlementRun(paths: paths, threads: threads ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
                .run()
        }

        private func exitStatus(for error: RunError) -> ExitStatus {
            switch error {
            case .invalidInput: .invalidInput
            case .refused: .settlementRefused
            case .outputFailed: .outputFailed
            }
        }
    }
}
