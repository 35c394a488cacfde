import CapitationCore
import SettlementReports
import SettlementRunner

/// The few lines `settle` prints on standard error.
enum SettlementSummary {
    /// What is printed even with `--quiet`: the findings accepted as incomplete and the warnings, except
    /// the contract's, which are printed as the contract's diagnostics.
    static func notices(_ outcome: SettlementRun.Outcome) -> [String] {
        let document = outcome.document
        return acceptanceNotice(document.acceptance)
            + document.warnings.dropFirst(outcome.contractWarnings.count).map { "warning: \($0)" }
    }

    /// The lines that say a settlement was made on claims accepted as incomplete; none when it was not.
    static func acceptanceNotice(_ acceptance: InputAcceptance?) -> [String] {
        guard let acceptance else { return [] }
        return ["warning: settled on claims accepted as incomplete, because: \(acceptance.reason)"]
            + acceptance.findings.flatMap(\.lines).map { "  " + $0 }
    }

    /// The summary of a settlement, in the language of `locale`, from its document as `settlement.json`
    /// records it, then what must be said even with `--quiet`, and the files written.
    static func text(_ outcome: SettlementRun.Outcome, locale: ReportLocale = .standard) -> String {
        var lines = SettlementSummaryText.lines(outcome.document, locale: locale)
        lines += notices(outcome)
        lines.append((locale == .dutch ? "Geschreven: " : "Wrote ") + outcome.outputs.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
