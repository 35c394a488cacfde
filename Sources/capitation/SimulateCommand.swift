import ArgumentParser
import CapitationCore
import SettlementReports
import SettlementRunner

extension Capitation {
    /// `capitation simulate`: how much of a settlement's result chance alone can produce.
    struct Simulate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show how likely a settlement's result is under chance alone: a seeded bootstrap of its members.",
            discussion: """
                Settles FOLDER as `settle` does (writing nothing), then resamples its members with replacement: \
                each resample draws as many members as there are and computes the savings rate of their budget \
                shares and costs. Under no true effect the savings rate is distributed as the resampled rate minus \
                the settled rate. From that distribution: the probability that a result this far from zero is \
                chance, the probability that the contract pays out (two-sided: charges a loss) by chance under its \
                minimum savings (loss) rate, the minimum savings rate each confidence level needs (bootstrap, and \
                the closed form z × standard error that the contract's confidence mode uses), the interval of the \
                settled savings rate, and the power to detect a true saving. The same seed gives the same figures, \
                whatever the number of threads.

                Exit codes: 0 done, 1 usage error, 2 invalid input, 3 settlement or analysis refused.

                Examples:
                  capitation simulate Examples/small-fieldlab
                  capitation simulate Examples/generated-fieldlab --resamples 10000 --seed 42 --true-saving 1,2,5
                  capitation simulate Examples/generated-fieldlab --confidence 80,90,95 --json
                """
        )

        @OptionGroup var inputs: SettlementInputOptions

        @OptionGroup var acceptance: AcceptanceOption

        @OptionGroup var runOut: StageOptions

        @Option(help: "The number of bootstrap resamples.")
        var resamples = 2_000

        @Option(help: "The seed of the random draws.")
        var seed: UInt64 = 1

        @Option(help: "Confidence levels in percent for the minimum savings rate needed, comma-separated.")
        var confidence = "90,95,99"

        @Option(help: "The level in percent of the interval of the savings rate.")
        var interval = "95"

        @Option(
            name: .customLong("true-saving"),
            help: "True savings in percent of the budget whose power to be detected is shown, comma-separated."
        )
        var trueSavings = "2,5"

        @Option(help: "The performance year, for a contract of several years (default: its first).")
        var year: Int?

        @Flag(help: "Print JSON instead of tables.")
        var json = false

        @Option(help: "The number of threads (default: the number of processors).")
        var threads: Int?

        func validate() throws {
            try inputs.validateParts()
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
            if !(1...1_000_000).contains(resamples) {
                throw ValidationError("--resamples must lie between 1 and 1,000,000.")
            }
            _ = try settings()
        }

        func run() async throws {
            let outcome: SimulationRun.Outcome
            do {
                let job = inputs.job(
                    year: year,
                    threads: threads,
                    acceptIncomplete: acceptance.reason,
                    stage: runOut.stage?.stage
                )
                outcome = try await SimulationRun.run(job, settings: try settings())
            } catch let error as RunError {
                Console.error(error.description)
                throw ExitStatus(error).exitCode
            }
            for warning in outcome.contractWarnings { Console.error(warning.description) }
            let settlement = outcome.settlement
            for line in SettlementSummary.acceptanceNotice(settlement.acceptance) { Console.error(line) }
            if json {
                let document = JSONValue.object([
                    ("contract", .string(settlement.contract.id.rawValue)),
                    ("period", .string(settlement.contract.period.description)),
                    ("chance", ChanceJSON.render(outcome.analysis)),
                ])
                Console.output(document.serialized())
            } else {
                Console.output(
                    ChanceReport.markdown(
                        outcome.analysis,
                        contract:
                            "\(settlement.contract.title) (\(settlement.contract.id), \(settlement.contract.period))"
                    )
                )
            }
        }

        private func settings() throws -> ChanceSettings {
            let levels = try percentages(confidence, option: "--confidence")
            if let bad = levels.first(where: { !($0 > .zero && $0 < .hundred) }) {
                throw ValidationError("--confidence: \(bad) is not between 0 and 100 %.")
            }
            guard let level = try percentages(interval, option: "--interval").first, level > .zero, level < .hundred
            else {
                throw ValidationError("--interval must lie between 0 and 100.")
            }
            let savings = try percentages(trueSavings, option: "--true-saving")
            if let bad = savings.first(where: { !$0.isWithinZeroToHundred }) {
                throw ValidationError("--true-saving: \(bad) is not between 0 and 100 %.")
            }
            return ChanceSettings(
                resamples: resamples,
                seed: seed,
                confidenceLevels: levels,
                intervalLevel: level,
                trueSavings: savings
            )
        }

        private func percentages(_ text: String, option: String) throws -> [Percentage] {
            try text.split(separator: ",", omittingEmptySubsequences: false).map { part in
                let trimmed = part.trimmingPrefix(" ")
                do { return try Percentage(parsing: trimmed) } catch {
                    throw ValidationError("\(option): '\(trimmed)' is not a percentage (\(error)).")
                }
            }
        }
    }
}
