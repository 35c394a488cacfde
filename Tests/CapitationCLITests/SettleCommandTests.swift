import Foundation
import Testing

/// `capitation settle` as a user runs it: its outputs, its summary, and an exit code for each way it can fail.
struct SettleCommandTests {
    /// A copy of the small example in a temporary folder.
    private func example() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-cli-\(UUID().uuidString)"
        )
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let source = CLI.repository.appendingPathComponent("Examples/small-fieldlab")
        for item in try FileManager.default.contentsOfDirectory(atPath: source.path) where item != "settlement" {
            try FileManager.default.copyItem(
                at: source.appendingPathComponent(item),
                to: folder.appendingPathComponent(item)
            )
        }
        return folder
    }

    // The summary in Dutch: the same figures (payout 5,718.18 of savings 18,046.20, as in English), in
    // Dutch words, amounts, dates and warnings; only a line's reason for being unreadable stays English.
    @Test func summarisesInDutch() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["settle", folder.path, "--threads", "2", "--locale", "nl"])
        #expect(result.status == 0)
        let lines = result.standardError.split(separator: "\n").map(String.init)
        #expect(
            Array(lines.prefix(6)) == [
                "Afgerekend: small-fieldlab-2026 versie 1 (01-01-2026 t/m 31-12-2026), gedeelde besparing, eenzijdig",
                "  populatie   12 leden, 10,49863 persoonsjaren",
                "  declaraties 53 regels: 34 geaccepteerd (€ 166.808,50), 19 afgewezen",
                "  budget      € 188.454,70; uitgaven € 170.408,50; besparing € 18.046,20 (9,5759 % van het budget)",
                "  minimum     2 % (vast): gehaald",
                "  kwaliteit   score 0,64666: kwaliteitsdrempel gehaald",
            ]
        )
        #expect(
            lines.contains(
                "waarschuwing: \(folder.path)/claims/wlz.csv: 1 van de 10 declaratieregels kan niet worden gelezen "
                    + "en telt in geen enkel stelsel mee (zie rejected-claims.csv): regel 11: column amount: -2240.00 "
                    + "is negative; write the amount without a sign and debit_credit C for a credit"
            )
        )
        #expect(!result.standardError.contains("warning:"))
    }

    @Test func settlesTheExampleAndWritesItsOutputs() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["settle", folder.path, "--threads", "2"])
        #expect(result.status == 0)
        #expect(result.standardOutput.isEmpty)
        #expect(
            result.standardError.contains(
                "Settled small-fieldlab-2026 version 1 (2026-01-01..2026-12-31), shared-savings, one-sided"
            )
        )
        #expect(result.standardError.contains("payout € 5,718.18"))
        #expect(
            result.standardError.contains(
                "budget      € 188,454.70; expenditure € 170,408.50; savings € 18,046.20 (9.5759 % of the budget)"
            )
        )
        for name in ["settlement.json", "report.md", "rejected-claims.csv"] {
            #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("settlement/\(name)").path))
        }
        let quiet = try CLI.run([
            "settle", folder.path, "--quiet", "--out", folder.appendingPathComponent("second").path,
        ])
        #expect(quiet.status == 0)
        // --quiet hides the summary; what stays are the warnings about the example's three unreadable lines.
        let lines = quiet.standardError.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.hasPrefix("warning: ") && $0.contains("1 of its") })
    }

    /// Runs `capitation ARGUMENTS` under `script`, which gives it a terminal; returns what the terminal showed.
    private func onTerminal(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/script")
        let command = ([CLI.executable.path] + arguments).map { "'\($0)'" }.joined(separator: " ")
        process.arguments = ["-qec", command, "/dev/null"]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = Pipe()
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return String(decoding: data, as: UTF8.self)
    }

    // Reading the claims shows its progress on a terminal (lines read, MB/s, then the reconciliation),
    // erased before the summary; through a pipe, or with --quiet, nothing of it appears.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script")))
    func showsProgressOnlyOnATerminal() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        let shown = try onTerminal(["settle", folder.path, "--out", folder.appendingPathComponent("a").path])
        #expect(shown.contains("claims: "))
        #expect(shown.contains(" MB/s, reconciling members"))
        #expect(shown.contains("\r\u{1B}[KSettled small-fieldlab-2026"))
        let quiet = try onTerminal(["settle", folder.path, "--quiet", "--out", folder.appendingPathComponent("b").path])
        #expect(!quiet.contains("claims: "))
        let piped = try CLI.run(["settle", folder.path, "--out", folder.appendingPathComponent("c").path])
        #expect(!piped.standardError.contains("claims: "))
        #expect(!piped.standardError.contains("\u{1B}"))
    }

    /// A run that cannot write its outputs leaves no settlement.json of an earlier run next to them.
    @Test func leavesNoEarlierSettlementWhenTheOutputsFail() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["settle", folder.path, "--quiet"]).status == 0)
        let outputs = folder.appendingPathComponent("settlement")
        let rejected = outputs.appendingPathComponent("rejected-claims.csv")
        try FileManager.default.removeItem(at: rejected)
        try FileManager.default.createDirectory(at: rejected, withIntermediateDirectories: false)
        let result = try CLI.run(["settle", folder.path, "--quiet"])
        #expect(result.status == 4)
        #expect(!FileManager.default.fileExists(atPath: outputs.appendingPathComponent("settlement.json").path))
    }

    /// No output names a member: member ids may be BSNs, and none may leave the inputs.
    @Test func writesNoMemberIdentifier() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["settle", folder.path])
        let roster = try String(contentsOf: folder.appendingPathComponent("population.csv"), encoding: .utf8)
        let ids =
            roster.split(separator: "\n").dropFirst().compactMap { $0.split(separator: ",").first.map(String.init) } + [
                "M999"
            ]
        var outputs = [result.standardError, result.standardOutput]
        for name in ["settlement.json", "report.md", "rejected-claims.csv"] {
            outputs.append(try String(contentsOf: folder.appendingPathComponent("settlement/\(name)"), encoding: .utf8))
        }
        for id in ids {
            #expect(!outputs.contains { $0.contains(id) }, "\(id) appears in an output")
        }
    }

    @Test func exitsTwoOnInvalidInput() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("population.csv"))
        let missing = try CLI.run(["settle", folder.path])
        #expect(missing.status == 2)
        #expect(missing.standardError == "\(folder.path)/population.csv: error: cannot open the file: no such file\n")
        try "member_id,birth_date\nM1,1950-01-01\n".write(
            to: folder.appendingPathComponent("population.csv"),
            atomically: true,
            encoding: .utf8
        )
        let header = try CLI.run(["settle", folder.path])
        #expect(header.status == 2)
        #expect(header.standardError.contains("population.csv:1: error: header: column sex is missing"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("settlement").path))
    }

    @Test func exitsThreeWhenTheSettlementIsRefused() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("indicators.csv"))
        let result = try CLI.run(["settle", folder.path])
        #expect(result.status == 3)
        #expect(
            result.standardError
                == "error: settlement refused: indicator 'acute-admissions' has no observations, and the quality score changes the payment, so the contract refuses to settle without it (whenUnobserved=\"refuse\", the default): supply the observations; for an event indicator measured without events, declare so in an events file with the row ',acute-admissions,none'; or state in the contract what happens without observations: whenUnobserved=\"zero-points\"\n"
        )
    }

    // Settled without the admissions because the contract says so: zero points for the mandatory
    // indicator fail the gate, and the summary, the warnings, report.md and settlement.json all name it.
    // Experienced control is 75 (30 respondents at 76, 10 at 72): (75 − 60) ÷ 20 = 0.75 points, so the
    // score is (2 × 0 + 0.75) ÷ 3 = 0.25.
    @Test func namesAnIndicatorSettledWithoutObservations() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("indicators.csv"))
        let contract = folder.appendingPathComponent("contract.xml")
        try String(contentsOf: contract, encoding: .utf8).replacingOccurrences(
            of: "<indicators minimumScore=\"0.40\">",
            with: "<indicators minimumScore=\"0.40\" whenUnobserved=\"zero-points\">"
        ).write(to: contract, atomically: true, encoding: .utf8)
        let result = try CLI.run(["settle", folder.path])
        #expect(result.status == 0)
        #expect(
            result.standardError.contains(
                "  quality     score 0.25: gate failed; no observations: acute-admissions (zero points)\n"
            )
        )
        #expect(
            result.standardError.contains(
                "warning: quality gate: mandatory indicator 'acute-admissions' has no observations"
            )
        )
        let report = try String(contentsOf: folder.appendingPathComponent("settlement/report.md"), encoding: .utf8)
        #expect(report.contains("Without observations: acute-admissions (zero points, as the contract says)."))
        let json = try String(contentsOf: folder.appendingPathComponent("settlement/settlement.json"), encoding: .utf8)
        #expect(json.contains("\"unobserved\": [\n      \"acute-admissions\"\n    ]"))

        // Declared as measured with no events, the admissions are 0 per 1,000 person-years, beyond the target
        // of 300: 1 point, and the score (2 × 1 + 0.75) ÷ 3 = 0.916667.
        try "member_id,indicator,date\n,acute-admissions,none\n".write(
            to: folder.appendingPathComponent("indicators.csv"),
            atomically: true,
            encoding: .utf8
        )
        let declared = try CLI.run(["settle", folder.path])
        #expect(declared.status == 0)
        #expect(
            declared.standardError.contains(
                "  quality     score 0.916667: gate passed; declared without events: acute-admissions\n"
            )
        )
    }

    // A declaration of no events must hold: not beside events of the indicator that count, in any file,
    // and not for an indicator measured in values. Either is invalid input, with the declaring row. (Four of
    // the six admissions in indicators.csv count: EXPECTED.md.)
    @Test func refusesADeclarationOfNoEventsThatDoesNotHold() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        try "member_id,indicator,date\n,acute-admissions,none\n,experienced-control,none\n".write(
            to: folder.appendingPathComponent("indicators/declared.csv"),
            atomically: true,
            encoding: .utf8
        )
        let result = try CLI.run(["settle", folder.path])
        #expect(result.status == 2)
        let path = folder.appendingPathComponent("indicators/declared.csv").path
        #expect(
            result.standardError
                == "\(path):3: error: indicator 'experienced-control' is a measured value (percent), not a count of events, so it cannot be declared to have had no events\n"
                + "\(path):2: error: the row declares that indicator 'acute-admissions' had no events, but 4 of its events count in the population and period\n"
        )
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("settlement").path))
    }

    @Test func exitsFourWhenTheOutputsCannotBeWritten() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["settle", folder.path, "--out", folder.appendingPathComponent("population.csv").path])
        #expect(result.status == 4)
        #expect(result.standardError.contains("error: cannot write the outputs:"))
    }

    @Test func exitsOneWithoutInputs() throws {
        let result = try CLI.run(["settle"])
        #expect(result.status == 1)
        #expect(result.standardError.contains("Give a settlement folder, or --contract, --population and --claims."))
    }
}
