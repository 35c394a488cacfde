import CapitationCore
import SettlementRunner

/// The few lines `settle` prints on standard error.
enum SettlementSummary {
    /// What is printed even with `--quiet`: the findings accepted as incomplete and the warnings, except
    /// the contract's, which are printed as the contract's diagnostics.
    static func notices(_ outcome: SettlementRun.Outcome) -> [String] {
        let settlement = outcome.settlement
        return acceptanceNotice(settlement.acceptance)
            + settlement.warnings.dropFirst(outcome.contractWarnings.count).map { "warning: \($0)" }
    }

    /// The lines that say a settlement was made on claims accepted as incomplete; none when it was not.
    static func acceptanceNotice(_ acceptance: InputAcceptance?) -> [String] {
        guard let acceptance else { return [] }
        return ["warning: settled on claims accepted as incomplete, because: \(acceptance.reason)"]
            + acceptance.findings.flatMap(\.lines).map { "  " + $0 }
    }

    static func text(_ outcome: SettlementRun.Outcome) -> String {
        let settlement = outcome.settlement
        let contract = settlement.contract
        let totals = settlement.totals
        let reconciliation = settlement.reconciliation
        let rejectedLines = reconciliation.rejected.reduce(0) { $0 + $1.total.lines }
        var lines = [
            "Settled \(contract.id) version \(contract.version) (\(contract.period)), \(contract.model)"
                + (contract.sides.map { ", \($0)-sided" } ?? ""),
            "  population  \(settlement.population.members) members, \(settlement.population.personYears) person-years",
            "  claims      \(reconciliation.read.lines) lines: \(reconciliation.accepted.lines) accepted (\(reconciliation.accepted.amount.formattedEuros)), "
                + "\(rejectedLines) rejected",
            "  budget      \(totals.budget.formattedEuros); expenditure \(totals.expenditure.formattedEuros); savings \(totals.savings.formattedEuros)"
                + (totals.savingsRate.map { " (\(percent($0)) of the budget)" } ?? ""),
        ]
        if let runOut = settlement.runOut {
            let late = runOut.receivedAfterCutOff
            var line =
                "  run-out     \(runOut.stage.rawValue): lines received by \(runOut.cutOff); \(late.lines) received later "
                + "(\(late.amount.formattedEuros)), not counted"
            if runOut.stage == .provisional {
                line += "; \(runOut.estimate.formattedEuros) estimated not yet received"
            }
            if let trueUp = runOut.trueUp {
                line +=
                    "; true-up: "
                    + trueUp.lines.map { "\($0.party) \($0.change.formattedEuros)" }.joined(separator: ", ")
            }
            lines.insert(line, at: 3)
        }
        if let msr = settlement.minimumSavingsRate {
            lines.append("  minimum     \(msr.rate) (\(msr.mode)): \(msr.met ? "met" : "not met")")
        }
        if let quality = settlement.quality {
            let unobserved = quality.unobserved.map { result in
                "\(result.indicator.id) (" + (result.inScore ? "zero points" : "left out") + ")"
            }
            let declared = quality.indicators.filter { $0.observations == .declaredNoEvents }.map(\.indicator.id)
            lines.append(
                "  quality     score \(quality.score): gate \(quality.gatePassed ? "passed" : "failed")"
                    + (unobserved.isEmpty ? "" : "; no observations: " + unobserved.joined(separator: ", "))
                    + (declared.isEmpty
                        ? "" : "; declared without events: " + declared.map(\.rawValue).joined(separator: ", "))
            )
        }
        if let chance = settlement.chance {
            lines.append(
                "  chance      a result this far from zero by chance alone: \(chance.resultByChance.decimal)"
                    + (chance.payout.map { "; a payout by chance: \($0.byChance.decimal)" } ?? "")
                    + " (\(chance.resamples) resamples, seed \(chance.seed))"
            )
        }
        if let document = try? SettlementDocument(SettlementJSON.render(settlement)) {
            lines.append("  result      \(SharingSentence.text(document, .standard))")
        }
        for financier in settlement.paymentSchedule?.financiers ?? [] {
            lines.append(
                "  schedule    \(financier.financier) paid \(financier.prospective.formattedEuros) ahead in "
                    + "\(financier.months.count) months; year end: "
                    + (financier.reconciliation.isNegative
                        ? "the providers repay \(financier.reconciliation.formattedEurosMagnitude)"
                        : "it pays \(financier.reconciliation.formattedEuros)")
            )
        }
        let nets = settlement.parties.map { "\($0.party) \($0.net.formattedEuros)" }
        lines.append("  net         " + nets.joined(separator: ", "))
        lines += notices(outcome)
        lines.append("Wrote " + outcome.outputs.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }

    private static func percent(_ rate: ExactDecimal) -> String { "\((try? rate * ExactDecimal(100)) ?? rate) %" }
}
