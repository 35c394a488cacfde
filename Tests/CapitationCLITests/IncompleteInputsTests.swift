import Foundation
import Testing

/// Inputs that look incomplete or mistaken, settled only when the user says so, and then said out loud:
/// on standard error even with `--quiet`, in `settlement.json` and at the top of both reports.
struct IncompleteInputsTests {
    /// A copy of the small example, without outputs.
    private func example() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-incomplete-\(UUID().uuidString)"
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

    private func json(_ folder: URL) throws -> [String: Any] {
        let data = try Data(contentsOf: folder.appendingPathComponent("settlement/settlement.json"))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    @Test func aMissingRegimeIsSettledOnlyWhenAcceptedAndThenRecorded() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("claims/wlz.csv"))
        let refused = try CLI.run(["settle", folder.path, "--quiet"])
        #expect(refused.status == 3)
        #expect(refused.standardError.contains("regime Wlz: no accepted claim line"))

        let reason = "the care office's claims arrive in March; a provisional settlement"
        let accepted = try CLI.run([
            "settle", folder.path, "--quiet", "--accept-incomplete", reason, "--report", "html",
        ])
        #expect(accepted.status == 0, "\(accepted.standardError)")
        // --quiet hides the summary, never what was accepted.
        #expect(
            accepted.standardError.hasPrefix(
                "warning: settled on claims accepted as incomplete, because: \(reason)\n"
                    + "  regime Wlz: no accepted claim line, so its expenditure would be € 0.00 against its whole "
                    + "budget: is a claim file missing?\n"
            )
        )
        let acceptance = try #require(try json(folder)["acceptance"] as? [String: Any])
        #expect(acceptance["reason"] as? String == reason)
        let findings = try #require(acceptance["findings"] as? [[String: Any]])
        #expect(findings.map { $0["check"] as? String } == ["regime-without-claims"])
        #expect(findings.map { $0["regime"] as? String } == ["Wlz"])
        // The report says so before any figure.
        let report = try String(contentsOf: folder.appendingPathComponent("settlement/report.md"), encoding: .utf8)
        let notice = try #require(report.range(of: "## Settled on inputs accepted as incomplete"))
        let summary = try #require(report.range(of: "## Summary"))
        #expect(notice.lowerBound < summary.lowerBound)
        #expect(report.contains("giving as the reason: “\(reason)”"))
        let html = try String(contentsOf: folder.appendingPathComponent("settlement/report.html"), encoding: .utf8)
        let htmlNotice = try #require(html.range(of: "Settled on inputs accepted as incomplete"))
        #expect(htmlNotice.lowerBound < (try #require(html.range(of: ">Summary<"))).lowerBound)
        // `capitation report` renders the recorded acceptance again from settlement.json.
        let again = try CLI.run([
            "report", folder.appendingPathComponent("settlement/settlement.json").path, "--format", "markdown",
            "--out", "-",
        ])
        #expect(again.status == 0)
        #expect(again.standardOutput.contains("giving as the reason: “\(reason)”"))
    }

    /// compare and simulate settle too: they refuse incomplete claims alike, and say when they were accepted.
    @Test func compareAndSimulateRefuseAndAcceptAlike() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.removeItem(at: folder.appendingPathComponent("claims/wlz.csv"))
        for command in [["compare", folder.path], ["simulate", folder.path, "--resamples", "10"]] {
            let refused = try CLI.run(command)
            #expect(refused.status == 3, "\(command[0])")
            #expect(refused.standardError.contains("regime Wlz: no accepted claim line"), "\(command[0])")
            let accepted = try CLI.run(command + ["--accept-incomplete", "a look before the Wlz claims arrive"])
            #expect(accepted.status == 0, "\(command[0]): \(accepted.standardError)")
            #expect(
                accepted.standardError.hasPrefix(
                    "warning: settled on claims accepted as incomplete, because: a look before the Wlz claims arrive\n"
                ),
                "\(command[0])"
            )
        }
    }

    @Test func completeInputsRecordNoAcceptanceEvenWhenOneIsOffered() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run(["settle", folder.path, "--quiet", "--accept-incomplete", "just in case"])
        #expect(result.status == 0)
        #expect(!result.standardError.contains("accepted as incomplete"))
        #expect(try json(folder)["acceptance"] is NSNull)
    }

    @Test func aReasonMustBeGiven() throws {
        let result = try CLI.run(["settle", "Examples/small-fieldlab", "--accept-incomplete", " "])
        #expect(result.status == 1)
        #expect(result.standardError.contains("--accept-incomplete needs a reason"))
        // A reason on several lines, or with an escape sequence, would forge the report's first page.
        for reason in ["late\n## Summary\nAll fine", "late\u{1B}[2J"] {
            let forged = try CLI.run(["settle", "Examples/small-fieldlab", "--accept-incomplete", reason])
            #expect(forged.status == 1)
            #expect(forged.standardError.contains("--accept-incomplete takes a reason on one line"))
        }
    }

    @Test func claimsInSubfoldersAreReadInPathOrder() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(try CLI.run(["settle", folder.path, "--quiet"]).status == 0)
        let flat = try json(folder)
        // wlz.csv moves to claims/2026-q1/, which sorts before claims/wmo.csv.
        let quarter = folder.appendingPathComponent("claims/2026-q1")
        try FileManager.default.createDirectory(at: quarter, withIntermediateDirectories: true)
        try FileManager.default.moveItem(
            at: folder.appendingPathComponent("claims/wlz.csv"),
            to: quarter.appendingPathComponent("wlz.csv")
        )
        #expect(try CLI.run(["settle", folder.path, "--quiet"]).status == 0)
        let nested = try json(folder)
        let reconciliation = try #require(nested["reconciliation"] as? [String: Any])
        let read = try #require(reconciliation["read"] as? [String: Any])
        #expect(read["lines"] as? Int == 53)
        #expect((nested["parties"] as? NSArray) == (flat["parties"] as? NSArray))
        let inputs = try #require(nested["inputs"] as? [[String: Any]])
        let claims = inputs.filter { $0["role"] as? String == "claims" }.compactMap { $0["path"] as? String }
        #expect(
            claims.map { $0.replacing(folder.path + "/", with: "") } == [
                "claims/2026-q1/wlz.csv", "claims/wmo.csv", "claims/zvw.csv",
            ]
        )
    }

    @Test func aPercentageBelowOneIsWarnedAboutEverywhere() throws {
        let folder = try example()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("contract.xml")
        let contract = try String(contentsOf: path, encoding: .utf8)
        try Data(contract.replacing("<sharingRate percent=\"50\"", with: "<sharingRate percent=\"0.5\"").utf8).write(
            to: path
        )
        let warning =
            "contract.xml:91:18: warning: <sharingRate> attribute 'percent': a sharing rate of 0.5 % is less than one "
            + "percent; the attribute is in percent, not a fraction, so if 50 % was meant, write percent=\"50\""
        let validate = try CLI.run(["validate", path.path])
        #expect(validate.status == 0)
        #expect(validate.standardError.contains(warning))
        #expect(try CLI.run(["validate", "--strict", path.path]).status != 0)
        // --quiet hides progress and the summary, not a warning.
        let settle = try CLI.run(["settle", folder.path, "--quiet"])
        #expect(settle.status == 0)
        #expect(settle.standardError.contains(warning))
        // settlement.json records it by its code and figures, at its place in the contract.
        let warnings = try #require(try json(folder)["warnings"] as? [[String: Any]])
        let recorded = try #require(warnings.first { $0["code"] as? String == "contract.percent-below-one" })
        #expect(recorded["element"] as? String == "sharingRate" && recorded["attribute"] as? String == "percent")
        #expect(recorded["term"] as? String == "sharing-rate" && recorded["percent"] as? String == "0.5")
        #expect(recorded["writtenIn"] as? String == "percent")
        let at = try #require(recorded["at"] as? [String: Any])
        #expect((at["file"] as? String)?.hasSuffix("contract.xml") == true)
        #expect(at["line"] as? Int == 91 && at["column"] as? Int == 18)
        // The report says it in full, in English and in Dutch.
        let english = try String(contentsOf: folder.appendingPathComponent("settlement/report.md"), encoding: .utf8)
        #expect(
            english.contains(
                "contract.xml:91:18: <sharingRate> attribute 'percent': a sharing rate of 0.5 % is less than one percent; the attribute is in percent, not a fraction, so if 50 % was meant, write percent=\"50\""
            )
        )
        let top = try #require(english.range(of: "## Warnings"))
        #expect(top.lowerBound < (try #require(english.range(of: "## Summary"))).lowerBound)
        let dutch = try CLI.run(["settle", folder.path, "--quiet", "--locale", "nl"])
        #expect(dutch.status == 0, "\(dutch.standardError)")
        let inDutch =
            "<sharingRate> attribuut 'percent': een deelpercentage van 0,5 % is minder dan één procent; het attribuut "
            + "staat in procenten, niet als fractie; als 50 % bedoeld is, schrijf dan percent=\"50\""
        #expect(dutch.standardError.contains("contract.xml:91:18: waarschuwing: " + inDutch))
        let rapport = try String(contentsOf: folder.appendingPathComponent("settlement/report.md"), encoding: .utf8)
        #expect(rapport.contains("contract.xml:91:18: " + inDutch))
    }
}
