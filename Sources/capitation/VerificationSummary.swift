import CapitationCore
import SettlementRunner
import SettlementVerification

/// What `capitation verify` prints: the verdict, what was checked, and each discrepancy.
enum VerificationSummary {
    static func text(_ outcome: VerificationRun.Outcome, path: String) -> String {
        let report = outcome.report
        let discrepancies = outcome.discrepancies
        var lines: [String] = []
        if discrepancies.isEmpty {
            lines.append("Verified \(path): \(outcome.subject)")
        } else {
            let count = discrepancies.count
            lines.append(
                "\(path) does not verify: \(count) discrepanc" + (count == 1 ? "y" : "ies") + " (\(outcome.subject))"
            )
        }
        let wrong = report.discrepancies.count
        lines.append(
            "  recomputed     \(report.stepsRecomputed.count) steps, \(report.checks) figures: "
                + (wrong == 0 ? "each as recorded" : "\(wrong) not as recorded")
        )
        if !outcome.inputs.isEmpty {
            let changed = outcome.inputs.filter { $0.status != .matches }.count
            lines.append(
                "  inputs         \(outcome.inputs.count) files: "
                    + (changed == 0 ? "each with its recorded SHA-256" : "\(changed) missing or changed")
            )
        }
        switch outcome.settledAgain {
        case .identical?:
            lines.append("  settled again  the same settlement.json, byte for byte")
        case .identicalButVersion(let recorded, let now)?:
            lines.append(
                "  settled again  the same settlement.json, byte for byte, but for the program's version: "
                    + "\(recorded) recorded, \(now) now"
            )
        case .refused?:
            lines.append("  settled again  refused (below)")
        case .differs(let differences)?:
            lines.append(
                "  settled again  a different settlement.json: "
                    + "\(differences.count)\(differences.count == VerificationRun.maximumDifferences ? " or more" : "") "
                    + (differences.count == 1 ? "figure differs" : "figures differ")
            )
        case nil where !outcome.inputs.isEmpty:
            lines.append("  settled again  not tried: an input is missing")
        case nil:
            let steps = report.notRecomputable.filter { $0.reason != SettlementVerifier.unknownStep }.map(\.step)
            lines.append(
                "  not shown      \(steps.joined(separator: ", ")): these follow from the members, the claims or "
                    + "the contract; --inputs FOLDER settles again from the files and compares"
            )
        }
        let unknown = report.notRecomputable.filter { $0.reason == SettlementVerifier.unknownStep }.map(\.step)
        if !unknown.isEmpty {
            lines.append("  not known      \(unknown.joined(separator: ", ")): steps of a later version, not checked")
        }
        for file in outcome.unrecorded {
            lines.append("  note           \(file) is in the folder but not among the settlement's inputs")
        }
        for discrepancy in discrepancies {
            // An input is found, not recomputed.
            let verb = discrepancy.step == "inputs" ? "found" : "recomputed"
            lines.append(
                "  \(discrepancy.step): \(discrepancy.field): recorded \(euros(discrepancy.recorded, discrepancy.field)), "
                    + "\(verb) \(euros(discrepancy.recomputed, discrepancy.field))"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// An amount of a field in cents with its euros: `5636259 (€ 56,362.59)`.
    private static func euros(_ value: String, _ field: String) -> String {
        guard field.contains("Cents"), let cents = Int64(value) else { return value }
        return "\(value) (\(Cents(cents).formattedEuros))"
    }
}
