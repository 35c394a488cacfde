import Foundation
import Testing

/// `capitation compare` and `capitation settle --totals` as a user runs them.
struct CompareCommandTests {
    private let example = CLI.repository.appendingPathComponent("Examples/small-fieldlab").path

    @Test func printsTheModelsSideBySide() throws {
        let result = try CLI.run(["compare", example])
        #expect(result.status == 0, "\(result.standardError)")
        for text in [
            "# Payment models compared: Small worked fieldlab",
            "| as-contracted = shared-savings-one-sided | one-sided, MSR 2 %, 50 % × quality, cap 10 %, reduction 2 % |",
            "| capitation-corridors | corridors 0–5 %: 50 %, 5–10 %: 35 %, 10–15 %: 15 %, 15– %: 5 % |",
            // The settled example: the payout of 5,718.18 (EXPECTED.md) is the providers' result.
            "| **providers' result** | **€ 0.00** | **€ 5,718.18** | **€ 18,046.20** |",
            "### Care avoided in the Wlz", "| insurer-a | 100.00 | 72.88 | 14.40 |",
        ] {
            #expect(result.standardOutput.contains(text), "missing: \(text)")
        }
    }

    /// Under every model the nets sum to zero, the financiers' extra cost is the providers' result, and the
    /// parties' gains from avoided care sum to the care avoided.
    @Test func keepsEveryCentInTheJSON() throws {
        let result = try CLI.run([
            "compare", example, "--json", "--vary", "name=Track 2,sides=two,sharing-rate=60,savings-cap=15",
            "--vary", "risk-adjustment=off",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        )
        #expect(json["format"] as? String == "capitation-comparison/1")
        let models = try #require(json["models"] as? [[String: Any]])
        #expect(
            models.map { $0["name"] as? String } == [
                "fee-for-service", "as-contracted = shared-savings-one-sided", "capitation", "capitation-corridors",
                "shared-savings-two-sided", "Track 2", "risk-adjustment=off",
            ]
        )
        for model in models {
            let parties = try #require(model["parties"] as? [[String: Any]])
            #expect(parties.compactMap { $0["netCents"] as? Int }.reduce(0, +) == 0)
            let financiers = try #require(model["financiers"] as? [[String: Any]])
            let extra = financiers.compactMap { $0["versusFeeForServiceCents"] as? Int }.reduce(0, +)
            #expect(extra == model["providersResultCents"] as? Int)
            for incentive in try #require(model["incentives"] as? [[String: Any]]) {
                let gains = try #require(incentive["parties"] as? [[String: Any]])
                #expect(gains.compactMap { $0["gainCents"] as? Int }.reduce(0, +) == incentive["avoidedCents"] as? Int)
            }
        }
        let track2 = try #require(models.first { $0["name"] as? String == "Track 2" })
        #expect(
            track2["terms"] as? String
                == "two-sided, MSR 2 %, 60 % × quality, cap 15 %, reduction 2 %, losses 1 − rate ≤ 60 %, loss cap 5 %"
        )
    }

    @Test func printsOneCSVRowPerModelAndParty() throws {
        let result = try CLI.run(["compare", example, "--csv", "--model", "fee-for-service,capitation"])
        #expect(result.status == 0, "\(result.standardError)")
        let lines = result.standardOutput.split(separator: "\n")
        #expect(lines.count == 1 + 2 * 5)
        #expect(lines[0].hasPrefix("model,party,role,pays,receives,net,claims,total_cost,versus_fee_for_service,"))
        #expect(
            lines.contains(
                "capitation,insurer-a,insurer,6699.85,0.00,-6699.85,47730.50,54430.35,6699.85,14.40,-37.13,-8.50"
            )
        )
    }

    /// A variant with another population has its claims read again: a contract for people of 85 and over.
    @Test func readsTheClaimsAgainForAVariantWithAnotherPopulation() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-cli-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let contract = try String(contentsOfFile: example + "/contract.xml", encoding: .utf8)
        let older = folder.appendingPathComponent("older.xml")
        try contract.replacing("<minimumAge years=\"75\"/>", with: "<minimumAge years=\"85\"/>")
            .write(to: older, atomically: true, encoding: .utf8)
        let result = try CLI.run(["compare", example, "--model", "fee-for-service", "--variant", older.path, "--json"])
        #expect(result.status == 0, "\(result.standardError)")
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(result.standardOutput.utf8)) as? [String: Any]
        )
        let models = try #require(json["models"] as? [[String: Any]])
        #expect(models.map { $0["name"] as? String } == ["fee-for-service", "older"])
        let budgets = models.compactMap { ($0["totals"] as? [String: Any])?["budgetCents"] as? Int }
        #expect(budgets.count == 2 && budgets[0] > budgets[1])
        // Measured against fee-for-service on its own population: its claims are not the example's, so against
        // the example's fee-for-service the financiers' extra cost would not be the providers' result.
        let variant = models[1]
        #expect(variant["ownFeeForService"] as? Bool == true)
        let financiers = try #require(variant["financiers"] as? [[String: Any]])
        let claims = financiers.compactMap { $0["claimsCents"] as? Int }.reduce(0, +)
        let exampleClaims = try #require(models[0]["financiers"] as? [[String: Any]])
            .compactMap { $0["claimsCents"] as? Int }.reduce(0, +)
        #expect(claims < exampleClaims)
        let extra = financiers.compactMap { $0["versusFeeForServiceCents"] as? Int }.reduce(0, +)
        #expect(extra == variant["providersResultCents"] as? Int)
    }

    @Test(arguments: [
        (["--model", "bundled"], 1, "--model: 'bundled' is not one of"),
        (["--vary", "colour=blue"], 1, "--vary 'colour=blue': 'colour' is not a parameter that can be varied"),
        (["--json", "--csv"], 1, "Give --json or --csv, not both."),
        (["--variant", "Tests/ContractXMLTests/Fixtures/invalid/unknown-party.xml"], 2, "error:"),
        (
            ["--vary", "msr=table:nowhere"], 2,
            "--vary: error: msr=table:nowhere: msr: there is no table 'nowhere'; the tables are mssp"
        ),
        (
            ["--vary", "model=capitation,corridors=0-5:50"], 2,
            "the changed contract breaks its rules: the last corridor band must be open-ended"
        ),
    ])
    func failsWithTheDocumentedExitCode(options: [String], status: Int32, message: String) throws {
        let result = try CLI.run(["compare", example] + options)
        #expect(result.status == status)
        #expect(result.standardError.contains(message), "\(result.standardError)")
    }

    @Test func settlesTheMSSPCasesFromTotals() throws {
        let result = try CLI.run([
            "settle", "--contract", "Contracts/mssp-track-1.xml", "--totals", "Examples/mssp-totals/totals.csv",
        ])
        #expect(result.status == 0, "\(result.standardError)")
        let rows = result.standardOutput.split(separator: "\n").map {
            $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        }
        let header = rows[0]
        func value(_ row: Int, _ column: String) -> String? {
            header.firstIndex(of: column).map { rows[row][$0] }
        }
        #expect(rows.count == 6)
        // aco-a: MSR 2.353985 %, 45 % of 12,000,000.00 = 5,400,000.00, less 2 % = 5,292,000.00.
        #expect(value(1, "msr_percent") == "2.353985")
        #expect(value(1, "payout") == "5292000.00")
        #expect(value(1, "net_aco") == "5292000.00")
        // aco-b: capped at 10 % of 100,000,000.00; aco-c: 2 % does not meet 2.879976 %.
        #expect(value(2, "capped") == "yes")
        #expect(value(2, "payout") == "9800000.00")
        #expect(value(3, "msr_percent") == "2.879976")
        #expect(value(3, "msr_met") == "no")
        // aco-d: exactly at the MSR; aco-e: quality 0.25 below the minimum 0.30, so nothing is shared.
        #expect(value(4, "payout") == "4613810.60")
        #expect(value(5, "quality_gate_passed") == "no")
        #expect(value(5, "payout") == "0.00")
    }

    @Test func writesTheTotalsSettlementToAFolder() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-cli-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try CLI.run([
            "settle", "--contract", "Contracts/mssp-track-1.xml", "--totals", "Examples/mssp-totals/totals.csv",
            "--out", folder.path,
        ])
        #expect(result.status == 0, "\(result.standardError)")
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("Settled 5 cases under contract 'mssp-track-1'"))
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.appendingPathComponent("totals-settlement.json"))
            )
                as? [String: Any]
        )
        #expect(json["format"] as? String == "capitation-totals/2")
        #expect((json["cases"] as? [Any])?.count == 5)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("totals-settlement.csv").path))
    }

    @Test func refusesTotalsItCannotSettleWithTheLine() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-cli-\(UUID().uuidString)"
        )
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let totals = folder.appendingPathComponent("totals.csv")
        try
            "case_id,people,budget,expenditure,budget_wmo,expenditure_wmo\nx,10,100.00,90.00,100.00,90.00\ny,10,100.00,90.00,,\n"
            .write(to: totals, atomically: true, encoding: .utf8)
        let result = try CLI.run(["settle", "--contract", "Contracts/mssp-track-1.xml", "--totals", totals.path])
        #expect(result.status == 2)
        #expect(
            result.standardError.contains(
                "totals.csv:2: error: case x: the case gives amounts for the Wmo, which the contract does not cover"
            )
        )
        #expect(
            result.standardError.contains(
                "totals.csv:3: error: case y: the contract's sharing rate depends on quality (multiply), so the case needs a quality score"
            )
        )
        let usage = try CLI.run(["settle", "--totals", totals.path])
        #expect(usage.status == 1)
        #expect(usage.standardError.contains("--totals needs the contract"))
    }
}
