import ArgumentParser
import CapitationCore
import Foundation

/// The `capitation` command: settles population-based payment and shared-savings contracts.
@main
struct Capitation: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capitation",
        abstract: "Settle population-based payment and shared-savings contracts for Dutch elderly care.",
        discussion: """
            A contract (XML) defines a population, a risk-weighted per-capita budget per regime (Zvw, Wmo, \
            Wlz) and outcome indicators; Capitation checks contracts and settles them against claims.

            Exit codes: 0 success, 1 usage error, 2 invalid input, 3 settlement refused, 4 outputs cannot be written, \
            5 a settlement does not verify (capitation verify), 130 interrupted (SIGINT), 143 terminated (SIGTERM); temporary files are removed first.
            """,
        version: CapitationVersion.current,
        subcommands: [
            Validate.self, Baseline.self, Settle.self, Verify.self, Report.self, Compare.self, Evaluate.self,
            Simulate.self,
            Pseudonymize.self, Generate.self,
        ]
    )

    /// Runs the command, mapping command-line usage errors to exit code 1 as documented.
    static func main() async {
        MemoryTuning.apply()
        Interruption.install()
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                Console.error(fullMessage(for: error))
                Foundation.exit(ExitStatus.usage.rawValue)
            }
            exit(withError: error)
        }
    }
}
