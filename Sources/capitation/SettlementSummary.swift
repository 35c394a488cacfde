import CapitationCore
import SettlementReports
import SettlementRunner

/// The few lines `settle` prints on standard error.
enum SettlementSummary {
    /// What is printed even with `--quiet`, in the language of `locale`: the findings accepted as
    /// incomplete and the warnings, except the contract's, which are printed as the contract's diagnostics.
    static func notices(_ outcome: SettlementRun.Outcome, locale: ReportLocale = .standard) -> [String] {
        let document = outcome.document
        let label = locale.pick("warning: ", "waarschuwing: ")
        return acceptanceNotice(document.acceptance, locale: locale)
            + document.warnings.filter { !isContract($0) }.map { label + WarningText.warning($0, locale) }
    }

    /// The contract's warnings as `settle` prints them: as diagnostics, `contract.xml:12:5: warning: …`.
    static func contractWarnings(_ outcome: SettlementRun.Outcome, locale: ReportLocale = .standard) -> [String] {
        guard locale == .dutch else { return outcome.contractWarnings.map(\.description) }
        return outcome.document.warnings.compactMap { recorded in
            guard case .data(let warning) = recorded, case .contract = warning.kind else { return nil }
            var dutch = warning
            dutch.location = nil
            return (warning.location.map { "\($0): " } ?? "") + "waarschuwing: " + WarningText.warning(dutch, locale)
        }
    }

    /// Whether a recorded warning is about the contract: those are printed as the contract's diagnostics.
    private static func isContract(_ recorded: SettlementDocument.Recorded<SettlementWarning>) -> Bool {
        if case .data(let warning) = recorded, case .contract = warning.kind { true } else { false }
    }

    /// The lines that say a settlement was made on claims accepted as incomplete; none when it was not.
    static func acceptanceNotice(
        _ acceptance: SettlementDocument.Acceptance?,
        locale: ReportLocale = .standard
    ) -> [String] {
        guard let acceptance else { return [] }
        return [
            locale.pick(
                "warning: settled on claims accepted as incomplete, because: ",
                "waarschuwing: afgerekend op declaraties die als onvolledig zijn aanvaard, omdat: "
            ) + acceptance.reason
        ] + acceptance.findings.flatMap { WarningText.finding($0, locale) }.map { "  " + $0 }
    }

    /// The lines that say a settlement was made on claims accepted as incomplete, in English; none when it
    /// was not.
    static func acceptanceNotice(_ acceptance: InputAcceptance?) -> [String] {
        guard let acceptance else { return [] }
        return ["warning: settled on claims accepted as incomplete, because: \(acceptance.reason)"]
            + acceptance.findings.flatMap(\.lines).map { "  " + $0 }
    }

    /// The summary of a settlement, in the language of `locale`, from its document as `settlement.json`
    /// records it, then what must be said even with `--quiet`, and the files written.
    static func text(_ outcome: SettlementRun.Outcome, locale: ReportLocale = .standard) -> String {
        var lines = SettlementSummaryText.lines(outcome.document, locale: locale)
        lines += notices(outcome, locale: locale)
        lines.append((locale == .dutch ? "Geschreven: " : "Wrote ") + outcome.outputs.joined(separator: ", "))
        return lines.joined(separator: "\n")
    }
}
