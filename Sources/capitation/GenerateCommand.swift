import ArgumentParser
import CapitationCore
import SyntheticData

extension Capitation {
    /// `capitation generate`: writes a realistic synthetic settlement folder from a seed.
    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a synthetic but realistic settlement folder for a 75+ fieldlab, from a seed.",
            discussion: """
                Writes contract.xml, population.csv, claims/ (one CSV file per regime, or with --format native each \
                regime's care in its own standard), indicators.csv and \
                indicators/survey.csv to --out, and with --baseline-years N the roster and claims of the N years \
                before it to baseline/YEAR/ (with the contract's baseline weights and dated trends). The same --members, --seed and --year give the same bytes. The \
                contract's per-capita amounts are calibrated on the generated claims (Zvw 2 % above cost, Wmo 1 % \
                below, Wlz 5 % above); a small share of the claim lines is faulty in every way a settlement rejects.

                Example:
                  capitation generate --members 2500 --seed 7 --year 2026 --out Examples/generated-fieldlab
                """
        )

        @Option(help: "The number of people on the roster.")
        var members: Int

        @Option(help: "The seed of the random draws.")
        var seed: UInt64 = 1

        @Option(help: "The performance year.")
        var year: Int = 2026

        @Option(
            name: .customLong("baseline-years"),
            help: "Baseline years to write before the performance year, to baseline/YEAR/ (prices 3 % lower a year)."
        )
        var baselineYears = 0

        @Option(
            name: .customLong("claim-lines"),
            help: ArgumentHelp(
                "About this many claim lines in the performance year (default: about 15 a member).",
                discussion:
                    "Providers then bill periodic care (district nursing, help at home, nursing homes) in parts of a month, or several months together."
            )
        )
        var claimLines: Int?

        @Option(
            help: ArgumentHelp(
                "The claims' formats: csv or native.",
                discussion: """
                    csv writes one file per regime in the project's CSV. native writes each regime's care in its own \
                    standard, members named by synthetic BSNs: district nursing and first-line stay as Vektis AW319 \
                    (message 428), nursing homes and VPT as AW319 (message 187), household help, support, short stay \
                    and day care as iWmo WMO323; the rest (GP, hospital, aids, personal budgets, …) in the CSV.
                    """
            )
        )
        var format: Format = .csv

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case csv, native

            var claims: SyntheticClaimFormat {
                switch self {
                case .csv: .csv
                case .native: .native
                }
            }
        }

        @Option(
            help: ArgumentHelp(
                "A comparison population of this many people, for capitation evaluate.",
                discussion: """
                    Written to comparison/ and comparison/baseline/YEAR/ (for each baseline year): people drawn \
                    alike from streams of their own, living outside the fieldlab's area (postcodes 7300–7399, \
                    municipality 0297).
                    """
            )
        )
        var comparisonMembers = 0

        // Unconditional, so that a negative effect (-5) is read as the option's value, not as an option.
        @Option(
            parsing: .unconditional,
            help: ArgumentHelp(
                "A true effect on the fieldlab's performance-year claims, in percent (e.g. -5).",
                discussion: """
                    Every claim line's amount of the performance year is multiplied by 1 + PERCENT ÷ 100 and \
                    rounded down to the cent; the contract's budgets, the roster, the baseline years and the \
                    comparison population stay as without it. At most two decimals, above -100.
                    """
            )
        )
        var trueEffect: String?

        @Option(
            help: ArgumentHelp(
                "Give the contract a run-out of MONTHS,FINAL months (e.g. 3,12).",
                discussion: """
                    The contract then settles provisionally on the claims received MONTHS months after the year \
                    and finally on those received FINAL months after it (settle --stage); the claims are the same.
                    """,
                valueName: "months,final"
            )
        )
        var runOut: String?

        @Option(name: .customLong("out"), help: "The folder to write.", completion: .directory)
        var output: String

        func validate() throws {
            if members < 1 { throw ValidationError("--members must be at least 1.") }
            if !(0...10).contains(baselineYears) {
                throw ValidationError("--baseline-years must lie between 0 and 10.")
            }
            if !(1900...2200).contains(year) { throw ValidationError("--year must lie between 1900 and 2200.") }
            if format == .native, !SyntheticFieldlab.hasBSNs(forMembers: members) {
                throw ValidationError(
                    "--format native names people by synthetic BSNs and takes at most \(SyntheticFieldlab.maximumNativeMembers * 500 / 501) --members."
                )
            }
            if comparisonMembers < 0 { throw ValidationError("--comparison-members must not be negative.") }
            _ = try trueEffectHundredths()
            if format == .native, comparisonMembers > 0,
                !SyntheticFieldlab.hasBSNs(forMembers: members + comparisonMembers + 1)
            {
                throw ValidationError(
                    "--format native names people by synthetic BSNs: --members and --comparison-members together take at most \(SyntheticFieldlab.maximumNativeMembers * 500 / 501 - 1)."
                )
            }
            _ = try runOutMonths()
            if let claimLines, claimLines < members {
                throw ValidationError("--claim-lines must be at least --members (\(members)).")
            }
        }

        /// --run-out as a run-out.
        private func runOutMonths() throws -> RunOut? {
            guard let runOut else { return nil }
            let parts = runOut.split(separator: ",", omittingEmptySubsequences: false).map { Int($0) }
            guard parts.count == 2, let months = parts[0], let final = parts[1], (0...60).contains(months),
                (0...60).contains(final), final > months
            else {
                throw ValidationError(
                    "--run-out: '\(runOut)' must be two numbers of months from 0 to 60, the final one larger, as in 3,12."
                )
            }
            return RunOut(months: months, finalMonths: final)
        }

        /// --true-effect in hundredths of a percent.
        private func trueEffectHundredths() throws -> Int {
            guard let trueEffect else { return 0 }
            let percent: ExactDecimal
            do { percent = try ExactDecimal(parsing: trueEffect) } catch {
                throw ValidationError("--true-effect: '\(trueEffect)' is not a number (\(error)).")
            }
            guard let hundredths = try? percent.significand(atScale: 2), percent.scale <= 2,
                hundredths > -10_000, hundredths < 1_000_000
            else {
                throw ValidationError(
                    "--true-effect: \(trueEffect) must have at most two decimals and lie between -100 and 10,000."
                )
            }
            return Int(hundredths)
        }

        func run() throws {
            do {
                var fieldlab = SyntheticFieldlab(
                    members: members,
                    seed: seed,
                    year: year,
                    baselineYears: baselineYears,
                    claimLines: claimLines,
                    format: format.claims
                )
                fieldlab.comparisonMembers = comparisonMembers
                fieldlab.trueEffectHundredthsPercent = try trueEffectHundredths()
                fieldlab.runOut = try runOutMonths()
                let summary = try fieldlab.write(to: output)
                Console.error(
                    "Wrote \(output): \(summary.rosterRows) roster rows, \(summary.claimLines) claim lines, \(summary.indicatorEvents) indicator events"
                )
            } catch {
                Console.error("error: \(error)")
                throw ExitStatus.outputFailed.exitCode
            }
        }
    }
}
