import Foundation
import Testing

/// `settle --stage` as a user runs it, on a generated folder with baseline years whose contract has a run-out.
struct RunOutCommandTests {
    private func generated() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "capitation-cli-\(UUID().uuidString)"
        )
        let result = try CLI.run([
            "generate", "--members", "300", "--seed", "5", "--baseline-years", "3", "--out", folder.path,
        ])
        #expect(result.status == 0)
        let path = folder.appendingPathComponent("contract.xml")
        let contract = try String(contentsOf: path, encoding: .utf8)
        try contract.replacingOccurrences(
            of: "  <indicators",
            with:
                "  <reconciliation>\n    <runOut months=\"3\" finalMonths=\"12\"/>\n  </reconciliation>\n  <indicators"
        ).write(to: path, atomically: true, encoding: .utf8)
        return folder
    }

    @Test func settlesEachStageAndRefusesWithoutOne() throws {
        let folder = try generated()
        defer { try? FileManager.default.removeItem(at: folder) }
        let unstaged = try CLI.run(["settle", folder.path, "--quiet"])
        #expect(unstaged.status == 3)
        #expect(unstaged.standardError.contains("give --stage provisional or --stage final"))

        let provisional = try CLI.run(["settle", folder.path, "--stage", "provisional", "--threads", "2"])
        #expect(provisional.status == 0)
        #expect(provisional.standardError.contains("  run-out     provisional: lines received by 2027-03-31; "))
        #expect(provisional.standardError.contains("estimated not yet received"))

        let final = try CLI.run(["settle", folder.path, "--stage", "final", "--threads", "2", "--report", "html"])
        #expect(final.status == 0)
        #expect(final.standardError.contains("  run-out     final: lines received by 2027-12-31; "))
        #expect(final.standardError.contains("; true-up: insurer-a "))
        let report = try String(
            contentsOf: folder.appendingPathComponent("settlement/report.html"),
            encoding: .utf8
        )
        #expect(report.contains("id=\"run-out\"") && report.contains("The true-up"))

        // compare settles each variant at the stage given; a shorter run-out counts fewer lines and
        // estimates more, measured against fee-for-service on the lines it counts.
        let compared = try CLI.run([
            "compare", folder.path, "--stage", "provisional", "--model", "as-contracted", "--vary", "run-out=1:12",
            "--json", "--threads", "2",
        ])
        #expect(compared.status == 0)
        let comparison = try #require(
            try JSONSerialization.jsonObject(with: Data(compared.standardOutput.utf8)) as? [String: Any]
        )
        let names = (comparison["models"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
        #expect(names == ["fee-for-service", "as-contracted", "run-out=1:12"])

        // --provisional names the provisional settlement a final one trues up against, nothing else.
        let misplaced = try CLI.run(["settle", folder.path, "--stage", "provisional", "--provisional", "x.json"])
        #expect(misplaced.status == 1)
        #expect(misplaced.standardError.contains("--provisional applies to --stage final"))

        let unknown = try CLI.run(["settle", folder.path, "--stage", "interim"])
        #expect(unknown.status == 1)
        #expect(unknown.standardError.contains("one of 'provisional' and 'final'"))
    }
}
