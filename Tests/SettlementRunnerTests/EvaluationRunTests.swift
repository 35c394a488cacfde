import CapitationCore
import Foundation
import SettlementReports
import SettlementRunner
import SyntheticData
import Testing

/// `EvaluationRun` measures a folder and its comparison population in every year and estimates the effect.
struct EvaluationRunTests {
    // A generated fieldlab of 300 people with two baseline years, and as its comparison population an
    // exact copy of itself (roster, claims, baseline years). The contract's area is taken out, which the
    // comparison's contract drops: the roster holds people outside it, whom only the comparison would
    // count. (Every generated claim is paid by its regime's financier, so the payer check, which the
    // comparison drops too, changes nothing.)
    private func folderComparedWithItself() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try SyntheticFieldlab(members: 300, seed: 4, year: 2026, baselineYears: 2).write(to: folder.path)
        let contract = try String(contentsOfFile: folder.path("contract.xml"), encoding: .utf8)
        let withoutArea = contract.replacingOccurrences(
            of: #"\s*<area>\s*<postcodes from="\d+" to="\d+"/>\s*</area>"#,
            with: "",
            options: .regularExpression
        )
        #expect(withoutArea != contract)
        try folder.write("contract.xml", withoutArea)
        let manager = FileManager.default
        try manager.createDirectory(atPath: folder.path("comparison"), withIntermediateDirectories: true)
        for name in ["population.csv", "claims", "baseline"] {
            try manager.copyItem(atPath: folder.path(name), toPath: folder.path("comparison/" + name))
        }
        // Other people with the same figures: member ids P000123 become Q000123, in rosters and claims.
        let files = try #require(manager.enumerator(atPath: folder.path("comparison"))).compactMap { $0 as? String }
        for file in files where file.hasSuffix(".csv") {
            let path = folder.path("comparison/" + file)
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: #"P(\d{6})"#, with: "Q$1", options: .regularExpression)
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    // Against a copy of itself every population figure is the same, so the counterfactual is the fieldlab's
    // own cost and the effect is zero in every regime and in total, exactly. The bootstrap draws the two
    // populations independently, so its interval has a width, around zero; the same seed gives the same
    // intervals on one thread and on three.
    @Test func findsNoEffectAgainstItself() async throws {
        let folder = try folderComparedWithItself()
        defer { folder.remove() }
        let outcome = try await EvaluationRun(folder: folder.path, threads: 1, seed: 3, resamples: 60).run().result
        #expect(outcome.baselineYears == [2024, 2025] && outcome.performanceYear == 2026)
        #expect(outcome.fieldlabMembers == outcome.comparisonMembers)
        #expect(outcome.estimate.rows.count == outcome.contract.regimes.count + 1)
        for row in outcome.estimate.rows {
            #expect(row.effect == .zero, "\(row.regime?.rawValue ?? "total")")
            #expect(row.fieldlabBefore == row.comparisonBefore && row.fieldlabAfter == row.comparisonAfter)
            #expect(row.counterfactual == row.fieldlabAfter)
            #expect(row.fieldlabAfter > .zero)
        }
        let level = try Fraction(95) / Fraction(100)
        let total = outcome.estimate.rows.count - 1
        let interval = try #require(outcome.intervals.effect(row: total, level: level))
        #expect(interval.contains(.zero) && interval.lowerBound < interval.upperBound)
        #expect(outcome.intervals.resamples == 60 && outcome.intervals.missing == 0)

        // No effect, so no gross effect: the net effect for the financiers is what the settlement made them
        // pay, and the whole of the settlement's savings moved everywhere.
        let net = try #require(outcome.net)
        #expect(net.grossEffect == .zero && net.financiers.allSatisfy { $0.grossEffect == .zero })
        #expect(net.netEffect == (try net.financiers.map(\.paid).sum()))
        #expect(net.savingsBeyondEffect == net.savings)

        // Two baseline years: the placebo between them finds nothing either.
        let placebo = try #require(outcome.placebo)
        #expect(placebo.beforeYears == [2024] && placebo.afterYear == 2025)
        #expect(placebo.estimate.rows.allSatisfy { $0.effect == .zero })

        let threaded = try await EvaluationRun(folder: folder.path, threads: 3, seed: 3, resamples: 60).run().result
        #expect(threaded.intervals.effects == outcome.intervals.effects)
        #expect(threaded.intervals.shares == outcome.intervals.shares)
        #expect(threaded.intervals.grossByResample == outcome.intervals.grossByResample)
        #expect(threaded.placebo?.intervals.effects == placebo.intervals.effects)
    }

    // Without its indicators the performance year cannot be settled; the effect is estimated all the same,
    // and the missing net effect is said, with the settlement's reason.
    @Test func estimatesTheEffectWithoutASettlementAndSaysWhy() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var fieldlab = SyntheticFieldlab(members: 200, seed: 6, year: 2026, baselineYears: 1)
        fieldlab.comparisonMembers = 200
        _ = try fieldlab.write(to: folder.path)
        let manager = FileManager.default
        for name in try manager.contentsOfDirectory(atPath: folder.path) where name.hasPrefix("indicators") {
            try manager.removeItem(atPath: folder.path(name))
        }
        let result = try await EvaluationRun(folder: folder.path, threads: 1, resamples: 5).run().result
        #expect(result.net == nil)
        let reason = try #require(result.netUnavailable)
        #expect(reason.contains("indicator"))
        #expect(result.estimate.rows.count == 4)
        // Without a settlement, the fieldlab's performance year says itself what it found.
        #expect(result.warnings.contains { $0.description.hasPrefix("fieldlab, 2026: ") })
        let markdown = EvaluationReport.markdown(result, levels: [try ExactDecimal(parsing: "0.95")])
        #expect(
            markdown.contains("The net effect for the financiers is not given: the performance year cannot be settled")
        )
    }

    // The fieldlab compared with itself, the same ids on both rosters: everyone is on both sides of the
    // difference, which is refused, saying how many but not who.
    @Test func refusesPeopleInBothPopulations() async throws {
        let folder = try folderComparedWithItself()
        defer { folder.remove() }
        let roster = try String(contentsOfFile: folder.path("population.csv"), encoding: .utf8)
        let comparisonRoster = folder.path("comparison/population.csv")
        let rows = try String(contentsOfFile: comparisonRoster, encoding: .utf8).split(separator: "\n")
        // Two of the fieldlab's people on the comparison's roster of 2026 as well.
        let fieldlabRows = roster.split(separator: "\n").dropFirst().prefix(2)
        try (rows + fieldlabRows).joined(separator: "\n").appending("\n")
            .write(toFile: comparisonRoster, atomically: true, encoding: .utf8)
        await #expect {
            _ = try await EvaluationRun(folder: folder.path, threads: 1, resamples: 5).run()
        } throws: { error in
            let message = "\(error)"
            return message.contains(
                "2 people are in the fieldlab's population and in the comparison population in 2026"
            )
                && !message.contains("P000000")
        }
    }

    // A fieldlab of 400 people with a true effect of −10 % against a comparison population of 400 others:
    // the net effect comes from the settlement `capitation settle` makes of the same folder, figure for
    // figure, and the evaluation measures the fieldlab's performance year as that settlement counts it.
    @Test func nettsTheSettlementOfTheSameFolder() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        var fieldlab = SyntheticFieldlab(members: 400, seed: 5, year: 2026, baselineYears: 2)
        fieldlab.comparisonMembers = 400
        fieldlab.trueEffectHundredthsPercent = -1_000
        _ = try fieldlab.write(to: folder.path)
        let result = try await EvaluationRun(folder: folder.path, threads: 2, seed: 1, resamples: 20).run().result
        let net = try #require(result.net)
        let paths = try SettlementPaths.resolve(
            folder: folder.path,
            contract: nil,
            population: nil,
            claims: [],
            indicators: [],
            output: nil
        )
        let settlement = try await SettlementRun(paths: paths, threads: 1).settle(chance: nil).settlement
        #expect(net.savings == settlement.totals.savings && net.savingsRate == settlement.totals.savingsRate)
        #expect(net.payout == settlement.sharing.payout && net.lossPayment == settlement.sharing.lossPayment)
        for financier in net.financiers {
            let position = try #require(settlement.parties.first { $0.party == financier.party })
            #expect(financier.paid == (try position.pays - position.receives))
            #expect(financier.netEffect == (try financier.grossEffect + financier.paid))
        }
        #expect(net.financiers.map(\.party) == settlement.regimes.map(\.financier))
        for (index, regime) in settlement.regimes.enumerated() {
            let step = try #require(result.estimate.steps.first { $0.id == "evaluation.\(regime.regime)" })
            let cost = step.inputs.first { $0.name == "cost.fieldlab.2026" }?.value
            #expect(cost == .cents(try regime.claims - regime.truncated))
            #expect(net.financiers[index].grossEffect == result.estimate.rows[index].grossEffect)
        }
        #expect(result.estimate.total?.grossEffect == (try result.estimate.rows.dropLast().map(\.grossEffect).sum()))
        // The generator writes a few unreadable lines into every year's claims: each year of each population
        // says so, the fieldlab's performance year through its settlement.
        #expect(result.warnings.contains { $0.description.hasPrefix("comparison, 2026: ") })
        #expect(result.warnings.contains { $0.description.hasPrefix("fieldlab, 2024: ") })
        #expect(!result.warnings.contains { $0.description.hasPrefix("fieldlab, 2026: ") })
        // In the Dutch report each is said in Dutch, with its population and year.
        let dutch = EvaluationReport.warnings(result, locale: .dutch)
        #expect(dutch.contains { $0.hasPrefix("vergelijkingsgroep, 2026: ") && $0.contains("declaratieregels") })
        #expect(
            dutch.contains { warning in
                warning.hasPrefix("fieldlab, 2026, afrekening: ")
                    && ["kan niet worden gelezen", "kunnen niet worden gelezen"].contains { warning.contains($0) }
            }
        )
        #expect(net.warnings.contains { if case .unreadableLines = $0.kind { true } else { false } })
        let beyond = try net.savings + net.grossEffect
        #expect(net.grossEffect < .zero && net.savingsBeyondEffect == beyond)

        // Measures of another cost of the same year would mix in the net effect: refused.
        var costs: [Cents] = []
        for regime in settlement.regimes { costs.append(try regime.claims - regime.truncated) }
        let measured = EvaluationPopulation(
            personCount: 1,
            baseline: [],
            performance: EvaluationYear(
                year: 2026,
                daysInPeriod: 365,
                records: [EvaluationRecord(person: 0, costs: costs, riskWeightedDays: costs.map { _ in 365 })]
            )
        )
        try EvaluationRun.checkCosts(of: measured, against: settlement)
        var other = settlement
        other.regimes[0].truncated = try other.regimes[0].truncated + Cents(1)
        let mixed = #expect(throws: RunError.self) {
            try EvaluationRun.checkCosts(of: measured, against: other)
        }
        #expect(mixed?.code == .refused)
    }

    @Test func saysWhatIsMissing() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try SyntheticFieldlab(members: 100, seed: 4, year: 2026, baselineYears: 1).write(to: folder.path)
        let noComparison = await #expect(throws: RunError.self) {
            _ = try await EvaluationRun(folder: folder.path, threads: 1, resamples: 10).run()
        }
        #expect(noComparison?.code == .invalidInput)
        #expect(noComparison?.location == SourceLocation(path: folder.path("comparison")))
        try FileManager.default.createDirectory(atPath: folder.path("comparison"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(
            atPath: folder.path("population.csv"),
            toPath: folder.path("comparison/population.csv")
        )
        try FileManager.default.copyItem(atPath: folder.path("claims"), toPath: folder.path("comparison/claims"))
        let noBaseline = await #expect(throws: RunError.self) {
            _ = try await EvaluationRun(folder: folder.path, threads: 1, resamples: 10).run()
        }
        #expect(noBaseline?.code == .invalidInput)
        #expect(noBaseline?.location == SourceLocation(path: folder.path("comparison/baseline/2025")))
        // A year without the claims of a regime reads as incomplete, and an evaluation refuses it.
        try FileManager.default.copyItem(atPath: folder.path("baseline"), toPath: folder.path("comparison/baseline"))
        for name in ["wmo.csv", "answers.csv"] {
            try FileManager.default.removeItem(atPath: folder.path("comparison/claims/" + name))
        }
        let incomplete = await #expect(throws: RunError.self) {
            _ = try await EvaluationRun(folder: folder.path, threads: 1, resamples: 10).run()
        }
        #expect(incomplete?.code == .incompleteClaims)
        #expect(incomplete?.isRefusal == true)
        #expect(incomplete?.message.contains("comparison/population.csv") == true)
    }
}
