import Foundation
import Testing

/// `capitation baseline` and `settle --year` as a user runs them, on a generated folder with baseline years.
struct BaselineCommandTests {
    private func generated() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-cli-\(UUID().uuidString)"
        )
        let result = try CLI.run([
            "generate", "--members", "200", "--seed", "5", "--baseline-years", "3", "--out", folder.path,
        ])
        #expect(result.status == 0)
        return folder
    }

    @Test func printsTheBaselineAndAFragmentToPaste() throws {
        let folder = try generated()
        defer { try? FileManager.default.removeItem(at: folder) }
        let report = try CLI.run(["baseline", folder.path])
        #expect(report.status == 0)
        for text in [
            "Baseline years 2023, 2024, 2025 with weights 10 30 60, trended to 2026", "## Zvw", "## Wlz",
            "| 2023 |", "× 1.092727", "## Contract fragment", "<perCapita annual=",
            "<growthCap percent=\"3\" baselineMean=",
        ] {
            #expect(report.standardOutput.contains(text), "missing: \(text)")
        }
        let fragment = try CLI.run(["baseline", folder.path, "--fragment"])
        #expect(fragment.standardOutput.hasPrefix("<!-- capitation baseline: years 2023, 2024, 2025"))
        #expect(report.standardOutput.contains(fragment.standardOutput))
        // Two equal weights use the two years before 2026.
        let json = try CLI.run(["baseline", folder.path, "--weights", "1,1", "--json"])
        let object = try #require(
            try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any]
        )
        #expect(object["format"] as? String == "capitation-baseline/1")
        #expect((object["years"] as? [[String: Any]])?.map { $0["year"] as? Int } == [2024, 2025])
        #expect(object["weights"] as? [String] == ["1", "1"])
    }

    @Test func failsWellWithoutBaselineYearsOrOutsideTheTerm() throws {
        let folder = try generated()
        defer { try? FileManager.default.removeItem(at: folder) }
        let tooMany = try CLI.run(["baseline", folder.path, "--weights", "1,1,1,1"])
        #expect(tooMany.status == 2)
        #expect(tooMany.standardError.contains("the data of 2022 is missing"))
        let later = try CLI.run(["settle", folder.path, "--year", "2027", "--quiet"])
        #expect(later.status == 2)
        #expect(later.standardError.contains("2027 is not a performance year of contract 'generated-fieldlab-2026'"))
        let badWeights = try CLI.run(["baseline", folder.path, "--weights", "1,x"])
        #expect(badWeights.status == 1)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("baseline"))
        var contract = try String(contentsOf: folder.appendingPathComponent("contract.xml"), encoding: .utf8)
        contract = contract.replacing(" baselineWeights=\"10 30 60\"", with: "")
        try contract.write(to: folder.appendingPathComponent("contract.xml"), atomically: true, encoding: .utf8)
        let none = try CLI.run(["baseline", folder.path])
        #expect(none.status == 2)
        #expect(none.standardError.contains("no baseline years before 2026"))
        // The year's own settlement still works with --year.
        #expect(try CLI.run(["settle", folder.path, "--year", "2026", "--quiet"]).status == 0)
        #expect(
            FileManager.default.fileExists(
                atPath: folder.appendingPathComponent("settlement/2026/settlement.json").path
            )
        )
    }
}
