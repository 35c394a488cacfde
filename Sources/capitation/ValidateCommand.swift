import ArgumentParser
import CapitationCore
import ContractXML

extension Capitation {
    /// `capitation validate`: checks contracts against the schema and the contract rules.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check contracts against the schema and the contract rules.",
            discussion: """
                Prints every problem as path:line:column: severity: message on standard error, and one \
                verdict line per file on standard output. Exits 0 when every file is valid, 2 when any is \
                invalid, 1 on a usage error.

                Examples:
                  capitation validate Contracts/fieldlab-oost-achterhoek.xml
                  capitation validate --json Contracts/*.xml
                  capitation validate --strict contract.xml     # warnings count as errors
                """
        )

        @Argument(help: "Contract files to check.", completion: .file(extensions: ["xml"]))
        var files: [String]

        @Flag(help: "Print the results as JSON on standard output.")
        var json = false

        @Flag(help: "Treat warnings as errors.")
        var strict = false

        func validate() throws {
            if files.isEmpty { throw ValidationError("Give at least one contract file to check.") }
        }

        func run() throws {
            let loader = ContractLoader()
            let results = files.map { ContractCheck(path: $0, loader: loader, strict: strict) }
            if json {
                Console.output(ContractCheck.json(results).serialized())
            } else {
                for result in results {
                    for diagnostic in result.diagnostics { Console.error(diagnostic.description) }
                    Console.output(result.verdict)
                }
            }
            if results.contains(where: { !$0.isValid }) { throw ExitStatus.invalidInput.exitCode }
        }
    }
}
