import CapitationCore
import Foundation
import SettlementReports
import SettlementRunner
import SyntheticData
import Testing

/// A generated fieldlab with two baseline years, whose contract settles provisionally three months after
/// the year and finally twelve months after it; the generator's claims arrive with lags per regime.
struct RunOutRunTests {
    static func fieldlab() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try SyntheticFieldlab(members: 1_200, seed: 17, year: 2026, baselineYears: 2).write(to: folder.path)
        let contract = try String(contentsOfFile: folder.path("contract.xml"), encoding: .utf8)
        let truncation = try #require(contract.firstRange(of: "  <truncation"))
        let lineEnd = try #require(contract[truncation.lowerBound...].firstIndex(of: "\n"))
        var changed = contract
        changed.insert(
            contentsOf: "\n  <reconciliation>\n    <runOut months=\"3\" finalMonths=\"12\"/>\n  </reconciliation>",
            at: lineEnd
        )
        try folder.write("contract.xml", changed)
        return folder
    }

    /// The provisional settlement counts the lines received by 31 March 2027 and adds an estimate per
    /// regime; its expenditure is the claims received less truncation plus the estimate, and the months'
    /// received claims add up to the regime's.
    @Test func settlesProvisionallyWithAnEstimateOfTheClaimsNotYetReceived() async throws {
        let folder = try Self.fieldlab()
        defer { folder.remove() }
        let settlement = try await folder.settle(threads: 2, stage: .provisional).settlement
        let runOut = try #require(settlement.runOut)
        #expect(runOut.stage == .provisional && runOut.cutOff.description == "2027-03-31")
        #expect(runOut.receivedAfterCutOff.lines > 0 && runOut.undated.lines == 0)
        #expect(
            settlement.reconciliation.rejected.first { $0.reason == .receivedAfterCutOff }?.total
                == runOut.receivedAfterCutOff
        )
        for regime in settlement.regimes {
            let completion = try #require(runOut.completion.first { $0.regime == regime.regime })
            #expect(completion.baselineYears == [2024, 2025])
            #expect(regime.notYetReceived == completion.estimate)
            #expect(
                try regime.expenditure == regime.claims - regime.truncated + regime.lumpSums + regime.notYetReceived
            )
            #expect(try completion.months.map(\.received).sum() == regime.claims)
        }
        // The Zvw's long tail leaves the most to come.
        let zvw = try #require(settlement.regimes.first { $0.regime == .zvw })
        #expect(zvw.notYetReceived > .zero)
        #expect(
            settlement.steps.contains { $0.id == "completion.Zvw" } && settlement.steps.contains { $0.id == "run-out" }
        )
    }

    /// The final settlement counts what came by 31 December 2027, and its true-up is the difference between
    /// its nets and those of the provisional settlement made on its own.
    @Test func truesUpTheFinalSettlementAgainstTheProvisionalOne() async throws {
        let folder = try Self.fieldlab()
        defer { folder.remove() }
        let provisional = try await folder.settle(threads: 2, stage: .provisional, output: folder.path("provisional"))
        let final = try await folder.settle(threads: 2, stage: .final, output: folder.path("final")).settlement
        let runOut = try #require(final.runOut)
        #expect(runOut.cutOff.description == "2027-12-31" && runOut.completion.isEmpty)
        #expect(final.regimes.allSatisfy { $0.notYetReceived.isZero })
        let trueUp = try #require(runOut.trueUp)
        #expect(trueUp.provisionalCutOff.description == "2027-03-31")
        for line in trueUp.lines {
            #expect(line.provisional == provisional.settlement.parties.first { $0.party == line.party }?.net)
            #expect(line.final == final.parties.first { $0.party == line.party }?.net)
        }
        #expect(try trueUp.lines.map(\.change).sum() == .zero)
        // The back-test of each regime's estimate against what the final settlement counts beyond it.
        for check in trueUp.estimates {
            let before = try #require(provisional.settlement.regimes.first { $0.regime == check.regime })
            let after = try #require(final.regimes.first { $0.regime == check.regime })
            #expect(check.estimated == before.notYetReceived)
            #expect(check.countedSince == (try after.claims - before.claims))
        }
        // The final settlement counts more lines than the provisional one, and reads back from its JSON.
        #expect(final.reconciliation.accepted.lines > provisional.settlement.reconciliation.accepted.lines)
        let json = try Data(contentsOf: URL(fileURLWithPath: folder.path("final/settlement.json")))
        let document = try SettlementDocument(json: json)
        #expect(document.runOut == runOut)
        let report = try String(contentsOfFile: folder.path("final/report.md"), encoding: .utf8)
        #expect(report.contains("## Run-out") && report.contains("The true-up"))
        // The figures' CSV has each party's change, and the provisional one its estimate per regime.
        let figures = SettlementFigures.csv(document)
        for line in trueUp.lines {
            #expect(figures.contains("true-up \(line.party),change,,\(line.change.rawValue),"))
        }
        let provisionalJSON = try Data(contentsOf: URL(fileURLWithPath: folder.path("provisional/settlement.json")))
        let provisionalFigures = SettlementFigures.csv(try SettlementDocument(json: provisionalJSON))
        for regime in provisional.settlement.regimes {
            #expect(
                provisionalFigures.contains(
                    "regime \(regime.regime),not yet received,,\(regime.notYetReceived.rawValue),"
                )
            )
        }
    }

    /// The final settlement trues up against the provisional settlement as issued when it is given, listed
    /// among its inputs with its SHA-256, even when the inputs have changed since; one of another stage or
    /// cut-off is refused.
    @Test func truesUpAgainstTheProvisionalSettlementAsIssued() async throws {
        let folder = try Self.fieldlab()
        defer { folder.remove() }
        let issued = try await folder.settle(threads: 2, stage: .provisional, output: folder.path("provisional"))
        // After the provisional settlement, the financiers' answers are withdrawn: the Wlz's claims, and
        // with them the Wlz transfer to the municipality, change.
        try FileManager.default.removeItem(atPath: folder.path("claims/answers.csv"))
        let path = folder.path("provisional/settlement.json")
        let final = try await folder.settle(threads: 2, stage: .final, output: folder.path("final"), provisional: path)
            .settlement
        let trueUp = try #require(final.runOut?.trueUp)
        #expect(trueUp.provisionalFile?.path == path)
        for line in trueUp.lines {
            #expect(line.provisional == issued.settlement.parties.first { $0.party == line.party }?.net)
        }
        #expect(
            final.inputs.last?.role == "provisional settlement"
                && final.inputs.last?.sha256 == trueUp.provisionalFile?.sha256
        )
        // Made again from today's inputs, the provisional nets would differ from those issued.
        let again = try await folder.settle(threads: 2, stage: .final, output: folder.path("again")).settlement
        let recomputed = try #require(again.runOut?.trueUp)
        #expect(recomputed.provisionalFile == nil)
        #expect(recomputed.lines.map(\.provisional) != trueUp.lines.map(\.provisional))
        // A final settlement is no provisional one to true up against.
        let wrong = await #expect(throws: RunError.self) {
            try await folder.settle(
                threads: 2,
                stage: .final,
                output: folder.path("wrong"),
                provisional: folder.path("final/settlement.json")
            )
        }
        #expect(wrong?.code == .settlementRefused && wrong?.settlement == .trueUp)
        #expect(wrong.map { "\($0)" }?.contains("is not the provisional settlement of this final one") == true)
    }

    /// The same provisional settlement, byte for byte, with one thread or three.
    @Test func givesTheSameProvisionalSettlementWithAnyThreads() async throws {
        let folder = try Self.fieldlab()
        defer { folder.remove() }
        _ = try await folder.settle(threads: 1, stage: .provisional, output: folder.path("one"))
        _ = try await folder.settle(threads: 3, stage: .provisional, output: folder.path("three"))
        let one = try Data(contentsOf: URL(fileURLWithPath: folder.path("one/settlement.json")))
        let three = try Data(contentsOf: URL(fileURLWithPath: folder.path("three/settlement.json")))
        #expect(one == three)
    }

    /// A contract with a run-out is not settled without a stage, and a stage is not taken for a contract
    /// without one; a provisional settlement without baseline years cannot estimate and says so.
    @Test func refusesAStageThatDoesNotFitTheContract() async throws {
        let folder = try Self.fieldlab()
        defer { folder.remove() }
        let unstaged = await #expect(throws: RunError.self) { try await folder.settle(threads: 2) }
        #expect(unstaged?.settlement == .stageRequired)
        #expect(unstaged.map { "\($0)" }?.contains("give --stage provisional or --stage final") == true)
        try FileManager.default.removeItem(atPath: folder.path("baseline"))
        let alone = await #expect(throws: RunError.self) { try await folder.settle(threads: 2, stage: .provisional) }
        #expect(alone.map { "\($0)" }?.contains("the data of 2024 is missing") == true)
        let plain = try TemporaryFolder.copyOfExample("small-fieldlab")
        defer { plain.remove() }
        let once = await #expect(throws: RunError.self) { try await plain.settle(threads: 2, stage: .final) }
        #expect(once?.settlement == .contractTerms)
        #expect(once.map { "\($0)" }?.contains("settles once, on every claim line") == true)
    }
}

/// An evaluation of a contract with a run-out measures every year as its final settlement counts it, and
/// nets the effect against the final settlement.
struct RunOutEvaluationTests {
    @Test func nettsTheEffectAgainstTheFinalSettlement() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var fieldlab = SyntheticFieldlab(members: 400, seed: 5, year: 2026, baselineYears: 2)
        fieldlab.comparisonMembers = 400
        fieldlab.runOut = RunOut(months: 3, finalMonths: 12)
        _ = try fieldlab.write(to: folder.path)
        let result = try await EvaluationRun(folder: folder.path, threads: 2, seed: 1, resamples: 20).run().result
        let net = try #require(result.net)
        let final = try await folder.settle(threads: 2, stage: .final, output: folder.path("final")).settlement
        #expect(net.savings == final.totals.savings && net.payout == final.sharing.payout)
        for (index, regime) in final.regimes.enumerated() {
            let step = try #require(result.estimate.steps.first { $0.id == "evaluation.\(regime.regime)" })
            #expect(
                step.inputs.first { $0.name == "cost.fieldlab.2026" }?.value
                    == .cents(try regime.claims - regime.truncated)
            )
            #expect(net.financiers[index].party == regime.financier)
        }
        // The final settlement left out lines received after its cut-off, and so did the evaluation.
        #expect(try #require(final.runOut).receivedAfterCutOff.lines > 0)
    }
}
