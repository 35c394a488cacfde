import ArgumentParser
import CapitationCore
import SettlementReports
import SettlementRunner

extension Capitation {
    /// `capitation baseline`: the nulmeting, per-capita amounts per regime from baseline years.
    struct Baseline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compute the per-capita amounts per regime from baseline years (the nulmeting).",
            discussion: """
                FOLDER is a settlement folder whose baseline years lie in FOLDER/baseline/YEAR/, each a roster \
                (population.csv) and claims (claims/, any supported format), measured with the contract of \
                FOLDER/contract.xml as it would have applied that year. Per regime and year: the accepted, \
                truncated, in-scope cost divided by the risk-weighted person-years (the annual cost at risk \
                score 1), trended to the performance year with the regime's dated trends \
                (<trend year="2025" percent="3.1"/>: the growth from 2024 to 2025), weighted. The weights are \
                --weights, else the contract's <term baselineWeights="…"/> (the years just before the \
                performance year, oldest first), else equal over every baseline year present. Prints a report \
                with every step and the contract fragment to paste (the per-capita amounts, and the baseline \
                mean risk score that the growth cap compares against).

                Exit codes: 0 done, 1 usage error, 2 invalid input or a missing year, 3 baseline refused (for \
                example a missing trend).

                Examples:
                  capitation baseline Examples/generated-fieldlab
                  capitation baseline Examples/generated-fieldlab --weights 10,30,60 --year 2026
                  capitation baseline Examples/generated-fieldlab --fragment
                """
        )

        @Argument(help: "A settlement folder with baseline/YEAR/ folders.", completion: .directory)
        var folder: String

        @Option(help: "The contract (default: FOLDER/contract.xml).", completion: .file(extensions: ["xml"]))
        var contract: String?

        @Option(help: "The performance year the amounts are for (default: the contract's first).")
        var year: Int?

        @Option(help: "The weights of the years before the performance year, oldest first, e.g. 10,30,60.")
        var weights: String?

        @Flag(help: "Print JSON instead of the report.")
        var json = false

        @Flag(help: "Print only the contract fragment.")
        var fragment = false

        @Option(help: "The number of threads (default: the number of processors).")
        var threads: Int?

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
            if json && fragment { throw ValidationError("Give --json or --fragment, not both.") }
            _ = try parsedWeights()
        }

        func run() async throws {
            let outcome: BaselineRun.Outcome
            do {
                outcome = try await BaselineRun(
                    folder: folder,
                    contractPath: contract,
                    targetYear: year,
                    weights: try parsedWeights(),
                    threads: threads ?? SettlementJob.defaultThreads
                ).run()
            } catch let error as RunError {
                Console.error(error.description)
                throw ExitStatus(error).exitCode
            }
            for warning in outcome.contractWarnings { Console.error(warning.description) }
            if json {
                Console.output(BaselineReport.json(outcome.baseline).serialized())
            } else if fragment {
                Console.output(BaselineReport.fragment(outcome.baseline, contract: outcome.contract), terminator: "")
            } else {
                Console.output(BaselineReport.markdown(outcome.baseline, contract: outcome.contract), terminator: "")
            }
        }

        private func parsedWeights() throws -> [ExactDecimal]? {
            guard let weights else { return nil }
            let parsed = try weights.split(separator: ",", omittingEmptySubsequences: false).map { part in
                do { return try ExactDecimal(parsing: part.trimmingPrefix(" ")) } catch {
                    throw ValidationError("--weights: '\(part)' is not a number (\(error)).")
                }
            }
            if parsed.contains(where: \.isNegative) || parsed.allSatisfy(\.isZero) {
                throw ValidationError("--weights must not be negative, and at least one must be above zero.")
            }
            return parsed
        }
    }
}
