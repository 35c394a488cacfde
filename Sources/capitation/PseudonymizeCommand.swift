import ArgumentParser
import CapitationCore
import Foundation
import Pseudonymisation
import SettlementRunner

extension Capitation {
    /// `capitation pseudonymize`: writes a copy of a settlement folder with every BSN replaced.
    struct Pseudonymize: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write a copy of a settlement folder with every BSN replaced by a keyed pseudonym.",
            discussion: """
                Reads the settlement folder like settle does (contract.xml, population.csv, claims/ in the \
                project's CSV, AW319 or WMO323, indicators.csv and indicators/) and writes the same layout to \
                --out, which must not exist yet. Every nine-digit member number becomes a pseudonym computed \
                with HMAC-SHA256 under a secret key: the same BSN gets the same pseudonym in every file and \
                every run with the same key, pseudonyms of valid BSNs pass the elfproef, and two people never \
                share one. In AW319 files names, addresses and other identifiers of the insured are removed \
                too. Settling the copy gives the same figures as settling the original.

                The key is read from --key-file, or else from the environment variable \
                \(PseudonymKey.environmentVariable); it is never given on the command line. It must have at \
                least \(PseudonymKey.minimumLength) bytes; make one with: openssl rand -hex 32 > pseudonym.key

                Exit codes: 0 written, 1 usage error (no key), 2 invalid input (nothing is written), 4 the copy \
                cannot be written.

                Examples:
                  capitation pseudonymize Examples/native-formats --key-file pseudonym.key --out /tmp/pseudonymised
                  CAPITATION_PSEUDONYM_KEY=… capitation pseudonymize data/2026 --out data/2026-pseudonymised
                """
        )

        @OptionGroup var inputs: SettlementInputOptions

        @Option(name: .customLong("out"), help: "The folder for the pseudonymised copy; it must not exist yet.")
        var output: String

        @Option(
            name: .customLong("key-file"),
            help:
                "A file holding the secret key (default: the environment variable \(PseudonymKey.environmentVariable)).",
            completion: .file()
        )
        var keyFile: String?

        @Flag(help: "Print nothing but errors.")
        var quiet = false

        func validate() throws {
            try inputs.validateParts()
            if keyFile == nil, ProcessInfo.processInfo.environment[PseudonymKey.environmentVariable] == nil {
                throw ValidationError(
                    "No key: give --key-file or set \(PseudonymKey.environmentVariable) (make a key with: openssl rand -hex 32 > pseudonym.key)."
                )
            }
        }

        func run() throws {
            let outcome: PseudonymisationRun.Outcome
            do {
                let key = try PseudonymisationRun.key(
                    file: keyFile,
                    environment: ProcessInfo.processInfo.environment[PseudonymKey.environmentVariable]
                )
                let paths = try inputs.paths(output: output)
                outcome = try PseudonymisationRun(paths: paths, key: key).run()
            } catch {
                Console.error(error.description)
                throw ExitStatus(error).exitCode
            }
            guard !quiet else { return }
            Console.error(
                "Pseudonymised \(outcome.pseudonyms) distinct member number\(outcome.pseudonyms == 1 ? "" : "s") in \(outcome.files.count) files into \(output):"
            )
            for file in outcome.files { Console.error("  \(file.output)  (\(file.format), from \(file.input))") }
            if outcome.pseudonyms == 0 {
                Console.error(
                    "note: no member is a nine-digit number, so no id was replaced: the ids are pseudonyms already"
                )
            }
        }
    }
}
