import CapitationCore
import Foundation
import Testing

// `capitation validate` as a user runs it: exit codes, what goes to which stream, and that nothing of a
// refused file ever appears in any output.
struct ValidateCommandTests {
    @Test(arguments: [
        "fieldlab-oost-achterhoek.xml", "fieldlab-oost-achterhoek-two-sided.xml",
        "population-capitation-twente.xml", "mssp-track-1.xml",
    ])
    func acceptsTheShippedContracts(name: String) throws {
        let result = try CLI.run(["validate", "Contracts/\(name)"])
        #expect(result.status == 0)
        #expect(result.standardError.isEmpty)
        #expect(result.standardOutput.hasPrefix("Contracts/\(name): valid: contract "))
    }

    @Test func exitsTwoAndPrintsLocatedDiagnosticsForAnInvalidContract() throws {
        let path = CLI.fixture("invalid/cells-overlap.xml")
        let result = try CLI.run(["validate", "Contracts/mssp-track-1.xml", path])
        #expect(result.status == 2)
        #expect(
            result.standardError == """
                \(path):20:19: error: <cell> attribute 'minAge': cell F 80+ overlaps cell F 75–84: every member must fall in exactly one cell
                \(path):19:5: note: the overlapping cell

                """
        )
        #expect(result.standardOutput.hasSuffix("\(path): invalid (1 error)\n"))
    }

    @Test func printsJSONForScripts() throws {
        let path = CLI.fixture("invalid/recipients-do-not-sum-to-100.xml")
        let result = try CLI.run(["validate", "--json", path])
        #expect(result.status == 2)
        #expect(result.standardError.isEmpty)
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        )
        #expect(json["valid"] as? Bool == false)
        let file = try #require((json["files"] as? [[String: Any]])?.first)
        #expect(file["errors"] as? Int == 1)
        let diagnostic = try #require((file["diagnostics"] as? [[String: Any]])?.first)
        #expect(diagnostic["line"] as? Int == 55)
        #expect(diagnostic["column"] as? Int == 3)
        #expect(diagnostic["message"] as? String == "<distribution>: the recipient shares sum to 105 %, not 100 %")
    }

    @Test func warningsPassUnlessStrict() throws {
        let path = CLI.fixture("invalid/party-unused.xml")
        let lenient = try CLI.run(["validate", path])
        #expect(lenient.status == 0)
        #expect(lenient.standardError.contains("warning: <party>: party 'bystander' takes no part"))
        #expect(try CLI.run(["validate", "--strict", path]).status == 2)
    }

    @Test(arguments: [["validate"], ["validate", "--no-such-flag", "x.xml"], ["no-such-command"]])
    func exitsOneOnAUsageError(arguments: [String]) throws {
        let result = try CLI.run(arguments)
        #expect(result.status == 1)
        #expect(result.standardError.hasPrefix("Error: "))
    }

    @Test func neverPrintsTheContentOfAFileAnEntityPointsAt() throws {
        let secret = CLI.repository.appendingPathComponent("Tests/ContractXMLTests/Fixtures/hostile/secret.txt").path
        let contract = FileManager.default.temporaryDirectory.appendingPathComponent("xxe-\(UUID().uuidString).xml")
        try """
        <?xml version="1.0"?>
        <!DOCTYPE contract [<!ENTITY secret SYSTEM "file://\(secret)">]>
        <contract xmlns="urn:capitation:contract:1" id="x" version="1"><title>&secret;</title></contract>
        """.write(to: contract, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: contract) }
        for arguments in [["validate", contract.path], ["validate", "--json", contract.path]] {
            let result = try CLI.run(arguments)
            #expect(result.status == 2)
            #expect(!(result.standardOutput + result.standardError).contains("TOP-SECRET"))
            #expect((result.standardOutput + result.standardError).contains("declares a DOCTYPE"))
        }
    }

    @Test func showsHelpWithExamples() throws {
        let result = try CLI.run(["validate", "--help"])
        #expect(result.status == 0)
        #expect(result.standardOutput.contains("capitation validate Contracts/fieldlab-oost-achterhoek.xml"))
    }
}

/// Runs the built `capitation` executable from the repository's folder.
enum CLI {
    struct Result {
        /// The exit status, or the signal's number when the process died from a signal.
        var status: Int32
        var standardOutput: String
        var standardError: String
        /// Whether the process died from a signal (a crash, a trap) instead of exiting.
        var diedFromSignal = false
    }

    static var repository: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }

    /// The executable, next to the test bundle in the build folder.
    static var executable: URL {
        var folder = Bundle.main.bundleURL
        if folder.pathExtension == "xctest" { folder.deleteLastPathComponent() }
        return folder.appendingPathComponent("capitation")
    }

    static func fixture(_ name: String) -> String {
        "Tests/ContractXMLTests/Fixtures/\(name)"
    }

    /// Runs the tool with `arguments`; `environment` is added to this process's environment, from which
    /// the pseudonymisation key is removed.
    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var variables = ProcessInfo.processInfo.environment
        variables["CAPITATION_PSEUDONYM_KEY"] = nil
        process.environment = variables.merging(environment) { $1 }
        process.currentDirectoryURL = repository
        let output = Pipe()
        let error = Pipe()
        process.standardOutput = output
        process.standardError = error
        try process.run()
        let outputData = output.fileHandleForReading.readDataToEndOfFile()
        let errorData = error.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(
            status: process.terminationStatus,
            standardOutput: String(decoding: outputData, as: UTF8.self),
            standardError: String(decoding: errorData, as: UTF8.self),
            diedFromSignal: process.terminationReason == .uncaughtSignal
        )
    }
}
