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

                A contract of several performance years (<term years="5"/>) settles each year from FOLDER/YEAR/ \
                (the first year's data may also sit in FOLDER itself): every year whose folder exists, with the \
                outputs in FOLDER/settlement/YEAR/ and a summary of the years side by side (cumulative savings and \
                payouts) in FOLDER/settlement/summary.md and summary.json; --year settles one year. Under a \
                rebased benchmark each year's per-capita amounts come from the years before it \
                (FOLDER/baseline/YEAR/ or FOLDER/YEAR/), as `capitation baseline` computes them.

                Exit codes: 0 settled, 1 usage error, 2 invalid input, 3 settlement refused (for example a quality \
                gate that cannot be evaluated), 4 the outputs cannot be written.

                Examples:
                  capitation settle Examples/small-fieldlab
                  capitation settle Examples/small-fieldlab --out /tmp/run --threads 1
                  capitation settle Examples/generated-fieldlab --year 2027
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

        @Option(
            help: "The performance year to settle, for a contract of several years (default: every year with data)."
        )
        var year: Int?

        @Option(help: "The number of threads (default: the number of processors).")
        var threads: Int?

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            if let threads, threads < 1 { throw ValidationError("--threads must be at least 1.") }
        }

        func run() async throws {
            let outcomes: [SettlementRun.Outcome]
            var summary: [String] = []
            do {
                if let folder = inputs.folder, !inputs.overridesParts,
                    try year != nil || MultiYearRun.coversSeveralYears(folder: folder)
                {
                    let outcome = try await MultiYearRun(
                        folder: folder,
                        year: year,
                        output: output,
                        threads: threadCount
                    )
                    .run()
                    outcomes = outcome.years
                    summary = outcome.summary
                } else {
                    let paths = try inputs.paths(output: output)
                    outcomes = [try await SettlementRun(paths: paths, threads: threadCount, year: year).run()]
                }
            } catch let error as RunError {
                Console.error(error.description)
                throw ExitStatus(error).exitCode
            }
            for warning in outcomes.first?.contractWarnings ?? [] { Console.error(warning.description) }
            if !quiet {
                for outcome in outcomes { Console.error(SettlementSummary.text(outcome)) }
                if !summary.isEmpty { Console.error("Wrote " + summary.joined(separator: ", ")) }
            }
        }

        private var threadCount: Int { threads ?? Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
    }
}
