import CapitationCore
import Foundation
import SettlementRunner
import SyntheticData
import Testing

/// A two-year contract with a rebased benchmark, settled from generated data: each year's per-capita
/// amounts are the baseline of the two years before it, the second year's taken from the first
/// performance year's own data.
struct MultiYearTests {
    /// 2024 and 2025 as baseline years, 2026 in the folder itself, 2027 in `2027/`.
    static func folder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try SyntheticFieldlab(members: 300, seed: 3, year: 2026, baselineYears: 2).write(to: folder.path)
        _ = try SyntheticFieldlab(members: 300, seed: 4, year: 2027).write(to: folder.path("2027"))
        try FileManager.default.removeItem(atPath: folder.path("2027/contract.xml"))
        var contract = try String(contentsOfFile: folder.path("contract.xml"), encoding: .utf8)
        contract = contract.replacing(
            "<term years=\"1\" baselineWeights=\"1 1\"/>",
            with: "<term years=\"2\" benchmark=\"rebased\" baselineWeights=\"1 1\"/>"
        )
        contract = contract.replacing(
            "label=\"growth 2025–2026\"/>",
            with: "label=\"growth 2025–2026\"/>\n    <trend year=\"2027\" percent=\"2.5\"/>"
        )
        try folder.write("contract.xml", contract)
        return folder
    }

    @Test func rebasesEachYearOnTheYearsBeforeIt() async throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        let outcome = try await MultiYearRun(folder: folder.url.path, threads: 2).run()
        let settlements = outcome.years.map(\.settlement)
        #expect(settlements.map(\.contract.period.start.year) == [2026, 2027])
        for settlement in settlements {
            let year = settlement.contract.period.start.year
            let baseline = try await BaselineRun(folder: folder.url.path, targetYear: year, threads: 1).run().baseline
            #expect(baseline.years.map(\.year) == [year - 2, year - 1])
            #expect(settlement.regimes.map(\.perCapitaAnnual) == baseline.regimes.map(\.perCapitaAnnual))
            #expect(settlement.steps.prefix(3).map(\.id) == ["benchmark.Zvw", "benchmark.Wmo", "benchmark.Wlz"])
            #expect(settlement.risk.map { $0.growthCap?.baselineMeanScore } == baseline.meanScores.map(\.mean))
        }
        // Each year's outputs in its own folder, and the summary of both with running totals.
        for year in [2026, 2027] {
            #expect(FileManager.default.fileExists(atPath: folder.path("settlement/\(year)/settlement.json")))
        }
        let summary = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.url.appendingPathComponent("settlement/summary.json"))
            )
                as? [String: Any]
        )
        let years = try #require(summary["years"] as? [[String: Any]])
        let savings = settlements.map(\.totals.savings.rawValue)
        #expect(years.map { $0["savingsCents"] as? Int64 } == savings)
        #expect(years.last?["cumulativeSavingsCents"] as? Int64 == savings.reduce(0, +))
        // One year alone gives the same settlement.
        let second = try await MultiYearRun(
            folder: folder.url.path,
            year: 2027,
            output: folder.path("alone"),
            threads: 1
        )
        .run()
        #expect(second.summary.isEmpty)
        #expect(
            try Data(contentsOf: folder.url.appendingPathComponent("alone/2027/settlement.json")).count > 0
        )
        #expect(second.years.first?.settlement.totals == settlements.last?.totals)
    }

    /// A year without its Wlz claims is refused, and settled only when accepted.
    ///
    /// The summary then says which year rests on incomplete claims. A baseline year is never measured on
    /// incomplete claims.
    /// Removes the Wlz claims of the year in `year` (a folder), and with them the care office's answers.
    private func removeWlzClaims(of year: String, in folder: TemporaryFolder) throws {
        try FileManager.default.removeItem(atPath: folder.path("\(year)/claims/wlz.csv"))
        let answers = try String(contentsOfFile: folder.path("\(year)/claims/answers.csv"), encoding: .utf8)
        try folder.write(
            "\(year)/claims/answers.csv",
            answers.split(separator: "\n").filter { !$0.hasPrefix("L-") }.joined(separator: "\n") + "\n"
        )
    }

    // The contract is read once for all years: loaded, then removed from the folder, it still settles both
    // years (each rebased on the two before it) with the same bytes as a run that reads it itself.
    @Test func readsTheContractOnceForEveryYear() async throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        let reading = try await SettlementJob(folder: folder.url.path).run()
        #expect(reading.years.count == 2)
        let first = try Data(contentsOf: folder.url.appendingPathComponent("settlement/2027/settlement.json"))
        var run = MultiYearRun(folder: folder.url.path, output: folder.path("again"), threads: 2)
        run.loadedContract = try ContractFile(path: folder.path("contract.xml"))
        try FileManager.default.removeItem(atPath: folder.path("contract.xml"))
        let loadedOnce = try await run.run()
        #expect(loadedOnce.years.map(\.settlement.contract.period.start.year) == [2026, 2027])
        let again = try Data(contentsOf: folder.url.appendingPathComponent("again/2027/settlement.json"))
        #expect(again == first)
    }

    @Test func saysWhichYearWasAcceptedAsIncomplete() async throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        try removeWlzClaims(of: "2027", in: folder)
        let refused = await #expect(throws: RunError.self) {
            try await MultiYearRun(folder: folder.url.path, threads: 2).run()
        }
        #expect(refused?.code == .incompleteClaims)
        var accepted = MultiYearRun(folder: folder.url.path, threads: 2)
        accepted.acceptIncomplete = "the care office's claims of 2027 follow"
        let outcome = try await accepted.run()
        #expect(
            outcome.years.map { $0.settlement.acceptance?.reason } == [nil, "the care office's claims of 2027 follow"]
        )
        let summary = try String(contentsOfFile: folder.path("settlement/summary.md"), encoding: .utf8)
        #expect(
            summary.contains(
                "## Years settled on inputs accepted as incomplete\n\n- 2027, because: the care office's claims of 2027 follow\n"
                    + "  - regime Wlz: no accepted claim line"
            )
        )
        let json = try #require(
            try JSONSerialization.jsonObject(
                with: Data(contentsOf: folder.url.appendingPathComponent("settlement/summary.json"))
            )
                as? [String: Any]
        )
        let years = try #require(json["years"] as? [[String: Any]])
        #expect(years.first?["acceptance"] is NSNull)
        #expect(
            (years.last?["acceptance"] as? [String: Any])?["reason"] as? String
                == "the care office's claims of 2027 follow"
        )

        // Without the Wlz claims of baseline year 2025, the rebased 2026 cannot be measured, accepted or not.
        try removeWlzClaims(of: "baseline/2025", in: folder)
        let baseline = await #expect(throws: RunError.self) {
            try await accepted.run()
        }
        #expect(baseline?.code == .incompleteClaims)
        #expect(baseline?.message.hasPrefix("the claims of baseline year 2025 look incomplete") == true)
    }

    @Test func refusesAYearOutsideTheTermOrWithoutData() async throws {
        let folder = try Self.folder()
        defer { folder.remove() }
        let outside = await #expect(throws: RunError.self) {
            _ = try await MultiYearRun(folder: folder.url.path, year: 2028, threads: 1).run()
        }
        #expect(outside?.code == .invalidInput)
        try FileManager.default.removeItem(atPath: folder.path("baseline/2024"))
        let missing = await #expect(throws: RunError.self) {
            _ = try await MultiYearRun(folder: folder.url.path, year: 2026, threads: 1).run()
        }
        #expect(missing?.code == .invalidInput)
        #expect(missing?.location == SourceLocation(path: folder.path("baseline/2024")))
    }
}
